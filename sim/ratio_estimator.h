#ifndef FCCSIM_SIM_RATIO_ESTIMATOR_H_
#define FCCSIM_SIM_RATIO_ESTIMATOR_H_

// A ratio of expectations, E[X] / E[Y], estimated from one (x, y) pair per replication: the
// ratio of the totals, sum(x) / sum(y), with a confidence interval by the delta method.
//
// Why not the mean of the per-replication ratios x/y: a replication with y = 0 has no ratio
// and would be dropped, and one with a small y would weigh as much as one with a large y; both
// bias the estimate wherever y is small (the service level of a quiet night interval, judged
// on a handful of calls). The ratio of totals is consistent whatever the sizes.
//
// The interval is by the delta method (sim/moments.h). Not thread-safe; add pairs in
// replication order for results identical bit for bit.

#include <cstdint>
#include <optional>

#include "sim/confidence_interval.h"
#include "sim/moments.h"

namespace fccsim::sim {

class RatioEstimator {
 public:
  void Add(double x, double y) { moments_.Add(x, y, ++n_); }

  std::int64_t Count() const { return n_; }

  // sum(x) / sum(y); NaN when sum(y) is 0 (nothing to judge in any replication).
  double Ratio() const { return moments_.Ratio(n_); }

  // nullopt with fewer than two pairs or when the ratio is undefined.
  // REQUIRES: 0 < level < 1.
  std::optional<ConfidenceInterval> Interval(double level = 0.95) const {
    return RatioInterval(moments_, n_, level);
  }

 private:
  std::int64_t n_ = 0;
  PairMoments moments_;
};

}  // namespace fccsim::sim

#endif  // FCCSIM_SIM_RATIO_ESTIMATOR_H_
