#ifndef FCCSIM_TESTS_MODEL_THEORY_CHECKS_H_
#define FCCSIM_TESTS_MODEL_THEORY_CHECKS_H_

// Checks of simulated measures against queueing theory, shared by the validation tests.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "model/centre/replication_measures.h"
#include "model/scenario/model_spec.h"
#include "sim/confidence_interval.h"
#include "sim/tally.h"

namespace fccsim::model {

// The type-7 quantile p of `values` (sorted here), as the measures define percentiles; computed
// on its own, not with sim/type7_quantile.h, so that a test checks the model against it.
inline double Type7(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  const double position = p * static_cast<double>(values.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, values.size() - 1);
  return values[below] + (position - static_cast<double>(below)) * (values[above] - values[below]);
}

// The service level of channel 0 at threshold t_s (one of the channel's thresholds).
inline double LevelAt(const ModelSpec& spec, const IntervalCounts& o, double t_s) {
  const auto& thresholds = spec.channels[0].thresholds;
  const auto i = static_cast<int>(
      std::find(thresholds.begin(), thresholds.end(), sim::TicksFromSeconds(t_s)) -
      thresholds.begin());
  EXPECT_LT(i, static_cast<int>(thresholds.size())) << t_s << " s is not a threshold";
  return static_cast<double>(o.within[static_cast<std::size_t>(i)]) / o.Judged(i);
}

// Expects the 99% interval of the replications' values to contain `exact`, and to be
// narrower than `relative_width` of it (at least of 0.05), so that the test can fail.
inline void ExpectWithin(const std::vector<double>& per_replication, double exact,
                         const char* what, double relative_width = 0.05) {
  sim::Tally t;
  for (double x : per_replication) t.Add(x);
  const auto ci = sim::StudentTInterval(t, 0.99);
  ASSERT_TRUE(ci.has_value()) << what;
  EXPECT_NEAR(ci->mean, exact, ci->half_width) << what;
  EXPECT_LT(ci->half_width, relative_width * std::max(exact, 0.05))
      << what << ": interval too wide to test";
}

}  // namespace fccsim::model

#endif  // FCCSIM_TESTS_MODEL_THEORY_CHECKS_H_
