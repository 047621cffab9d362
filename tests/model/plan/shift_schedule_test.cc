// Shift scheduling: the solver's optimum equals the least found by enumeration on small
// programmes; candidates cover what their pattern says (starts, weekdays, breaks, nights into
// the next morning); the schedule covers every need at the least cost, within each pattern's
// handlers per day.

#include "model/plan/shift_schedule.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "model/plan/integer_program.h"
#include "model/plan/shift_candidates.h"
#include "model/plan/shift_planner.h"
#include "model/scenario/model_spec.h"
#include "model/scenario/scenario_validator.h"
#include "tests/model/test_scenario.h"

namespace fccsim::model {
namespace {

// Every x in [0, top]^n, the least cost meeting every row; infinity when none does.
double LeastByEnumeration(const IntegerProgram& p, int top) {
  const std::size_t n = p.cost.size();
  std::vector<long long> x(n, 0);
  double best = std::numeric_limits<double>::infinity();
  const std::function<void(std::size_t)> visit = [&](std::size_t j) {
    if (j == n) {
      for (const IntegerProgram::Row& row : p.rows) {
        double sum = 0;
        for (const auto& t : row.terms) sum += t.coefficient * static_cast<double>(x[static_cast<std::size_t>(t.column)]);
        if (sum < row.lower - 1e-9 || sum > row.upper + 1e-9) return;
      }
      double cost = 0;
      for (std::size_t i = 0; i < n; ++i) cost += p.cost[i] * static_cast<double>(x[i]);
      best = std::min(best, cost);
      return;
    }
    for (int v = 0; v <= top; ++v) {
      x[j] = v;
      visit(j + 1);
    }
  };
  visit(0);
  return best;
}

TEST(Solve, RandomCoveringProgrammesMatchEnumeration) {
  std::mt19937 random(17);
  for (int trial = 0; trial < 40; ++trial) {
    IntegerProgram p;
    const int columns = 3 + trial % 3;
    for (int j = 0; j < columns; ++j) {
      p.AddColumn(1 + static_cast<double>(random() % 9), 0, 4);
    }
    const int rows = 2 + trial % 4;
    for (int r = 0; r < rows; ++r) {
      IntegerProgram::Row row;
      for (int j = 0; j < columns; ++j) {
        if (random() % 2 == 0) row.terms.push_back({j, 1.0 + static_cast<double>(random() % 2)});
      }
      if (row.terms.empty()) row.terms.push_back({static_cast<int>(random() % columns), 1});
      row.lower = static_cast<double>(random() % 5);
      if (trial % 5 == 0) row.upper = row.lower + 2;  // some two-sided rows
      p.rows.push_back(row);
    }
    const double least = LeastByEnumeration(p, 4);
    const Solution s = Solve(p, {});
    if (std::isinf(least)) {
      EXPECT_EQ(s.status, SolveStatus::kInfeasible) << trial;
      continue;
    }
    ASSERT_EQ(s.status, SolveStatus::kOptimal) << trial;
    EXPECT_DOUBLE_EQ(s.objective, least) << trial;
    EXPECT_LE(s.bound, s.objective + 1e-9) << trial;
  }
}

// A day of hourly intervals; handlers on duty needed given per test.
constexpr char kDay[] = R"pb(
  name: "day"
  horizon { days: 1 interval_minutes: 60 }
  channels { name: "calls" talk { exponential { mean_s: 240 } } }
  groups { name: "all" skills: "calls" }
  groups { name: "other" skills: "calls" }
  roster { shifts { group: "all" start: "00:00" length_minutes: 1440 headcount: 1 } }
  planning {
    patterns { name: "early" group: "all" earliest_start: "06:00" latest_start: "08:00"
               start_step_minutes: 120 length_minutes: 480 cost: 8
               breaks { length_minutes: 60 earliest_after_minutes: 180 latest_after_minutes: 300 } }
    patterns { name: "late" group: "all" earliest_start: "14:00" length_minutes: 480 cost: 9 }
    patterns { name: "night" group: "all" earliest_start: "22:00" length_minutes: 480 cost: 12 }
  }
)pb";

LoadedScenario Day() {
  LoadedScenario loaded = MakeTestScenario(kDay, {1});
  ApplyScenarioDefaults(&loaded.scenario);
  return loaded;
}

TEST(CandidateShifts, CoverTheirPatternsHoursOffBreak) {
  const LoadedScenario loaded = Day();
  const ModelSpec spec = CompileScenario(loaded);
  const std::vector<CandidateShift> candidates = CandidateShifts(loaded.scenario, spec);
  // Early: 2 starts x 3 break placements; late and night one each; on the one day reported.
  // The night starting the day before (a Sunday) covers 00:00-06:00; the day's own night
  // 22:00-24:00. A late or early shift of the day before covers nothing reported.
  int early = 0, late = 0, night = 0;
  for (const CandidateShift& c : candidates) {
    (c.pattern == 0 ? early : c.pattern == 1 ? late : night) += 1;
  }
  EXPECT_EQ(early, 6);
  EXPECT_EQ(late, 1);
  EXPECT_EQ(night, 2);
  const CandidateShift& first = candidates[0];  // Monday 06:00, break at 180 minutes
  EXPECT_EQ(first.weekday, 0);
  EXPECT_EQ(first.start_minutes, 360);
  EXPECT_EQ(first.break_after_minutes, std::vector<int>{180});
  EXPECT_EQ(first.covers, (std::vector<int>{6, 7, 8, 10, 11, 12, 13}));
  const CandidateShift& sunday_night = candidates[candidates.size() - 1];
  EXPECT_EQ(sunday_night.weekday, 6);
  EXPECT_EQ(sunday_night.covers, (std::vector<int>{0, 1, 2, 3, 4, 5}));
  const fccsim::Shift shift = ToShift(loaded.scenario, first, 3);
  EXPECT_EQ(shift.name(), "early Mon 06:00 breaks 180");
  EXPECT_EQ(shift.headcount(), 3u);
  ASSERT_EQ(shift.breaks_size(), 1);
  EXPECT_EQ(shift.breaks(0).after_minutes(), 180u);
  EXPECT_EQ(shift.breaks(0).length_minutes(), 60u);
}

// The least cost of covering `need` with the candidates, by enumerating headcounts 0..top.
double LeastSchedule(const std::vector<CandidateShift>& candidates,
                     const std::vector<int>& need, int top) {
  IntegerProgram p;
  for (const CandidateShift& c : candidates) p.AddColumn(c.cost);
  for (std::size_t k = 0; k < need.size(); ++k) {
    IntegerProgram::Row row;
    row.lower = need[k];
    for (std::size_t j = 0; j < candidates.size(); ++j) {
      for (int covered : candidates[j].covers) {
        if (covered == static_cast<int>(k)) row.terms.push_back({static_cast<int>(j), 1});
      }
    }
    p.rows.push_back(row);
  }
  return LeastByEnumeration(p, top);
}

TEST(ScheduleShifts, CoversEveryNeedAtTheLeastCostFoundByEnumeration) {
  const LoadedScenario loaded = Day();
  const ModelSpec spec = CompileScenario(loaded);
  const std::vector<CandidateShift> candidates = CandidateShifts(loaded.scenario, spec);
  std::mt19937 random(3);
  for (int trial = 0; trial < 6; ++trial) {
    std::vector<int> need(24);
    for (int& n : need) n = static_cast<int>(random() % 3);
    ShiftSchedule schedule;
    ScheduleShifts(loaded.scenario, candidates, {need, std::vector<int>(24, 0)}, {}, &schedule);
    EXPECT_TRUE(schedule.uncovered.empty());
    ASSERT_EQ(schedule.status, SolveStatus::kOptimal);
    std::vector<int> present(24, 0);
    double cost = 0;
    for (std::size_t j = 0; j < candidates.size(); ++j) {
      for (int k : candidates[j].covers) present[static_cast<std::size_t>(k)] += schedule.headcount[j];
      cost += candidates[j].cost * schedule.headcount[j];
    }
    for (int k = 0; k < 24; ++k) EXPECT_GE(present[static_cast<std::size_t>(k)], need[static_cast<std::size_t>(k)]) << k;
    EXPECT_DOUBLE_EQ(schedule.cost, cost);
    EXPECT_DOUBLE_EQ(cost, LeastSchedule(candidates, need, 2)) << trial;
  }
}

TEST(ScheduleShifts, StaggersBreaksWhereCoverNeedsIt) {
  // Two handlers needed 06:00-14:00 but one at 09:00 and 10:00: two early shifts from 06:00
  // (breaks may start at 09:00, 10:00 or 11:00), one with its break at 09:00 and the other
  // at 10:00; no third handler, no break at 11:00.
  const LoadedScenario loaded = Day();
  const ModelSpec spec = CompileScenario(loaded);
  const std::vector<CandidateShift> candidates = CandidateShifts(loaded.scenario, spec);
  std::vector<int> need(24, 0);
  for (int k = 6; k < 14; ++k) need[static_cast<std::size_t>(k)] = 2;
  need[9] = need[10] = 1;
  ShiftSchedule schedule;
  ScheduleShifts(loaded.scenario, candidates, {need, std::vector<int>(24, 0)}, {}, &schedule);
  EXPECT_EQ(schedule.status, SolveStatus::kOptimal);
  EXPECT_DOUBLE_EQ(schedule.cost, 16);
  std::vector<int> breaks;
  for (std::size_t j = 0; j < candidates.size(); ++j) {
    for (int n = 0; n < schedule.headcount[j]; ++n) {
      EXPECT_EQ(candidates[j].start_minutes, 360);
      breaks.push_back(candidates[j].break_after_minutes[0]);
    }
  }
  std::sort(breaks.begin(), breaks.end());
  EXPECT_EQ(breaks, (std::vector<int>{180, 240}));
}

TEST(ScheduleShifts, KeepsEachPatternsHandlersPerDayWithinItsBounds) {
  LoadedScenario loaded = Day();
  auto* patterns = loaded.scenario.mutable_planning()->mutable_patterns();
  (*patterns)[0].set_min_per_day(2);  // at least two early shifts, needed or not
  (*patterns)[1].set_max_per_day(1);  // at most one late shift
  const ModelSpec spec = CompileScenario(loaded);
  const std::vector<CandidateShift> candidates = CandidateShifts(loaded.scenario, spec);
  const auto schedule = [&](const std::vector<int>& need) {
    ShiftSchedule out;
    ScheduleShifts(loaded.scenario, candidates, {need, std::vector<int>(24, 0)}, {}, &out);
    return out;
  };
  // No need at all: the two early shifts the minimum asks for, nothing else.
  const ShiftSchedule idle = schedule(std::vector<int>(24, 0));
  ASSERT_EQ(idle.status, SolveStatus::kOptimal);
  EXPECT_DOUBLE_EQ(idle.cost, 16);
  // One handler 16:00-22:00: the one late shift allowed.
  std::vector<int> need(24, 0);
  for (int k = 16; k < 22; ++k) need[static_cast<std::size_t>(k)] = 1;
  const ShiftSchedule one = schedule(need);
  ASSERT_EQ(one.status, SolveStatus::kOptimal);
  EXPECT_DOUBLE_EQ(one.cost, 16 + 9);
  // Two: only late shifts reach 16:00-22:00, and one is allowed.
  for (int k = 16; k < 22; ++k) need[static_cast<std::size_t>(k)] = 2;
  EXPECT_EQ(schedule(need).status, SolveStatus::kInfeasible);
}

TEST(ScheduleShifts, LeavesOutAndListsTheNeedNoPatternCovers) {
  const LoadedScenario loaded = Day();
  const ModelSpec spec = CompileScenario(loaded);
  const std::vector<CandidateShift> candidates = CandidateShifts(loaded.scenario, spec);
  // "other" has no pattern: its need at 03:00 cannot be covered; "all"'s at 07:00 can.
  std::vector<int> all(24, 0), other(24, 0);
  all[7] = 1;
  other[3] = 2;
  ShiftSchedule schedule;
  ScheduleShifts(loaded.scenario, candidates, {all, other}, {}, &schedule);
  ASSERT_EQ(schedule.status, SolveStatus::kOptimal);
  EXPECT_DOUBLE_EQ(schedule.cost, 8);  // one early shift for "all"
  ASSERT_EQ(schedule.uncovered.size(), 1u);
  EXPECT_EQ(schedule.uncovered[0].group, 1);
  EXPECT_EQ(schedule.uncovered[0].interval, 3);
  EXPECT_EQ(schedule.uncovered[0].need, 2);
}

TEST(OnDutyIntervals, CountsTheShareOfEachIntervalOnShiftAndOffBreak) {
  LoadedScenario loaded = Day();
  const ModelSpec spec = CompileScenario(loaded);
  fccsim::Shift shift;
  shift.set_name("odd");
  shift.set_group("all");
  shift.set_start("08:30");
  shift.set_length_minutes(240);  // 08:30-12:30
  shift.set_headcount(1);
  fccsim::Break* b = shift.add_breaks();
  b->set_after_minutes(75);  // 09:45-10:00
  b->set_length_minutes(15);
  std::vector<double> shares;
  EXPECT_EQ(OnDutyIntervals(spec, shift, 0, &shares), (std::vector<int>{8, 9, 10, 11, 12}));
  EXPECT_EQ(shares, (std::vector<double>{0.5, 0.75, 1, 1, 0.5}));
  // A night from 22:30: the one of the day before (starting before the origin) covers
  // 00:00-06:30; the day's own 22:30-24:00, and nothing past the horizon.
  shift.clear_breaks();
  shift.set_start("22:30");
  shift.set_length_minutes(480);
  EXPECT_EQ(OnDutyIntervals(spec, shift, 0, &shares),
            (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 22, 23}));
  EXPECT_EQ(shares, (std::vector<double>{1, 1, 1, 1, 1, 1, 0.5, 0.5, 1}));
}

TEST(RosterCandidates, BreaksOffTheGridCountForTheShareOfTheIntervalOnDuty) {
  // Two 10-hour shifts of one handler each, breaking for 30 minutes at 10:00 and 10:30: on
  // average one handler on duty from 10:00 to 11:00. Two needed there: two more handlers.
  LoadedScenario loaded = Day();
  auto* roster = loaded.scenario.mutable_roster();
  roster->clear_shifts();
  for (const int after : {240, 270}) {
    fccsim::Shift* s = roster->add_shifts();
    s->set_name("from " + std::to_string(after));
    s->set_group("all");
    s->set_start("06:00");
    s->set_length_minutes(600);
    s->set_headcount(1);
    fccsim::Break* b = s->add_breaks();
    b->set_after_minutes(static_cast<std::uint32_t>(after));
    b->set_length_minutes(30);
  }
  const ModelSpec spec = CompileScenario(loaded);
  const std::vector<CandidateShift> own = RosterCandidates(loaded.scenario, spec, {"all"});
  ASSERT_EQ(own.size(), 2u);
  std::vector<int> need(24, 0);
  need[10] = 2;
  ShiftSchedule schedule;
  ScheduleShifts(loaded.scenario, own, {need, std::vector<int>(24, 0)}, {}, &schedule);
  ASSERT_EQ(schedule.status, SolveStatus::kOptimal);
  EXPECT_TRUE(schedule.uncovered.empty());
  EXPECT_EQ(schedule.headcount[0] + schedule.headcount[1], 4);
  EXPECT_GE(schedule.headcount[0], 1);
  EXPECT_GE(schedule.headcount[1], 1);
  EXPECT_DOUBLE_EQ(schedule.cost, 40);
}

// The roster's own shifts as candidates, each weekday it runs reaching the horizon, kept at
// their headcount: topped up, they gain the fewest hours that cover the need.
TEST(RosterCandidates, TopUpKeepsTheRostersHandlersAndAddsTheFewestHours) {
  LoadedScenario loaded = Day();
  auto* roster = loaded.scenario.mutable_roster();
  roster->clear_shifts();
  const auto add = [&](const char* name, const char* start, int headcount) {
    fccsim::Shift* s = roster->add_shifts();
    s->set_name(name);
    s->set_group("all");
    s->set_start(start);
    s->set_length_minutes(480);
    s->set_headcount(static_cast<std::uint32_t>(headcount));
    return s;
  };
  fccsim::Break* b = add("day", "08:00", 2)->add_breaks();  // on break 12:00-13:00
  b->set_after_minutes(240);
  b->set_length_minutes(60);
  add("late", "16:00", 1);
  add("wednesday", "08:00", 1)->add_weekdays(fccsim::WEDNESDAY);  // never in the horizon
  roster->add_shifts()->CopyFrom(roster->shifts(0));
  roster->mutable_shifts(3)->set_name("other day");
  roster->mutable_shifts(3)->set_group("other");
  const ModelSpec spec = CompileScenario(loaded);
  const std::vector<CandidateShift> own = RosterCandidates(loaded.scenario, spec, {"all"});
  // Day 0 is a Monday: Monday's day and late shifts; Sunday's end before it starts.
  ASSERT_EQ(own.size(), 2u);
  EXPECT_EQ(own[0].roster_shift, 0);
  EXPECT_EQ(own[0].lower, 2);
  EXPECT_DOUBLE_EQ(own[0].cost, 8);
  EXPECT_EQ(own[0].covers, (std::vector<int>{8, 9, 10, 11, 13, 14, 15}));
  EXPECT_EQ(own[1].roster_shift, 1);
  EXPECT_EQ(own[1].lower, 1);
  const auto top_up = [&](const std::vector<int>& need) {
    ShiftSchedule out;
    ScheduleShifts(loaded.scenario, own, {need, std::vector<int>(24, 0)}, {}, &out);
    return out;
  };
  // No need: the roster as it is.
  const ShiftSchedule idle = top_up(std::vector<int>(24, 0));
  ASSERT_EQ(idle.status, SolveStatus::kOptimal);
  EXPECT_EQ(idle.headcount, (std::vector<int>{2, 1}));
  EXPECT_DOUBLE_EQ(idle.cost, 24);
  // Three at 09:00, two 16:00-20:00, one at noon (when the day shift is on break, so
  // nobody can be): one more on each shift, the noon need listed as uncovered.
  std::vector<int> need(24, 0);
  need[9] = 3;
  for (int k = 16; k < 20; ++k) need[static_cast<std::size_t>(k)] = 2;
  need[12] = 1;
  const ShiftSchedule more = top_up(need);
  ASSERT_EQ(more.status, SolveStatus::kOptimal);
  EXPECT_EQ(more.headcount, (std::vector<int>{3, 2}));
  EXPECT_DOUBLE_EQ(more.cost, 40);
  ASSERT_EQ(more.uncovered.size(), 1u);
  EXPECT_EQ(more.uncovered[0].interval, 12);
  const fccsim::Shift shift = ToShift(loaded.scenario, own[0], 3);
  EXPECT_EQ(shift.name(), "day");  // its handlers keep the roster's absence draws
  EXPECT_EQ(shift.headcount(), 3u);
  ASSERT_EQ(shift.weekdays_size(), 1);
  EXPECT_EQ(shift.weekdays(0), fccsim::MONDAY);
  ASSERT_EQ(shift.breaks_size(), 1);
  EXPECT_EQ(shift.breaks(0).after_minutes(), 240u);
}

TEST(RosterCandidates, AShiftInTheWarmUpAloneIsKeptAsItIs) {
  // Sunday's late shift staffs the 4 hours of warm-up before Monday: kept, at its headcount,
  // though it covers no reported interval.
  LoadedScenario loaded = Day();
  loaded.scenario.mutable_horizon()->set_warm_up_hours(4);
  fccsim::Shift* late = loaded.scenario.mutable_roster()->add_shifts();
  late->set_name("sunday late");
  late->set_group("all");
  late->set_start("14:00");
  late->set_length_minutes(600);
  late->set_headcount(3);
  late->add_weekdays(fccsim::SUNDAY);
  const ModelSpec spec = CompileScenario(loaded);
  const std::vector<CandidateShift> own = RosterCandidates(loaded.scenario, spec, {"all"});
  const auto sunday = std::find_if(own.begin(), own.end(),
                                   [](const CandidateShift& c) { return c.roster_shift == 1; });
  ASSERT_NE(sunday, own.end());
  EXPECT_EQ(sunday->weekday, 6);
  EXPECT_TRUE(sunday->covers.empty());
  ShiftSchedule schedule;
  ScheduleShifts(loaded.scenario, own, {std::vector<int>(24, 0), std::vector<int>(24, 0)}, {},
                 &schedule);
  ASSERT_EQ(schedule.status, SolveStatus::kOptimal);
  EXPECT_EQ(schedule.headcount[static_cast<std::size_t>(sunday - own.begin())], 3);
}

TEST(WithPlannedShifts, ReplacesThePlannedGroupsShiftsAndKeepsAGroupGivenNone) {
  LoadedScenario loaded = Day();
  fccsim::Shift* other = loaded.scenario.mutable_roster()->add_shifts();
  other->set_name("other day");
  other->set_group("other");
  other->set_start("00:00");
  other->set_length_minutes(1440);
  other->set_headcount(2);
  fccsim::ShiftPattern* p = loaded.scenario.mutable_planning()->add_patterns();
  *p = loaded.scenario.planning().patterns(1);
  p->set_name("other late");
  p->set_group("other");
  const ModelSpec spec = CompileScenario(loaded);
  const std::vector<CandidateShift> candidates = CandidateShifts(loaded.scenario, spec);
  // The programme gave "all" one early shift and "other" none (it needs nobody): "all"'s own
  // shift goes, "other"'s stays, or the planned scenario would leave it never staffed.
  const fccsim::Scenario planned =
      WithPlannedShifts(loaded.scenario, {ToShift(loaded.scenario, candidates[0], 2)});
  ASSERT_EQ(planned.roster().shifts_size(), 2);
  EXPECT_EQ(planned.roster().shifts(0).name(), "other day");
  EXPECT_EQ(planned.roster().shifts(1).name(), "early Mon 06:00 breaks 180");
  EXPECT_EQ(planned.roster().shifts(1).headcount(), 2u);
}

}  // namespace
}  // namespace fccsim::model
