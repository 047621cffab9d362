#ifndef FCCSIM_SIM_MOMENTS_H_
#define FCCSIM_SIM_MOMENTS_H_

// Running moments of observations across replications, for when many variables are observed
// together and share one count (a run's thousands of intervals each have a dozen measures):
// the count lives with the caller, so a variable costs two doubles, a pair five.
//
//   Moments      mean and sum of squared deviations (Welford), for a mean across replications
//                with a Student-t interval;
//   PairMoments  means, sums of squared deviations and the co-moment of (x, y) pairs, for a
//                ratio of totals sum(x) / sum(y) with a delta-method interval (see
//                sim/ratio_estimator.h for why a ratio of totals).
// Add pairs in replication order for results identical bit for bit.

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>

#include "sim/confidence_interval.h"

namespace fccsim::sim {

struct Moments {
  double mean = 0;
  double m2 = 0;  // sum of squared deviations from the running mean

  // `n` is the count including x. REQUIRES: n >= 1.
  void Add(double x, std::int64_t n) {
    const double delta = x - mean;
    mean += delta / static_cast<double>(n);
    m2 += delta * (x - mean);
  }
};

struct PairMoments {
  double mean_x = 0, mean_y = 0;
  double cxx = 0, cyy = 0, cxy = 0;

  // `n` is the count including this pair. REQUIRES: n >= 1.
  void Add(double x, double y, std::int64_t n) {
    const double dx = x - mean_x;
    const double dy = y - mean_y;
    mean_x += dx / static_cast<double>(n);
    mean_y += dy / static_cast<double>(n);
    cxx += dx * (x - mean_x);
    cyy += dy * (y - mean_y);
    cxy += dx * (y - mean_y);
  }

  // sum(x) / sum(y) over n pairs; NaN when there are none or sum(y) is 0.
  double Ratio(std::int64_t n) const {
    return n > 0 && mean_y != 0 ? mean_x / mean_y : std::numeric_limits<double>::quiet_NaN();
  }
};

// The mean of n observations with its Student-t interval, given the quantile
// t = StudentTQuantile(level, n - 1) (callers making many intervals compute it once); nullopt
// when n < 2.
inline std::optional<ConfidenceInterval> MeanIntervalWithT(const Moments& m, std::int64_t n,
                                                           double t) {
  if (n < 2) return std::nullopt;
  const double sd = std::sqrt(m.m2 / static_cast<double>(n - 1));
  return ConfidenceInterval{m.mean, t * sd / std::sqrt(static_cast<double>(n))};
}

// The ratio of totals with its delta-method interval: with R = mean(x) / mean(y),
// Var(R) ~ (s_xx - 2 R s_xy + R^2 s_yy) / (n mean(y)^2), and t as above. nullopt when n < 2
// or R is undefined.
inline std::optional<ConfidenceInterval> RatioIntervalWithT(const PairMoments& p, std::int64_t n,
                                                            double t) {
  const double r = p.Ratio(n);
  if (n < 2 || std::isnan(r)) return std::nullopt;
  const double count = static_cast<double>(n);
  const double s = (p.cxx - 2 * r * p.cxy + r * r * p.cyy) / (count - 1);
  // Rounding can leave a tiny negative where the pairs are exactly proportional.
  const double variance = std::fmax(s, 0.0) / (count * p.mean_y * p.mean_y);
  return ConfidenceInterval{r, t * std::sqrt(variance)};
}

// As above at confidence `level`. REQUIRES: 0 < level < 1.
inline std::optional<ConfidenceInterval> MeanInterval(const Moments& m, std::int64_t n,
                                                      double level = 0.95) {
  if (n < 2) return std::nullopt;
  return MeanIntervalWithT(m, n, StudentTQuantile(level, n - 1));
}
inline std::optional<ConfidenceInterval> RatioInterval(const PairMoments& p, std::int64_t n,
                                                       double level = 0.95) {
  if (n < 2 || std::isnan(p.Ratio(n))) return std::nullopt;
  return RatioIntervalWithT(p, n, StudentTQuantile(level, n - 1));
}

}  // namespace fccsim::sim

#endif  // FCCSIM_SIM_MOMENTS_H_
