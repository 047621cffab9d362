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

// Three channels (one meeting its target, one missing it with an ASA ceiling, one with only an
// ASA ceiling) and two groups.
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
  s999->set_target_verdict(with_ci ? fccsim::TARGET_MET : fccsim::TARGET_NOT_SETTLED);
  s999->mutable_probability_target_met()->set_estimate(1.0);
  s999->mutable_probability_target_met()->set_trials(with_ci ? 5 : 1);

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
  s101->set_target_verdict(with_ci ? fccsim::TARGET_MISSED : fccsim::TARGET_NOT_SETTLED);
  s101->mutable_probability_target_met()->set_estimate(0.0);
  s101->mutable_probability_target_met()->set_trials(with_ci ? 5 : 1);

  // A target with only an ASA ceiling: no service-level target to show against.
  fccsim::ChannelSummary* sweb = result.add_channels()->mutable_summary();
  result.mutable_channels(2)->set_name("web");
  Set(sweb->mutable_offered(), 10.0, 1.0, with_ci);
  Set(sweb->mutable_answered(), 9.0, 1.0, with_ci);
  Set(sweb->mutable_abandoned_fraction(), 0.1, 0.02, with_ci);
  Set(sweb->mutable_service_level(), 0.5, 0.05, with_ci);
  for (double t : {10.0, 20.0}) {
    fccsim::ServiceLevelAt* at = sweb->add_service_levels();
    at->set_threshold_s(t);
    Set(at->mutable_fraction(), t / 25, 0.04, with_ci);
  }
  Set(sweb->mutable_average_answer_s(), 30.0, 5.0, with_ci);
  Set(sweb->mutable_wait_p90_s(), 60.0, 5.0, with_ci);
  sweb->set_target_max_average_answer_s(45);
  sweb->set_target_met(true);
  sweb->set_target_verdict(with_ci ? fccsim::TARGET_NOT_SETTLED : fccsim::TARGET_NOT_SETTLED);
  sweb->mutable_probability_target_met()->set_estimate(0.8);
  sweb->mutable_probability_target_met()->set_trials(with_ci ? 5 : 1);

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
      "999        120.4     117.0       2.3%  91.2% ±1.3 (target 90% in 10 s)     4.1         8.5  met, P 100%\n"
      "101         80.0      70.3      12.5%  60.0% ±5.0 (target 80% in 180 s)  200.0       512.3  NOT MET (ASA ≤ 300 s), P 0%\n"
      "web         10.0       9.0      10.0%  80.0% ±4.0 in 20 s (no target)     30.0        60.0  not settled (ASA ≤ 45 s), P 80%\n"
      "\n"
      "Group          Occupancy    Handlers online\n"
      "call handlers  85.0% ±2.0              12.0\n"
      "MH desk        50.0% ±10.0              2.5\n"
      "\n"
      "Over 5 replications; ± is the half width of the 95% confidence interval.\n"
      "Target: judged on the confidence interval (met, NOT MET, or not settled when it\n"
      "straddles the target); P is the share of replications meeting the target.\n";
  EXPECT_EQ(FormatSummaryTable(SmallResult(/*with_ci=*/true)), expected);
}

TEST(SummaryTable, OneReplicationHasNoPlusMinusAndSettlesNothing) {
  const std::string expected =
      "Scenario \"tiny\": 7 days, 1 replication, seed 42\n"
      "\n"
      "Channel  Offered  Answered  Abandoned  Service level                ASA s  p90 wait s  Target\n"
      "999        120.4     117.0       2.3%  91.2% (target 90% in 10 s)     4.1         8.5  not settled, P 100%\n"
      "101         80.0      70.3      12.5%  60.0% (target 80% in 180 s)  200.0       512.3  not settled (ASA ≤ 300 s), P 0%\n"
      "web         10.0       9.0      10.0%  80.0% in 20 s (no target)     30.0        60.0  not settled (ASA ≤ 45 s), P 80%\n"
      "\n"
      "Group          Occupancy  Handlers online\n"
      "call handlers  85.0%                 12.0\n"
      "MH desk        50.0%                  2.5\n"
      "\n"
      "Over 1 replication; no confidence intervals.\n"
      "Target: judged on the confidence interval (met, NOT MET, or not settled when it\n"
      "straddles the target); P is the share of replications meeting the target.\n";
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
  EXPECT_NE(table.find("(target 90% in 10 s)       -         8.5  not settled, P 100%\n"),
            std::string::npos)
      << table;
}

// The triage table lists the channels that have triage measures, and only when one has.
TEST(SummaryTable, ShowsTriageForTheChannelsThatHaveIt) {
  fccsim::RunResult result = SmallResult(/*with_ci=*/true);
  EXPECT_EQ(FormatSummaryTable(result).find("Flagged"), std::string::npos);
  fccsim::TriageMeasures* t = result.mutable_channels(1)->mutable_summary()->mutable_triage();
  t->mutable_flagged()->set_mean(52.1);
  t->mutable_redirected()->set_mean(10);
  t->mutable_triaged()->set_mean(30.25);
  t->mutable_fallback()->set_mean(11.75);
  t->mutable_diverted()->set_mean(18);
  t->mutable_practitioner_wait_s()->set_mean(35.2);
  t->mutable_deployments()->set_mean(400.3);
  t->mutable_deployments_averted()->set_mean(24.1);
  const std::string table = FormatSummaryTable(result);
  const std::size_t at = table.find("Channel  Flagged");
  ASSERT_NE(at, std::string::npos) << table;
  const std::string triage = table.substr(at, table.find("\n\n", at) - at);
  EXPECT_NE(triage.find(result.channels(1).name()), std::string::npos) << triage;
  EXPECT_EQ(triage.find(result.channels(0).name() + " "), std::string::npos) << triage;
  for (const char* value : {"52.1", "10.0", "30.2", "11.8", "18.0", "35.2", "400.3", "24.1"}) {
    EXPECT_NE(triage.find(value), std::string::npos) << value << "\n" << triage;
  }
}

}  // namespace
}  // namespace fccsim::model
