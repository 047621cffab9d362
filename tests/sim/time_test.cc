#include "sim/time.h"

#include <cmath>
#include <vector>
#include <limits>

#include <gtest/gtest.h>

namespace fccsim::sim {
namespace {

TEST(Time, SecondsConvertToMicrosecondTicks) {
  EXPECT_EQ(TicksFromSeconds(1.0), 1'000'000);
  EXPECT_EQ(TicksFromSeconds(0.1), 100'000);  // 0.1 * 1e6 is 100000.00000000001 in binary
  EXPECT_EQ(TicksFromSeconds(1e-6), 1);
  EXPECT_EQ(TicksFromSeconds(0.4e-6), 0);
  EXPECT_EQ(TicksFromSeconds(-2.5), -2'500'000);
  EXPECT_EQ(TicksFromSeconds(900.0), 15 * kTicksPerMinute);
}

TEST(Time, BadSecondsAreErrorsNotWraps) {
  EXPECT_NE(TryTicksFromSeconds(std::nan("")).error.find("not a finite number"),
            std::string::npos);
  EXPECT_FALSE(TryTicksFromSeconds(std::numeric_limits<double>::infinity()).ok());
  EXPECT_FALSE(TryTicksFromSeconds(-std::numeric_limits<double>::infinity(), Sign::kAny).ok());
  EXPECT_NE(TryTicksFromSeconds(-1.0).error.find("must not be negative (got -1)"),
            std::string::npos);
  EXPECT_TRUE(TryTicksFromSeconds(-1.0, Sign::kAny).ok());
  EXPECT_NE(TryTicksFromSeconds(1e300).error.find("out of range"), std::string::npos);
  EXPECT_FALSE(TryTicksFromSeconds(9.3e12).ok());   // 9.3e18 ticks > 2^63
  EXPECT_TRUE(TryTicksFromSeconds(9.2e12).ok());    // about 292,000 years
  EXPECT_FALSE(TryTicksFromSeconds(-9.3e12, Sign::kAny).ok());
}

TEST(TimeDeathTest, CheckedConversionAbortsWithTheValue) {
  EXPECT_DEATH(TicksFromSeconds(std::numeric_limits<double>::infinity()), "got inf");
  EXPECT_DEATH(TicksFromSeconds(std::nan("")), "not a finite number");
  EXPECT_DEATH(TicksFromSeconds(1e13), "out of range");
}

TEST(Time, TheWholeRangeConvertsIncludingItsLowestValue) {
  EXPECT_EQ(TicksFromSeconds(-9223372036854.775808), std::numeric_limits<Time>::min());
  EXPECT_EQ(TicksFromSeconds(9.2e12), 9'200'000'000'000'000'000);
}

TEST(Time, EveryQuarterHourOfAYearLandsExactly) {
  const Duration quarter = TicksFromSeconds(15 * 60.0);
  Time t = 0;
  for (std::int64_t i = 0; i < 35'040; ++i) {
    ASSERT_EQ(t, TicksFromSeconds(static_cast<double>(i) * 900.0)) << i;
    ASSERT_EQ(IntervalIndex(t, quarter), i);
    ASSERT_EQ(IntervalIndex(t + quarter - 1, quarter), i);
    ASSERT_EQ(SecondsFromTicks(t), static_cast<double>(i) * 900.0);
    t += quarter;
  }
  EXPECT_EQ(t, 365 * kTicksPerDay);
}

TEST(Time, IntervalIndexFloorsNegativeTimes) {
  EXPECT_EQ(IntervalIndex(-1, 10), -1);
  EXPECT_EQ(IntervalIndex(-10, 10), -1);
  EXPECT_EQ(IntervalIndex(-11, 10), -2);
  EXPECT_EQ(IntervalIndex(9, 10), 0);
}

TEST(Time, FormatsDaysAndClockTime) {
  EXPECT_EQ(FormatTicks(3 * kTicksPerDay + 4 * kTicksPerHour + 15 * kTicksPerMinute + 250),
            "3d 04:15:00.000250");
  EXPECT_EQ(FormatTicks(-kTicksPerSecond), "-0d 00:00:01.000000");
  EXPECT_EQ(FormatTicks(std::numeric_limits<Time>::min()), "-106751991d 04:00:54.775808");
}

}  // namespace
}  // namespace fccsim::sim

namespace fccsim::sim {
namespace {

// The inline rounding must be std::round's exactly, or every sampled duration would move.
TEST(Time, RoundToIntegerIsStdRound) {
  std::vector<double> xs = {0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, 0.49999999999999994,
                            -0.49999999999999994, 4503599627370495.5, 4503599627370496.0,
                            9007199254740993.0, -9007199254740993.0, 9223372036854774784.0,
                            -9223372036854775808.0 + 1024, 123456.7890123};
  std::uint64_t state = 99;
  for (int i = 0; i < 100000; ++i) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    const double u = (static_cast<double>(state >> 11) + 0.5) * 0x1.0p-53;
    const double x = std::ldexp(u - 0.5, static_cast<int>(state % 64));  // every scale
    xs.push_back(x);
    xs.push_back(std::floor(x) + 0.5);  // halves
  }
  for (const double x : xs) {
    ASSERT_EQ(RoundToInteger(x), static_cast<std::int64_t>(std::round(x))) << x;
  }
}

}  // namespace
}  // namespace fccsim::sim
