// The measure definitions of docs/model.md on hand-computed numbers: contacts fed one by one
// through the replication's reducer (Outcomes), then estimated across replications.

#include "model/results/run_estimates.h"

#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "model/centre/outcomes.h"
#include "sim/confidence_interval.h"
#include "tests/model/test_scenario.h"

namespace fccsim::model {
namespace {

constexpr char kOneChannel[] = R"pb(
  horizon { days: 1 interval_minutes: 720 }
  channels { name: "999" talk { deterministic_s: 60 } short_abandon_s: 5
             target { answer_within_s: 10 fraction: 0.75 } }
  groups { name: "g" skills: "999" }
  roster { shifts { group: "g" start: "00:00" length_minutes: 1440 headcount: 2 } }
)pb";

constexpr sim::Time kHalfDay = 12 * sim::kTicksPerHour;

sim::Time S(double seconds) { return sim::TicksFromSeconds(seconds); }

// Feeds one replication's contacts to a reducer, in time order per interval (the reducer needs
// no more): each contact arrives at `arrival` in interval `interval` and has one outcome.
class Replication {
 public:
  explicit Replication(const ModelSpec& spec) : spec_(spec), outcomes_(spec, &measures_) {
    outcomes_.GroupCounts(0, 0, 2, 1);
    outcomes_.GroupCounts(0, kHalfDay, 2, 2);  // busy 1 of 2, then 2 of 2
    outcomes_.QueueLength(0, 0, 3);
  }
  void Answered(int interval, double wait_s, bool completed = true) {
    const Contact c = Arrive(interval);
    outcomes_.Answered(c, c.arrival + S(wait_s));
    if (completed) outcomes_.Completed(c);
  }
  void Abandoned(int interval, double after_s) {
    const Contact c = Arrive(interval);
    outcomes_.Abandoned(c, c.arrival + S(after_s));
  }
  // Still waiting at the end of the day, after `waited_s`.
  void Waiting(double waited_s) {
    Contact c;
    c.arrival = spec_.end - S(waited_s);
    c.interval = 1;
    c.stage = Stage::kWaiting;
    outcomes_.Offered(c, c.arrival);
    waiting_.Add(c);
  }
  ReplicationMeasures Finish() {
    outcomes_.Finish(waiting_, 0, 0);
    return measures_;
  }

 private:
  Contact Arrive(int interval) {
    Contact c;
    c.arrival = interval * kHalfDay + S(100);
    c.interval = interval;
    c.stage = Stage::kWaiting;
    outcomes_.Offered(c, c.arrival);
    return c;
  }
  const ModelSpec& spec_;
  ReplicationMeasures measures_;
  Outcomes outcomes_;
  ContactTable waiting_;
};

// Two replications of a day in two 12-hour intervals; waits in seconds:
//   replication 0: interval 0: answered 0, 4, 10, 30; abandoned after 60 s; short abandon;
//                  interval 1: answered 70; one still waiting at the end after 15 s.
//   replication 1: interval 0: answered 2, 9; one answered after 12 s, in service at the end;
//                  interval 1: abandoned after 20 s; one still waiting at the end after 50 s.
fccsim::RunResult HandMade(const ModelSpec& spec) {
  RunEstimates estimates(spec);
  Replication a(spec);
  for (double w : {0, 4, 10, 30}) a.Answered(0, w);
  a.Abandoned(0, 60);
  a.Abandoned(0, 2);
  a.Answered(1, 70);
  a.Waiting(15);
  estimates.Add(a.Finish());
  Replication b(spec);
  b.Answered(0, 2);
  b.Answered(0, 9);
  b.Answered(0, 12, /*completed=*/false);
  b.Abandoned(1, 20);
  b.Waiting(50);
  estimates.Add(b.Finish());
  fccsim::RunResult r;
  *r.add_channels() = estimates.ChannelHead(0);
  for (int k = 0; k < 2; ++k) estimates.ChannelIntervalResult(0, k, r.mutable_channels(0)->add_intervals());
  *r.add_groups() = estimates.GroupHead(0);
  for (int k = 0; k < 2; ++k) estimates.GroupIntervalResult(0, k, r.mutable_groups(0)->add_intervals());
  return r;
}

// The delta-method half width for the ratio of totals of two pairs, by hand.
double DeltaHalfWidth(double x0, double y0, double x1, double y1) {
  const double r = (x0 + x1) / (y0 + y1), mean_y = (y0 + y1) / 2;
  const double d0 = x0 - r * y0, d1 = x1 - r * y1, mean_d = (d0 + d1) / 2;
  const double s = (d0 - mean_d) * (d0 - mean_d) + (d1 - mean_d) * (d1 - mean_d);  // n - 1 = 1
  return sim::StudentTQuantile(0.95, 1) * std::sqrt(s / (2 * mean_y * mean_y));
}

TEST(RunEstimates, DefinitionsOnAHandComputedExample) {
  const ModelSpec spec = CompileScenario(MakeTestScenario(kOneChannel, {0}));
  const fccsim::RunResult r = HandMade(spec);
  const fccsim::ChannelSummary& s = r.channels(0).summary();
  // Service level at 10 s = (answered within 10 s, in service at the end included) / (answered
  // + long abandons + still waiting longer than 10 s), as a ratio of totals: rep 0: 3 / (5 + 1
  // + 1); rep 1: 2 / (3 + 1 + 1). Not the mean of 3/7 and 2/5.
  EXPECT_DOUBLE_EQ(s.service_level().mean(), 5.0 / 12);
  EXPECT_NEAR(s.service_level().ci95_half_width(), DeltaHalfWidth(3, 7, 2, 5), 1e-12);
  EXPECT_DOUBLE_EQ(s.offered().mean(), 6.5);
  EXPECT_DOUBLE_EQ(s.answered().mean(), 3.5);  // finished: 5 and 2
  EXPECT_DOUBLE_EQ(s.in_service_at_end().mean(), 0.5);
  EXPECT_DOUBLE_EQ(s.waiting_at_end().mean(), 1.0);
  EXPECT_DOUBLE_EQ(s.abandoned().mean(), 1.0);
  EXPECT_DOUBLE_EQ(s.short_abandoned().mean(), 0.5);
  // Abandoned fraction = (long + short) / offered, of totals: (2 + 1) / (8 + 5).
  EXPECT_DOUBLE_EQ(s.abandoned_fraction().mean(), 3.0 / 13);
  // ASA over every answered contact: (0+4+10+30+70 + 2+9+12) / 8.
  EXPECT_DOUBLE_EQ(s.average_answer_s().mean(), 137.0 / 8);
  // Home Office bands: under 10 s: 0, 4, 2, 9; 10-60 s: 10, 30, 12; 60 s or more: 70.
  EXPECT_DOUBLE_EQ(s.answered_under_10s().mean(), 4.0 / 8);
  EXPECT_DOUBLE_EQ(s.answered_10_to_60s().mean(), 3.0 / 8);
  EXPECT_DOUBLE_EQ(s.answered_60s_or_more().mean(), 1.0 / 8);
  // At 60 s (standard thresholds 10, 20, 60, ...): rep 0: 4 / 6 (the one waiting 15 s is not
  // judged yet); rep 1: 3 / 4 (the one waiting 50 s is not judged yet).
  ASSERT_EQ(s.service_levels(2).threshold_s(), 60);
  EXPECT_DOUBLE_EQ(s.service_levels(2).fraction().mean(), 7.0 / 10);
  // Whole-horizon percentiles from the 0.1 s histogram: the longest wait is exact.
  EXPECT_DOUBLE_EQ(s.wait_max_s().mean(), (70.0 + 12.0) / 2);
  EXPECT_NEAR(s.wait_p50_s().mean(), (10 + 9) / 2.0, 0.1);
  // p90 as for intervals (type 7): rep 0: 30 + 0.6 x 40 = 54; rep 1: 9 + 0.8 x 3 = 11.4.
  EXPECT_NEAR(s.wait_p90_s().mean(), (54 + 11.4) / 2, 0.1);
  // Intervals meeting 75%: rep 0: interval 0 = 3/5 no, interval 1 = 0/2 no -> 0;
  // rep 1: interval 0 = 2/3 no, interval 1 = 0/2 no -> 0.
  EXPECT_DOUBLE_EQ(s.intervals_meeting_target().mean(), 0.0);
  EXPECT_FALSE(s.target_met());
  // The interval (0.417 +- 12.7 x 0.014) lies wholly below 0.75: missed, not merely unsettled.
  EXPECT_EQ(s.target_verdict(), fccsim::TARGET_MISSED);
  // Neither replication met 75%: 0 of 2, exact interval [0, 1 - 0.025^(1/2)].
  EXPECT_EQ(s.probability_target_met().successes(), 0u);
  EXPECT_EQ(s.probability_target_met().trials(), 2u);
  EXPECT_DOUBLE_EQ(s.probability_target_met().estimate(), 0.0);
  EXPECT_NEAR(s.probability_target_met().ci95_upper(), 1 - std::sqrt(0.025), 1e-12);
  // Each replication's headline measures.
  ASSERT_EQ(r.channels(0).replications_size(), 2);
  EXPECT_DOUBLE_EQ(r.channels(0).replications(0).service_level(), 3.0 / 7);
  EXPECT_DOUBLE_EQ(r.channels(0).replications(1).service_level(), 2.0 / 5);
  EXPECT_DOUBLE_EQ(r.channels(0).replications(1).average_answer_s(), 23.0 / 3);
  EXPECT_EQ(r.channels(0).replications(1).replication(), 1u);

  // Per interval, the same measures for the contacts that arrived in it.
  const fccsim::ChannelInterval& i0 = r.channels(0).intervals(0);
  EXPECT_DOUBLE_EQ(i0.service_level().mean(), 5.0 / 8);  // (3 + 2) / (5 + 3)
  EXPECT_DOUBLE_EQ(i0.abandoned().mean(), 0.5);          // not short, as in the summary
  EXPECT_DOUBLE_EQ(i0.short_abandoned().mean(), 0.5);
  EXPECT_DOUBLE_EQ(i0.wait_max_s().mean(), (30 + 12) / 2.0);
  // Exact per replication: rep 0: 0,4,10,30 -> p50 7, p90 24; rep 1: 2,9,12 -> 9, 11.4.
  EXPECT_DOUBLE_EQ(i0.wait_p50_s().mean(), 8.0);
  EXPECT_DOUBLE_EQ(i0.wait_p90_s().mean(), (24 + 11.4) / 2);
  EXPECT_DOUBLE_EQ(i0.mean_queue_length().mean(), 3.0);
  const fccsim::ChannelInterval& i1 = r.channels(0).intervals(1);
  // Rep 1 answered none in interval 1: its ASA is not defined, and the ratio of totals
  // neither drops it nor lets it count: 70 / 1.
  EXPECT_DOUBLE_EQ(i1.average_answer_s().mean(), 70.0);
  EXPECT_DOUBLE_EQ(i1.wait_p50_s().mean(), 70.0);
  EXPECT_FALSE(i1.wait_p50_s().has_ci95_half_width()) << "from one replication";
  EXPECT_DOUBLE_EQ(i1.waiting_at_end().mean(), 1.0);
  EXPECT_DOUBLE_EQ(i1.service_level().mean(), 0.0);  // 0 / (2 + 2)
  // Occupancy: busy 1 then 2 of 2 online: (1 + 2) / (2 + 2) overall, 0.5 and 1 per interval.
  EXPECT_DOUBLE_EQ(r.groups(0).occupancy().mean(), 0.75);
  EXPECT_DOUBLE_EQ(r.groups(0).intervals(0).occupancy().mean(), 0.5);
  EXPECT_DOUBLE_EQ(r.groups(0).intervals(1).occupancy().mean(), 1.0);
  EXPECT_DOUBLE_EQ(r.groups(0).intervals(1).handlers_busy().mean(), 2.0);
  EXPECT_DOUBLE_EQ(r.groups(0).mean_handlers_online().mean(), 2.0);
  EXPECT_EQ(r.groups(0).intervals(1).start(), "12:00");
  EXPECT_EQ(r.groups(0).replications_size(), 2);
}

// One replication is kept as it is, without accumulators: its results must be what the
// accumulators give for it (the same replication twice has the same means, with zero spread).
TEST(RunEstimates, OneReplicationGivesWhatTheAccumulatorsWould) {
  const ModelSpec spec = CompileScenario(MakeTestScenario(kOneChannel, {0}));
  auto replication = [&spec] {
    Replication a(spec);
    for (double w : {0, 4, 10, 30}) a.Answered(0, w);
    a.Abandoned(0, 60);
    a.Answered(1, 70);
    a.Waiting(15);
    return a.Finish();
  };
  RunEstimates once(spec), twice(spec);
  once.Add(replication());
  twice.Add(replication());
  twice.Add(replication());
  for (int k = 0; k < 2; ++k) {
    fccsim::ChannelInterval a, b;
    once.ChannelIntervalResult(0, k, &a);
    twice.ChannelIntervalResult(0, k, &b);
    EXPECT_FALSE(a.service_level().has_ci95_half_width());
    EXPECT_EQ(b.service_level().ci95_half_width(), 0.0);
    EXPECT_DOUBLE_EQ(a.service_level().mean(), b.service_level().mean()) << k;
    EXPECT_DOUBLE_EQ(a.offered().mean(), b.offered().mean()) << k;
    EXPECT_DOUBLE_EQ(a.average_answer_s().mean(), b.average_answer_s().mean()) << k;
    EXPECT_DOUBLE_EQ(a.wait_p90_s().mean(), b.wait_p90_s().mean()) << k;
    EXPECT_DOUBLE_EQ(a.mean_queue_length().mean(), b.mean_queue_length().mean()) << k;
    fccsim::GroupInterval ga, gb;
    once.GroupIntervalResult(0, k, &ga);
    twice.GroupIntervalResult(0, k, &gb);
    EXPECT_DOUBLE_EQ(ga.occupancy().mean(), gb.occupancy().mean()) << k;
  }
  fccsim::ChannelInterval a;
  once.ChannelIntervalResult(0, 0, &a);
  EXPECT_DOUBLE_EQ(a.service_level().mean(), 3.0 / 5);
}

TEST(RunEstimates, AnUnstaffedReplicationScoresZeroNotUndefined) {
  const ModelSpec spec = CompileScenario(MakeTestScenario(kOneChannel, {0}));
  RunEstimates estimates(spec);
  Replication nobody(spec);
  for (double waited : {400.0, 900.0, 30000.0}) nobody.Waiting(waited);
  estimates.Add(nobody.Finish());
  EXPECT_DOUBLE_EQ(estimates.ChannelHead(0).summary().service_level().mean(), 0.0);
  RunEstimates empty(spec);
  Replication quiet(spec);
  empty.Add(quiet.Finish());
  EXPECT_TRUE(std::isnan(empty.ChannelHead(0).summary().service_level().mean()));
  EXPECT_EQ(empty.ChannelHead(0).summary().target_verdict(), fccsim::TARGET_NOT_JUDGED);
}

TEST(RunEstimates, AnAsaOnlyTargetHasNoServiceLevelOfItsOwn) {
  std::string text = kOneChannel;
  text.replace(text.find("target { answer_within_s: 10 fraction: 0.75 }"), 46,
               "target { max_average_answer_s: 30 }");
  const ModelSpec spec = CompileScenario(MakeTestScenario(text, {0}));
  RunEstimates estimates(spec);
  for (double slow : {20.0, 60.0}) {
    Replication r(spec);
    r.Answered(0, 0);
    r.Answered(0, slow);
    estimates.Add(r.Finish());
  }
  const fccsim::ChannelResult head = estimates.ChannelHead(0);
  EXPECT_TRUE(std::isnan(head.summary().service_level().mean()));
  EXPECT_FALSE(head.summary().service_level().has_ci95_half_width());
  ASSERT_EQ(head.summary().service_levels_size(), 5);
  EXPECT_DOUBLE_EQ(head.summary().service_levels(1).fraction().mean(), 3.0 / 4);  // at 20 s
  EXPECT_TRUE(std::isnan(head.replications(0).service_level()));
  // Judged on ASA alone: 10 s and 30 s meet a 30 s ceiling; the mean, 20 s, does too.
  EXPECT_EQ(head.summary().probability_target_met().successes(), 2u);
  EXPECT_TRUE(head.summary().target_met());
}

TEST(RunEstimates, AReplicationWithNothingToJudgeIsNotATrial) {
  const ModelSpec spec = CompileScenario(MakeTestScenario(kOneChannel, {0}));
  RunEstimates estimates(spec);
  Replication quiet(spec);
  estimates.Add(quiet.Finish());
  Replication busy(spec);
  busy.Answered(0, 1);
  estimates.Add(busy.Finish());
  const fccsim::Probability p = estimates.ChannelHead(0).summary().probability_target_met();
  EXPECT_EQ(p.trials(), 1u);
  EXPECT_EQ(p.successes(), 1u);
}

TEST(RunEstimates, TheVerdictIsNotSettledWhenTheIntervalStraddlesTheTarget) {
  const ModelSpec spec = CompileScenario(MakeTestScenario(kOneChannel, {0}));
  RunEstimates estimates(spec);
  // 3 of 4 and 4 of 4 within 10 s: 7/8 = 0.875 +- a wide interval that includes 0.75.
  for (int within : {3, 4}) {
    Replication r(spec);
    for (int i = 0; i < 4; ++i) r.Answered(0, i < within ? 1 : 100);
    estimates.Add(r.Finish());
  }
  const fccsim::ChannelSummary s = estimates.ChannelHead(0).summary();
  EXPECT_DOUBLE_EQ(s.service_level().mean(), 7.0 / 8);
  EXPECT_TRUE(s.target_met()) << "the estimate meets it";
  EXPECT_EQ(s.target_verdict(), fccsim::TARGET_NOT_SETTLED) << "its interval does not settle it";
  EXPECT_EQ(s.probability_target_met().successes(), 2u);  // 0.75 and 1.0 both reach 0.75
}

}  // namespace
}  // namespace fccsim::model
