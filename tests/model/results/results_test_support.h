#ifndef FCCSIM_TESTS_MODEL_RESULTS_RESULTS_TEST_SUPPORT_H_
#define FCCSIM_TESTS_MODEL_RESULTS_RESULTS_TEST_SUPPORT_H_

// What the results tests share: a fresh folder per test, file helpers, and a RunResult that
// uses every message of results.proto.

#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "model/proto/results.pb.h"

namespace fccsim::model {

namespace fs = std::filesystem;


// A fresh, empty folder per test, removed afterwards.
class ResultsTest : public testing::Test {
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

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void WriteRaw(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

inline std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

inline void Set(fccsim::Estimate* estimate, double mean) { estimate->set_mean(mean); }
inline void Set(fccsim::Estimate* estimate, double mean, double ci95) {
  estimate->set_mean(mean);
  estimate->set_ci95_half_width(ci95);
}

// Uses every message of results.proto, with confidence intervals both present and absent.
inline fccsim::RunResult PopulatedResult() {
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
  s->set_target_verdict(fccsim::TARGET_NOT_SETTLED);
  fccsim::Probability* p = s->mutable_probability_target_met();
  p->set_estimate(0.8);
  p->set_successes(4);
  p->set_trials(5);
  p->set_ci95_lower(0.28358);
  p->set_ci95_upper(0.99495);
  for (std::uint32_t r = 0; r < 2; ++r) {
    fccsim::ChannelReplication* rep = channel->add_replications();
    rep->set_replication(r);
    rep->set_offered(120 + r);
    rep->set_answered(117);
    rep->set_abandoned(2);
    rep->set_short_abandoned(1);
    rep->set_abandoned_fraction(3.0 / (120 + r));
    rep->set_service_level(0.9 + 0.01 * r);
    rep->set_average_answer_s(4);
    rep->set_wait_p90_s(8.5);
    rep->set_target_met(r == 1);
  }
  for (std::uint32_t i = 0; i < 2; ++i) {
    fccsim::ChannelInterval* interval = channel->add_intervals();
    interval->set_index(i);
    interval->set_day(0);
    interval->set_weekday(fccsim::TUESDAY);
    interval->set_start(i == 0 ? "00:00" : "01:00");
    Set(interval->mutable_offered(), 60.2 + i);
    Set(interval->mutable_answered(), 58.5 + i);
    Set(interval->mutable_abandoned(), 1.4);
    Set(interval->mutable_abandoned_fraction(), 1.4 / (60.2 + i));
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
    interval->set_day(0);
    interval->set_weekday(fccsim::TUESDAY);
    interval->set_start(i == 0 ? "00:00" : "01:00");
    Set(interval->mutable_handlers_busy(), 10.5);
    if (i == 0) {
      Set(interval->mutable_occupancy(), 0.8, 0.03);
    } else {
      Set(interval->mutable_occupancy(), 0.9);
    }
    Set(interval->mutable_handlers_online(), 12);
  }
  fccsim::GroupReplication* rep = group->add_replications();
  rep->set_replication(0);
  rep->set_occupancy(0.85);
  rep->set_mean_handlers_online(12);
  return result;
}

}  // namespace fccsim::model

#endif  // FCCSIM_TESTS_MODEL_RESULTS_RESULTS_TEST_SUPPORT_H_
