#include "sim/paired_moments.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "sim/confidence_interval.h"
#include "sim/moments.h"
#include "sim/random_stream.h"
#include "sim/samplers.h"

namespace fccsim::sim {
namespace {

struct Quad {
  double x, y, u, v;
};

PairedRatioMoments Accumulate(const std::vector<Quad>& data) {
  PairedRatioMoments m;
  std::int64_t n = 0;
  for (const Quad& q : data) m.Add(q.x, q.y, q.u, q.v, ++n);
  return m;
}

TEST(PairedMoments, AVariantEqualToTheBaseDiffersByExactlyZero) {
  const std::vector<Quad> data = {
      {3, 4, 3, 4}, {0.1, 0.7, 0.1, 0.7}, {7, 10, 7, 10}, {1, 2, 1, 2}, {5.3, 5, 5.3, 5}};
  const PairedDifference d = PairedRatioDifference(Accumulate(data), 5, 2.776, 2.306);
  EXPECT_EQ(d.difference, 0.0);
  EXPECT_EQ(d.base, d.variant);
  ASSERT_TRUE(d.paired_half_width.has_value());
  EXPECT_EQ(*d.paired_half_width, 0.0);
  EXPECT_GT(*d.unpaired_half_width, 0.0);
}

TEST(PairedMoments, ForMeansIsThePairedAndTheTwoSampleTInterval) {
  // y = v = 1: the paired interval is the t interval of the differences u - x; the unpaired
  // one the two-sample interval of equal sizes: the two means' variances added, t of 2n - 2
  // degrees of freedom.
  const std::vector<Quad> data = {{3, 1, 4, 1}, {5, 1, 5.5, 1}, {2, 1, 3.5, 1},
                                  {8, 1, 8, 1}, {4, 1, 6, 1},   {6, 1, 6.2, 1}};
  const std::int64_t n = 6;
  const double t = StudentTQuantile(0.95, n - 1);
  Moments x, u, diff;
  std::int64_t i = 0;
  for (const Quad& q : data) {
    ++i;
    x.Add(q.x, i);
    u.Add(q.u, i);
    diff.Add(q.u - q.x, i);
  }
  const double t2 = StudentTQuantile(0.95, 2 * n - 2);
  const PairedDifference d = PairedRatioDifference(Accumulate(data), n, t, t2);
  EXPECT_NEAR(d.difference, diff.mean, 1e-12);
  EXPECT_NEAR(*d.paired_half_width, MeanIntervalWithT(diff, n, t)->half_width, 1e-12);
  const double hx = MeanIntervalWithT(x, n, t2)->half_width;
  const double hu = MeanIntervalWithT(u, n, t2)->half_width;
  EXPECT_NEAR(*d.unpaired_half_width, std::sqrt(hx * hx + hu * hu), 1e-12);
}

TEST(PairedMoments, ForRatiosAddsTheTwoDeltaMethodVariancesWhenUnpaired) {
  RandomStream stream(11, 0, 0);
  std::vector<Quad> data;
  PairMoments base, variant;
  std::int64_t n = 0;
  for (int r = 0; r < 40; ++r) {
    const double y = 100 + 20 * StandardNormal(stream);
    const double x = 0.8 * y + 5 * StandardNormal(stream);
    const double v = y + 0.5 * StandardNormal(stream);
    const double u = x + 2 + StandardNormal(stream);
    data.push_back({x, y, u, v});
    ++n;
    base.Add(x, y, n);
    variant.Add(u, v, n);
  }
  const double t = StudentTQuantile(0.95, n - 1);
  const PairedDifference d = PairedRatioDifference(Accumulate(data), n, t, t);
  EXPECT_NEAR(d.base, base.Ratio(n), 1e-12);
  EXPECT_NEAR(d.variant, variant.Ratio(n), 1e-12);
  const double hb = RatioIntervalWithT(base, n, t)->half_width;
  const double hv = RatioIntervalWithT(variant, n, t)->half_width;
  EXPECT_NEAR(*d.unpaired_half_width, std::sqrt(hb * hb + hv * hv), 1e-12);
  // The pairs move together, so their difference varies far less than either.
  EXPECT_LT(*d.paired_half_width, 0.5 * *d.unpaired_half_width);
}

TEST(PairedMoments, ThePairedVarianceIsThatOfTheLinearisedResidualDifferences) {
  const std::vector<Quad> data = {
      {30, 40, 28, 41}, {12, 20, 13, 19}, {70, 100, 65, 98}, {10, 20, 12, 22}, {53, 50, 50, 52}};
  const double n = 5, t = 2.5;
  double sx = 0, sy = 0, su = 0, sv = 0;
  for (const Quad& q : data) sx += q.x, sy += q.y, su += q.u, sv += q.v;
  const double rb = sx / sy, rv = su / sv;
  std::vector<double> z;
  double mean_z = 0;
  for (const Quad& q : data) {
    z.push_back((q.u - rv * q.v) / (sv / n) - (q.x - rb * q.y) / (sy / n));
    mean_z += z.back() / n;
  }
  double ss = 0;
  for (double zi : z) ss += (zi - mean_z) * (zi - mean_z);
  const PairedDifference d = PairedRatioDifference(Accumulate(data), 5, t, t);
  EXPECT_NEAR(d.difference, rv - rb, 1e-12);
  EXPECT_NEAR(*d.paired_half_width, t * std::sqrt(ss / (n - 1) / n), 1e-12);
}

TEST(PairedMoments, NeedsTwoReplicationsForAnIntervalAndADenominatorForARatio) {
  const PairedDifference one = PairedRatioDifference(Accumulate({{3, 4, 5, 4}}), 1, 1.0, 1.0);
  EXPECT_DOUBLE_EQ(one.difference, 0.5);
  EXPECT_FALSE(one.paired_half_width.has_value());
  const PairedDifference none =
      PairedRatioDifference(Accumulate({{0, 0, 1, 2}, {0, 0, 1, 2}}), 2, 12.7, 4.3);
  EXPECT_TRUE(std::isnan(none.base));
  EXPECT_TRUE(std::isnan(none.difference));
  EXPECT_FALSE(none.paired_half_width.has_value());
}

}  // namespace
}  // namespace fccsim::sim
