#include "sim/confidence_interval.h"

#include <cmath>
#include <string>

#include <boost/math/distributions/beta.hpp>
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

ProportionInterval ClopperPearsonInterval(std::int64_t successes, std::int64_t trials,
                                          double level) {
  FCCSIM_CHECK(level > 0 && level < 1, "confidence level outside (0, 1): " + std::to_string(level));
  FCCSIM_CHECK(trials >= 1 && successes >= 0 && successes <= trials,
               "need 0 <= successes <= trials, trials >= 1 (got " + std::to_string(successes) +
                   " of " + std::to_string(trials) + ")");
  const double alpha = 1 - level;
  const double k = static_cast<double>(successes);
  const double n = static_cast<double>(trials);
  // The bounds are quantiles of beta distributions: Beta(k, n - k + 1) at alpha/2 and
  // Beta(k + 1, n - k) at 1 - alpha/2, with 0 and 1 at the ends where those do not exist.
  const double lower =
      successes == 0 ? 0.0 : boost::math::quantile(boost::math::beta_distribution<>(k, n - k + 1),
                                                   alpha / 2);
  const double upper =
      successes == trials
          ? 1.0
          : boost::math::quantile(
                boost::math::complement(boost::math::beta_distribution<>(k + 1, n - k), alpha / 2));
  return {lower, upper};
}

}  // namespace fccsim::sim
