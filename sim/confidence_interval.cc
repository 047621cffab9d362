#include "sim/confidence_interval.h"

#include <cmath>
#include <string>

#include <boost/math/distributions/students_t.hpp>

#include "sim/check.h"

namespace fccsim::sim {

double StudentTQuantile(double level, std::int64_t degrees_of_freedom) {
  // Checked here so that Boost's domain errors (which throw) cannot happen.
  FCCSIM_CHECK(level > 0 && level < 1, "confidence level outside (0, 1): " + std::to_string(level));
  FCCSIM_CHECK(degrees_of_freedom >= 1,
               "degrees of freedom must be >= 1 (got " + std::to_string(degrees_of_freedom) + ")");
  const boost::math::students_t distribution(static_cast<double>(degrees_of_freedom));
  // The upper tail (1 - level) / 2 is computed exactly; (1 + level) / 2 would round to 1 for a
  // level within an ulp of 1, where the quantile is infinite and Boost throws.
  return boost::math::quantile(boost::math::complement(distribution, (1 - level) / 2));
}

std::optional<ConfidenceInterval> StudentTInterval(const Tally& across_replications,
                                                   double level) {
  FCCSIM_CHECK(level > 0 && level < 1, "confidence level outside (0, 1): " + std::to_string(level));
  const std::int64_t n = across_replications.Count();
  if (n < 2) return std::nullopt;
  const double t = StudentTQuantile(level, n - 1);
  return ConfidenceInterval{
      across_replications.Mean(),
      t * across_replications.StdDev() / std::sqrt(static_cast<double>(n)),
  };
}

}  // namespace fccsim::sim
