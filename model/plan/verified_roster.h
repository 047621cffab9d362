#ifndef FCCSIM_MODEL_PLAN_VERIFIED_ROSTER_H_
#define FCCSIM_MODEL_PLAN_VERIFIED_ROSTER_H_

// The least-cost roster of a set of candidate shifts covering a need, and, with a simulation
// to verify it, the loop that makes it meet the targets (docs/model.md, "Shift scheduling"):
// the roster is simulated as `fccsim run` would, and wherever a channel misses its target in
// an interval, the need of the most specialised planned group answering it there is raised
// by one and the programme solved again, until the simulated roster meets every target or
// the solves run out.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/plan/integer_program.h"
#include "model/plan/shift_candidates.h"
#include "model/plan/shift_schedule.h"
#include "model/plan/simulated_staffing.h"
#include "model/scenario/model_spec.h"
#include "model/scenario/scenario_loader.h"

namespace fccsim::model {

struct ShiftPlanOptions {
  SolveOptions solve;
  int max_solves = 30;
  // Simulate each roster and raise where it misses; without, one solve, unverified.
  std::optional<SimulatedStaffingOptions> verify;
  // After each solve: what is solved ("shift solve", "top-up solve"), the solve's number,
  // status, cost and (when verified) channel-intervals missing.
  std::function<void(const std::string&, int, const std::string&, double, std::optional<int>)>
      progress;
};

struct VerifiedRoster {
  ShiftSchedule schedule;              // of the last solve
  std::vector<fccsim::Shift> shifts;   // its shifts with handlers, in candidate order
  std::vector<std::vector<int>> need;  // [group][interval] the last solve covered
  // With verify: the last roster's measures [channel][interval], and how it went.
  std::vector<std::vector<SimulatedInterval>> measures;
  int solves = 0;
  bool verified = false;
  int misses = 0;  // channel-intervals missing in the last simulation
  std::string unverified_reason;
};

// The scenario with the shifts of every group of `planned` replaced by them (a group with
// patterns the programme gave no shift keeps its own: a scenario must staff every group).
fccsim::Scenario WithPlannedShifts(const fccsim::Scenario& scenario,
                                   const std::vector<fccsim::Shift>& planned);

// Solves for `candidates` covering `need` (handlers present per group and interval), and
// with options.verify raises it where the simulated roster misses, in the groups `planned`
// (per spec group); `what` names its solves in the progress. False with *error set when no roster
// of the candidates covers the need. REQUIRES: `candidates` of `loaded`'s scenario and `spec`
// compiled from it; `need` is [group][reported interval], zero for a group not planned.
bool SolveAndVerify(const LoadedScenario& loaded, const ModelSpec& spec,
                    const std::vector<CandidateShift>& candidates, const std::vector<bool>& planned,
                    std::vector<std::vector<int>> need, const ShiftPlanOptions& options,
                    const std::string& what, VerifiedRoster* roster, std::string* error);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_PLAN_VERIFIED_ROSTER_H_
