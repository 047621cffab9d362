#ifndef FCCSIM_MODEL_CENTRE_ROSTER_H_
#define FCCSIM_MODEL_CENTRE_ROSTER_H_

// The roster of one replication: who turns up (shrinkage, drawn from streams of the roster's
// own) and when they come on and go off, from shifts with their breaks and from headcount
// tables, as a time-ordered list of staffing changes for the centre to schedule.

#include <cstdint>
#include <vector>

#include "model/scenario/model_spec.h"
#include "sim/time.h"

namespace fccsim::model {

// A change in the number of handlers of a group rostered on at `time`. `source` says whose
// handlers: a shift instance (its index) or a group's headcount table. Handlers coming back
// from a break cancel their own shift's pending departures, never another shift's.
struct StaffingChange {
  sim::Time time;
  int group;
  int delta;
  int source;
};

// Every staffing change of the replication within [0, spec.end), in time order; at equal
// times comings before goings, so a handover never dips below either shift.
// Deterministic in (spec, seed, replication).
std::vector<StaffingChange> BuildStaffingChanges(const ModelSpec& spec, std::uint64_t seed,
                                                 std::uint64_t replication);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_CENTRE_ROSTER_H_
