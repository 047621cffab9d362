// Demand: common random numbers that survive changes of demand, and arrival rates as
// specified.

#include "model/centre/demand.h"

#include <cmath>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "sim/confidence_interval.h"
#include "sim/tally.h"
#include "tests/model/test_scenario.h"

namespace fccsim::model {
namespace {

// One caller as the rest of the centre sees it: channel, arrival time from the start of day 0,
// and every draw.
using Caller = std::tuple<int, sim::Time, sim::Duration, sim::Duration>;

std::vector<Caller> Callers(const ModelSpec& spec, std::uint64_t replication = 0) {
  Demand demand(spec, 7, replication);
  std::vector<Caller> callers;
  for (int p = 0; p < demand.processes(); ++p) {
    const int c = demand.ChannelOf(p);
    for (sim::Time t = demand.Advance(p); t != Demand::kNoArrival; t = demand.Advance(p)) {
      callers.emplace_back(c, t - spec.origin, demand.Patience(c, demand.Key(p)),
                           demand.Handling(c, demand.Key(p)));
    }
  }
  std::sort(callers.begin(), callers.end());
  return callers;
}

std::vector<Caller> From(const std::vector<Caller>& callers, sim::Time from, sim::Time to) {
  std::vector<Caller> kept;
  for (const Caller& c : callers) {
    if (std::get<1>(c) >= from && std::get<1>(c) < to) kept.push_back(c);
  }
  return kept;
}

bool IsSubset(const std::vector<Caller>& part, const std::vector<Caller>& whole) {
  return std::includes(whole.begin(), whole.end(), part.begin(), part.end());
}

constexpr char kTwoChannels[] = R"pb(
  horizon { days: 3 interval_minutes: 15 warm_up_hours: %WARM% }
  channels { name: "999" talk { lognormal { mean_s: 240 cv: 0.8 } }
             wrap_up { gamma { shape: 2 scale_s: 30 } }
             patience { lognormal { mean_s: 300 cv: 1 } }
             arrivals { daily_volume_cv: 0.1 %SURGE% }
             target { answer_within_s: 10 fraction: 0.9 } }
  channels { name: "101" talk { exponential { mean_s: 400 } }
             target { answer_within_s: 180 fraction: 0.8 } }
  groups { name: "g" skills: "999" skills: "101" }
  roster { shifts { group: "g" start: "00:00" length_minutes: 1440 headcount: 5 } }
)pb";

LoadedScenario Loaded(const std::string& warm_up_hours, const std::string& surge) {
  std::string text = kTwoChannels;
  text.replace(text.find("%WARM%"), 6, warm_up_hours);
  text.replace(text.find("%SURGE%"), 7, surge);
  return MakeTestScenario(text, {20, 30});
}

ModelSpec Spec(const std::string& warm_up_hours, const std::string& surge) {
  return CompileScenario(Loaded(warm_up_hours, surge));
}

constexpr sim::Time kDay = sim::kTicksPerDay;

TEST(Demand, ASurgeOnDayZeroAddsCallersAndMovesNoOther) {
  const auto base = Callers(Spec("2", ""));
  const auto surge =
      Callers(Spec("2", "surges { day: 0 start: \"10:00\" duration_minutes: 120 multiplier: 3 }"));
  ASSERT_GT(surge.size(), base.size());
  EXPECT_EQ(From(surge, kDay, 3 * kDay), From(base, kDay, 3 * kDay));
  EXPECT_TRUE(IsSubset(base, surge)) << "every caller of the base case is in the surge case";
  // The added callers arrive within the surge window.
  std::vector<Caller> added;
  std::set_difference(surge.begin(), surge.end(), base.begin(), base.end(),
                      std::back_inserter(added));
  for (const Caller& c : added) {
    EXPECT_EQ(std::get<0>(c), 0);
    EXPECT_GE(std::get<1>(c), 10 * sim::kTicksPerHour);
    EXPECT_LT(std::get<1>(c), 12 * sim::kTicksPerHour);
  }
}

TEST(Demand, AReductionRemovesCallersAndMovesNoOther) {
  const auto base = Callers(Spec("2", ""));
  const auto fewer =
      Callers(Spec("2", "surges { day: 1 start: \"00:00\" duration_minutes: 1440 multiplier: 0.5 }"));
  EXPECT_TRUE(IsSubset(fewer, base));
  EXPECT_EQ(From(fewer, 0, kDay), From(base, 0, kDay));
  EXPECT_EQ(From(fewer, 2 * kDay, 3 * kDay), From(base, 2 * kDay, 3 * kDay));
  EXPECT_LT(From(fewer, kDay, 2 * kDay).size(), From(base, kDay, 2 * kDay).size());
}

TEST(Demand, TheWarmUpLengthChangesNoReportedCaller) {
  // 2 h and 26 h: warm-ups starting on different days, so that a day keyed by its place in
  // the run rather than its date would show.
  const auto none = Callers(Spec("0", ""));
  const auto two = Callers(Spec("2", ""));
  const auto day_and_two = Callers(Spec("26", ""));
  EXPECT_EQ(From(two, 0, 3 * kDay), From(none, 0, 3 * kDay));
  EXPECT_EQ(From(day_and_two, 0, 3 * kDay), From(none, 0, 3 * kDay));
  // And the warm-up's own callers agree where the warm-ups overlap.
  EXPECT_EQ(From(two, -2 * sim::kTicksPerHour, 0), From(day_and_two, -2 * sim::kTicksPerHour, 0));
  EXPECT_FALSE(From(day_and_two, -26 * sim::kTicksPerHour, -2 * sim::kTicksPerHour).empty());
}

TEST(Demand, ALongerHorizonChangesNoEarlierDay) {
  std::string text = kTwoChannels;
  text.replace(text.find("%WARM%"), 6, "2");
  text.replace(text.find("%SURGE%"), 7, "");
  const auto three = Callers(CompileScenario(MakeTestScenario(text, {20, 30})));
  text.replace(text.find("days: 3"), 7, "days: 9");
  const auto nine = Callers(CompileScenario(MakeTestScenario(text, {20, 30})));
  EXPECT_EQ(From(nine, -kDay, 3 * kDay), three);
}

TEST(Demand, ChangingOneDaysVolumeChangesOnlyThatDay) {
  LoadedScenario loaded = Loaded("0", "");
  const auto before = Callers(CompileScenario(loaded));
  // Tuesday (day 1 of a Monday start) gets twice the 999 volume.
  for (int k = 96; k < 2 * 96; ++k) loaded.weekly_volume[0][static_cast<std::size_t>(k)] *= 2;
  const auto after = Callers(CompileScenario(loaded));
  EXPECT_EQ(From(after, 0, kDay), From(before, 0, kDay));
  EXPECT_EQ(From(after, 2 * kDay, 3 * kDay), From(before, 2 * kDay, 3 * kDay));
  EXPECT_NE(From(after, kDay, 2 * kDay), From(before, kDay, 2 * kDay));
}

TEST(Demand, AddingAChannelMovesNoOtherChannelsCallers) {
  constexpr char kOne[] = R"pb(
    horizon { days: 2 interval_minutes: 15 }
    channels { name: "999" talk { lognormal { mean_s: 240 cv: 0.8 } }
               patience { exponential { mean_s: 300 } } target { answer_within_s: 10 fraction: 0.9 } }
    groups { name: "g" skills: "999" }
    roster { shifts { group: "g" start: "00:00" length_minutes: 1440 headcount: 5 } }
  )pb";
  constexpr char kTwo[] = R"pb(
    horizon { days: 2 interval_minutes: 15 }
    channels { name: "chat" talk { exponential { mean_s: 600 } }
               target { answer_within_s: 60 fraction: 0.9 } }
    channels { name: "999" talk { lognormal { mean_s: 240 cv: 0.8 } }
               patience { exponential { mean_s: 300 } } target { answer_within_s: 10 fraction: 0.9 } }
    groups { name: "g" skills: "999" skills: "chat" }
    roster { shifts { group: "g" start: "00:00" length_minutes: 1440 headcount: 5 } }
  )pb";
  std::vector<Caller> one = Callers(CompileScenario(MakeTestScenario(kOne, {25})));
  std::vector<Caller> two = Callers(CompileScenario(MakeTestScenario(kTwo, {40, 25})));
  std::vector<Caller> two_999;
  for (Caller c : two) {
    if (std::get<0>(c) == 1) {
      std::get<0>(c) = 0;
      two_999.push_back(c);
    }
  }
  EXPECT_EQ(two_999, one);
}

// A surge multiplies the rate: over 200 replications, the mean count in a 2-hour window of
// 20 calls per 15 minutes (160 expected) is 3 x 160 with the surge and 0.5 x 160 with a
// reduction, each within a 99.9% Student-t interval.
TEST(Demand, SurgesMultiplyTheRateInTheirWindow) {
  for (double multiplier : {3.0, 0.5}) {
    const ModelSpec spec = Spec(
        "0", "surges { day: 1 start: \"06:00\" duration_minutes: 120 multiplier: " +
                 std::to_string(multiplier) + " }");
    sim::Tally in_window;
    for (std::uint64_t r = 0; r < 200; ++r) {
      double n = 0;
      for (const Caller& c : Callers(spec, r)) {
        const sim::Time t = std::get<1>(c) - kDay;
        n += std::get<0>(c) == 0 && t >= 6 * sim::kTicksPerHour && t < 8 * sim::kTicksPerHour;
      }
      in_window.Add(n);
    }
    const auto ci = sim::StudentTInterval(in_window, 0.999);
    ASSERT_TRUE(ci.has_value());
    // The day's busyness factor has mean 1, so the expectation is unchanged by it.
    EXPECT_NEAR(ci->mean, multiplier * 160, ci->half_width) << multiplier;
  }
}

}  // namespace
}  // namespace fccsim::model
