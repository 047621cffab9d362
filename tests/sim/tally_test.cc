#include "sim/tally.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

namespace fccsim::sim {
namespace {

const std::vector<double> kData = {2.5, -1.0, 7.25, 3.0, 3.0, 0.125, 12.0, -4.5, 6.0, 1.75, 9.5};

double TwoPassMean(const std::vector<double>& xs) {
  double sum = 0;
  for (double x : xs) sum += x;
  return sum / static_cast<double>(xs.size());
}

double TwoPassVariance(const std::vector<double>& xs) {
  const double mean = TwoPassMean(xs);
  double ss = 0;
  for (double x : xs) ss += (x - mean) * (x - mean);
  return ss / static_cast<double>(xs.size() - 1);
}

Tally TallyOf(const std::vector<double>& xs) {
  Tally t;
  for (double x : xs) t.Add(x);
  return t;
}

void ExpectRelativelyNear(double expected, double actual, double tolerance) {
  EXPECT_LE(std::fabs(actual - expected), tolerance * std::fabs(expected))
      << "expected " << expected << ", got " << actual;
}

TEST(Tally, EmptyHasZeroCountAndSumAndNaNStatistics) {
  Tally t;
  EXPECT_EQ(t.Count(), 0);
  EXPECT_EQ(t.Sum(), 0.0);
  EXPECT_TRUE(std::isnan(t.Mean()));
  EXPECT_TRUE(std::isnan(t.Variance()));
  EXPECT_TRUE(std::isnan(t.StdDev()));
  EXPECT_TRUE(std::isnan(t.Min()));
  EXPECT_TRUE(std::isnan(t.Max()));
}

TEST(Tally, OneObservationHasAMeanButNoVariance) {
  Tally t;
  t.Add(4.5);
  EXPECT_EQ(t.Count(), 1);
  EXPECT_EQ(t.Mean(), 4.5);
  EXPECT_EQ(t.Min(), 4.5);
  EXPECT_EQ(t.Max(), 4.5);
  EXPECT_TRUE(std::isnan(t.Variance()));
  EXPECT_TRUE(std::isnan(t.StdDev()));
}

TEST(Tally, MatchesATwoPassComputation) {
  const Tally t = TallyOf(kData);
  EXPECT_EQ(t.Count(), static_cast<std::int64_t>(kData.size()));
  EXPECT_DOUBLE_EQ(t.Sum(), 39.625);
  ExpectRelativelyNear(TwoPassMean(kData), t.Mean(), 1e-14);
  ExpectRelativelyNear(TwoPassVariance(kData), t.Variance(), 1e-14);
  ExpectRelativelyNear(std::sqrt(TwoPassVariance(kData)), t.StdDev(), 1e-14);
  EXPECT_EQ(t.Min(), -4.5);
  EXPECT_EQ(t.Max(), 12.0);
}

TEST(Tally, MergeOfTwoHalvesEqualsOneTally) {
  const Tally whole = TallyOf(kData);
  for (std::size_t cut = 0; cut <= kData.size(); ++cut) {
    Tally a = TallyOf({kData.begin(), kData.begin() + static_cast<std::ptrdiff_t>(cut)});
    const Tally b = TallyOf({kData.begin() + static_cast<std::ptrdiff_t>(cut), kData.end()});
    a.Merge(b);
    SCOPED_TRACE(cut);
    EXPECT_EQ(a.Count(), whole.Count());
    ExpectRelativelyNear(whole.Sum(), a.Sum(), 1e-12);
    ExpectRelativelyNear(whole.Mean(), a.Mean(), 1e-12);
    ExpectRelativelyNear(whole.Variance(), a.Variance(), 1e-12);
    EXPECT_EQ(a.Min(), whole.Min());
    EXPECT_EQ(a.Max(), whole.Max());
  }
}

TEST(Tally, MergingAnEmptyTallyChangesNothing) {
  Tally t = TallyOf(kData);
  const Tally before = t;
  t.Merge(Tally());
  EXPECT_EQ(t.Count(), before.Count());
  EXPECT_EQ(t.Sum(), before.Sum());
  EXPECT_EQ(t.Mean(), before.Mean());
  EXPECT_EQ(t.Variance(), before.Variance());

  Tally empty;
  empty.Merge(before);
  EXPECT_EQ(empty.Mean(), before.Mean());
  EXPECT_EQ(empty.Variance(), before.Variance());
}

TEST(Tally, MergingInAFixedOrderIsDeterministic) {
  auto pooled = [] {
    Tally total;
    for (std::size_t i = 0; i < kData.size(); i += 3) {
      const std::size_t end = std::min(i + 3, kData.size());
      total.Merge(TallyOf({kData.begin() + static_cast<std::ptrdiff_t>(i),
                           kData.begin() + static_cast<std::ptrdiff_t>(end)}));
    }
    return total;
  };
  const Tally a = pooled();
  const Tally b = pooled();
  EXPECT_EQ(a.Mean(), b.Mean());  // bit for bit
  EXPECT_EQ(a.Variance(), b.Variance());
  EXPECT_EQ(a.Sum(), b.Sum());
}

TEST(Tally, MergingWithItselfDoublesTheCount) {
  Tally t = TallyOf(kData);
  const Tally once = t;
  t.Merge(t);
  EXPECT_EQ(t.Count(), 2 * once.Count());
  ExpectRelativelyNear(once.Mean(), t.Mean(), 1e-15);
  // Same deviations counted twice: sum of squares doubles, divisor goes from n-1 to 2n-1.
  const double n = static_cast<double>(once.Count());
  ExpectRelativelyNear(once.Variance() * 2 * (n - 1) / (2 * n - 1), t.Variance(), 1e-14);
}

TEST(Tally, IsStableWithALargeOffset) {
  // 1e9 + {4, 7, 13, 16}, repeated. Squares near 1e18 are spaced 128 apart, so the textbook
  // sum-of-squares formula loses a spread of about 22.5 entirely.
  std::vector<double> noise;
  for (int r = 0; r < 1000; ++r) {
    for (double e : {4.0, 7.0, 13.0, 16.0}) noise.push_back(e);
  }
  Tally t;
  for (double e : noise) t.Add(1e9 + e);
  ExpectRelativelyNear(1e9 + 10, t.Mean(), 1e-14);
  ExpectRelativelyNear(TwoPassVariance(noise), t.Variance(), 1e-9);

  // Merged halves keep the precision too.
  Tally a, b;
  for (std::size_t i = 0; i < noise.size(); ++i) (i < 1234 ? a : b).Add(1e9 + noise[i]);
  a.Merge(b);
  ExpectRelativelyNear(TwoPassVariance(noise), a.Variance(), 1e-9);
}

}  // namespace
}  // namespace fccsim::sim
