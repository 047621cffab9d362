#include "model/scenario/workload.h"

#include <gtest/gtest.h>

#include "model/centre/centre_run.h"
#include "model/results/result_source.h"
#include "tests/model/test_scenario.h"

namespace fccsim::model {
namespace {

constexpr char kScenario[] = R"pb(
  name: "two channels"
  horizon { days: 7 interval_minutes: 60 start_weekday: MONDAY }
  channels {
    name: "a"
    talk { exponential { mean_s: 300 } }
    target { answer_within_s: 20 fraction: 0.8 }
  }
  channels {
    name: "b"
    talk { exponential { mean_s: 300 } }
    target { answer_within_s: 20 fraction: 0.8 }
  }
  groups { name: "all" skills: ["a", "b"] }
  roster { shifts { group: "all" start: "00:00" length_minutes: 1440 headcount: 30 } }
)pb";

TEST(EstimateWork, CountsEveryIntervalOfTheHorizonAndTheWarmUp) {
  LoadedScenario loaded = MakeTestScenario(kScenario, {10, 2});
  EXPECT_DOUBLE_EQ(EstimateWork(loaded).contacts_per_replication, 7 * 24 * 12.0);
  EXPECT_EQ(EstimateWork(loaded).busiest_channel, 0);
  loaded.scenario.mutable_horizon()->set_warm_up_hours(12);
  EXPECT_DOUBLE_EQ(EstimateWork(loaded).contacts_per_replication, 7.5 * 24 * 12.0);
  EXPECT_EQ(EstimateWork(loaded).interval_rows, 7 * 24 * 3);
}

TEST(EstimateWork, ASurgeAddsItsExtraCallersAndNamesItself) {
  LoadedScenario loaded = MakeTestScenario(kScenario, {10, 2});
  fccsim::Surge* surge = loaded.scenario.mutable_channels(1)->mutable_arrivals()->add_surges();
  surge->set_day(6);  // Sunday, running past midnight into the next week's Monday
  surge->set_start("23:30");
  surge->set_duration_minutes(90);
  surge->set_multiplier(1001);
  const WorkEstimate work = EstimateWork(loaded);
  // 1000 extra times the base rate (2 an hour) for 1.5 hours.
  EXPECT_DOUBLE_EQ(work.contacts_per_replication, 7 * 24 * 12.0 + 1000 * 2 * 1.5);
  EXPECT_EQ(work.busiest_channel, 1);
  EXPECT_TRUE(work.busiest_by_surge);
  surge->set_multiplier(0.5);  // a reduction removes callers: not counted in an upper bound
  EXPECT_DOUBLE_EQ(EstimateWork(loaded).contacts_per_replication, 7 * 24 * 12.0);
}

// A profile that differs slot by slot and a week that does not start on Monday: a wrong
// weekday offset or a wrong wrap at the week's end would count other slots.
TEST(EstimateWork, ASurgeCountsTheSlotsOfItsOwnWeekdayAndWrapsTheWeek) {
  LoadedScenario loaded = MakeTestScenario(kScenario, {0, 0});
  loaded.scenario.mutable_horizon()->set_start_weekday(fccsim::SATURDAY);
  std::vector<double>& weekly = loaded.weekly_volume[1];
  for (std::size_t slot = 0; slot < weekly.size(); ++slot) weekly[slot] = 1.0 + slot;
  const double base = EstimateWork(loaded).contacts_per_replication;
  fccsim::Surge* surge = loaded.scenario.mutable_channels(1)->mutable_arrivals()->add_surges();
  surge->set_day(1);  // Sunday: its 23:30 to the next Monday 01:00
  surge->set_start("23:30");
  surge->set_duration_minutes(90);
  surge->set_multiplier(3);
  const double sunday_23 = 1.0 + 6 * 24 + 23, monday_00 = 1.0;
  EXPECT_DOUBLE_EQ(EstimateWork(loaded).contacts_per_replication - base,
                   2 * (0.5 * sunday_23 + monday_00));
}

// Overlapping surges multiply, as the simulation applies them.
TEST(EstimateWork, OverlappingSurgesMultiply) {
  LoadedScenario loaded = MakeTestScenario(kScenario, {0, 2});
  for (const char* start : {"09:00", "09:30"}) {
    fccsim::Surge* surge = loaded.scenario.mutable_channels(1)->mutable_arrivals()->add_surges();
    surge->set_day(0);
    surge->set_start(start);
    surge->set_duration_minutes(60);
    surge->set_multiplier(100);
  }
  // 09:00-09:30 and 10:00-10:30 at x100, 09:30-10:00 at x10,000.
  const double extra = 99 + 9999 + 99;  // one base caller per half hour
  EXPECT_NEAR(EstimateWork(loaded).contacts_per_replication - 7 * 24 * 2.0, extra, 1e-6);
}

TEST(RunSizeProblem, RefusesPastTheLimitForARun) {
  WorkEstimate work;
  work.contacts_per_replication = 1e6;
  EXPECT_FALSE(RunSizeProblem(work, 5000));
  ASSERT_TRUE(RunSizeProblem(work, 5001));
  EXPECT_EQ(*RunSizeProblem(work, 5001),
            "5001 replications of about 1e+06 contacts each make about 5e+09 contacts, more "
            "than the limit of 5e+09 for one run: run fewer replications");
}

// The bound on the results' size holds for a real run, and is not so loose that it would
// refuse runs far below the protobuf limit.
TEST(ResultBytes, BoundsTheSizeOfRealResults) {
  const LoadedScenario loaded = MakeTestScenario(kScenario, {10, 2});
  for (std::uint32_t replications : {1u, 5u}) {
    RunOptions options;
    options.replications = replications;
    options.threads = 1;
    const RunOutcome outcome = RunScenario(loaded, options);
    const double actual = static_cast<double>(BuildRunResult(outcome).ByteSizeLong());
    const double bound = ResultBytes(EstimateWork(loaded), replications);
    EXPECT_LE(actual, bound) << replications << " replications";
    EXPECT_GE(actual, bound / 4) << replications << " replications";
  }
}

// With triage the rows of its channels are larger, and the bound counts them.
TEST(ResultBytes, BoundsTheSizeOfResultsWithTriage) {
  std::string text = kScenario;
  const std::string talk = "talk { exponential { mean_s: 300 } }";
  text.replace(text.find(talk), talk.size(),
               talk + " mental_health { share: 0.2 transfer { exponential { mean_s: 60 } } "
                      "max_wait_s: 60 divert_probability: 0.5 } deployment_probability: 0.5");
  text += R"pb(
    groups { name: "mh" }
    triage { group: "mh" duration { exponential { mean_s: 600 } } }
  )pb";
  const LoadedScenario loaded = MakeTestScenario(text, {10, 2});
  const LoadedScenario plain = MakeTestScenario(kScenario, {10, 2});
  RunOptions options;
  options.replications = 3;
  options.threads = 1;
  const double actual =
      static_cast<double>(BuildRunResult(RunScenario(loaded, options)).ByteSizeLong());
  EXPECT_LE(actual, ResultBytes(EstimateWork(loaded), 3));
  EXPECT_GT(ResultBytes(EstimateWork(loaded), 3), ResultBytes(EstimateWork(plain), 3));
}

TEST(ResultSizeProblem, NamesTheHorizonOrTheReplications) {
  WorkEstimate work;
  work.interval_result_bytes = 2.0 * (1 << 30);
  ASSERT_TRUE(ResultSizeProblem(work, 1));
  EXPECT_NE(ResultSizeProblem(work, 1)->find("shorten horizon.days"), std::string::npos);
  work.interval_result_bytes = 1 << 20;
  work.replication_result_bytes = 2000;
  EXPECT_FALSE(ResultSizeProblem(work, 100000));
  ASSERT_TRUE(ResultSizeProblem(work, 1000000));
  EXPECT_NE(ResultSizeProblem(work, 1000000)->find("run fewer replications"), std::string::npos);
}

}  // namespace
}  // namespace fccsim::model
