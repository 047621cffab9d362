#ifndef FCCSIM_MODEL_PLAN_PLAN_SIMULATOR_H_
#define FCCSIM_MODEL_PLAN_PLAN_SIMULATOR_H_

// Where the planner's simulations run. By default, on this process's threads; under mpirun,
// spread over every process (plan_on_group.h), which must then each build the same model: so
// a simulation is named by what it changes of the scenario every process loaded, a PlanCase,
// rather than by the compiled model alone.

#include <vector>

#include "model/plan/target_estimates.h"
#include "model/proto/scenario.pb.h"
#include "model/scenario/model_spec.h"

namespace fccsim::model {

struct SimulatedStaffingOptions;

// The scenario as loaded (or `scenario` in its place: a roster to verify), compiled, with its
// roster replaced by `on_duty` handlers per group and interval when given (WithStaffing).
struct PlanCase {
  const fccsim::Scenario* scenario = nullptr;
  const std::vector<std::vector<int>>* on_duty = nullptr;
};

class PlanSimulator {
 public:
  virtual ~PlanSimulator() = default;
  // SimulateTargets(spec, options), where `spec` is `what` compiled.
  virtual std::vector<std::vector<SimulatedInterval>> Simulate(
      const ModelSpec& spec, const PlanCase& what, const SimulatedStaffingOptions& options) = 0;
};

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_PLAN_PLAN_SIMULATOR_H_
