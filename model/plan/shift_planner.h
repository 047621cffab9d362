#ifndef FCCSIM_MODEL_PLAN_SHIFT_PLANNER_H_
#define FCCSIM_MODEL_PLAN_SHIFT_PLANNER_H_

// The shift planner (docs/model.md, "Shift scheduling"): the least-cost roster of the
// scenario's shift patterns covering each planned group's requirement, grossed up for
// shrinkage; with a simulation to verify it, the roster is simulated as `fccsim run` would,
// and wherever a channel misses its target in an interval, the need of the most specialised
// planned group answering it there is raised by one and the programme solved again, until
// the simulated roster meets every target or the solves run out.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/plan/integer_program.h"
#include "model/plan/simulated_staffing.h"
#include "model/proto/plan.pb.h"
#include "model/scenario/model_spec.h"
#include "model/scenario/scenario_loader.h"

namespace fccsim::model {

struct ShiftPlanOptions {
  SolveOptions solve;
  int max_solves = 12;
  // Simulate each roster and raise where it misses; without, one solve, unverified.
  std::optional<SimulatedStaffingOptions> verify;
  // After each solve: its number, status, cost and (when verified) channel-intervals missing.
  std::function<void(int, const std::string&, double, std::optional<int>)> progress;
};

// The scenario with the shifts of every group of `planned` replaced by them (a group with
// patterns the programme gave no shift keeps its own: a scenario must staff every group).
fccsim::Scenario WithPlannedShifts(const fccsim::Scenario& scenario,
                                   const std::vector<fccsim::Shift>& planned);

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
