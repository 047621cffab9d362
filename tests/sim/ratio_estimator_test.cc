#include "sim/ratio_estimator.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "sim/random_stream.h"
#include "sim/samplers.h"

namespace fccsim::sim {
namespace {

TEST(RatioEstimator, IsTheRatioOfTotalsWithTheDeltaMethodInterval) {
  const std::vector<std::pair<double, double>> pairs = {{3, 4}, {0, 0}, {7, 10}, {1, 2}, {5, 5}};
  RatioEstimator e;
  double sx = 0, sy = 0;
  for (auto [x, y] : pairs) {
    e.Add(x, y);
    sx += x;
    sy += y;
  }
  EXPECT_EQ(e.Count(), 5);
  EXPECT_DOUBLE_EQ(e.Ratio(), sx / sy);  // 16 / 21; the mean of ratios would drop {0, 0}
  // Delta method by hand: residuals x - R y, their sample variance, over n mean(y)^2.
  const double r = sx / sy, n = 5, mean_y = sy / n;
  double ss = 0, mean_d = 0;
  for (auto [x, y] : pairs) mean_d += (x - r * y) / n;
  for (auto [x, y] : pairs) ss += (x - r * y - mean_d) * (x - r * y - mean_d);
  const double se = std::sqrt(ss / (n - 1) / (n * mean_y * mean_y));
  const auto ci = e.Interval();
  ASSERT_TRUE(ci.has_value());
  EXPECT_DOUBLE_EQ(ci->mean, r);
  EXPECT_NEAR(ci->half_width, StudentTQuantile(0.95, 4) * se, 1e-12);
}

TEST(RatioEstimator, IsUndefinedWithoutADenominatorAndHasNoIntervalFromOnePair) {
  RatioEstimator none;
  EXPECT_TRUE(std::isnan(none.Ratio()));
  RatioEstimator zeros;
  zeros.Add(0, 0);
  zeros.Add(0, 0);
  EXPECT_TRUE(std::isnan(zeros.Ratio()));
  EXPECT_FALSE(zeros.Interval().has_value());
  RatioEstimator one;
  one.Add(2, 4);
  EXPECT_DOUBLE_EQ(one.Ratio(), 0.5);
  EXPECT_FALSE(one.Interval().has_value());
}

// Coverage: y ~ Poisson(3) calls judged, x ~ Binomial(y, 0.7) within the threshold, so the
// ratio of expectations is 0.7 exactly. The delta method is a large-sample interval: at 20
// replications its coverage here is 0.943 (20,000 experiments in an independent simulation).
// Of 2,000 intervals, the share covering 0.7 then lies within 0.943 +- 3.3 standard errors
// (0.0052 each), about (0.926, 0.960), with 99.9% probability.
TEST(RatioEstimator, NinetyFivePercentIntervalsCoverTheTrueRatio) {
  RandomStream stream(20260101, 0, StreamId("ratio coverage"));
  const Distribution uniform = Distribution::Uniform(0, 1);
  auto poisson = [&](double mean) {
    int k = 0;
    double p = std::exp(-mean), cdf = p;
    const double u = stream.NextUniform01();
    while (u > cdf) {
      ++k;
      p *= mean / k;
      cdf += p;
    }
    return k;
  };
  int covered = 0;
  constexpr int kExperiments = 2000;
  for (int e = 0; e < kExperiments; ++e) {
    RatioEstimator est;
    for (int r = 0; r < 20; ++r) {
      const int y = poisson(3);
      int x = 0;
      for (int i = 0; i < y; ++i) x += uniform.Sample(stream) < 0.7;
      est.Add(x, y);
    }
    const auto ci = est.Interval();
    ASSERT_TRUE(ci.has_value());
    covered += std::abs(ci->mean - 0.7) <= ci->half_width;
  }
  const double coverage = static_cast<double>(covered) / kExperiments;
  EXPECT_GT(coverage, 0.926);
  EXPECT_LT(coverage, 0.960);
}

TEST(ClopperPearsonInterval, MatchesKnownExactBounds) {
  // All or nothing of n: the bound is (alpha/2)^(1/n) from the other end.
  const ProportionInterval none = ClopperPearsonInterval(0, 20);
  EXPECT_EQ(none.lower, 0.0);
  EXPECT_NEAR(none.upper, 1 - std::pow(0.025, 1.0 / 20), 1e-12);
  const ProportionInterval all = ClopperPearsonInterval(20, 20);
  EXPECT_NEAR(all.lower, std::pow(0.025, 1.0 / 20), 1e-12);
  EXPECT_EQ(all.upper, 1.0);
  // 5 of 10 (published tables: 0.1871, 0.8129).
  const ProportionInterval half = ClopperPearsonInterval(5, 10);
  EXPECT_NEAR(half.lower, 0.187086, 1e-6);
  EXPECT_NEAR(half.upper, 0.812914, 1e-6);
  const ProportionInterval one = ClopperPearsonInterval(1, 1);
  EXPECT_NEAR(one.lower, 0.025, 1e-12);
}

}  // namespace
}  // namespace fccsim::sim
