#ifndef FCCSIM_MODEL_PLAN_SHIFT_PLANNER_H_
#define FCCSIM_MODEL_PLAN_SHIFT_PLANNER_H_

// The shift planner (docs/model.md, "Shift scheduling"): the least-cost roster of the
// scenario's shift patterns covering each planned group's requirement, grossed up for
// shrinkage; with a simulation to verify it, the roster is simulated as `fccsim run` would,
// and wherever a channel misses its target in an interval, the need of the most specialised
// planned group answering it there is raised by one and the programme solved again, until
// the simulated roster meets every target or the solves run out.

#include <string>
#include <vector>

#include "model/plan/verified_roster.h"
#include "model/proto/plan.pb.h"
#include "model/scenario/model_spec.h"
#include "model/scenario/scenario_loader.h"

namespace fccsim::model {

// Plans the shifts into plan->shifts and the planned rows of `plan`'s groups (and channels,
// when verified). `on_duty[g][k]`: the handlers on duty group g needs in reported interval k.
// False with *error set when no roster of the patterns covers the need, or a need exceeds a
// shift's headcount. REQUIRES: the scenario has patterns, and no planned group is staffed by
// its headcount table (the loader refuses both); `plan` holds its groups and channels;
// `spec` compiled from `loaded`.
bool PlanShifts(const LoadedScenario& loaded, const ModelSpec& spec,
                const std::vector<std::vector<double>>& on_duty, const std::string& requirement,
                const ShiftPlanOptions& options, fccsim::PlanResult* plan, std::string* error);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_PLAN_SHIFT_PLANNER_H_
