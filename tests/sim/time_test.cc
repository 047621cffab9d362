#include "sim/time.h"

#include <cmath>
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
