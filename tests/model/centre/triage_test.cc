// Mental-health triage and deployments: the invariants of their counts on every replication,
// the shares the scenario sets within confidence intervals, and the extremes of the
// practitioners' staffing (none: every transfer falls back; plenty: none does).

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "model/centre/centre_model.h"
#include "model/scenario/model_spec.h"
#include "sim/confidence_interval.h"
#include "sim/tally.h"
#include "tests/model/test_scenario.h"
#include "tests/model/theory_checks.h"

namespace fccsim::model {
namespace {

// 60 calls an hour; 8 call handlers; the practitioners' headcount is PRACTITIONERS.
std::string Scenario(int practitioners, const std::string& max_wait_s = "120",
                     int handlers = 8) {
  return R"pb(
    name: "triage"
    horizon { days: 7 interval_minutes: 60 warm_up_hours: 2 }
    channels {
      name: "101"
      talk { exponential { mean_s: 300 } }
      wrap_up { exponential { mean_s: 60 } }
      patience { exponential { mean_s: 600 } }
      target { answer_within_s: 180 fraction: 0.8 }
      mental_health {
        share: 0.1
        redirect_share: 0.25
        redirect_handling { exponential { mean_s: 120 } }
        transfer { exponential { mean_s: 60 } }
        max_wait_s: )pb" + max_wait_s + R"pb(
        fallback { exponential { mean_s: 600 } }
        divert_probability: 0.6
      }
      deployment_probability: 0.4
    }
    groups { name: "handlers" skills: "101" }
    groups { name: "practitioners" }
    triage { group: "practitioners" duration { exponential { mean_s: 1200 } } }
    roster {
      shifts { name: "h" group: "handlers" start: "00:00" length_minutes: 1440
               headcount: )pb" + std::to_string(handlers) + R"pb( }
      shifts { name: "p" group: "practitioners" start: "00:00" length_minutes: 1440
               headcount: )pb" + std::to_string(practitioners) + R"pb( }
    }
  )pb";
}

ModelSpec Compile(const std::string& text) { return CompileScenario(MakeTestScenario(text, {60})); }

// The same, with no arrivals on the last day (a Sunday), so that every contact is resolved
// by the end and the invariants hold as equalities.
ModelSpec CompileQuietSunday(const std::string& text) {
  LoadedScenario loaded = MakeTestScenario(text, {60});
  for (int slot = 6 * loaded.intervals_per_day; slot < 7 * loaded.intervals_per_day; ++slot) {
    loaded.weekly_volume[0][static_cast<std::size_t>(slot)] = 0;
  }
  return CompileScenario(loaded);
}

void ExpectInvariants(const IntervalCounts& k, const std::string& where) {
  EXPECT_LE(k.redirected + k.transferred, k.flagged) << where;
  EXPECT_LE(k.triaged + k.fallback, k.transferred) << where;
  EXPECT_LE(k.diverted, k.triaged) << where;
  EXPECT_LE(k.flagged, k.answered) << where;
  EXPECT_LE(k.deployments + k.deployments_averted, k.answered) << where;
  EXPECT_LE(k.deployments_averted, k.diverted + k.redirected) << where;
  // Those not yet resolved are still being handled at the end: at most the handlers there.
  EXPECT_LE(k.flagged - k.redirected - k.triaged - k.fallback, 8 + 50) << where;
}

TEST(Triage, CountsKeepTheirInvariantsInEveryIntervalAndReplication) {
  for (int practitioners : {0, 1, 50}) {
    const ModelSpec spec = Compile(Scenario(practitioners));
    for (int r = 0; r < 3; ++r) {
      const ReplicationMeasures m = SimulateCentre(spec, 7, r);
      const ChannelMeasures& ch = m.channels[0];
      ExpectInvariants(ch.total, "total");
      IntervalCounts sum;
      for (std::size_t i = 0; i < ch.intervals.size(); ++i) {
        ExpectInvariants(ch.intervals[i], "interval " + std::to_string(i));
        sum.AddCounts(ch.intervals[i]);
      }
      EXPECT_EQ(sum.flagged, ch.total.flagged);
      EXPECT_EQ(sum.triaged, ch.total.triaged);
      EXPECT_EQ(sum.deployments, ch.total.deployments);
      EXPECT_GT(ch.total.flagged, 0);
      if (practitioners == 0) {
        EXPECT_EQ(ch.total.triaged, 0);
        EXPECT_GT(ch.total.fallback, 0);
        EXPECT_TRUE(std::isnan(ch.total.triage_wait_p90_s));
      } else {  // within the longest hold
        EXPECT_GE(ch.total.triage_wait_p90_s, 0);
        EXPECT_LE(ch.total.triage_wait_p90_s, 120);
      }
      for (const IntervalCounts& k : ch.intervals) {
        // Undefined with nobody triaged, else within the longest hold.
        EXPECT_EQ(std::isnan(k.triage_wait_p90_s), k.triaged == 0);
        if (k.triaged > 0) {
          EXPECT_GE(k.triage_wait_p90_s, 0);
          EXPECT_LE(k.triage_wait_p90_s, 120);
        }
      }
      if (practitioners == 50) {
        EXPECT_EQ(ch.total.fallback, 0);
      }
    }
  }
}

TEST(Triage, EveryFlaggedContactIsRedirectedTriagedOrFallenBackOnceAllIsResolved) {
  for (int practitioners : {0, 1, 50}) {
    const ModelSpec spec = CompileQuietSunday(Scenario(practitioners));
    for (int r = 0; r < 3; ++r) {
      const IntervalCounts k = SimulateCentre(spec, 5, r).channels[0].total;
      EXPECT_EQ(k.answered, k.completed) << practitioners;
      EXPECT_EQ(k.flagged, k.redirected + k.triaged + k.fallback) << practitioners;
      EXPECT_EQ(k.transferred, k.triaged + k.fallback) << practitioners;
    }
  }
}

// Callers who never abandon are all answered by the end, in an order that depends on the
// practitioners (a transfer holds its call handler, or does not). What each contact is
// (flagged, redirected, deployable) must not: only what becomes of it.
TEST(Triage, AContactsFateDoesNotDependOnThePractitioners) {
  const std::string patience = "patience { exponential { mean_s: 600 } }";
  const auto without_patience = [&](std::string t) {
    return t.replace(t.find(patience), patience.size(), "");
  };
  const ModelSpec none = CompileQuietSunday(without_patience(Scenario(0)));
  const ModelSpec many = CompileQuietSunday(without_patience(Scenario(50)));
  for (int r = 0; r < 3; ++r) {
    const IntervalCounts a = SimulateCentre(none, 9, r).channels[0].total;
    const IntervalCounts b = SimulateCentre(many, 9, r).channels[0].total;
    ASSERT_EQ(a.answered, a.offered);
    ASSERT_EQ(b.answered, b.offered);
    EXPECT_NE(a.wait_sum, b.wait_sum);  // the callers were answered differently
    EXPECT_EQ(a.flagged, b.flagged);
    EXPECT_EQ(a.redirected, b.redirected);
    EXPECT_EQ(a.deployments + a.deployments_averted, b.deployments + b.deployments_averted);
    EXPECT_EQ(a.triaged, 0);
    EXPECT_EQ(b.fallback, 0);
    EXPECT_GT(b.deployments_averted, a.deployments_averted);  // triage diverts some
  }
}

// The contacts' own draws decide the shares: flagged of answered, redirected of flagged,
// diverted of triaged, deployments and averted of the resolved (99% intervals over 40
// replications; seeds fixed).
TEST(Triage, SharesAgreeWithTheScenario) {
  const ModelSpec spec = Compile(Scenario(50));
  sim::Tally flagged, redirected, diverted, deployed;
  for (int r = 0; r < 40; ++r) {
    const IntervalCounts k = SimulateCentre(spec, 11, r).channels[0].total;
    flagged.Add(static_cast<double>(k.flagged) / k.answered);
    redirected.Add(static_cast<double>(k.redirected) / k.flagged);
    diverted.Add(static_cast<double>(k.diverted) / k.triaged);
    const int resolved_not_averting = k.completed - k.diverted - k.redirected;
    deployed.Add(static_cast<double>(k.deployments) / resolved_not_averting);
  }
  const auto expect = [](const sim::Tally& t, double p, const char* what) {
    const auto ci = sim::StudentTInterval(t, 0.99);
    ASSERT_TRUE(ci.has_value());
    EXPECT_NEAR(ci->mean, p, ci->half_width) << what;
  };
  expect(flagged, 0.1, "flagged / answered");
  expect(redirected, 0.25, "redirected / flagged");
  expect(diverted, 0.6, "diverted / triaged");
  expect(deployed, 0.4, "deployments / resolved and not diverted or redirected");
}

// A longer hold gives the practitioners more chances to pick up: fewer fallbacks, the same
// callers (the contacts' fates are their own).
TEST(Triage, ALongerHoldMeansFewerFallbacks) {
  const ModelSpec short_hold = Compile(Scenario(1, "30"));
  const ModelSpec long_hold = Compile(Scenario(1, "1800"));
  std::int64_t short_fallback = 0, long_fallback = 0;
  for (int r = 0; r < 5; ++r) {
    const IntervalCounts a = SimulateCentre(short_hold, 3, r).channels[0].total;
    const IntervalCounts b = SimulateCentre(long_hold, 3, r).channels[0].total;
    EXPECT_EQ(a.offered, b.offered);
    short_fallback += a.fallback;
    long_fallback += b.fallback;
  }
  EXPECT_GT(short_fallback, long_fallback);
}

// Without mental_health or deployments nothing of triage is counted, and a channel's results
// do not depend on another scenario element it does not use.
TEST(Triage, AChannelWithoutItCountsNothing) {
  const ModelSpec spec = CompileScenario(MakeTestScenario(R"pb(
    name: "plain"
    horizon { days: 2 interval_minutes: 60 }
    channels { name: "999" talk { exponential { mean_s: 200 } }
               target { answer_within_s: 10 fraction: 0.9 } }
    groups { name: "handlers" skills: "999" }
    roster { shifts { group: "handlers" start: "00:00" length_minutes: 1440 headcount: 5 } }
  )pb", {60}));
  const IntervalCounts k = SimulateCentre(spec, 1, 0).channels[0].total;
  EXPECT_GT(k.answered, 0);
  EXPECT_EQ(k.flagged + k.transferred + k.deployments + k.deployments_averted, 0);
}

TEST(Triage, EachIntervalsPractitionerWaitP90IsExact) {
  // Few practitioners, so that waits vary; the waits are read back from the trace (times to
  // the millisecond) by the arrival interval of their contact.
  const ModelSpec spec = Compile(Scenario(1, "600"));
  std::vector<std::string> trace;
  const ReplicationMeasures m = SimulateCentre(spec, 3, 0, &trace);
  std::map<std::string, double> arrival, transfer;
  std::map<int, std::vector<double>> waits;  // by reported interval of arrival
  for (const std::string& line : trace) {
    std::istringstream in(line);
    double t;
    std::string word, name;
    in >> t >> word >> name;
    if (word == "arrive") {
      arrival[name] = t;
      continue;
    }
    if (word == "transfer") {
      transfer[name] = t;
      if (!line.ends_with("-> practitioners")) continue;  // waits in their queue
    } else if (line.ends_with(" from the transfers")) {
      in >> name;  // "practitioners takes <name> from the transfers"
    } else {
      continue;
    }
    const int k = spec.ReportedInterval(sim::TicksFromSeconds(arrival.at(name)));
    if (k >= 0) waits[k].push_back(t - transfer.at(name));
  }
  ASSERT_GT(waits.size(), 20u);
  const std::vector<IntervalCounts>& intervals = m.channels[0].intervals;
  for (std::size_t k = 0; k < intervals.size(); ++k) {
    const auto it = waits.find(static_cast<int>(k));
    if (it == waits.end()) {
      EXPECT_TRUE(std::isnan(intervals[k].triage_wait_p90_s)) << k;
      continue;
    }
    ASSERT_EQ(static_cast<std::size_t>(intervals[k].triaged), it->second.size()) << k;
    EXPECT_NEAR(intervals[k].triage_wait_p90_s, Type7(it->second, 0.9), 0.002) << k;
  }
}

// The timeline of the rules, with fixed durations, checked by hand and frozen: every contact
// is flagged; talk 300 s, wrap-up 30 s, transfer 60 s, triage 600 s, hold at most 100 s, then
// a fallback of 200 s. One practitioner, two call handlers.
//   #0: talk ends at 882.9, the idle practitioner picks up; triaged at 882.9 + 60 + 600.
//   #1, #2: their talks end while the practitioner triages #0: each waits 100 s, falls back,
//     and its call handler is done 200 + 30 s later (1481.8 + 230, 1511.4 + 230).
//   #3 waits for a call handler, both holding; the first free takes it (1711.8); its
//     transfer at 2011.8 finds the practitioner idle again.
//   #4 transfers while #3 is triaged: falls back.
TEST(Triage, TraceFollowsTheDocumentedTimeline) {
  LoadedScenario loaded = MakeTestScenario(R"pb(
    horizon { days: 1 interval_minutes: 60 }
    channels {
      name: "101"
      talk { deterministic_s: 300 }
      wrap_up { deterministic_s: 30 }
      target { answer_within_s: 180 fraction: 0.8 }
      mental_health {
        share: 1
        transfer { deterministic_s: 60 }
        max_wait_s: 100
        fallback { deterministic_s: 200 }
        divert_probability: 0.5
      }
    }
    groups { name: "handlers" skills: "101" }
    groups { name: "mh" }
    triage { group: "mh" duration { deterministic_s: 600 } }
    roster {
      shifts { group: "handlers" start: "00:00" length_minutes: 1440 headcount: 2 }
      shifts { group: "mh" start: "00:00" length_minutes: 1440 headcount: 1 }
    }
  )pb", {0});
  loaded.weekly_volume[0][0] = 3;  // Monday 00:00-01:00 only
  std::vector<std::string> trace;
  SimulateCentre(CompileScenario(loaded), 4, 0, &trace);
  const std::vector<std::string> expected = {
      "0.000 staff handlers +2",
      "0.000 staff mh +1",
      "582.912 arrive 101#0 -> handlers",
      "882.912 transfer 101#0 -> mh",
      "1081.838 arrive 101#1 -> handlers",
      "1111.359 arrive 101#2 -> handlers",
      "1321.529 arrive 101#3 -> queue",
      "1381.838 transfer 101#1 -> queue",
      "1411.359 transfer 101#2 -> queue",
      "1481.838 fallback 101#1",
      "1511.359 fallback 101#2",
      "1542.912 triaged 101#0 by mh",
      "1711.838 done 101#1 by handlers",
      "1711.838 handlers takes 101#3 from the queue",
      "1741.359 done 101#2 by handlers",
      "1781.988 arrive 101#4 -> handlers",
      "2011.838 transfer 101#3 -> mh",
      "2081.988 transfer 101#4 -> queue",
      "2181.988 fallback 101#4",
      "2411.988 done 101#4 by handlers",
      "2671.838 triaged 101#3 by mh",
  };
  EXPECT_EQ(trace, expected);
}

}  // namespace
}  // namespace fccsim::model
