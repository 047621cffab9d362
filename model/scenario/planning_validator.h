#ifndef FCCSIM_MODEL_SCENARIO_PLANNING_VALIDATOR_H_
#define FCCSIM_MODEL_SCENARIO_PLANNING_VALIDATOR_H_

// Checks of a scenario's shift patterns (Scenario.planning), each problem placed on its field.

#include <cstdint>
#include <string>
#include <vector>

#include "model/proto/scenario.pb.h"
#include "model/scenario/scenario_validator.h"

namespace fccsim::model {

// The most break placements one pattern may have, and candidate shifts (start times x
// weekdays x placements) all patterns together: the integer programme has one variable per
// candidate, and must stay solvable in seconds.
inline constexpr std::uint64_t kMaxBreakPlacements = 5000;
inline constexpr std::uint64_t kMaxCandidateShifts = 60000;
// And the terms of its covering constraints (candidates x intervals each covers x weeks of
// the horizon, bounded above): beyond it, the first LP solve alone (which the time limit does
// not bound) takes minutes and gigabytes. Checked by `fccsim plan` only: `fccsim run` of a
// long horizon ignores the patterns.
inline constexpr std::uint64_t kMaxProgramTerms = 2000000;
inline constexpr double kDefaultHoursPerFte = 37;

// Fills the planning defaults (latest_start, start_step_minutes, a break's latest start,
// cost, hours_per_fte). REQUIRES: the horizon's defaults applied.
void ApplyPlanningDefaults(fccsim::Scenario* scenario);

// "" when the programme the patterns make over the scenario's horizon is within
// kMaxProgramTerms, else the problem. REQUIRES: the scenario passed validation.
std::string ProgrammeSizeProblem(const fccsim::Scenario& scenario);

// Appends one problem per finding. REQUIRES: defaults applied.
void ValidatePlanning(const fccsim::Scenario& scenario, const FieldRef& root,
                      std::vector<Problem>* problems);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_SCENARIO_PLANNING_VALIDATOR_H_
