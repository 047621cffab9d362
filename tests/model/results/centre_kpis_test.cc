// The KPI definitions of docs/model.md on hand-computed numbers.

#include "model/results/centre_kpis.h"

#include <cmath>

#include <gtest/gtest.h>

#include "model/scenario/model_spec.h"
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

// Two replications of a day in two 12-hour intervals; waits in seconds:
//   replication 0: interval 0: answered 0, 4, 10, 30; abandoned 1 (long), 1 short;
//                  interval 1: answered 70; one still waiting at the end after 15 s.
//   replication 1: interval 0: answered 2, 9; one in service at the end, answered after 12 s;
//                  interval 1: one abandoned; one still waiting at the end after 50 s.
std::vector<ReplicationStats> HandMade(const ModelSpec& spec) {
  std::vector<ReplicationStats> reps(2);
  for (ReplicationStats& r : reps) {
    ChannelStats s;
    s.intervals.resize(2);
    s.queue_length = sim::IntervalSeries(spec.origin, spec.interval, 2);
    s.queue_length.Set(0, 3);
    s.queue_length.Advance(spec.end);
    r.channels.push_back(std::move(s));
    GroupStats g;
    g.online = sim::IntervalSeries(spec.origin, spec.interval, 2);
    g.busy = sim::IntervalSeries(spec.origin, spec.interval, 2);
    g.online.Set(0, 2);
    g.busy.Set(0, 1);
    g.busy.Set(spec.interval, 2);  // busy 1 of 2 in interval 0, 2 of 2 in interval 1
    g.online.Advance(spec.end);
    g.busy.Advance(spec.end);
    r.groups.push_back(std::move(g));
  }
  std::vector<IntervalOutcomes>& a = reps[0].channels[0].intervals;
  a[0].answered_waits_s = {0, 4, 10, 30};
  a[0].abandoned = 1, a[0].short_abandoned = 1, a[0].offered = 6;
  a[1].answered_waits_s = {70};
  a[1].waiting_s = {15};
  a[1].offered = 2;
  std::vector<IntervalOutcomes>& b = reps[1].channels[0].intervals;
  b[0].answered_waits_s = {9, 2};
  b[0].in_service_waits_s = {12};
  b[0].offered = 3;
  b[1].abandoned = 1;
  b[1].waiting_s = {50};
  b[1].offered = 2;
  return reps;
}

TEST(CentreKpis, DefinitionsOnAHandComputedExample) {
  const ModelSpec spec = CompileScenario(MakeTestScenario(kOneChannel, {0}));
  fccsim::RunResult r;
  SummariseReplications(spec, HandMade(spec), &r);
  const fccsim::ChannelSummary& s = r.channels(0).summary();
  // Service level at 10 s = (answered or in service within 10 s) / (answered + in service +
  // long abandons + still waiting longer than 10 s). Rep 0: 3 / (5 + 0 + 1 + 1) = 3/7.
  // Rep 1: 2 / (2 + 1 + 1 + 1) = 2/5. Half width t(0.975, 1) * sd / sqrt(2).
  const double r0 = 3.0 / 7, r1 = 2.0 / 5;
  EXPECT_DOUBLE_EQ(s.service_level().mean(), (r0 + r1) / 2);
  EXPECT_NEAR(s.service_level().ci95_half_width(),
              12.706205 * (std::abs(r0 - r1) / std::sqrt(2.0)) / std::sqrt(2.0), 1e-6);
  EXPECT_DOUBLE_EQ(s.offered().mean(), 6.5);
  EXPECT_DOUBLE_EQ(s.answered().mean(), 3.5);
  EXPECT_DOUBLE_EQ(s.waiting_at_end().mean(), 1.0);
  EXPECT_DOUBLE_EQ(s.in_service_at_end().mean(), 0.5);
  // Abandoned fraction = (long + short) / offered: 2/8 and 1/5.
  EXPECT_DOUBLE_EQ(s.abandoned_fraction().mean(), (0.25 + 0.2) / 2);
  // ASA over answered: rep 0 (0+4+10+30+70)/5 = 22.8; rep 1 5.5.
  EXPECT_DOUBLE_EQ(s.average_answer_s().mean(), (22.8 + 5.5) / 2);
  // Percentiles per replication, by linear interpolation between order statistics:
  // rep 0 sorted 0,4,10,30,70: p50 = 10, p90 = 30 + 0.6*40 = 54; rep 1: 2,9: p50 = 5.5.
  EXPECT_DOUBLE_EQ(s.wait_p50_s().mean(), (10 + 5.5) / 2);
  EXPECT_DOUBLE_EQ(s.wait_p90_s().mean(), (54 + 2 + 0.9 * 7) / 2);
  EXPECT_DOUBLE_EQ(s.wait_max_s().mean(), (70.0 + 9.0) / 2);
  // Home Office bands of answered: rep 0 under 10 s: 0, 4 (2 of 5); 10-60: 10, 30; 60+: 70.
  EXPECT_DOUBLE_EQ(s.answered_under_10s().mean(), (0.4 + 1.0) / 2);
  EXPECT_DOUBLE_EQ(s.answered_10_to_60s().mean(), 0.4 / 2);
  EXPECT_DOUBLE_EQ(s.answered_60s_or_more().mean(), 0.2 / 2);
  // At 60 s (standard thresholds 10, 20, 60, ...): rep 0: 4 / 6 (the one waiting 15 s is not
  // judged yet); rep 1: 3 / 4 (the one waiting 50 s is not judged yet).
  ASSERT_EQ(s.service_levels(2).threshold_s(), 60);
  EXPECT_DOUBLE_EQ(s.service_levels(2).fraction().mean(), (4.0 / 6 + 3.0 / 4) / 2);
  // Intervals meeting 75%: rep 0: interval 0 = 3/5 no, interval 1 = 0/2 no -> 0;
  // rep 1: interval 0 = 2/3 no, interval 1 = 0/2 no -> 0.
  EXPECT_DOUBLE_EQ(s.intervals_meeting_target().mean(), 0.0);
  EXPECT_FALSE(s.target_met());
  // Per interval, the same measures for the contacts that arrived in it.
  const fccsim::ChannelInterval& i0 = r.channels(0).intervals(0);
  EXPECT_DOUBLE_EQ(i0.service_level().mean(), (0.6 + 2.0 / 3) / 2);
  EXPECT_DOUBLE_EQ(i0.abandoned().mean(), (2 + 0) / 2.0);  // including short
  EXPECT_DOUBLE_EQ(i0.short_abandoned().mean(), 0.5);
  EXPECT_DOUBLE_EQ(i0.wait_max_s().mean(), (30 + 9) / 2.0);
  EXPECT_DOUBLE_EQ(i0.mean_queue_length().mean(), 3.0);
  const fccsim::ChannelInterval& i1 = r.channels(0).intervals(1);
  EXPECT_DOUBLE_EQ(i1.average_answer_s().mean(), 70.0);  // rep 0 only: rep 1 answered none
  EXPECT_FALSE(i1.average_answer_s().has_ci95_half_width());
  EXPECT_DOUBLE_EQ(i1.waiting_at_end().mean(), 1.0);
  // Occupancy: busy 1 then 2 of 2 online: (1 + 2) / (2 + 2) overall, 0.5 and 1 per interval.
  EXPECT_DOUBLE_EQ(r.groups(0).occupancy().mean(), 0.75);
  EXPECT_DOUBLE_EQ(r.groups(0).intervals(0).occupancy().mean(), 0.5);
  EXPECT_DOUBLE_EQ(r.groups(0).intervals(1).occupancy().mean(), 1.0);
  EXPECT_DOUBLE_EQ(r.groups(0).mean_handlers_online().mean(), 2.0);
}

TEST(CentreKpis, AnUnstaffedReplicationScoresZeroNotUndefined) {
  // Everyone still waiting at the end, long past the threshold: a miss, not "no data".
  IntervalOutcomes o;
  o.offered = 3;
  o.waiting_s = {400, 900, 30000};
  EXPECT_DOUBLE_EQ(ServiceLevel(o, 10), 0.0);
  EXPECT_TRUE(std::isnan(ServiceLevel(IntervalOutcomes{}, 10)));
}

TEST(CentreKpis, QuantileInterpolatesBetweenOrderStatistics) {
  EXPECT_DOUBLE_EQ(Quantile({1, 2, 3, 4}, 0.5), 2.5);
  EXPECT_DOUBLE_EQ(Quantile({5}, 0.9), 5.0);
  EXPECT_DOUBLE_EQ(Quantile({0, 10}, 0.95), 9.5);
  EXPECT_TRUE(std::isnan(Quantile({}, 0.5)));
}

}  // namespace
}  // namespace fccsim::model
