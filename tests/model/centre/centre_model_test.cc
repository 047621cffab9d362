// The centre model against queueing theory where it is exact, within confidence intervals,
// and its invariants on every replication.

#include "model/centre/centre_model.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "model/analytics/erlang.h"
#include "model/scenario/model_spec.h"
#include "sim/confidence_interval.h"
#include "sim/radix_heap_queue.h"
#include "tests/model/test_scenario.h"
#include "tests/model/theory_checks.h"

namespace fccsim::model {
namespace {

LoadedScenario Make(const std::string& textproto, const std::vector<double>& contacts_per_interval) {
  return MakeTestScenario(textproto, contacts_per_interval);
}

const IntervalCounts& All(const ReplicationMeasures& r, int channel) {
  return r.channels[static_cast<std::size_t>(channel)].total;
}

double MeanWait(const IntervalCounts& o) {
  return sim::SecondsFromTicks(o.wait_sum) / static_cast<double>(o.answered);
}

std::vector<ReplicationMeasures> Simulate(const ModelSpec& spec, int replications,
                                          std::uint64_t seed) {
  std::vector<ReplicationMeasures> reps;
  for (int r = 0; r < replications; ++r) reps.push_back(SimulateCentre(spec, seed, r));
  return reps;
}

constexpr char kSingleQueue[] = R"pb(
  horizon { days: 2 interval_minutes: 15 warm_up_hours: 2 }
  channels {
    name: "calls" priority: 1
    talk { exponential { mean_s: 240 } }
    target { answer_within_s: 20 fraction: 0.8 }
    %PATIENCE%
  }
  groups { name: "all" skills: "calls" }
  roster { shifts { group: "all" start: "00:00" length_minutes: 1440 headcount: 50 } }
)pb";

std::string SingleQueue(const std::string& patience) {
  std::string s = kSingleQueue;
  s.replace(s.find("%PATIENCE%"), 10, patience);
  return s;
}

TEST(CentreModel, SingleQueueAgreesWithErlangC) {
  const double rate_per_s = 45.0 / 240.0;  // 45 Erlangs on 50 handlers
  const ModelSpec spec = CompileScenario(Make(SingleQueue(""), {rate_per_s * 900}));
  const auto reps = Simulate(spec, 24, 11);
  std::vector<double> sl10, sl20, asa;
  for (const ReplicationMeasures& r : reps) {
    const IntervalCounts& o = All(r, 0);
    sl10.push_back(LevelAt(spec, o, 10));
    sl20.push_back(LevelAt(spec, o, 20));
    asa.push_back(MeanWait(o));
  }
  ExpectWithin(sl10, ErlangCServiceLevel(50, rate_per_s, 240, 10), "service level at 10 s");
  ExpectWithin(sl20, ErlangCServiceLevel(50, rate_per_s, 240, 20), "service level at 20 s");
  sim::Tally t;
  for (double x : asa) t.Add(x);
  const auto ci = sim::StudentTInterval(t, 0.99);
  EXPECT_NEAR(ci->mean, ErlangCAsa(50, rate_per_s, 240), ci->half_width) << "ASA";
}

// The warm-up changes the state day 0 starts in, never who calls: the same callers arrive in
// every reported interval after 2 hours or 26 hours of warm-up.
TEST(CentreModel, TheWarmUpChangesNoReportedArrival) {
  std::string two = SingleQueue("patience { exponential { mean_s: 300 } }");
  std::string day_and_two = two;
  day_and_two.replace(day_and_two.find("warm_up_hours: 2"), 16, "warm_up_hours: 26");
  const ModelSpec a = CompileScenario(Make(two, {168.75}));
  const ModelSpec b = CompileScenario(Make(day_and_two, {168.75}));
  const ReplicationMeasures ra = SimulateCentre(a, 9, 0);
  const ReplicationMeasures rb = SimulateCentre(b, 9, 0);
  ASSERT_EQ(ra.channels[0].intervals.size(), rb.channels[0].intervals.size());
  for (std::size_t k = 0; k < ra.channels[0].intervals.size(); ++k) {
    ASSERT_EQ(ra.channels[0].intervals[k].offered, rb.channels[0].intervals[k].offered) << k;
  }
  EXPECT_GT(rb.contacts, ra.contacts) << "a longer warm-up simulates more callers before day 0";
}

TEST(CentreModel, SingleQueueWithPatienceAgreesWithErlangA) {
  const double rate_per_s = 47.5 / 240.0;
  const ModelSpec spec = CompileScenario(
      Make(SingleQueue("patience { exponential { mean_s: 600 } }"), {rate_per_s * 900}));
  const auto reps = Simulate(spec, 12, 12);
  const ErlangA exact(50, rate_per_s, 240, 600);
  std::vector<double> abandon, answered_within, asa;
  for (const ReplicationMeasures& r : reps) {
    const IntervalCounts& o = All(r, 0);
    const double abandons = static_cast<double>(o.abandoned + o.short_abandoned);
    const double resolved = static_cast<double>(o.answered) + abandons;
    abandon.push_back(abandons / resolved);
    // No short abandons here (short_abandon_s 0), so the service level's denominator is
    // exactly the resolved calls (plus those waiting at the end longer than 20 s).
    answered_within.push_back(LevelAt(spec, o, 20));
    asa.push_back(MeanWait(o));
  }
  ExpectWithin(abandon, exact.p_abandon(), "P(abandon)");
  ExpectWithin(answered_within, exact.PAnsweredWithin(20), "P(answered within 20 s)");
  sim::Tally t;
  for (double x : asa) t.Add(x);
  const auto ci = sim::StudentTInterval(t, 0.99);
  EXPECT_NEAR(ci->mean, exact.asa_answered_s(), ci->half_width) << "ASA of answered";
}

TEST(CentreModel, PriorityChannelsAgreeWithCobham) {
  // 999 before 101 on one group of dual-skilled handlers; equal handling times, so the
  // non-preemptive priority formula is exact.
  constexpr char kTwoChannels[] = R"pb(
    horizon { days: 7 interval_minutes: 15 warm_up_hours: 2 }
    channels { name: "999" priority: 1 talk { exponential { mean_s: 200 } }
               target { answer_within_s: 10 fraction: 0.9 } }
    channels { name: "101" priority: 2 talk { exponential { mean_s: 200 } }
               target { answer_within_s: 180 fraction: 0.8 } }
    groups { name: "dual" skills: "101" skills: "999" }
    roster { shifts { group: "dual" start: "00:00" length_minutes: 1440 headcount: 20 } }
  )pb";
  const double rate_999 = 6.0 / 200, rate_101 = 11.0 / 200;  // 17 Erlangs on 20
  const ModelSpec spec = CompileScenario(Make(kTwoChannels, {rate_999 * 900, rate_101 * 900}));
  const auto reps = Simulate(spec, 12, 13);
  const std::vector<double> exact = PriorityMeanWaits(20, {rate_999, rate_101}, 200);
  std::vector<double> w999, w101;
  for (const ReplicationMeasures& r : reps) {
    w999.push_back(MeanWait(All(r, 0)));
    w101.push_back(MeanWait(All(r, 1)));
  }
  for (auto [waits, w, name] : {std::tuple{&w999, exact[0], "999"}, {&w101, exact[1], "101"}}) {
    sim::Tally t;
    for (double x : *waits) t.Add(x);
    const auto ci = sim::StudentTInterval(t, 0.99);
    EXPECT_NEAR(ci->mean, w, ci->half_width) << name;
    EXPECT_LT(ci->half_width, 0.15 * w) << name;
  }
}

TEST(CentreModel, EveryContactHasExactlyOneOutcomeAndOccupancyIsAtMostOne) {
  constexpr char kBusy[] = R"pb(
    horizon { days: 1 interval_minutes: 30 warm_up_hours: 1 }
    channels { name: "999" priority: 1 talk { lognormal { mean_s: 200 cv: 1 } }
               wrap_up { deterministic_s: 30 } patience { exponential { mean_s: 60 } }
               short_abandon_s: 5 target { answer_within_s: 10 fraction: 0.9 } }
    channels { name: "101" priority: 2 talk { gamma { shape: 2 scale_s: 150 } }
               patience { lognormal { mean_s: 300 cv: 1 } }
               target { answer_within_s: 180 fraction: 0.8 } }
    groups { name: "999 only" skills: "999" }
    groups { name: "dual" skills: "999" skills: "101" }
    roster {
      shrinkage: 0.2
      shifts { group: "999 only" start: "22:00" length_minutes: 600 headcount: 4
               breaks { after_minutes: 120 length_minutes: 30 } }
      shifts { group: "999 only" start: "07:00" length_minutes: 900 headcount: 6
               breaks { after_minutes: 240 length_minutes: 45 } }
      shifts { group: "dual" start: "08:00" length_minutes: 600 headcount: 5 }
    }
  )pb";
  const ModelSpec spec = CompileScenario(Make(kBusy, {25, 40}));
  for (const ReplicationMeasures& r : Simulate(spec, 5, 14)) {
    for (std::size_t c = 0; c < r.channels.size(); ++c) {
      const ChannelMeasures& s = r.channels[c];
      const int thresholds = static_cast<int>(spec.channels[c].thresholds.size());
      std::int64_t offered = 0;
      for (const IntervalCounts& o : s.intervals) {
        offered += o.offered;
        EXPECT_EQ(o.offered, o.completed + o.InServiceAtEnd() + o.waiting_at_end + o.abandoned +
                                 o.short_abandoned);
        EXPECT_GE(o.InServiceAtEnd(), 0);
        for (int i = 0; i + 1 < thresholds; ++i) {
          EXPECT_LE(o.within[static_cast<std::size_t>(i)], o.within[static_cast<std::size_t>(i + 1)]);
        }
      }
      EXPECT_EQ(offered, s.total.offered);
      EXPECT_GT(offered, 0);
    }
    for (const GroupMeasures& g : r.groups) {
      for (std::size_t k = 0; k < g.busy.size(); ++k) {
        EXPECT_LE(g.busy.Mean(k), g.online.Mean(k) + 1e-9) << k;
        EXPECT_GE(g.busy.Mean(k), -1e-9) << k;
      }
    }
    // Records are reused: a day of thousands of contacts keeps only those in the centre at once.
    EXPECT_LT(r.contact_records, r.contacts / 10);
  }
}

// Each interval's wait percentiles are exact order statistics of its answered contacts'
// waits, here read back from the trace (times to the millisecond) by arrival interval.
TEST(CentreModel, EachIntervalsWaitPercentilesAreExact) {
  const ModelSpec spec = CompileScenario(Make(SingleQueue(""), {186}));  // 49.6 Erlangs on 50
  std::vector<std::string> trace;
  const ReplicationMeasures m = SimulateCentre(spec, 21, 0, &trace);
  std::map<std::string, double> arrival;
  std::map<int, std::vector<double>> waits;  // by reported interval of arrival
  for (const std::string& line : trace) {
    std::istringstream in(line);
    double t;
    std::string first, name;
    in >> t >> first >> name;
    double wait;
    if (first == "arrive") {
      arrival[name] = t;
      if (line.ends_with("-> queue")) continue;
      wait = 0;
    } else if (line.ends_with(" from the queue")) {
      in >> name;  // "<group> takes <name> from the queue"
      wait = t - arrival.at(name);
    } else {
      continue;
    }
    const int k = spec.ReportedInterval(sim::TicksFromSeconds(arrival.at(name)));
    if (k >= 0) waits[k].push_back(wait);
  }
  const std::vector<IntervalCounts>& intervals = m.channels[0].intervals;
  int with_queueing = 0;
  for (std::size_t k = 0; k < intervals.size(); ++k) {
    const auto it = waits.find(static_cast<int>(k));
    ASSERT_NE(it, waits.end()) << k;
    ASSERT_EQ(static_cast<std::int64_t>(it->second.size()), intervals[k].answered) << k;
    EXPECT_NEAR(intervals[k].wait_p50_s, Type7(it->second, 0.5), 0.002) << k;
    EXPECT_NEAR(intervals[k].wait_p90_s, Type7(it->second, 0.9), 0.002) << k;
    EXPECT_NEAR(intervals[k].wait_p95_s, Type7(it->second, 0.95), 0.002) << k;
    with_queueing += intervals[k].wait_p90_s > 1;
  }
  EXPECT_GT(with_queueing, 20);  // the percentiles are not all zero
}

TEST(CentreModel, NoArrivalInAZeroVolumeInterval) {
  constexpr char kGaps[] = R"pb(
    horizon { days: 1 interval_minutes: 15 }
    channels { name: "c" talk { deterministic_s: 10 } target { answer_within_s: 10 fraction: 0.9 } }
    groups { name: "g" skills: "c" }
    roster { shifts { group: "g" start: "00:00" length_minutes: 1440 headcount: 5 } }
  )pb";
  LoadedScenario loaded = Make(kGaps, {0});
  for (std::size_t k = 0; k < loaded.weekly_volume[0].size(); k += 2) loaded.weekly_volume[0][k] = 30;
  const ModelSpec spec = CompileScenario(loaded);
  for (const ReplicationMeasures& r : Simulate(spec, 3, 15)) {
    const ChannelMeasures& s = r.channels[0];
    for (std::size_t k = 0; k < s.intervals.size(); ++k) {
      if (k % 2 == 1) {
        EXPECT_EQ(s.intervals[k].offered, 0) << k;
      } else {
        EXPECT_GT(s.intervals[k].offered, 0) << k;
      }
    }
  }
}

TEST(CentreModel, StaffingChangesDoNotChangeArrivals) {
  // Common random numbers: what-if comparisons see the same callers.
  std::string more = SingleQueue("patience { exponential { mean_s: 300 } }");
  std::string fewer = more;
  fewer.replace(fewer.find("headcount: 50"), 13, "headcount: 44");
  const ModelSpec a = CompileScenario(Make(more, {168.75}));  // 45 Erlangs
  const ModelSpec b = CompileScenario(Make(fewer, {168.75}));
  const ReplicationMeasures ra = SimulateCentre(a, 5, 0);
  const ReplicationMeasures rb = SimulateCentre(b, 5, 0);
  for (std::size_t k = 0; k < ra.channels[0].intervals.size(); ++k) {
    ASSERT_EQ(ra.channels[0].intervals[k].offered, rb.channels[0].intervals[k].offered) << k;
  }
  EXPECT_EQ(ra.contacts, rb.contacts);
  EXPECT_GT(All(rb, 0).abandoned, All(ra, 0).abandoned);
}

// The routing rules on a tiny centre, event by event, checked by hand against docs/model.md
// and then frozen: a 999 arrival goes to the specialist group when it is idle (999#0) and to
// "dual" only when it is not (999#16); "dual" lists 101 first, yet its freed handler takes
// 999#10 before the older 101#6, 101#7 and 101#8 (channel priority beats skill order); queues
// are first come first served (999#4, #11, #14); a caller abandons exactly when patience runs
// out (101#6 at 1762.440 + 700 s); the dual handler going off at 00:20 while busy finishes
// 101#2 and then leaves without taking the waiting 999#4; the one coming on at 00:30 takes
// waiting work at once.
TEST(CentreModel, TraceFollowsTheDocumentedRoutingRules) {
  constexpr char kTiny[] = R"pb(
    horizon { days: 1 interval_minutes: 60 }
    channels { name: "999" priority: 1 talk { deterministic_s: 400 }
               target { answer_within_s: 10 fraction: 0.9 } }
    channels { name: "101" priority: 2 talk { deterministic_s: 400 }
               patience { deterministic_s: 700 } target { answer_within_s: 180 fraction: 0.8 } }
    groups { name: "999 only" skills: "999" }
    groups { name: "dual" skills: "101" skills: "999" }
    roster {
      shifts { group: "999 only" start: "00:00" length_minutes: 1440 headcount: 1 }
      shifts { group: "dual" start: "00:00" length_minutes: 20 headcount: 1 }
      shifts { group: "dual" start: "00:30" length_minutes: 1410 headcount: 1 }
    }
  )pb";
  LoadedScenario loaded = Make(kTiny, {0, 0});
  loaded.weekly_volume[0][0] = 14;  // Monday 00:00-01:00 only
  loaded.weekly_volume[1][0] = 10;
  std::vector<std::string> trace;
  SimulateCentre(CompileScenario(loaded), 33, 0, &trace);
  const std::vector<std::string> expected = {
      "0.000 staff 999 only +1",
      "0.000 staff dual +1",
      "93.939 arrive 999#0 -> 999 only",
      "332.081 arrive 101#1 -> dual",
      "493.939 done 999#0 by 999 only",
      "732.081 done 101#1 by dual",
      "1006.176 arrive 101#2 -> dual",
      "1037.952 arrive 999#3 -> 999 only",
      "1200.000 staff dual -1",
      "1371.075 arrive 999#4 -> queue",
      "1406.176 done 101#2 by dual",
      "1437.952 done 999#3 by 999 only",
      "1437.952 999 only takes 999#4 from the queue",
      "1662.389 arrive 999#5 -> queue",
      "1762.440 arrive 101#6 -> queue",
      "1800.000 staff dual +1",
      "1800.000 dual takes 999#5 from the queue",
      "1837.952 done 999#4 by 999 only",
      "1906.162 arrive 101#7 -> queue",
      "1914.442 arrive 101#8 -> queue",
      "1925.760 arrive 999#9 -> 999 only",
      "2046.546 arrive 999#10 -> queue",
      "2049.007 arrive 999#11 -> queue",
      "2200.000 done 999#5 by dual",
      "2200.000 dual takes 999#10 from the queue",
      "2253.795 arrive 101#12 -> queue",
      "2325.760 done 999#9 by 999 only",
      "2325.760 999 only takes 999#11 from the queue",
      "2425.072 arrive 999#13 -> queue",
      "2462.440 abandon 101#6",
      "2526.578 arrive 999#14 -> queue",
      "2600.000 done 999#10 by dual",
      "2600.000 dual takes 999#13 from the queue",
      "2606.162 abandon 101#7",
      "2614.442 abandon 101#8",
      "2725.760 done 999#11 by 999 only",
      "2725.760 999 only takes 999#14 from the queue",
      "2953.795 abandon 101#12",
      "3000.000 done 999#13 by dual",
      "3125.760 done 999#14 by 999 only",
      "3191.589 arrive 999#15 -> 999 only",
      "3213.482 arrive 999#16 -> dual",
      "3218.733 arrive 999#17 -> queue",
      "3306.299 arrive 101#18 -> queue",
      "3585.452 arrive 999#19 -> queue",
      "3591.589 done 999#15 by 999 only",
      "3591.589 999 only takes 999#17 from the queue",
      "3613.482 done 999#16 by dual",
      "3613.482 dual takes 999#19 from the queue",
      "3991.589 done 999#17 by 999 only",
      "4006.299 abandon 101#18",
      "4013.482 done 999#19 by dual",
  };
  EXPECT_EQ(trace, expected);
}

// Breaks and shift ends apply to the shift's own handlers, checked by hand and frozen: shift A's
// handler (idle longest, so it took c#0) is busy when A's break starts at 600 s, finishes c#0
// at 892 s and only then goes, leaving c#2 waiting; shift B's idle handler stays on and
// answers c#1 at once; A is back on time at 1200 s; at the shifts' end (2400 s) the handler
// still on c#6 finishes it before going.
TEST(CentreModel, AShiftsOwnHandlerTakesItsBreakAfterFinishingTheCallInHand) {
  constexpr char kBreak[] = R"pb(
    horizon { days: 1 interval_minutes: 15 }
    channels { name: "c" talk { deterministic_s: 500 } target { answer_within_s: 10 fraction: 0.9 } }
    groups { name: "g" skills: "c" }
    roster {
      shifts { name: "A" group: "g" start: "00:00" length_minutes: 40 headcount: 1
               breaks { after_minutes: 10 length_minutes: 10 } }
      shifts { name: "B" group: "g" start: "00:00" length_minutes: 40 headcount: 1 }
    }
  )pb";
  LoadedScenario loaded = Make(kBreak, {0});
  loaded.weekly_volume[0][0] = 4;
  loaded.weekly_volume[0][1] = 2;
  std::vector<std::string> trace;
  SimulateCentre(CompileScenario(loaded), 7, 0, &trace);
  const std::vector<std::string> expected = {
      "0.000 staff g +1",
      "0.000 staff g +1",
      "392.109 arrive c#0 -> g",
      "600.000 staff g -1",
      "612.903 arrive c#1 -> g",
      "671.674 arrive c#2 -> queue",
      "892.109 done c#0 by g",
      "1112.903 done c#1 by g",
      "1112.903 g takes c#2 from the queue",
      "1200.000 staff g +1",
      "1277.092 arrive c#3 -> g",
      "1343.056 arrive c#4 -> queue",
      "1379.879 arrive c#5 -> queue",
      "1505.307 arrive c#6 -> queue",
      "1612.903 done c#2 by g",
      "1612.903 g takes c#4 from the queue",
      "1777.092 done c#3 by g",
      "1777.092 g takes c#5 from the queue",
      "2112.903 done c#4 by g",
      "2112.903 g takes c#6 from the queue",
      "2277.092 done c#5 by g",
      "2400.000 staff g -1",
      "2400.000 staff g -1",
      "2612.903 done c#6 by g",
  };
  EXPECT_EQ(trace, expected);
}

// At one instant, staffing changes come before anything else: a handler who comes on at
// 00:10 and takes a waiting 300 s call finishes it at 00:15 exactly, when the shift's break
// starts; the break applies first, so the finish sends the handler on break rather than to
// the next waiting call.
TEST(CentreModel, StaffingChangesComeFirstAtTheSameInstant) {
  constexpr char kTie[] = R"pb(
    horizon { days: 1 interval_minutes: 15 }
    channels { name: "c" talk { deterministic_s: 300 } target { answer_within_s: 10 fraction: 0.9 } }
    groups { name: "g" skills: "c" }
    roster { shifts { name: "A" group: "g" start: "00:10" length_minutes: 60 headcount: 1
                      breaks { after_minutes: 5 length_minutes: 10 } } }
  )pb";
  LoadedScenario loaded = Make(kTie, {0});
  loaded.weekly_volume[0][0] = 12;
  std::vector<std::string> trace;
  SimulateCentre(CompileScenario(loaded), 1, 0, &trace);
  std::vector<std::string> at_900;
  for (const std::string& line : trace) {
    if (line.rfind("900.000 ", 0) == 0) at_900.push_back(line.substr(8));
  }
  ASSERT_EQ(at_900.size(), 2u) << ::testing::PrintToString(trace);
  EXPECT_EQ(at_900[0], "staff g -1");
  EXPECT_EQ(at_900[1].rfind("done c#", 0), 0u) << at_900[1];
  EXPECT_NE(std::find(trace.begin(), trace.end(), "600.000 staff g +1"), trace.end());
}

// The run-time move of handlers between groups: idle handlers move at once, and keep their
// shift (they go off when it ends, from their new group).
TEST(CentreModel, HandlersMovedBetweenGroupsKeepTheirShift) {
  constexpr char kTwoGroups[] = R"pb(
    horizon { days: 1 interval_minutes: 60 }
    channels { name: "c" talk { deterministic_s: 1 } target { answer_within_s: 10 fraction: 0.9 } }
    groups { name: "a" skills: "c" }
    groups { name: "b" skills: "c" }
    roster {
      shifts { group: "a" start: "00:00" length_minutes: 720 headcount: 3 }
      shifts { group: "b" start: "00:00" length_minutes: 1440 headcount: 1 }
    }
  )pb";
  ModelSpec spec = CompileScenario(Make(kTwoGroups, {0}));
  spec.moves.push_back({6 * sim::kTicksPerHour, 0, 1, 2});
  const ReplicationMeasures r = SimulateCentre(spec, 1, 0);
  for (std::size_t h = 0; h < 24; ++h) {
    const double a = h < 6 ? 3 : h < 12 ? 1 : 0;
    const double b = h < 6 ? 1 : h < 12 ? 3 : 1;
    EXPECT_EQ(r.groups[0].online.Mean(h), a) << "hour " << h;
    EXPECT_EQ(r.groups[1].online.Mean(h), b) << "hour " << h;
  }
}

// Time-varying arrivals against the M_t/M/infinity result: with more handlers than are ever
// busy and exponential handling (mean tau), the mean number busy follows dm/dt = lambda(t) -
// m/tau; with lambda constant over an interval [t0, t0+L], m(t) = lambda*tau + (m(t0) -
// lambda*tau) e^{-(t-t0)/tau}, whose mean over the interval is
// lambda*tau + (m(t0) - lambda*tau) (tau/L) (1 - e^{-L/tau}).
TEST(CentreModel, TimeVaryingArrivalsAgreeWithTheInfiniteServerResult) {
  constexpr char kMany[] = R"pb(
    horizon { days: 1 interval_minutes: 60 }
    channels { name: "c" talk { exponential { mean_s: 600 } }
               target { answer_within_s: 10 fraction: 0.9 } }
    groups { name: "g" skills: "c" }
    roster { shifts { group: "g" start: "00:00" length_minutes: 1440 headcount: 400 } }
  )pb";
  LoadedScenario loaded = Make(kMany, {0});
  std::vector<double> per_hour(24);
  for (int h = 0; h < 24; ++h) {
    per_hour[h] = 300 + 250 * std::sin(2 * M_PI * (h - 6) / 24.0);
    for (int d = 0; d < 7; ++d) loaded.weekly_volume[0][static_cast<std::size_t>(d * 24 + h)] = per_hour[h];
  }
  const ModelSpec spec = CompileScenario(loaded);
  const double tau = 600, length = 3600;
  std::vector<double> expected(24);
  double m = 0;  // the centre starts empty
  for (int h = 0; h < 24; ++h) {
    const double steady = per_hour[h] / length * tau;
    expected[h] = steady + (m - steady) * (tau / length) * (1 - std::exp(-length / tau));
    m = steady + (m - steady) * std::exp(-length / tau);
  }
  std::vector<sim::Tally> busy(24);
  for (const ReplicationMeasures& r : Simulate(spec, 120, 16)) {
    for (std::size_t h = 0; h < 24; ++h) busy[h].Add(r.groups[0].busy.Mean(h));
  }
  // 24 comparisons: Bonferroni, so that all hold together with 99% confidence.
  for (std::size_t h = 0; h < 24; ++h) {
    const auto ci = sim::StudentTInterval(busy[h], 1 - 0.01 / 24);
    ASSERT_TRUE(ci.has_value());
    EXPECT_NEAR(ci->mean, expected[h], ci->half_width) << "hour " << h;
    EXPECT_LT(ci->half_width, 0.1 * expected[h]) << "hour " << h;
  }
}

TEST(CentreModel, ShiftsCrossMidnightAndTheEndOfTheWeek) {
  // A Sunday night shift 22:00-06:00 in a week starting Monday: it covers Monday 00:00-06:00
  // (the shift that began the Sunday before) and Sunday 22:00-24:00.
  constexpr char kNight[] = R"pb(
    horizon { days: 7 interval_minutes: 60 }
    channels { name: "c" talk { deterministic_s: 1 } target { answer_within_s: 10 fraction: 0.9 } }
    groups { name: "night" skills: "c" }
    roster { shifts { group: "night" start: "22:00" length_minutes: 480 weekdays: SUNDAY headcount: 3 } }
  )pb";
  const ModelSpec spec = CompileScenario(Make(kNight, {0}));
  const ReplicationMeasures r = SimulateCentre(spec, 1, 0);
  for (std::size_t h = 0; h < 7 * 24; ++h) {
    const bool on = h < 6 || h >= 6 * 24 + 22;
    EXPECT_DOUBLE_EQ(r.groups[0].online.Mean(h), on ? 3.0 : 0.0) << "hour " << h;
  }
}

TEST(CentreModel, HandlersFinishTheContactInHandAndNewStaffTakeWaitingContactsAtOnce) {
  // One handler until 00:10, another from 00:20; calls queue all the while. The first is busy
  // at 00:10, finishes that call, then leaves without taking another; the second takes a
  // waiting call the moment the shift starts.
  constexpr char kHandover[] = R"pb(
    horizon { days: 1 interval_minutes: 60 }
    channels { name: "c" talk { deterministic_s: 250 } target { answer_within_s: 10 fraction: 0.9 } }
    groups { name: "g" skills: "c" }
    roster {
      shifts { group: "g" start: "00:00" length_minutes: 10 headcount: 1 }
      shifts { group: "g" start: "00:20" length_minutes: 1400 headcount: 1 }
    }
  )pb";
  LoadedScenario loaded = Make(kHandover, {0});
  loaded.weekly_volume[0][0] = 120;
  std::vector<std::string> trace;
  SimulateCentre(CompileScenario(loaded), 4, 0, &trace);
  auto at = [&trace](const std::string& what) {
    for (const std::string& line : trace) {
      if (line.find(what) != std::string::npos) return std::stod(line);
    }
    return -1.0;
  };
  // First handler: answers at 0 <= t; still busy at 600 s; finishes once more after 600 s.
  double last_done_before_leaving = -1, first_take_after = -1;
  for (const std::string& line : trace) {
    const double t = std::stod(line);
    if (line.find("done") != std::string::npos && t > 600 && t < 1200) last_done_before_leaving = t;
    if (line.find(" takes ") != std::string::npos && t > 600 && first_take_after < 0) first_take_after = t;
  }
  EXPECT_GT(last_done_before_leaving, 600) << "the call in hand at 00:10 is finished";
  EXPECT_DOUBLE_EQ(first_take_after, 1200) << "nobody takes a call between 00:10 and 00:20";
  EXPECT_DOUBLE_EQ(at("staff g +1"), 0);
  EXPECT_GT(at("arrive"), 0);
}

TEST(CentreModel, ALaterShiftComesOnWhileAnotherIsStillFinishing) {
  // Shift A ends at 00:10 with its handler mid-call (talk 3000 s); shift B starts at 00:15 and
  // must take a waiting call then, not wait for A's handler to finish (a review found B was
  // absorbed by A's pending departure).
  constexpr char kStaggered[] = R"pb(
    horizon { days: 1 interval_minutes: 15 }
    channels { name: "c" talk { deterministic_s: 3000 } target { answer_within_s: 10 fraction: 0.9 } }
    groups { name: "g" skills: "c" }
    roster {
      shifts { name: "A" group: "g" start: "00:00" length_minutes: 10 headcount: 1 }
      shifts { name: "B" group: "g" start: "00:15" length_minutes: 600 headcount: 1 }
    }
  )pb";
  LoadedScenario loaded = Make(kStaggered, {0});
  loaded.weekly_volume[0][0] = 30;
  std::vector<std::string> trace;
  const ReplicationMeasures r = SimulateCentre(CompileScenario(loaded), 2, 0, &trace);
  const auto b_on = std::find(trace.begin(), trace.end(), "900.000 staff g +1");
  ASSERT_NE(b_on, trace.end());
  ASSERT_NE(b_on + 1, trace.end());
  EXPECT_EQ((b_on + 1)->substr(0, 16), "900.000 g takes ");
  // Interval 00:15-00:30: A's handler (until 3000 s) and B's both on.
  EXPECT_DOUBLE_EQ(r.groups[0].online.Mean(1), 2.0);
}

TEST(CentreModel, HeadcountTableShrinkageIsDrawnNotRoundedAway) {
  // One rostered handler with 40% shrinkage: present 60% of the time on average. Rounding
  // 1 x 0.6 to the nearest handler would keep them always present.
  constexpr char kTable[] = R"pb(
    horizon { days: 7 interval_minutes: 60 }
    channels { name: "c" talk { deterministic_s: 1 } target { answer_within_s: 10 fraction: 0.9 } }
    groups { name: "g" skills: "c" }
    roster { headcount_csv: "unused.csv" shrinkage: 0.4 }
  )pb";
  LoadedScenario loaded = Make(kTable, {0});
  loaded.weekly_headcount.assign(1, std::vector<int>(7 * 24, 1));
  const ModelSpec spec = CompileScenario(loaded);
  sim::Tally online;
  for (const ReplicationMeasures& r : Simulate(spec, 40, 17)) {
    for (std::size_t k = 0; k < r.groups[0].online.size(); ++k) online.Add(r.groups[0].online.Mean(k));
  }
  // Absence is drawn per handler and day: 40 replications x 7 days = 280 independent
  // Bernoulli(0.6) days, so the mean is within 4 standard errors of 0.6.
  EXPECT_NEAR(online.Mean(), 0.6, 4 * std::sqrt(0.6 * 0.4 / 280));
}

}  // namespace
}  // namespace fccsim::model

namespace fccsim::model {
namespace {

TEST(CentreModel, RecordedEventsAreTheEventsTheReplicationRan) {
  const ModelSpec spec = CompileScenario(MakeTestScenario(kEveryMeasure, {40, 60, 10}));
  const sim::EventTrace trace = RecordCentreEvents(spec, 3, 1);
  const ReplicationMeasures measures = SimulateCentre(spec, 3, 1);
  // Every event the replication ran was a pop of the trace or ran at once (a next arrival
  // that came before anything else), and nothing else was.
  EXPECT_EQ(trace.pops + trace.ran_next, measures.events);
  EXPECT_GT(trace.ran_next, 0u);
  EXPECT_GT(trace.cancels, 0u);  // answered callers' patience, ended sessions
  sim::RadixHeapQueue<std::uint64_t> queue;
  std::vector<sim::EventHandle> handles;
  EXPECT_TRUE(sim::ReplayTrace(trace, &queue, &handles));
}

}  // namespace
}  // namespace fccsim::model
