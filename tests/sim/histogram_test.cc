#include "sim/histogram.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/byte_codec.h"
#include "sim/time.h"

namespace fccsim::sim {
namespace {

// Width 10, bins: {0}, (0,10], (10,20], ..., (90,100]; overflow above 100.
Histogram HandExample() {
  Histogram h(10, 100);
  for (std::int64_t v : {0, 0, 5, 10, 11, 20, 35, 100, 150}) h.Add(v);
  return h;
}

TEST(Histogram, ZeroGoesInBinZero) {
  Histogram h(10, 100);
  h.Add(0);
  EXPECT_EQ(h.bins()[0], 1);
  EXPECT_EQ(h.bins()[1], 0);
  EXPECT_EQ(h.CountAtMost(0), 1);
  h.Add(1);
  EXPECT_EQ(h.bins()[0], 1);
  EXPECT_EQ(h.bins()[1], 1);
  EXPECT_EQ(h.CountAtMost(0), 1);
}

TEST(Histogram, HasOneBinForZeroAndOnePerWidthUpToTheMax) {
  const Histogram h(kTicksPerSecond, 4 * kTicksPerHour);
  EXPECT_EQ(h.bins().size(), 14'401u);
  EXPECT_EQ(h.bin_width(), kTicksPerSecond);
  EXPECT_EQ(h.max_value(), 4 * kTicksPerHour);
}

TEST(Histogram, ValueEqualToThresholdCountsAsAtMost) {
  Histogram h(kTicksPerSecond, 60 * kTicksPerSecond);
  h.Add(20 * kTicksPerSecond);
  h.Add(20 * kTicksPerSecond + 1);
  EXPECT_EQ(h.CountAtMost(19 * kTicksPerSecond), 0);
  EXPECT_EQ(h.CountAtMost(20 * kTicksPerSecond), 1);
  EXPECT_EQ(h.CountAtMost(21 * kTicksPerSecond), 2);
}

TEST(Histogram, CountsAtBinEdgesAreExact) {
  const Histogram h = HandExample();
  EXPECT_EQ(h.Count(), 9);
  EXPECT_EQ(h.CountAtMost(-1), 0);
  EXPECT_EQ(h.CountAtMost(0), 2);
  EXPECT_EQ(h.CountAtMost(10), 4);
  EXPECT_EQ(h.CountAtMost(20), 6);
  EXPECT_EQ(h.CountAtMost(30), 6);
  EXPECT_EQ(h.CountAtMost(40), 7);
  EXPECT_EQ(h.CountAtMost(100), 8);
  EXPECT_EQ(h.CountAtMost(150), 9);  // at the observed maximum
  EXPECT_EQ(h.CountAtMost(1'000'000), 9);
  EXPECT_EQ(h.FractionAtMost(20), 6.0 / 9);
  EXPECT_EQ(h.FractionAtMost(100), 8.0 / 9);
}

TEST(Histogram, SaysWhichThresholdsAreExact) {
  const Histogram h = HandExample();
  EXPECT_TRUE(h.CountAtMostIsExact(-5));
  EXPECT_TRUE(h.CountAtMostIsExact(0));
  EXPECT_TRUE(h.CountAtMostIsExact(70));
  EXPECT_FALSE(h.CountAtMostIsExact(15));
  EXPECT_FALSE(h.CountAtMostIsExact(110));  // a multiple of the width, but among the overflow
  EXPECT_TRUE(h.CountAtMostIsExact(150));
  EXPECT_TRUE(h.CountAtMostIsExact(151));
}

TEST(Histogram, FractionInsideABinInterpolatesLinearly) {
  const Histogram h = HandExample();
  // (10,20] holds 11 and 20; half its width lies at or under 15.
  EXPECT_DOUBLE_EQ(h.FractionAtMost(15), (4 + 0.5 * 2) / 9);
  // (0,10] holds 5 and 10; 3 of its 10 integers lie at or under 3.
  EXPECT_DOUBLE_EQ(h.FractionAtMost(3), (2 + 0.3 * 2) / 9);
  // The overflow value 150 is read as spread over (100,150].
  EXPECT_DOUBLE_EQ(h.FractionAtMost(110), (8 + 0.2 * 1) / 9);
}

TEST(Histogram, OverflowKeepsTheCountAndTheExactMaximum) {
  Histogram h(kTicksPerSecond, 10 * kTicksPerSecond);
  h.Add(3 * kTicksPerSecond);
  h.Add(10 * kTicksPerSecond);      // the last bin, not the overflow
  h.Add(10 * kTicksPerSecond + 1);  // overflow
  h.Add(7 * kTicksPerHour + 12345);
  EXPECT_EQ(h.overflow(), 2);
  EXPECT_EQ(h.Count(), 4);
  EXPECT_EQ(h.bins().back(), 1);
  EXPECT_EQ(h.Max(), 7 * kTicksPerHour + 12345);
  EXPECT_EQ(h.CountAtMost(10 * kTicksPerSecond), 2);
  EXPECT_EQ(h.CountAtMost(h.Max()), 4);
  EXPECT_EQ(h.Quantile(0.9), static_cast<double>(h.Max()));
}

TEST(Histogram, EmptyHasNoFractionsOrQuantiles) {
  const Histogram h(10, 100);
  EXPECT_EQ(h.Count(), 0);
  EXPECT_EQ(h.Max(), 0);
  EXPECT_EQ(h.CountAtMost(50), 0);
  EXPECT_TRUE(std::isnan(h.FractionAtMost(50)));
  EXPECT_TRUE(std::isnan(h.Quantile(0.5)));
}

TEST(Histogram, QuantilesOfOneToAHundredAreWithinOneBinWidth) {
  for (std::int64_t width : {1, 5, 10}) {
    SCOPED_TRACE(width);
    Histogram h(width, 200);
    for (std::int64_t v = 1; v <= 100; ++v) h.Add(v);
    for (double p : {0.1, 0.25, 0.5, 0.9, 0.99}) {
      EXPECT_NEAR(h.Quantile(p), 100 * p, static_cast<double>(width)) << "p = " << p;
    }
    EXPECT_DOUBLE_EQ(h.Quantile(0.5), 50.0);  // 50 lies on an edge for these widths
    EXPECT_EQ(h.Quantile(1.0), 100.0);
  }
}

TEST(Histogram, QuantilesAreCappedAtTheMaximum) {
  Histogram h(10, 100);
  h.Add(12);
  EXPECT_EQ(h.Quantile(1.0), 12.0);  // not the bin's upper edge 20
  EXPECT_EQ(h.Quantile(0.0), 10.0);  // the lower edge of the first non-empty bin
}

TEST(Histogram, QuantileInBinZeroIsZero) {
  Histogram h(10, 100);
  for (int i = 0; i < 6; ++i) h.Add(0);
  for (int i = 0; i < 4; ++i) h.Add(30);
  EXPECT_EQ(h.Quantile(0.0), 0.0);
  EXPECT_EQ(h.Quantile(0.6), 0.0);
  EXPECT_DOUBLE_EQ(h.Quantile(0.8), 25.0);  // halfway through (20,30]
}

TEST(Histogram, MergeEqualsOneHistogramOfAllValues) {
  Histogram whole(10, 100), a(10, 100), b(10, 100);
  const std::vector<std::int64_t> values = {0, 3, 10, 47, 99, 100, 101, 250, 0, 60, 61};
  for (std::size_t i = 0; i < values.size(); ++i) {
    whole.Add(values[i]);
    (i % 3 == 0 ? a : b).Add(values[i]);
  }
  a.Merge(b);
  EXPECT_TRUE(std::ranges::equal(a.bins(), whole.bins()));
  EXPECT_EQ(a.overflow(), whole.overflow());
  EXPECT_EQ(a.Count(), whole.Count());
  EXPECT_EQ(a.Max(), whole.Max());
  EXPECT_EQ(a.Quantile(0.5), whole.Quantile(0.5));
}

TEST(Histogram, AClearedHistogramIsEmptyWithItsLayout) {
  Histogram h(10, 100);
  for (std::int64_t v : {0, 5, 55, 1000}) h.Add(v);
  h.Clear();
  EXPECT_EQ(h.Count(), 0);
  EXPECT_EQ(h.Max(), 0);
  EXPECT_EQ(h.overflow(), 0);
  EXPECT_EQ(h.bin_width(), 10);
  EXPECT_EQ(h.max_value(), 100);
  for (std::int64_t count : h.bins()) EXPECT_EQ(count, 0);
  h.Add(20);
  EXPECT_EQ(h.CountAtMost(20), 1);
}

// Clear() zeroes only the bins up to the largest value's: every bin past it must be zero
// already, so a value in the last bin it zeroes shows an off-by-one.
TEST(Histogram, ClearEmptiesTheBinOfTheLargestValue) {
  Histogram h(10, 100);
  for (std::int64_t v : {0, 5, 60}) h.Add(v);  // 60 is bin 6's upper edge
  h.Clear();
  for (std::int64_t count : h.bins()) EXPECT_EQ(count, 0);
  h.Add(3);
  EXPECT_EQ(h.CountAtMost(60), 1);
  EXPECT_EQ(h.CountAtMost(10), 1);
}

TEST(Histogram, RoundTripsThroughBytesAndRefusesBinsPastItsMaximum) {
  const Histogram h = HandExample();
  std::string bytes;
  ByteWriter writer(&bytes);
  h.AppendTo(&writer);
  Histogram back(10, 100);
  back.Add(90);  // overwritten, memory reused
  ByteReader reader(bytes);
  ASSERT_TRUE(back.ReadFrom(&reader));
  EXPECT_TRUE(std::ranges::equal(back.bins(), h.bins()));
  EXPECT_EQ(back.Count(), h.Count());
  EXPECT_EQ(back.Max(), h.Max());
  EXPECT_EQ(back.overflow(), h.overflow());

  // Two bins counted, but a largest value of 5, in bin 1: bin 2 cannot hold anything.
  std::string bad;
  ByteWriter bad_writer(&bad);
  for (const std::int64_t v : {10, 100, 0, 2, 5}) bad_writer.Put(v);  // width .. max
  bad_writer.Put<std::uint64_t>(3);
  for (const std::int64_t v : {1, 0, 1}) bad_writer.Put(v);
  ByteReader bad_reader(bad);
  EXPECT_FALSE(back.ReadFrom(&bad_reader));
}

// Against the exact type-7 quantile of the values themselves: within one bin width, and
// exact at 0 and at the maximum.
TEST(Histogram, OrderQuantilesAreWithinABinOfTheExactOnes) {
  std::uint64_t state = 12345;
  auto next = [&state] {  // a small LCG: the test needs spread, not quality
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
  };
  for (int trial = 0; trial < 20; ++trial) {
    Histogram h(10, 1000);
    std::vector<std::int64_t> values;
    const int n = 1 + static_cast<int>(next() % 200);
    for (int i = 0; i < n; ++i) {
      const std::int64_t v = next() % 5 == 0 ? 0 : static_cast<std::int64_t>(next() % 1300);
      values.push_back(v);
      h.Add(v);
    }
    std::sort(values.begin(), values.end());
    for (double p : {0.0, 0.1, 0.5, 0.9, 0.95, 1.0}) {
      const double position = p * (n - 1);
      const auto lo = static_cast<std::size_t>(std::floor(position));
      const std::size_t hi = std::min(lo + 1, values.size() - 1);
      const double exact = static_cast<double>(values[lo]) +
                           (position - static_cast<double>(lo)) *
                               static_cast<double>(values[hi] - values[lo]);
      // Overflow values are spread over (max value, Max()], so there the bound is that span.
      const double bound = values[hi] > 1000 ? 300.0 : 10.0;
      EXPECT_NEAR(h.OrderQuantile(p), exact, bound) << "p " << p << " n " << n;
    }
    EXPECT_EQ(h.OrderQuantile(1.0), static_cast<double>(values.back()));
  }
  Histogram zeros(10, 100);
  for (int i = 0; i < 5; ++i) zeros.Add(0);
  EXPECT_EQ(zeros.OrderQuantile(0.9), 0.0);
  // {0, 4, 10, 30, 70} in 1-wide bins: type 7 gives p90 = 30 + 0.6 x 40 = 54.
  Histogram small(1, 100);
  for (std::int64_t v : {0, 4, 10, 30, 70}) small.Add(v);
  EXPECT_NEAR(small.OrderQuantile(0.9), 54.0, 1.0);
}

TEST(HistogramDeathTest, MergingDifferentLayoutsAborts) {
  Histogram a(10, 100);
  const Histogram b(10, 200);
  EXPECT_DEATH(a.Merge(b), "different layouts");
}

TEST(HistogramDeathTest, MaxValueNotAMultipleOfTheWidthAborts) {
  EXPECT_DEATH(Histogram(10, 105), "multiple of the bin width");
  EXPECT_DEATH(Histogram(0, 100), "bin width must be positive");
}

TEST(HistogramDeathTest, TooManyBinsAborts) {
  EXPECT_DEATH(Histogram(1, 4 * kTicksPerHour), "too many bins");
}

TEST(HistogramDeathTest, InexactCountAborts) {
  const Histogram h = HandExample();
  EXPECT_DEATH(h.CountAtMost(15), "not exact");
}

TEST(HistogramDeathTest, NegativeValueAborts) {
  Histogram h(10, 100);
  EXPECT_DEATH(h.Add(-1), "negative value -1");
}

}  // namespace
}  // namespace fccsim::sim
