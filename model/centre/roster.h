#ifndef FCCSIM_MODEL_CENTRE_ROSTER_H_
#define FCCSIM_MODEL_CENTRE_ROSTER_H_

// The roster of one replication: who turns up (shrinkage, drawn from streams of the roster's
// own) and when they come on and go off, from shifts with their breaks and from headcount
// tables, as a time-ordered list of staffing changes for the centre to schedule.
//
// A source is the handlers one roster entry puts on together: those of one shift instance
// who turned up, or one handler slot of a headcount table. Every change applies to all the
// handlers of its source, who keep their identity from their first change to their last.
//
// Absence is per handler and shift instance (shifts) or per handler and day (tables): an
// absent handler misses the whole shift, or the whole day, as people do.

#include <cstdint>
#include <vector>

#include "model/scenario/model_spec.h"
#include "sim/time.h"

namespace fccsim::model {

struct RosterSource {
  int group;
  int handlers;  // who turned up: > 0
};

struct StaffingChange {
  sim::Time time;
  int source;
  bool on;    // comes on, or goes off
  bool last;  // the source's last change: its handlers are not rostered again
};

struct RosterPlan {
  std::vector<RosterSource> sources;
  // Within [0, spec.end), in time order; at equal times comings before goings, so a handover
  // never dips below either shift, then in the order of the sources.
  std::vector<StaffingChange> changes;
};

// Deterministic in (spec, seed, replication).
RosterPlan BuildRoster(const ModelSpec& spec, std::uint64_t seed, std::uint64_t replication);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_CENTRE_ROSTER_H_
