#include "model/results/summary_table.h"

#include <limits>
#include <string>

#include <gtest/gtest.h>

namespace fccsim::model {
namespace {

void Set(fccsim::Estimate* estimate, double mean, double ci95, bool with_ci) {
  estimate->set_mean(mean);
  if (with_ci) estimate->set_ci95_half_width(ci95);
}

// Two channels (one meeting its target, one missing it with an ASA ceiling) and two groups.
// Without intervals it is what a single replication produces.
fccsim::RunResult SmallResult(bool with_ci) {
  fccsim::RunResult result;
  result.mutable_scenario()->set_name("tiny");
  result.set_scenario_path("scenarios/tiny.textproto");
  result.set_days(7);
  result.set_replications(with_ci ? 5 : 1);
  result.set_seed(42);

  fccsim::ChannelSummary* s999 = result.add_channels()->mutable_summary();
  result.mutable_channels(0)->set_name("999");
  Set(s999->mutable_offered(), 120.44, 3.1, with_ci);
  Set(s999->mutable_answered(), 117.0, 3.0, with_ci);
  Set(s999->mutable_abandoned_fraction(), 2.8 / 120.44, 0.01, with_ci);
  Set(s999->mutable_service_level(), 0.912, 0.013, with_ci);
  Set(s999->mutable_average_answer_s(), 4.13, 0.4, with_ci);
  Set(s999->mutable_wait_p90_s(), 8.5, 1.0, with_ci);
  s999->set_target_answer_within_s(10);
  s999->set_target_fraction(0.9);
  s999->set_target_met(true);

  fccsim::ChannelSummary* s101 = result.add_channels()->mutable_summary();
  result.mutable_channels(1)->set_name("101");
  Set(s101->mutable_offered(), 80.0, 2.0, with_ci);
  Set(s101->mutable_answered(), 70.3, 2.0, with_ci);
  Set(s101->mutable_abandoned_fraction(), 0.125, 0.02, with_ci);
  Set(s101->mutable_service_level(), 0.6, 0.05, with_ci);
  Set(s101->mutable_average_answer_s(), 200.0, 20.0, with_ci);
  Set(s101->mutable_wait_p90_s(), 512.3, 30.0, with_ci);
  s101->set_target_answer_within_s(180);
  s101->set_target_fraction(0.8);
  s101->set_target_max_average_answer_s(300);
  s101->set_target_met(false);

  fccsim::GroupResult* handlers = result.add_groups();
  handlers->set_name("call handlers");
  Set(handlers->mutable_occupancy(), 0.85, 0.02, with_ci);
  Set(handlers->mutable_mean_handlers_online(), 12.0, 0.0, with_ci);
  fccsim::GroupResult* desk = result.add_groups();
  desk->set_name("MH desk");
  Set(desk->mutable_occupancy(), 0.5, 0.1, with_ci);
  Set(desk->mutable_mean_handlers_online(), 2.5, 0.0, with_ci);
  return result;
}

TEST(SummaryTable, ShowsTargetsVerdictsAndConfidenceIntervals) {
  const std::string expected =
      "Scenario \"tiny\": 7 days, 5 replications, seed 42\n"
      "\n"
      "Channel  Offered  Answered  Abandoned  Service level                     ASA s  p90 wait s  Target\n"
      "999        120.4     117.0       2.3%  91.2% ±1.3 (target 90% in 10 s)     4.1         8.5  met\n"
      "101         80.0      70.3      12.5%  60.0% ±5.0 (target 80% in 180 s)  200.0       512.3  NOT MET (ASA ≤ 300 s)\n"
      "\n"
      "Group          Occupancy    Handlers online\n"
      "call handlers  85.0% ±2.0              12.0\n"
      "MH desk        50.0% ±10.0              2.5\n"
      "\n"
      "Means over 5 replications; ± is the half width of the 95% confidence interval.\n";
  EXPECT_EQ(FormatSummaryTable(SmallResult(/*with_ci=*/true)), expected);
}

TEST(SummaryTable, OneReplicationHasNoPlusMinus) {
  const std::string expected =
      "Scenario \"tiny\": 7 days, 1 replication, seed 42\n"
      "\n"
      "Channel  Offered  Answered  Abandoned  Service level                ASA s  p90 wait s  Target\n"
      "999        120.4     117.0       2.3%  91.2% (target 90% in 10 s)     4.1         8.5  met\n"
      "101         80.0      70.3      12.5%  60.0% (target 80% in 180 s)  200.0       512.3  NOT MET (ASA ≤ 300 s)\n"
      "\n"
      "Group          Occupancy  Handlers online\n"
      "call handlers  85.0%                 12.0\n"
      "MH desk        50.0%                  2.5\n"
      "\n"
      "Means over 1 replication; no confidence intervals.\n";
  const std::string table = FormatSummaryTable(SmallResult(/*with_ci=*/false));
  EXPECT_EQ(table, expected);
  EXPECT_EQ(table.find("±"), std::string::npos);
}

TEST(SummaryTable, FallsBackToScenarioPathAndOmitsEmptyGroupTable) {
  fccsim::RunResult result = SmallResult(/*with_ci=*/false);
  result.mutable_scenario()->clear_name();
  result.clear_groups();
  result.set_days(1);
  const std::string table = FormatSummaryTable(result);
  EXPECT_EQ(table.rfind("Scenario \"scenarios/tiny.textproto\": 1 day, 1 replication, seed 42\n", 0),
            0u)
      << table;
  EXPECT_EQ(table.find("Group"), std::string::npos) << table;
}

TEST(SummaryTable, NonFiniteMeasuresPrintAsDash) {
  fccsim::RunResult result = SmallResult(/*with_ci=*/false);
  // A channel that answered nothing has no ASA.
  result.mutable_channels(0)->mutable_summary()->mutable_average_answer_s()->set_mean(
      std::numeric_limits<double>::quiet_NaN());
  const std::string table = FormatSummaryTable(result);
  EXPECT_NE(table.find("(target 90% in 10 s)       -         8.5  met\n"), std::string::npos)
      << table;
}

}  // namespace
}  // namespace fccsim::model
