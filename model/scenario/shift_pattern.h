#ifndef FCCSIM_MODEL_SCENARIO_SHIFT_PATTERN_H_
#define FCCSIM_MODEL_SCENARIO_SHIFT_PATTERN_H_

// The choices a shift pattern leaves to the planner: its start times and, for each handler,
// where each of its breaks falls. Shared by the scenario's checks (how many choices) and the
// planner (the choices themselves). REQUIRES throughout: defaults applied, clocks valid.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/proto/scenario.pb.h"

namespace fccsim::model {

// Minutes of the day, from earliest_start to latest_start by start_step_minutes.
std::vector<int> PatternStarts(const fccsim::ShiftPattern& pattern);

// The number of break placements before overlapping ones are dropped: the product of the
// rules' windows, each of (latest - earliest) / step + 1 starts; saturates at UINT64_MAX.
std::uint64_t BreakPlacementBound(const fccsim::ShiftPattern& pattern, int step_minutes);

// Every placement of the breaks: one start (minutes into the shift) per rule, in rule order,
// on the step's grid, within the shift, no two breaks overlapping. Empty when none fits; one
// empty placement for a pattern without breaks. REQUIRES: BreakPlacementBound is small.
std::vector<std::vector<int>> BreakPlacements(const fccsim::ShiftPattern& pattern,
                                              int step_minutes);

// The planner's candidate shifts of `pattern` in a week: start times x weekdays x
// `placements` (the size of its BreakPlacements).
std::uint64_t CandidateCount(const fccsim::ShiftPattern& pattern, std::size_t placements);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_SCENARIO_SHIFT_PATTERN_H_
