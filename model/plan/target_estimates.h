#ifndef FCCSIM_MODEL_PLAN_TARGET_ESTIMATES_H_
#define FCCSIM_MODEL_PLAN_TARGET_ESTIMATES_H_

// What the planner judges of a simulation: each channel's service level and ASA per interval
// as ratios of totals across the replications, with their spread, and whether each interval
// meets its target. Replications are added one at a time, in replication order, so the
// estimates are the same bits wherever the replications ran.

#include <cstdint>
#include <vector>

#include "model/centre/replication_measures.h"
#include "model/scenario/model_spec.h"
#include "sim/moments.h"

namespace fccsim::model {

// A channel's measures in one interval over the replications: ratio of totals.
struct SimulatedInterval {
  double service_level = 0;  // NaN where nothing is judged, or no service-level target
  double average_answer_s = 0;
  // Half-widths of their 95% intervals across the replications (delta method for a ratio of
  // totals); NaN where undefined (fewer than two replications, nothing judged).
  double service_level_ci95 = 0;
  double average_answer_ci95 = 0;
  bool meets = true;  // at the options' confidence
  // Meets the target, but the 95% interval reaches past it.
  bool uncertain = false;
};

class TargetEstimates {
 public:
  explicit TargetEstimates(const ModelSpec& spec);

  // Replication r's measures; r counts from 0, one after another.
  void Add(const ReplicationMeasures& m, std::uint64_t r);

  // [channel][interval] after `replications` were added. An interval meets its target when
  // the one-sided `confidence` bound does (0.5: the estimate alone).
  std::vector<std::vector<SimulatedInterval>> Judge(std::uint32_t replications,
                                                    double confidence) const;

 private:
  struct Sums {
    double within = 0, judged = 0, wait_s = 0, answered = 0;
    sim::PairMoments level, wait;  // per replication: (within, judged), (wait, answered)
  };
  const ModelSpec& spec_;
  std::vector<std::vector<Sums>> sums_;  // [channel][interval]
};

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_PLAN_TARGET_ESTIMATES_H_
