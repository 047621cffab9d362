#include "sim/time_weighted.h"

#include <cstdint>

#include <gtest/gtest.h>

#include "sim/time.h"

namespace fccsim::sim {
namespace {

constexpr Time kSecond = kTicksPerSecond;
constexpr Time kYear = 365 * kTicksPerDay;

TEST(TimeWeighted, IntegratesAHandComputedTrace) {
  // value: 0 on [0,2) s, 3 on [2,5), 1 on [5,6), 4 on [6,10).
  // integral = 0*2 + 3*3 + 1*1 + 4*4 = 26 value-seconds; mean over 10 s = 2.6.
  TimeWeighted w(0);
  EXPECT_EQ(w.Value(), 0.0);
  w.Set(2 * kSecond, 3);
  w.Set(5 * kSecond, 1);
  EXPECT_EQ(w.Integral(5 * kSecond), 9.0);
  w.Set(6 * kSecond, 4);
  EXPECT_EQ(w.Value(), 4.0);
  EXPECT_EQ(w.Integral(10 * kSecond), 26.0);
  EXPECT_EQ(w.Mean(10 * kSecond), 2.6);
  EXPECT_EQ(w.Max(), 4.0);
}

TEST(TimeWeighted, StartsAtAnyTimeWithAnInitialValue) {
  // 1.5 on [100,101.25) s, 0.25 on [101.25,103) s: 1.875 + 0.4375 = 2.3125 value-seconds.
  TimeWeighted w(100 * kSecond, 1.5);
  w.Set(101 * kSecond + kSecond / 4, 0.25);
  EXPECT_EQ(w.Integral(103 * kSecond), 2.3125);
  EXPECT_EQ(w.Mean(103 * kSecond), 2.3125 / 3);
  EXPECT_EQ(w.Max(), 1.5);
}

TEST(TimeWeighted, SeveralUpdatesAtTheSameTimeKeepTheLast) {
  TimeWeighted w(0);
  w.Set(kSecond, 8);
  w.Set(kSecond, 2);
  EXPECT_EQ(w.Integral(3 * kSecond), 4.0);
  EXPECT_EQ(w.Max(), 8.0);  // held for no time, but it was set
}

TEST(TimeWeighted, RestartDiscardsThePast) {
  TimeWeighted w(0, 2);
  w.Set(1 * kSecond, 9);
  w.Set(3 * kSecond, 5);
  w.Restart(4 * kSecond);
  EXPECT_EQ(w.start(), 4 * kSecond);
  EXPECT_EQ(w.Value(), 5.0);
  EXPECT_EQ(w.Max(), 5.0);
  EXPECT_EQ(w.Integral(4 * kSecond), 0.0);
  w.Set(6 * kSecond, 1);
  // 5 on [4,6) s, 1 on [6,10) s.
  EXPECT_EQ(w.Integral(10 * kSecond), 14.0);
  EXPECT_EQ(w.Mean(10 * kSecond), 14.0 / 6);
}

TEST(TimeWeighted, AYearOfMicrosecondTicksWithAConstantValueGivesTheExactMean) {
  TimeWeighted w(0, 7);
  for (Time t = 15 * kTicksPerMinute; t < kYear; t += 15 * kTicksPerMinute) w.Set(t, 7);
  EXPECT_EQ(w.Mean(kYear), 7.0);
  EXPECT_EQ(w.Integral(kYear), 7.0 * 365 * 86400);
}

TEST(TimeWeighted, AYearOfUpdatesEverySecondKeepsAFractionalMean) {
  // A third is not representable: every segment's product is rounded, and 31.5 million
  // rounded terms must not drift (a plain double sum ends 8e-12 relative off, ~20,000 ulps).
  const double third = 1.0 / 3;
  TimeWeighted w(0, third);
  for (Time t = kSecond; t < kYear; t += kSecond) w.Set(t, third);
  EXPECT_DOUBLE_EQ(w.Mean(kYear), third);
  EXPECT_DOUBLE_EQ(w.Integral(kYear), 365.0 * 86400 / 3);
}

TEST(TimeWeighted, AYearOfAlternatingValuesGivesTheExactMean) {
  // 3 then 4 for a second each, alternately, after an odd start: the mean is 3.5.
  TimeWeighted w(kTicksPerDay, 3);
  Time t = kTicksPerDay;
  for (int i = 1; t + kSecond < kTicksPerDay + kYear; ++i) {
    t += kSecond;
    w.Set(t, i % 2 == 0 ? 3 : 4);
  }
  EXPECT_EQ(w.Mean(kTicksPerDay + kYear), 3.5);
}

TEST(TimeWeightedDeathTest, SetBeforeTheLastUpdateAborts) {
  TimeWeighted w(0);
  w.Set(5 * kSecond, 1);
  EXPECT_DEATH(w.Set(4 * kSecond, 2), "time went backwards");
}

TEST(TimeWeightedDeathTest, IntegralBeforeTheLastUpdateAborts) {
  TimeWeighted w(0);
  w.Set(5 * kSecond, 1);
  EXPECT_DEATH(w.Integral(4 * kSecond), "before the last update");
}

TEST(TimeWeightedDeathTest, MeanOverAnEmptyWindowAborts) {
  TimeWeighted w(kSecond, 1);
  EXPECT_DEATH(w.Mean(kSecond), "empty window");
}

}  // namespace
}  // namespace fccsim::sim
