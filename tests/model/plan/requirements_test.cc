// The planner's analytic requirements: each interval staffed as Erlang C or A says, nobody
// for no demand, surges averaged over the interval, chats on sessions, groups sharing their
// channels' needs as the roster staffs them, and the roster's expected staffing.

#include "model/plan/requirements.h"

#include <cmath>
#include <string>

#include <gtest/gtest.h>

#include "model/analytics/staffing.h"
#include "model/plan/scheduled.h"
#include "model/scenario/model_spec.h"
#include "tests/model/test_scenario.h"

namespace fccsim::model {
namespace {

fccsim::PlanResult Plan(const LoadedScenario& loaded, double max_occupancy = 1) {
  const ModelSpec spec = CompileScenario(loaded);
  fccsim::PlanResult plan;
  std::string error;
  PlanOptions options;
  options.max_occupancy = max_occupancy;
  EXPECT_TRUE(PlanRequirements(loaded, spec, options, &plan, &error)) << error;
  return plan;
}

constexpr char kOneChannel[] = R"pb(
  name: "one"
  horizon { days: 1 interval_minutes: 15 }
  channels { name: "calls" talk { exponential { mean_s: 200 } }
             wrap_up { deterministic_s: 40 }
             target { answer_within_s: 20 fraction: 0.8 } }
  groups { name: "all" skills: "calls" }
  roster {
    shifts { name: "day" group: "all" start: "08:00" length_minutes: 480 headcount: 10
             breaks { after_minutes: 240 length_minutes: 30 } }
    shrinkage: 0.2
  }
)pb";

TEST(PlanRequirements, EachIntervalIsStaffedAsErlangCSays) {
  // 168.75 calls in 15 minutes at 240 s (talk 200 + wrap-up 40): 45 Erlangs, 51 agents.
  const fccsim::PlanResult plan = Plan(MakeTestScenario(kOneChannel, {168.75}));
  ASSERT_EQ(plan.channels_size(), 1);
  const fccsim::ChannelPlan& c = plan.channels(0);
  EXPECT_EQ(c.method(), "Erlang C");
  ASSERT_EQ(c.intervals_size(), 96);
  const Staffing exact = StaffErlangC({168.75 / 900, 240, std::nullopt}, {20, 0.8});
  for (const fccsim::ChannelRequirement& row : c.intervals()) {
    EXPECT_EQ(row.agents(), 51u) << row.start();
    EXPECT_EQ(row.agents_erlang_c(), 51u);
    EXPECT_FALSE(row.has_agents_erlang_a());
    EXPECT_DOUBLE_EQ(row.erlangs(), 45);
    EXPECT_EQ(row.binding(), "service level");
    EXPECT_DOUBLE_EQ(row.service_level(), exact.service_level);
  }
  EXPECT_DOUBLE_EQ(c.agent_hours(), 51 * 24);
  EXPECT_EQ(c.peak_agents(), 51u);
  EXPECT_EQ(plan.complete(), "fccsim plan complete");
  EXPECT_EQ(plan.channels(0).intervals(36).start(), "09:00");
  EXPECT_EQ(plan.channels(0).intervals(36).weekday(), fccsim::MONDAY);
}

TEST(PlanRequirements, NoDemandNeedsNobodyAndAnOccupancyCapRaisesTheRest) {
  LoadedScenario loaded = MakeTestScenario(kOneChannel, {168.75});
  loaded.weekly_volume[0][4] = 0;  // Monday 01:00
  const fccsim::PlanResult plan = Plan(loaded, 0.85);
  const fccsim::ChannelRequirement& none = plan.channels(0).intervals(4);
  EXPECT_EQ(none.agents(), 0u);
  EXPECT_EQ(none.binding(), "no demand");
  EXPECT_TRUE(std::isnan(none.service_level()));
  EXPECT_EQ(plan.channels(0).intervals(5).agents(), 53u) << "45 / 0.85 = 52.9";
  EXPECT_EQ(plan.channels(0).intervals(5).binding(), "occupancy cap");
}

TEST(PlanRequirements, PatienceMeansErlangA) {
  std::string text = kOneChannel;
  text.replace(text.find("wrap_up"), 0, "patience { exponential { mean_s: 600 } } ");
  const fccsim::PlanResult plan = Plan(MakeTestScenario(text, {178.125}));
  const fccsim::ChannelRequirement& row = plan.channels(0).intervals(0);
  EXPECT_EQ(plan.channels(0).method(), "Erlang A");
  ASSERT_TRUE(row.has_agents_erlang_a());
  StaffingLoad load{178.125 / 900, 240, 600.0};
  EXPECT_EQ(row.agents(), static_cast<std::uint32_t>(StaffErlangA(load, {20, 0.8}).agents));
  EXPECT_EQ(row.agents(), row.agents_erlang_a());
  EXPECT_LE(row.agents_erlang_a(), row.agents_erlang_c());
  EXPECT_GT(row.abandoned_fraction(), 0);
}

TEST(PlanRequirements, ASurgeCountsForThePartOfTheIntervalItCovers) {
  std::string text = kOneChannel;
  text.replace(text.find("talk"), 0,
               "arrivals { surges { day: 0 start: \"10:05\" duration_minutes: 10 "
               "multiplier: 4 } } ");
  const fccsim::PlanResult plan = Plan(MakeTestScenario(text, {30}));
  EXPECT_DOUBLE_EQ(plan.channels(0).intervals(39).offered(), 30);      // 09:45
  EXPECT_DOUBLE_EQ(plan.channels(0).intervals(40).offered(), 30 * 3);  // 10:00: 1/3 x1, 2/3 x4
  EXPECT_DOUBLE_EQ(plan.channels(0).intervals(41).offered(), 30);
}

TEST(PlanRequirements, ChatsArePlannedOnSessions) {
  const std::string text = R"pb(
    name: "chat"
    horizon { days: 1 interval_minutes: 15 }
    channels { name: "chat" kind: CHAT talk { exponential { mean_s: 240 } }
               target { answer_within_s: 20 fraction: 0.8 } }
    groups { name: "desk" skills: "chat" max_chat_sessions: 3 }
    roster { shifts { group: "desk" start: "00:00" length_minutes: 1440 headcount: 17 } }
  )pb";
  const fccsim::PlanResult plan = Plan(MakeTestScenario(text, {168.75}));
  EXPECT_EQ(plan.channels(0).method(), "Erlang C on sessions (3 per handler)");
  EXPECT_EQ(plan.channels(0).intervals(0).agents(), 17u) << "51 sessions, 3 a handler";
}

TEST(PlanRequirements, GroupsShareAChannelAsTheRosterStaffsThem) {
  const std::string text = R"pb(
    name: "shared"
    horizon { days: 1 interval_minutes: 60 }
    channels { name: "999" talk { exponential { mean_s: 240 } }
               target { answer_within_s: 10 fraction: 0.9 } }
    channels { name: "101" talk { exponential { mean_s: 240 } }
               target { answer_within_s: 180 fraction: 0.8 } }
    groups { name: "999 only" skills: "999" }
    groups { name: "dual" skills: ["999", "101"] }
    roster {
      shifts { group: "999 only" start: "00:00" length_minutes: 1440 headcount: 9 }
      shifts { group: "dual" start: "00:00" length_minutes: 1440 headcount: 3 }
    }
  )pb";
  const fccsim::PlanResult plan = Plan(MakeTestScenario(text, {100, 60}));
  for (int i = 0; i < 24; ++i) {
    const double c999 = plan.channels(0).intervals(i).agents();
    const double c101 = plan.channels(1).intervals(i).agents();
    // 999 shared 9:3 by what is on duty; 101 is the dual group's alone.
    EXPECT_DOUBLE_EQ(plan.groups(0).intervals(i).required_on_duty(), c999 * 0.75) << i;
    EXPECT_DOUBLE_EQ(plan.groups(1).intervals(i).required_on_duty(), c999 * 0.25 + c101) << i;
  }
}

TEST(PlanRequirements, TheRosterIsCountedLessShrinkageAndBreaks) {
  const fccsim::PlanResult plan = Plan(MakeTestScenario(kOneChannel, {10}));
  const fccsim::GroupPlan& g = plan.groups(0);
  EXPECT_DOUBLE_EQ(g.break_share(), 30.0 / 480);
  EXPECT_DOUBLE_EQ(g.intervals(31).scheduled_rostered(), 0);   // 07:45
  EXPECT_DOUBLE_EQ(g.intervals(32).scheduled_rostered(), 10);  // 08:00
  EXPECT_DOUBLE_EQ(g.intervals(32).scheduled_on_duty(), 8);
  EXPECT_DOUBLE_EQ(g.intervals(48).scheduled_rostered(), 10);  // 12:00, on the break
  EXPECT_DOUBLE_EQ(g.intervals(48).scheduled_on_duty(), 0);
  EXPECT_DOUBLE_EQ(g.intervals(50).scheduled_on_duty(), 8);    // 12:30
  const double required = g.intervals(32).required_on_duty();
  EXPECT_DOUBLE_EQ(g.intervals(32).required_rostered(),
                   required / ((1 - 0.2) * (1 - 30.0 / 480)));
  // Short wherever the roster has nobody on duty and calls come.
  EXPECT_EQ(g.intervals_short(), 96u - 30u);
  EXPECT_DOUBLE_EQ(g.scheduled_hours(), 10 * 0.8 * 7.5);
}

TEST(PlanRequirements, ChatHandlersOfEachGroupHoldThatGroupsSessions) {
  const std::string text = R"pb(
    name: "two desks"
    horizon { days: 1 interval_minutes: 60 }
    channels { name: "chat" kind: CHAT talk { exponential { mean_s: 240 } }
               target { answer_within_s: 20 fraction: 0.8 } }
    groups { name: "one at a time" skills: "chat" }
    groups { name: "four at a time" skills: ["chat", "chat2"] max_chat_sessions: 4 }
    channels { name: "chat2" kind: CHAT talk { exponential { mean_s: 240 } }
               target { answer_within_s: 20 fraction: 0.8 } }
    roster {
      shifts { group: "one at a time" start: "00:00" length_minutes: 1440 headcount: 2 }
      shifts { group: "four at a time" start: "00:00" length_minutes: 1440 headcount: 20 }
    }
  )pb";
  const fccsim::PlanResult plan = Plan(MakeTestScenario(text, {675, 0}));
  // 45 Erlangs on sessions of 240 s: 51 sessions, shared 2 : 80 by the sessions each group
  // holds, then 1 and 4 to a handler.
  const double sessions = plan.channels(0).intervals(0).agents();  // k = 1: one a handler
  ASSERT_EQ(sessions, 51);
  EXPECT_DOUBLE_EQ(plan.groups(0).intervals(0).required_on_duty(), 51.0 * 2 / 82);
  EXPECT_DOUBLE_EQ(plan.groups(1).intervals(0).required_on_duty(), 51.0 * 80 / 82 / 4);
}

TEST(PlanRequirements, WhatTheFormulasCannotTakeIsRefusedNotAborted) {
  for (const char* channel : {"talk { deterministic_s: 0 }",
                              "talk { exponential { mean_s: 200 } } patience { deterministic_s: 0 }"}) {
    std::string text = kOneChannel;
    text.replace(text.find("talk { exponential { mean_s: 200 } }"), 37, channel);
    text.replace(text.find("wrap_up { deterministic_s: 40 }"), 31, "");
    const LoadedScenario loaded = MakeTestScenario(text, {10});
    const ModelSpec spec = CompileScenario(loaded);
    fccsim::PlanResult plan;
    std::string error;
    EXPECT_FALSE(PlanRequirements(loaded, spec, PlanOptions{}, &plan, &error)) << channel;
    EXPECT_NE(error.find("channel \"calls\""), std::string::npos) << error;
  }
  // A shift that is all break: its group's rostered figures are undefined, not an abort.
  std::string text = kOneChannel;
  text.replace(text.find("breaks { after_minutes: 240 length_minutes: 30 }"), 49,
               "breaks { after_minutes: 0 length_minutes: 480 }");
  const fccsim::PlanResult plan = Plan(MakeTestScenario(text, {10}));
  EXPECT_DOUBLE_EQ(plan.groups(0).break_share(), 1);
  EXPECT_TRUE(std::isnan(plan.groups(0).intervals(40).required_rostered()));
}

TEST(PlanRequirements, ALoadBeyondTheFormulasIsRefusedByName) {
  LoadedScenario loaded = MakeTestScenario(kOneChannel, {10});
  loaded.weekly_volume[0][8] = 1e9;  // Monday 02:00
  const ModelSpec spec = CompileScenario(loaded);
  fccsim::PlanResult plan;
  std::string error;
  EXPECT_FALSE(PlanRequirements(loaded, spec, PlanOptions{}, &plan, &error));
  EXPECT_NE(error.find("channel \"calls\", day 0 02:00"), std::string::npos) << error;
}

}  // namespace
}  // namespace fccsim::model
