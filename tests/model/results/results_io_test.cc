#include "model/results/results_io.h"

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

namespace fccsim::model {
namespace {

namespace fs = std::filesystem;

// A fresh, empty folder per test, removed afterwards.
class ResultsIo : public testing::Test {
 protected:
  void SetUp() override {
    const testing::TestInfo* info = testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::path(testing::TempDir()) /
           ("results_io_test-" + std::to_string(::getpid()) + "-" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string PathIn(const std::string& name) const { return (dir_ / name).string(); }

  // Every entry of the test folder, by file name.
  std::set<std::string> Listing() const {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_)) {
      names.insert(entry.path().filename().string());
    }
    return names;
  }

  fs::path dir_;
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void WriteRaw(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

void Set(fccsim::Estimate* estimate, double mean) { estimate->set_mean(mean); }
void Set(fccsim::Estimate* estimate, double mean, double ci95) {
  estimate->set_mean(mean);
  estimate->set_ci95_half_width(ci95);
}

// Uses every message of results.proto, with confidence intervals both present and absent.
fccsim::RunResult PopulatedResult() {
  fccsim::RunResult result;
  result.set_software_version("0.1.0");
  result.set_scenario_path("scenarios/tiny.textproto");
  fccsim::Scenario* scenario = result.mutable_scenario();
  scenario->set_name("tiny");
  scenario->mutable_horizon()->set_days(1);
  scenario->mutable_horizon()->set_interval_minutes(60);
  fccsim::Channel* scenario_channel = scenario->add_channels();
  scenario_channel->set_name("999");
  scenario_channel->mutable_talk()->mutable_exponential()->set_mean_s(240);
  scenario_channel->mutable_target()->set_answer_within_s(10);
  scenario_channel->mutable_target()->set_fraction(0.9);
  scenario->add_groups()->set_name("call handlers");
  result.set_seed(0xfeedface12345678ULL);
  result.set_replications(5);
  result.set_interval_minutes(60);
  result.set_days(1);
  result.set_start_weekday(fccsim::TUESDAY);

  fccsim::ChannelResult* channel = result.add_channels();
  channel->set_name("999");
  fccsim::ChannelSummary* s = channel->mutable_summary();
  Set(s->mutable_offered(), 120.4, 3.25);
  Set(s->mutable_answered(), 117.0, 3.0);
  Set(s->mutable_abandoned(), 2.2);
  Set(s->mutable_short_abandoned(), 0.6, 0.1);
  Set(s->mutable_in_service_at_end(), 0.4);
  Set(s->mutable_waiting_at_end(), 0.2);
  Set(s->mutable_abandoned_fraction(), 2.8 / 120.4, 0.004);
  Set(s->mutable_service_level(), 0.912, 0.013);
  for (double threshold : {10.0, 20.0, 60.0, 180.0, 300.0}) {
    fccsim::ServiceLevelAt* at = s->add_service_levels();
    at->set_threshold_s(threshold);
    Set(at->mutable_fraction(), 1 - 1 / threshold, 0.01);
  }
  Set(s->mutable_average_answer_s(), 4.125, 0.5);
  Set(s->mutable_wait_p50_s(), 0);
  Set(s->mutable_wait_p90_s(), 8.5);
  Set(s->mutable_wait_p95_s(), 14.75);
  Set(s->mutable_wait_max_s(), 97.0);
  Set(s->mutable_answered_under_10s(), 0.912);
  Set(s->mutable_answered_10_to_60s(), 0.08);
  Set(s->mutable_answered_60s_or_more(), 0.008);
  Set(s->mutable_intervals_meeting_target(), 0.75, 0.1);
  s->set_target_answer_within_s(10);
  s->set_target_fraction(0.9);
  s->set_target_max_average_answer_s(0);
  s->set_target_met(true);
  for (std::uint32_t i = 0; i < 2; ++i) {
    fccsim::ChannelInterval* interval = channel->add_intervals();
    interval->set_index(i);
    interval->set_day(0);
    interval->set_weekday(fccsim::TUESDAY);
    interval->set_start(i == 0 ? "00:00" : "01:00");
    Set(interval->mutable_offered(), 60.2 + i);
    Set(interval->mutable_answered(), 58.5 + i);
    Set(interval->mutable_abandoned(), 1.4);
    if (i == 0) {
      Set(interval->mutable_service_level(), 1.0 / 3, 0.05);
    } else {
      Set(interval->mutable_service_level(), 0.95);
    }
    Set(interval->mutable_average_answer_s(), 3.5);
    Set(interval->mutable_mean_queue_length(), 0.125);
  }

  fccsim::GroupResult* group = result.add_groups();
  group->set_name("call handlers");
  Set(group->mutable_occupancy(), 0.85, 0.02);
  Set(group->mutable_mean_handlers_online(), 12);
  for (std::uint32_t i = 0; i < 2; ++i) {
    fccsim::GroupInterval* interval = group->add_intervals();
    interval->set_index(i);
    if (i == 0) {
      Set(interval->mutable_occupancy(), 0.8, 0.03);
    } else {
      Set(interval->mutable_occupancy(), 0.9);
    }
    Set(interval->mutable_handlers_online(), 12);
  }
  return result;
}

TEST_F(ResultsIo, RoundTripKeepsEveryFieldAndSetsTheCompleteMarker) {
  const fccsim::RunResult written = PopulatedResult();
  const std::string path = PathIn("run.pb");
  std::string error;
  ASSERT_TRUE(WriteResults(written, path, &error)) << error;

  fccsim::RunResult read;
  ASSERT_TRUE(ReadResults(path, &read, &error)) << error;
  EXPECT_EQ(read.complete(), kResultsCompleteMarker);
  fccsim::RunResult expected = written;
  expected.set_complete(kResultsCompleteMarker);
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(expected, read))
      << "expected:\n" << expected.DebugString() << "read:\n" << read.DebugString();
  // Presence of the optional interval survives, both ways.
  EXPECT_TRUE(read.channels(0).summary().offered().has_ci95_half_width());
  EXPECT_FALSE(read.channels(0).summary().abandoned().has_ci95_half_width());
  EXPECT_EQ(Listing(), std::set<std::string>{"run.pb"}) << "temporary file left behind";
}

TEST_F(ResultsIo, SameResultGivesTheSameBytes) {
  std::string error;
  ASSERT_TRUE(WriteResults(PopulatedResult(), PathIn("a.pb"), &error)) << error;
  ASSERT_TRUE(WriteResults(PopulatedResult(), PathIn("b.pb"), &error)) << error;
  EXPECT_EQ(ReadFile(PathIn("a.pb")), ReadFile(PathIn("b.pb")));
}

TEST_F(ResultsIo, EveryTruncationIsRefused) {
  const std::string path = PathIn("run.pb");
  std::string error;
  ASSERT_TRUE(WriteResults(PopulatedResult(), path, &error)) << error;
  const std::string whole = ReadFile(path);
  ASSERT_GT(whole.size(), 500u);

  const std::string cut_path = PathIn("cut.pb");
  for (std::size_t length = 0; length < whole.size(); ++length) {
    WriteRaw(cut_path, whole.substr(0, length));
    fccsim::RunResult read;
    read.set_software_version("untouched");
    EXPECT_FALSE(ReadResults(cut_path, &read, &error)) << "accepted a file cut to " << length
                                                        << " of " << whole.size() << " bytes";
    EXPECT_NE(error.find(cut_path), std::string::npos) << error;
    EXPECT_EQ(read.software_version(), "untouched") << "output changed on failure";
  }
  WriteRaw(cut_path, whole);
  fccsim::RunResult read;
  EXPECT_TRUE(ReadResults(cut_path, &read, &error)) << error;
}

TEST_F(ResultsIo, RefusalsSayWhy) {
  fccsim::RunResult read;
  std::string error;

  const std::string missing = PathIn("missing.pb");
  EXPECT_FALSE(ReadResults(missing, &read, &error));
  EXPECT_EQ(error, missing + ": cannot open: No such file or directory");

  const std::string empty = PathIn("empty.pb");
  WriteRaw(empty, "");
  EXPECT_FALSE(ReadResults(empty, &read, &error));
  EXPECT_EQ(error, empty + ": empty file");

  // 0xff is field 31 with the invalid wire type 7: no protobuf message parses from it.
  const std::string garbage = PathIn("garbage.pb");
  WriteRaw(garbage, "\xff\xff\xff\xff not protobuf");
  EXPECT_FALSE(ReadResults(garbage, &read, &error));
  EXPECT_EQ(error, garbage + ": not a results file or truncated");

  // A well-formed RunResult written without the marker, as by a writer that died mid-way.
  const std::string incomplete = PathIn("incomplete.pb");
  WriteRaw(incomplete, PopulatedResult().SerializeAsString());
  EXPECT_FALSE(ReadResults(incomplete, &read, &error));
  EXPECT_EQ(error, incomplete + ": incomplete or truncated results file");

  const std::string wrong_marker = PathIn("wrong_marker.pb");
  fccsim::RunResult wrong = PopulatedResult();
  wrong.set_complete("fccsim results complete?");
  WriteRaw(wrong_marker, wrong.SerializeAsString());
  EXPECT_FALSE(ReadResults(wrong_marker, &read, &error));
  EXPECT_EQ(error, wrong_marker + ": incomplete or truncated results file");

  EXPECT_FALSE(ReadResults(dir_.string(), &read, &error)) << "read a folder";
  EXPECT_NE(error.find(dir_.string()), std::string::npos) << error;
}

TEST_F(ResultsIo, WriteIntoMissingFolderFailsAndLeavesNothing) {
  const std::string path = PathIn("no/such/folder/run.pb");
  std::string error;
  EXPECT_FALSE(WriteResults(PopulatedResult(), path, &error));
  EXPECT_NE(error.find(path), std::string::npos) << error;
  EXPECT_NE(error.find("No such file or directory"), std::string::npos) << error;
  EXPECT_TRUE(Listing().empty());
}

TEST_F(ResultsIo, ExistingFileIsReplacedWhole) {
  const std::string path = PathIn("run.pb");
  WriteRaw(path, std::string(100000, 'x'));
  std::string error;
  ASSERT_TRUE(WriteResults(PopulatedResult(), path, &error)) << error;
  fccsim::RunResult expected = PopulatedResult();
  expected.set_complete(kResultsCompleteMarker);
  EXPECT_EQ(ReadFile(path).size(), expected.ByteSizeLong());
  fccsim::RunResult read;
  EXPECT_TRUE(ReadResults(path, &read, &error)) << error;
  EXPECT_EQ(Listing(), std::set<std::string>{"run.pb"});
}

TEST_F(ResultsIo, FailedRenameLeavesTargetAndNoTemporary) {
  // A non-empty folder where the file should go: the temporary file is written, the rename
  // over the folder fails, and everything must be as before.
  const std::string path = PathIn("occupied");
  fs::create_directories(path);
  WriteRaw(PathIn("occupied/keep.txt"), "kept");
  std::string error;
  EXPECT_FALSE(WriteFileAtomically(path, "new contents", &error));
  EXPECT_NE(error.find(path), std::string::npos) << error;
  EXPECT_EQ(Listing(), std::set<std::string>{"occupied"});
  EXPECT_EQ(ReadFile(PathIn("occupied/keep.txt")), "kept");
}

TEST_F(ResultsIo, WriteFileAtomicallyWritesExactBytes) {
  std::string contents = "line 1\n";
  contents += std::string("\0binary\xff", 8);
  contents += std::string(1 << 20, 'z');  // larger than one write() may take
  const std::string path = PathIn("blob");
  std::string error;
  ASSERT_TRUE(WriteFileAtomically(path, contents, &error)) << error;
  EXPECT_EQ(ReadFile(path), contents);
  ASSERT_TRUE(WriteFileAtomically(path, "", &error)) << error;
  EXPECT_EQ(ReadFile(path), "");
  EXPECT_EQ(Listing(), std::set<std::string>{"blob"});
}

TEST_F(ResultsIo, CsvsHaveHeadersAndOneRowPerItem) {
  const std::string out = PathIn("csv/nested");
  std::string error;
  ASSERT_TRUE(WriteResultCsvs(PopulatedResult(), out, &error)) << error;

  const std::vector<std::string> summary = Lines(ReadFile(out + "/channel_summary.csv"));
  ASSERT_EQ(summary.size(), 2u);
  EXPECT_EQ(summary[0],
            "channel,offered,offered_ci95,answered,abandoned,short_abandoned,in_service_at_end,"
            "waiting_at_end,abandoned_fraction,service_level,service_level_ci95,"
            "target_answer_within_s,target_fraction,target_max_average_answer_s,target_met,"
            "average_answer_s,wait_p50_s,wait_p90_s,wait_p95_s,wait_max_s,answered_under_10s,"
            "answered_10_to_60s,answered_60s_or_more,intervals_meeting_target");
  EXPECT_EQ(summary[1],
            "999,120.4,3.25,117,2.2,0.6,0.4,0.2,0.02325581395348837,0.912,0.013,10,0.9,0,1,"
            "4.125,0,8.5,14.75,97,0.912,0.08,0.008,0.75");

  const std::vector<std::string> channel_intervals =
      Lines(ReadFile(out + "/channel_intervals.csv"));
  ASSERT_EQ(channel_intervals.size(), 3u);
  EXPECT_EQ(channel_intervals[0],
            "channel,index,day,weekday,start,offered,answered,abandoned,service_level,"
            "service_level_ci95,average_answer_s,mean_queue_length");
  EXPECT_EQ(channel_intervals[1],
            "999,0,0,TUESDAY,00:00,60.2,58.5,1.4,0.3333333333333333,0.05,3.5,0.125");
  EXPECT_EQ(channel_intervals[2], "999,1,0,TUESDAY,01:00,61.2,59.5,1.4,0.95,,3.5,0.125");

  const std::vector<std::string> group_intervals = Lines(ReadFile(out + "/group_intervals.csv"));
  ASSERT_EQ(group_intervals.size(), 3u);
  EXPECT_EQ(group_intervals[0], "group,index,occupancy,occupancy_ci95,handlers_online");
  EXPECT_EQ(group_intervals[1], "call handlers,0,0.8,0.03,12");
  EXPECT_EQ(group_intervals[2], "call handlers,1,0.9,,12");

  std::set<std::string> files;
  for (const auto& entry : fs::directory_iterator(out)) {
    files.insert(entry.path().filename().string());
  }
  EXPECT_EQ(files, (std::set<std::string>{"channel_intervals.csv", "channel_summary.csv",
                                          "group_intervals.csv"}));
}

TEST_F(ResultsIo, CsvNumbersReadBackExactly) {
  fccsim::RunResult result = PopulatedResult();
  const double awkward[] = {0.1, 1.0 / 3, 2.0 / 3 * 1e-9, 123456789.123456789, 1e300};
  fccsim::GroupResult* group = result.mutable_groups(0);
  group->clear_intervals();
  for (double value : awkward) Set(group->add_intervals()->mutable_occupancy(), value, value);
  std::string error;
  ASSERT_TRUE(WriteResultCsvs(result, dir_.string(), &error)) << error;
  const std::vector<std::string> lines = Lines(ReadFile(PathIn("group_intervals.csv")));
  ASSERT_EQ(lines.size(), 1 + std::size(awkward));
  for (std::size_t i = 0; i < std::size(awkward); ++i) {
    const std::string& line = lines[i + 1];
    const std::size_t start = line.find(',', line.find(',') + 1) + 1;
    EXPECT_EQ(std::strtod(line.c_str() + start, nullptr), awkward[i]) << line;
  }
}

TEST_F(ResultsIo, CsvQuotesNamesWithCommasAndQuotes) {
  fccsim::RunResult result = PopulatedResult();
  result.mutable_groups(0)->set_name("999, \"MH\" desk");
  std::string error;
  ASSERT_TRUE(WriteResultCsvs(result, dir_.string(), &error)) << error;
  const std::vector<std::string> lines = Lines(ReadFile(PathIn("group_intervals.csv")));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1], "\"999, \"\"MH\"\" desk\",0,0.8,0.03,12");
}

TEST_F(ResultsIo, CsvFolderThatIsAFileIsRefused) {
  const std::string not_a_folder = PathIn("file");
  WriteRaw(not_a_folder, "x");
  std::string error;
  EXPECT_FALSE(WriteResultCsvs(PopulatedResult(), not_a_folder, &error));
  EXPECT_NE(error.find(not_a_folder), std::string::npos) << error;
  EXPECT_EQ(ReadFile(not_a_folder), "x");
}

}  // namespace
}  // namespace fccsim::model
