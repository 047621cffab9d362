#include "sim/confidence_interval.h"

#include <cmath>
#include <cstdint>
#include <numbers>
#include <optional>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "sim/tally.h"

namespace fccsim::sim {
namespace {

Tally TallyOf(const std::vector<double>& xs) {
  Tally t;
  for (double x : xs) t.Add(x);
  return t;
}

// Uniform on (0, 1] from the top 53 bits: never 0, so its logarithm is finite.
double Uniform(std::mt19937_64& engine) {
  return static_cast<double>((engine() >> 11) + 1) * 0x1.0p-53;
}

// Box-Muller, written out so that the draws do not depend on the standard library's
// unspecified distribution algorithms.
double StandardNormal(std::mt19937_64& engine) {
  const double u1 = Uniform(engine);
  const double u2 = Uniform(engine);
  return std::sqrt(-2 * std::log(u1)) * std::cos(2 * std::numbers::pi * u2);
}

TEST(StudentTInterval, IsAbsentWithoutReplications) {
  EXPECT_EQ(StudentTInterval(Tally()), std::nullopt);
}

TEST(StudentTInterval, IsAbsentWithOneReplication) {
  EXPECT_EQ(StudentTInterval(TallyOf({42.0})), std::nullopt);
}

TEST(StudentTQuantile, MatchesPublishedTableValues) {
  EXPECT_NEAR(StudentTQuantile(0.95, 9), 2.262157, 1e-6);
  EXPECT_NEAR(StudentTQuantile(0.95, 1), 12.706205, 1e-6);
  EXPECT_NEAR(StudentTQuantile(0.99, 4), 4.604095, 1e-6);
  EXPECT_NEAR(StudentTQuantile(0.90, 30), 1.697261, 1e-6);
  EXPECT_NEAR(StudentTQuantile(0.95, 1'000'000'000), 1.959964, 1e-6);  // the normal limit
}

TEST(StudentTQuantile, IsFiniteForALevelJustBelowOne) {
  const double level = std::nextafter(1.0, 0.0);
  EXPECT_TRUE(std::isfinite(StudentTQuantile(level, 5)));
}

TEST(StudentTInterval, HalfWidthIsTTimesTheStandardError) {
  const std::vector<double> xs = {4.2, 5.1, 3.9, 6.0, 5.5, 4.8, 5.2, 4.4, 5.9, 5.0};
  double mean = 0;
  for (double x : xs) mean += x;
  mean /= 10;
  double ss = 0;
  for (double x : xs) ss += (x - mean) * (x - mean);
  const double s = std::sqrt(ss / 9);

  const std::optional<ConfidenceInterval> ci = StudentTInterval(TallyOf(xs));
  ASSERT_TRUE(ci.has_value());
  EXPECT_NEAR(ci->mean, 5.0, 1e-12);
  EXPECT_NEAR(ci->half_width, 2.262157 * s / std::sqrt(10.0), 1e-6);
  EXPECT_DOUBLE_EQ(ci->lower(), ci->mean - ci->half_width);
  EXPECT_DOUBLE_EQ(ci->upper(), ci->mean + ci->half_width);
}

TEST(StudentTInterval, HigherLevelGivesAWiderInterval) {
  const Tally t = TallyOf({1.0, 2.0, 4.0, 8.0});
  EXPECT_LT(StudentTInterval(t, 0.90)->half_width, StudentTInterval(t, 0.95)->half_width);
  EXPECT_LT(StudentTInterval(t, 0.95)->half_width, StudentTInterval(t, 0.99)->half_width);
}

TEST(StudentTInterval, CoversTheTrueMeanAboutNinetyFivePercentOfTheTime) {
  constexpr double kTrueMean = 3.0;
  constexpr double kSigma = 2.0;
  constexpr int kIntervals = 2000;
  std::mt19937_64 engine(20240611);
  int covered = 0;
  for (int i = 0; i < kIntervals; ++i) {
    Tally sample;
    for (int j = 0; j < 10; ++j) sample.Add(kTrueMean + kSigma * StandardNormal(engine));
    const ConfidenceInterval ci = StudentTInterval(sample).value();
    if (ci.lower() <= kTrueMean && kTrueMean <= ci.upper()) ++covered;
  }
  const double coverage = static_cast<double>(covered) / kIntervals;
  const double standard_error = std::sqrt(0.95 * 0.05 / kIntervals);
  EXPECT_NEAR(coverage, 0.95, 3 * standard_error) << covered << " of " << kIntervals;
}

TEST(StudentTIntervalDeathTest, LevelOutsideZeroOneAborts) {
  const Tally t = TallyOf({1.0, 2.0});
  EXPECT_DEATH(StudentTInterval(t, 1.0), "confidence level");
  EXPECT_DEATH(StudentTInterval(t, 0.0), "confidence level");
  EXPECT_DEATH(StudentTQuantile(0.95, 0), "degrees of freedom");
}

}  // namespace
}  // namespace fccsim::sim
