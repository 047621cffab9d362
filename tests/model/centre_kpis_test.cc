// The KPI definitions of docs/model.md on hand-computed numbers.

#include "model/centre_kpis.h"

#include <cmath>

#include <gtest/gtest.h>

#include "model/centre_spec.h"
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

// Two replications of a day in two 12-hour intervals, with waits (s) of the answered:
//   replication 0: interval 0 answered 0, 4, 10, 30; abandoned 1 (after 20 s), short 1;
//                  interval 1 answered 70; one waiting at the end.
//   replication 1: interval 0 answered 2, 9; interval 1 nothing answered, abandoned 1.
std::vector<ReplicationStats> HandMade(const ModelSpec& spec) {
  std::vector<ReplicationStats> reps(2);
  auto answer = [&spec](ChannelStats& s, int interval, double wait_s) {
    const sim::Duration wait = sim::TicksFromSeconds(wait_s);
    ++s.answered;
    ++s.interval_answered[interval];
    s.interval_wait_sum_s[interval] += wait_s;
    const auto t = Thresholds(spec, 0);
    for (std::size_t i = 0; i < t.size(); ++i) s.answered_within[i] += wait <= t[i];
    if (wait <= t[0]) ++s.interval_within_target[interval];
    if (wait_s < 10) ++s.answered_under_10s;
    else if (wait_s < 60) ++s.answered_10_to_60s;
    else ++s.answered_60s_or_more;
    s.wait_s.Add(wait_s);
    s.wait_histogram.Add(wait);
  };
  for (ReplicationStats& r : reps) {
    ChannelStats s;
    s.answered_within.assign(Thresholds(spec, 0).size(), 0);
    for (auto* v : {&s.interval_offered, &s.interval_answered, &s.interval_abandoned,
                    &s.interval_short_abandoned, &s.interval_within_target}) {
      v->assign(2, 0);
    }
    s.interval_wait_sum_s.assign(2, 0);
    s.queue_length = sim::IntervalSeries(spec.origin, spec.interval, 2);
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
  ChannelStats& a = reps[0].channels[0];
  for (double w : {0.0, 4.0, 10.0, 30.0}) answer(a, 0, w);
  answer(a, 1, 70);
  a.abandoned = 1, a.short_abandoned = 1, a.waiting_at_end = 1;
  a.interval_abandoned = {2, 0}, a.interval_short_abandoned = {1, 0};
  a.offered = 8, a.interval_offered = {6, 2};
  ChannelStats& b = reps[1].channels[0];
  answer(b, 0, 2);
  answer(b, 0, 9);
  b.abandoned = 1, b.interval_abandoned = {0, 1};
  b.offered = 3, b.interval_offered = {2, 1};
  return reps;
}

TEST(CentreKpis, DefinitionsOnAHandComputedExample) {
  const ModelSpec spec = CompileScenario(MakeTestScenario(kOneChannel, {0}));
  fccsim::RunResult r;
  SummariseReplications(spec, HandMade(spec), &r);
  const fccsim::ChannelSummary& s = r.channels(0).summary();
  // Service level at 10 s = within / (answered + long abandons): rep 0: 3 / (5 + 1) = 0.5;
  // rep 1: 2 / (2 + 1) = 2/3. Mean 7/12; half width t(0.975, 1) * sd / sqrt(2).
  EXPECT_DOUBLE_EQ(s.service_level().mean(), 7.0 / 12);
  EXPECT_NEAR(s.service_level().ci95_half_width(), 12.706205 * (1.0 / 6 / std::sqrt(2.0)) / std::sqrt(2.0), 1e-5);
  EXPECT_DOUBLE_EQ(s.offered().mean(), 5.5);
  EXPECT_DOUBLE_EQ(s.waiting_at_end().mean(), 0.5);
  // Abandoned fraction = (long + short) / offered: 2/8 and 1/3.
  EXPECT_DOUBLE_EQ(s.abandoned_fraction().mean(), (0.25 + 1.0 / 3) / 2);
  // ASA over answered: rep 0 (0+4+10+30+70)/5 = 22.8; rep 1 5.5.
  EXPECT_DOUBLE_EQ(s.average_answer_s().mean(), (22.8 + 5.5) / 2);
  EXPECT_DOUBLE_EQ(s.wait_max_s().mean(), (70.0 + 9.0) / 2);
  // Home Office bands: rep 0 under 10 s: 0, 4 (2 of 5); 10-60: 10, 30; 60+: 70. Rep 1: 2 of 2.
  EXPECT_DOUBLE_EQ(s.answered_under_10s().mean(), (0.4 + 1.0) / 2);
  EXPECT_DOUBLE_EQ(s.answered_10_to_60s().mean(), 0.4 / 2);
  EXPECT_DOUBLE_EQ(s.answered_60s_or_more().mean(), 0.2 / 2);
  // Service level at 60 s (standard thresholds 10, 20, 60, ...): rep 0 4/6, rep 1 2/3.
  ASSERT_EQ(s.service_levels(2).threshold_s(), 60);
  EXPECT_DOUBLE_EQ(s.service_levels(2).fraction().mean(), 2.0 / 3);
  // Intervals meeting 75%: rep 0: interval 0 = 3/(4+1) = 0.6 no, interval 1 = 0/1 no -> 0;
  // rep 1: interval 0 = 2/2 yes, interval 1 = 0/(0+1) no -> 1/2.
  EXPECT_DOUBLE_EQ(s.intervals_meeting_target().mean(), 0.25);
  EXPECT_FALSE(s.target_met());
  // Per interval: service level of interval 1 is 0 in both replications where defined.
  EXPECT_DOUBLE_EQ(r.channels(0).intervals(0).service_level().mean(), (0.6 + 1.0) / 2);
  EXPECT_DOUBLE_EQ(r.channels(0).intervals(1).average_answer_s().mean(), 70.0);  // rep 0 only
  EXPECT_FALSE(r.channels(0).intervals(1).average_answer_s().has_ci95_half_width());
  // Occupancy: busy 1 then 2 of 2 online: (1 + 2) / (2 + 2) overall, 0.5 and 1 per interval.
  EXPECT_DOUBLE_EQ(r.groups(0).occupancy().mean(), 0.75);
  EXPECT_DOUBLE_EQ(r.groups(0).intervals(0).occupancy().mean(), 0.5);
  EXPECT_DOUBLE_EQ(r.groups(0).intervals(1).occupancy().mean(), 1.0);
  EXPECT_DOUBLE_EQ(r.groups(0).mean_handlers_online().mean(), 2.0);
}

}  // namespace
}  // namespace fccsim::model
