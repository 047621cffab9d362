// Analytic staffing per interval: the least agents meeting each part of a target (one fewer
// fails it), the occupancy cap, no demand, and the gross-up for shrinkage and breaks.

#include "model/analytics/staffing.h"

#include <cmath>

#include <gtest/gtest.h>

#include "model/analytics/erlang.h"

namespace fccsim::model {
namespace {

StaffingLoad Load(double calls_per_hour, double aht_s) {
  return StaffingLoad{calls_per_hour / 3600, aht_s, std::nullopt};
}

TEST(Staffing, ErlangCGivesTheLeastAgentsMeetingTheServiceLevel) {
  for (double calls : {5.0, 60.0, 240.0, 675.0, 3000.0}) {
    const StaffingLoad load = Load(calls, 240);
    const StaffingTarget target{.answer_within_s = 20, .fraction = 0.8};
    const Staffing s = StaffErlangC(load, target);
    EXPECT_EQ(s.binding, Binding::kServiceLevel);
    EXPECT_GE(ErlangCServiceLevel(s.agents, load.arrivals_per_s, 240, 20), 0.8) << calls;
    EXPECT_LT(ErlangCServiceLevel(s.agents - 1, load.arrivals_per_s, 240, 20), 0.8) << calls;
    EXPECT_DOUBLE_EQ(s.service_level, ErlangCServiceLevel(s.agents, load.arrivals_per_s, 240, 20));
  }
  // scenarios/erlang_c.textproto's case: 45 Erlangs, 80% in 20 s needs 51 (50 give 76%).
  EXPECT_EQ(StaffErlangC(Load(675, 240), {.answer_within_s = 20, .fraction = 0.8}).agents, 51);
}

TEST(Staffing, AnAsaCeilingAndAServiceLevelAreBothMet) {
  const StaffingLoad load = Load(675, 240);
  const Staffing asa = StaffErlangC(load, {.max_asa_s = 5});
  EXPECT_EQ(asa.binding, Binding::kAsa);
  EXPECT_LE(ErlangCAsa(asa.agents, load.arrivals_per_s, 240), 5);
  EXPECT_GT(ErlangCAsa(asa.agents - 1, load.arrivals_per_s, 240), 5);
  const Staffing both = StaffErlangC(load, {.answer_within_s = 20, .fraction = 0.8, .max_asa_s = 5});
  EXPECT_EQ(both.agents, std::max(asa.agents, 51));
}

TEST(Staffing, TheOccupancyCapAsksForLoadOverTheCap) {
  // 45 Erlangs at most 85% busy: 45 / 0.85 = 52.9, so 53, above the 51 of the target.
  const Staffing s =
      StaffErlangC(Load(675, 240), {.answer_within_s = 20, .fraction = 0.8, .max_occupancy = 0.85});
  EXPECT_EQ(s.agents, 53);
  EXPECT_EQ(s.binding, Binding::kOccupancy);
  EXPECT_LE(s.occupancy, 0.85);
}

TEST(Staffing, AnIntervalWithNoCallsNeedsNobody) {
  for (const StaffingLoad& load :
       {StaffingLoad{0, 240, std::nullopt}, StaffingLoad{0, 240, 300.0}}) {
    const Staffing s = load.mean_patience_s
                           ? StaffErlangA(load, {.answer_within_s = 20, .fraction = 0.8})
                           : StaffErlangC(load, {.answer_within_s = 20, .fraction = 0.8});
    EXPECT_EQ(s.agents, 0);
    EXPECT_EQ(s.binding, Binding::kNoDemand);
    EXPECT_TRUE(std::isnan(s.service_level));
  }
}

TEST(Staffing, ErlangAGivesTheLeastAgentsAndNeedsFewerThanC) {
  for (double calls : {20.0, 240.0, 712.5}) {
    StaffingLoad load = Load(calls, 240);
    load.mean_patience_s = 600;
    const StaffingTarget target{.answer_within_s = 20, .fraction = 0.8};
    const Staffing a = StaffErlangA(load, target);
    EXPECT_GE(ErlangA(a.agents, load.arrivals_per_s, 240, 600).PAnsweredWithin(20), 0.8);
    if (a.agents > 1) {
      EXPECT_LT(ErlangA(a.agents - 1, load.arrivals_per_s, 240, 600).PAnsweredWithin(20), 0.8);
    }
    EXPECT_LE(a.agents, StaffErlangC(load, target).agents) << calls;
    EXPECT_GT(a.p_abandon, 0);
  }
}

TEST(Staffing, ShortAbandonsAreNotJudgedUnderErlangA) {
  // Leaving out callers who hang up within 10 s raises the service level of a staffing, so
  // never asks for more agents.
  StaffingLoad load = Load(600, 240);
  load.mean_patience_s = 60;
  const StaffingTarget all{.answer_within_s = 20, .fraction = 0.9};
  StaffingTarget short_left_out = all;
  short_left_out.short_abandon_s = 10;
  const Staffing a = StaffErlangA(load, all), b = StaffErlangA(load, short_left_out);
  EXPECT_LE(b.agents, a.agents);
  const ErlangA at_b(b.agents, load.arrivals_per_s, 240, 60);
  EXPECT_DOUBLE_EQ(b.service_level, at_b.PAnsweredWithin(20) / (1 - at_b.PAbandonedWithin(10)));
  EXPECT_GE(b.service_level, 0.9);
}

TEST(Staffing, AnAsaTargetAloneUnderErlangAStaffsAtLeastTheLoad) {
  // With short patience, few agents give a low ASA to the few answered; the load is a floor.
  StaffingLoad load = Load(2000, 4);  // 2.22 Erlangs
  load.mean_patience_s = 5;
  const Staffing s = StaffErlangA(load, {.max_asa_s = 30});
  EXPECT_GE(s.agents, 3);
}

TEST(Staffing, RosteredGrossesUpForShrinkageAndBreaks) {
  EXPECT_DOUBLE_EQ(Rostered(10, 0, 0), 10);
  EXPECT_DOUBLE_EQ(Rostered(7, 0.3, 0), 10);
  EXPECT_DOUBLE_EQ(Rostered(9, 0.25, 0.2), 15);
  EXPECT_DOUBLE_EQ(Rostered(0, 0.3, 0.1), 0);
}

}  // namespace
}  // namespace fccsim::model
