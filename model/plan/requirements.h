#ifndef FCCSIM_MODEL_PLAN_REQUIREMENTS_H_
#define FCCSIM_MODEL_PLAN_REQUIREMENTS_H_

// The analytic staffing requirement of a scenario (docs/model.md, "Staffing requirements"):
// per channel and reported interval, the handlers on duty that meet the channel's target with
// the interval's expected demand taken as a queue in steady state (Erlang C, or Erlang A with
// a patience); per group, its share of its channels' requirements, grossed up for shrinkage
// and breaks, beside what the scenario's roster puts on duty.

#include <optional>
#include <string>

#include "model/plan/shift_planner.h"
#include "model/plan/simulated_staffing.h"
#include "model/proto/plan.pb.h"
#include "model/scenario/model_spec.h"
#include "model/scenario/scenario_loader.h"

namespace fccsim::model {

struct PlanOptions {
  double max_occupancy = 1;  // in (0, 1]
  // Also staff by simulation (model/plan/simulated_staffing.h), from the analytic
  // requirement rounded up.
  std::optional<SimulatedStaffingOptions> simulation;
  // With shift patterns in the scenario: plan the shifts (model/plan/shift_planner.h) to
  // cover the staffing by simulation when there is one, else the analytic requirement; and
  // verify them with `simulation`'s settings when given.
  std::optional<ShiftPlanOptions> shifts;
};

// The plan, or false with *error set when an interval's load is beyond what the analytic
// formulas take (the error names the channel and interval), or the shift patterns cannot
// cover the requirement. REQUIRES: `spec` compiled from
// `loaded`, which passed validation.
bool PlanRequirements(const LoadedScenario& loaded, const ModelSpec& spec,
                      const PlanOptions& options, fccsim::PlanResult* plan, std::string* error);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_PLAN_REQUIREMENTS_H_
