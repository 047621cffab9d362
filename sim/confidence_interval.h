#ifndef FCCSIM_SIM_CONFIDENCE_INTERVAL_H_
#define FCCSIM_SIM_CONFIDENCE_INTERVAL_H_

// Confidence intervals for a mean estimated across independent replications.
//
// The Student t interval mean +- t_{(1+level)/2, n-1} s / sqrt(n) assumes the replication
// means are roughly normal, which holds for means of long runs. With fewer than two
// replications there is no estimate of spread, so there is no interval: callers get nullopt
// and must say so, never print a number.

#include <cstdint>
#include <optional>

#include "sim/tally.h"

namespace fccsim::sim {

struct ConfidenceInterval {
  double mean;
  double half_width;

  double lower() const { return mean - half_width; }
  double upper() const { return mean + half_width; }
};

// The two-sided Student t interval at confidence `level` for the mean of the observations in
// `across_replications` (one observation per replication). nullopt when Count() < 2.
// REQUIRES: 0 < level < 1.
std::optional<ConfidenceInterval> StudentTInterval(const Tally& across_replications,
                                                   double level = 0.95);

// The two-sided critical value: the quantile of Student's t at (1 + level) / 2, e.g.
// StudentTQuantile(0.95, 9) = 2.262157...
// REQUIRES: 0 < level < 1; degrees_of_freedom >= 1.
double StudentTQuantile(double level, std::int64_t degrees_of_freedom);

// The exact (Clopper-Pearson) interval at confidence `level` for a probability estimated by
// `successes` out of `trials` independent trials: conservative, never outside [0, 1], and
// asymmetric near 0 and 1, where a normal approximation fails (e.g. 20 of 20 replications).
struct ProportionInterval {
  double lower;
  double upper;
};
// REQUIRES: 0 <= successes <= trials; trials >= 1; 0 < level < 1.
ProportionInterval ClopperPearsonInterval(std::int64_t successes, std::int64_t trials,
                                          double level = 0.95);

}  // namespace fccsim::sim

#endif  // FCCSIM_SIM_CONFIDENCE_INTERVAL_H_
