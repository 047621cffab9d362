#ifndef FCCSIM_SIM_PAIRED_MOMENTS_H_
#define FCCSIM_SIM_PAIRED_MOMENTS_H_

// A paired comparison of two ratios of totals observed in the same replications: a base
// sum(x) / sum(y) and a variant sum(u) / sum(v), where replication r of both ran on the
// same random numbers, so (x_r, y_r) and (u_r, v_r) are correlated and their difference
// varies less than either. A mean is the ratio with y = v = 1.
//
// The difference D = R_v - R_b has the delta-method variance of the mean of the paired
// linearised residuals, (u - R_v v) / mean(v) - (x - R_b y) / mean(y), which is what a
// paired t interval is for a mean (t with n - 1 degrees of freedom). The unpaired interval,
// the two residuals' variances added with t of 2n - 2 degrees of freedom (the two-sample t
// interval of equal sizes, as if the runs had been independent), is kept beside it to show
// what the pairing buys.
//
// The co-moments are of (x, y, u - x, v - y), not of (x, y, u, v): when the variant equals
// the base, every moment of the differences is exactly 0, so D and its interval are exactly
// 0 too, not a rounding residue. Add in replication order for results identical bit for bit.

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>

namespace fccsim::sim {

struct PairedRatioMoments {
  // Means of (x, y, u - x, v - y), and of u and v themselves, so that the variant's ratio
  // is computed exactly as a run of the variant alone would compute it.
  std::array<double, 4> mean{};
  double mean_u = 0, mean_v = 0;
  // Sums of products of deviations, the upper triangle of the 4x4 matrix row by row:
  // (0,0) (0,1) (0,2) (0,3) (1,1) (1,2) (1,3) (2,2) (2,3) (3,3).
  std::array<double, 10> co{};

  // `n` is the count including this replication. REQUIRES: n >= 1.
  void Add(double x, double y, double u, double v, std::int64_t n) {
    const double count = static_cast<double>(n);
    const std::array<double, 4> w = {x, y, u - x, v - y};
    std::array<double, 4> before{}, after{};
    for (std::size_t i = 0; i < 4; ++i) {
      before[i] = w[i] - mean[i];
      mean[i] += before[i] / count;
      after[i] = w[i] - mean[i];
    }
    std::size_t k = 0;
    for (std::size_t i = 0; i < 4; ++i) {
      for (std::size_t j = i; j < 4; ++j) co[k++] += before[i] * after[j];
    }
    mean_u += (u - mean_u) / count;
    mean_v += (v - mean_v) / count;
  }

  double Co(std::size_t i, std::size_t j) const {
    if (i > j) std::swap(i, j);
    // Offset of row i in the packed upper triangle of a 4x4 matrix.
    static constexpr std::size_t kRow[4] = {0, 4, 7, 9};
    return co[kRow[i] + (j - i)];
  }
};

struct PairedDifference {
  double base = std::numeric_limits<double>::quiet_NaN();        // sum(x) / sum(y)
  double variant = std::numeric_limits<double>::quiet_NaN();     // sum(u) / sum(v)
  double difference = std::numeric_limits<double>::quiet_NaN();  // variant - base
  // Half widths at the confidence of the t quantile given; nullopt with fewer than two
  // replications.
  std::optional<double> paired_half_width;
  std::optional<double> unpaired_half_width;
};

// The difference with its paired and unpaired intervals, given t = StudentTQuantile(level,
// n - 1) and t_unpaired = StudentTQuantile(level, 2n - 2). The ratios are NaN when sum(y)
// (sum(v)) is 0, and the difference and intervals then NaN too.
inline PairedDifference PairedRatioDifference(const PairedRatioMoments& m, std::int64_t n, double t,
                                              double t_unpaired) {
  PairedDifference d;
  if (n < 1) return d;
  const double mean_y = m.mean[1];
  const double nan = std::numeric_limits<double>::quiet_NaN();
  d.base = mean_y != 0 ? m.mean[0] / mean_y : nan;
  d.variant = m.mean_v != 0 ? m.mean_u / m.mean_v : nan;
  d.difference = d.variant - d.base;
  if (n < 2 || std::isnan(d.difference)) return d;
  // Residual coefficients on (x, y, u - x, v - y): the base's is (x - R_b y) / mean(y); the
  // variant's, (u - R_v v) / mean(v) with u = x + (u - x) and v = y + (v - y).
  const std::array<double, 4> base = {1 / mean_y, -d.base / mean_y, 0, 0};
  const std::array<double, 4> variant = {1 / m.mean_v, -d.variant / m.mean_v, 1 / m.mean_v,
                                         -d.variant / m.mean_v};
  std::array<double, 4> paired{};
  for (std::size_t i = 0; i < 4; ++i) paired[i] = variant[i] - base[i];
  const auto quadratic = [&m](const std::array<double, 4>& a) {
    double sum = 0;
    for (std::size_t i = 0; i < 4; ++i) {
      for (std::size_t j = 0; j < 4; ++j) sum += a[i] * a[j] * m.Co(i, j);
    }
    return sum;
  };
  const double count = static_cast<double>(n);
  // Rounding can leave a tiny negative where the residuals are exactly proportional.
  const auto half_width = [&](double quantile, double sum_of_squares) {
    return quantile * std::sqrt(std::fmax(sum_of_squares, 0.0) / (count - 1) / count);
  };
  d.paired_half_width = half_width(t, quadratic(paired));
  d.unpaired_half_width = half_width(t_unpaired, quadratic(base) + quadratic(variant));
  return d;
}

}  // namespace fccsim::sim

#endif  // FCCSIM_SIM_PAIRED_MOMENTS_H_
