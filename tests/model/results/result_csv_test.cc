#include "model/results/result_csv.h"

#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/model/results/results_test_support.h"

namespace fccsim::model {
namespace {

using ResultCsv = ResultsTest;

// The triage columns every channel table ends with, and their cells for a channel without
// triage ("nan" and an empty half width for each of the ten measures).
const std::string kTriageColumns =
    ",triage_flagged,triage_flagged_ci95,triage_redirected,triage_redirected_ci95,"
    "triage_transferred,triage_transferred_ci95,triage_triaged,triage_triaged_ci95,"
    "triage_fallback,triage_fallback_ci95,triage_diverted,triage_diverted_ci95,"
    "triage_deployments,triage_deployments_ci95,triage_deployments_averted,"
    "triage_deployments_averted_ci95,triage_practitioner_wait_s,"
    "triage_practitioner_wait_s_ci95,triage_practitioner_wait_p90_s,"
    "triage_practitioner_wait_p90_s_ci95";
const std::string kNoTriage = ",nan,,nan,,nan,,nan,,nan,,nan,,nan,,nan,,nan,,nan,";
// Then the chat columns, for a voice channel "nan" and an empty half width.
const std::string kChatColumns = ",chat_session_s,chat_session_s_ci95";
const std::string kNoChat = ",nan,";
// The chat columns every group table (but the replications) ends with, and a voice group's.
const std::string kGroupChatColumns =
    ",chat_max_sessions,chat_sessions,chat_sessions_ci95,chat_concurrency,"
    "chat_concurrency_ci95,chat_capacity_used,chat_capacity_used_ci95";
const std::string kNoGroupChat = ",nan,nan,,nan,,nan,";
namespace fs = std::filesystem;

TEST_F(ResultCsv, CsvsHaveHeadersAndOneRowPerItem) {
  const std::string out = PathIn("csv/nested");
  std::string error;
  ASSERT_TRUE(WriteResultCsvs(MessageSource(PopulatedResult()), out, &error)) << error;

  const std::vector<std::string> summary = Lines(ReadFile(out + "/channel_summary.csv"));
  ASSERT_EQ(summary.size(), 2u);
  EXPECT_EQ(summary[0],
            "channel,offered,offered_ci95,answered,answered_ci95,abandoned,abandoned_ci95,"
            "short_abandoned,short_abandoned_ci95,in_service_at_end,in_service_at_end_ci95,"
            "waiting_at_end,waiting_at_end_ci95,abandoned_fraction,abandoned_fraction_ci95,"
            "service_level,service_level_ci95,service_level_at_10s,service_level_at_10s_ci95,"
            "service_level_at_20s,service_level_at_20s_ci95,service_level_at_60s,"
            "service_level_at_60s_ci95,service_level_at_180s,service_level_at_180s_ci95,"
            "service_level_at_300s,service_level_at_300s_ci95,average_answer_s,"
            "average_answer_s_ci95,wait_p50_s,wait_p50_s_ci95,wait_p90_s,wait_p90_s_ci95,"
            "wait_p95_s,wait_p95_s_ci95,wait_max_s,wait_max_s_ci95,answered_under_10s,"
            "answered_under_10s_ci95,answered_10_to_60s,answered_10_to_60s_ci95,"
            "answered_60s_or_more,answered_60s_or_more_ci95,intervals_meeting_target,"
            "intervals_meeting_target_ci95,target_answer_within_s,target_fraction,"
            "target_max_average_answer_s,target_met,target_verdict,probability_target_met,"
            "probability_target_met_ci95_lower,probability_target_met_ci95_upper,"
            "probability_target_met_successes,probability_target_met_trials"
            + kTriageColumns + kChatColumns);
  EXPECT_EQ(summary[1],
            "999,120.4,3.25,117,3,2.2,,0.6,0.1,0.4,,0.2,,0.02325581395348837,0.004,0.912,0.013,"
            "0.9,0.01,0.95,0.01,0.9833333333333333,0.01,0.9944444444444445,0.01,"
            "0.9966666666666667,0.01,4.125,0.5,0,,8.5,,14.75,,97,,0.912,,0.08,,0.008,,0.75,0.1,"
            "10,0.9,0,1,TARGET_NOT_SETTLED,0.8,0.28358,0.99495,4,5"
            + kNoTriage + kNoChat);

  const std::vector<std::string> channel_intervals =
      Lines(ReadFile(out + "/channel_intervals.csv"));
  ASSERT_EQ(channel_intervals.size(), 3u);
  EXPECT_EQ(channel_intervals[0],
            "channel,index,day,weekday,start,offered,offered_ci95,answered,answered_ci95,"
            "service_level,service_level_ci95,average_answer_s,average_answer_s_ci95,"
            "mean_queue_length,mean_queue_length_ci95,short_abandoned,short_abandoned_ci95,"
            "wait_p50_s,wait_p50_s_ci95,wait_p90_s,wait_p90_s_ci95,wait_p95_s,wait_p95_s_ci95,"
            "wait_max_s,wait_max_s_ci95,answered_under_10s,answered_under_10s_ci95,"
            "answered_10_to_60s,answered_10_to_60s_ci95,answered_60s_or_more,"
            "answered_60s_or_more_ci95,in_service_at_end,in_service_at_end_ci95,waiting_at_end,"
            "waiting_at_end_ci95,abandoned,abandoned_ci95,abandoned_fraction,"
            "abandoned_fraction_ci95"
            + kTriageColumns + kChatColumns);
  EXPECT_EQ(channel_intervals[1],
            "999,0,0,TUESDAY,00:00,60.2,,58.5,,0.3333333333333333,0.05,3.5,,0.125,,0,,0,,0,,0,,"
            "0,,0,,0,,0,,0,,0,,1.4,,0.02325581395348837,"
            + kNoTriage + kNoChat);
  EXPECT_EQ(channel_intervals[2],
            "999,1,0,TUESDAY,01:00,61.2,,59.5,,0.95,,3.5,,0.125,,0,,0,,0,,0,,0,,0,,0,,0,,0,,0,,"
            "1.4,,0.02287581699346405,"
            + kNoTriage + kNoChat);

  const std::vector<std::string> replications = Lines(ReadFile(out + "/channel_replications.csv"));
  ASSERT_EQ(replications.size(), 3u);
  EXPECT_EQ(replications[0],
            "channel,replication,offered,answered,abandoned,short_abandoned,abandoned_fraction,"
            "service_level,average_answer_s,wait_p90_s,target_met,flagged,triaged,fallback,"
            "diverted,deployments,deployments_averted,practitioner_wait_s,session_s");
  EXPECT_EQ(replications[2], "999,1,121,117,2,1,0.024793388429752067,0.91,4,8.5,1,0,0,0,0,0,0,0,0");

  EXPECT_EQ(Lines(ReadFile(out + "/group_summary.csv")),
            (std::vector<std::string>{
                "group,occupancy,occupancy_ci95,mean_handlers_online,mean_handlers_online_ci95" +
                    kGroupChatColumns,
                "call handlers,0.85,0.02,12," + kNoGroupChat}));

  const std::vector<std::string> group_intervals = Lines(ReadFile(out + "/group_intervals.csv"));
  ASSERT_EQ(group_intervals.size(), 3u);
  EXPECT_EQ(group_intervals[0],
            "group,index,occupancy,occupancy_ci95,handlers_online,handlers_online_ci95,day,"
            "weekday,start,handlers_busy,handlers_busy_ci95" + kGroupChatColumns);
  EXPECT_EQ(group_intervals[1],
            "call handlers,0,0.8,0.03,12,,0,TUESDAY,00:00,10.5," + kNoGroupChat);
  EXPECT_EQ(group_intervals[2], "call handlers,1,0.9,,12,,0,TUESDAY,01:00,10.5," + kNoGroupChat);

  EXPECT_EQ(Lines(ReadFile(out + "/group_replications.csv")),
            (std::vector<std::string>{"group,replication,occupancy,mean_handlers_online,"
                                      "chat_concurrency,chat_capacity_used",
                                      "call handlers,0,0.85,12,0,0"}));

  std::set<std::string> files;
  for (const auto& entry : fs::directory_iterator(out)) {
    files.insert(entry.path().filename().string());
  }
  EXPECT_EQ(files, (std::set<std::string>{"channel_intervals.csv", "channel_replications.csv",
                                          "channel_summary.csv", "group_intervals.csv",
                                          "group_replications.csv", "group_summary.csv"}));
}

TEST_F(ResultCsv, ChatMeasuresFillTheirColumns) {
  fccsim::RunResult result = PopulatedResult();
  fccsim::ChannelResult* channel = result.mutable_channels(0);
  Set(channel->mutable_summary()->mutable_chat()->mutable_session_s(), 610.5, 4.25);
  fccsim::ChatConcurrency* chat = result.mutable_groups(0)->mutable_chat();
  chat->set_max_sessions(3);
  Set(chat->mutable_sessions(), 20.5, 1.5);
  Set(chat->mutable_concurrency(), 2.25, 0.125);
  Set(chat->mutable_capacity_used(), 0.75, 0.0625);
  std::string error;
  ASSERT_TRUE(WriteResultCsvs(MessageSource(result), dir_.string(), &error)) << error;
  const std::vector<std::string> summary = Lines(ReadFile(PathIn("channel_summary.csv")));
  ASSERT_EQ(summary.size(), 2u);
  EXPECT_TRUE(summary[1].ends_with(kNoTriage + ",610.5,4.25")) << summary[1];
  EXPECT_EQ(Lines(ReadFile(PathIn("group_summary.csv")))[1],
            "call handlers,0.85,0.02,12,,3,20.5,1.5,2.25,0.125,0.75,0.0625");
}

TEST_F(ResultCsv, CsvNumbersReadBackExactly) {
  fccsim::RunResult result = PopulatedResult();
  const double awkward[] = {0.1, 1.0 / 3, 2.0 / 3 * 1e-9, 123456789.123456789, 1e300};
  fccsim::GroupResult* group = result.mutable_groups(0);
  group->clear_intervals();
  for (double value : awkward) Set(group->add_intervals()->mutable_occupancy(), value, value);
  std::string error;
  ASSERT_TRUE(WriteResultCsvs(MessageSource(result), dir_.string(), &error)) << error;
  const std::vector<std::string> lines = Lines(ReadFile(PathIn("group_intervals.csv")));
  ASSERT_EQ(lines.size(), 1 + std::size(awkward));
  for (std::size_t i = 0; i < std::size(awkward); ++i) {
    const std::string& line = lines[i + 1];
    const std::size_t start = line.find(',', line.find(',') + 1) + 1;
    EXPECT_EQ(std::strtod(line.c_str() + start, nullptr), awkward[i]) << line;
  }
}

TEST_F(ResultCsv, CsvQuotesNamesWithCommasAndQuotes) {
  fccsim::RunResult result = PopulatedResult();
  result.mutable_groups(0)->set_name("999, \"MH\" desk");
  std::string error;
  ASSERT_TRUE(WriteResultCsvs(MessageSource(result), dir_.string(), &error)) << error;
  const std::vector<std::string> lines = Lines(ReadFile(PathIn("group_intervals.csv")));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1],
            "\"999, \"\"MH\"\" desk\",0,0.8,0.03,12,,0,TUESDAY,00:00,10.5," + kNoGroupChat);
}

TEST_F(ResultCsv, CsvFolderThatIsAFileIsRefused) {
  const std::string not_a_folder = PathIn("file");
  WriteRaw(not_a_folder, "x");
  std::string error;
  EXPECT_FALSE(WriteResultCsvs(MessageSource(PopulatedResult()), not_a_folder, &error));
  EXPECT_NE(error.find(not_a_folder), std::string::npos) << error;
  EXPECT_EQ(ReadFile(not_a_folder), "x");
}

}  // namespace
}  // namespace fccsim::model
