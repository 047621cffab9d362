#ifndef FCCSIM_MODEL_PLAN_SHIFT_CANDIDATES_H_
#define FCCSIM_MODEL_PLAN_SHIFT_CANDIDATES_H_

// The shifts the planner may roster: every start time, weekday and break placement of every
// pattern of the scenario (Scenario.planning), with the reported intervals each covers on
// duty. A candidate starts on its weekday in every week of the horizon (and before it, so a
// night shift reaches into the first morning), as a roster's shift does.

#include <set>
#include <string>
#include <vector>

#include "model/proto/scenario.pb.h"
#include "model/scenario/model_spec.h"

namespace fccsim::model {

struct CandidateShift {
  int pattern = 0;        // index into planning.patterns; -1 for a shift of the roster
  int roster_shift = -1;  // index into roster.shifts, for a shift of the roster
  int lower = 0;          // handlers it keeps: a roster's shift topped up keeps its own
  int group = 0;          // index into the scenario's groups
  int weekday = 0;        // 0 = Monday
  int start_minutes = 0;  // of the day
  std::vector<int> break_after_minutes;  // one per break rule, in rule order
  double cost = 0;
  // Reported intervals where a handler on it is on duty (on shift, not on break), in time
  // order, each once (instances of other weeks cover other intervals), and the share of each
  // it is on duty: 1 throughout, as a pattern's candidate always is (its times are on the
  // interval grid); less for a roster's shift starting, ending or breaking within one.
  std::vector<int> covers;
  std::vector<double> shares;
};

// Reported intervals where a handler on `shift` of spec group `group` is on duty at all, in
// time order, with the share of each on duty in *shares (same order) when not null.
std::vector<int> OnDutyIntervals(const ModelSpec& spec, const fccsim::Shift& shift, int group,
                                 std::vector<double>* shares = nullptr);

// The candidates that cover some reported interval, in pattern, weekday, start, placement
// order. REQUIRES: `scenario` passed validation with its defaults; `spec` compiled from it.
std::vector<CandidateShift> CandidateShifts(const fccsim::Scenario& scenario,
                                            const ModelSpec& spec);

// The scenario roster's own shifts of the groups named, one candidate per shift and weekday
// it runs, each keeping the shift's headcount (lower) and costing its paid hours: the
// candidates of the roster topped up. Those never on shift in the time simulated (warm-up
// and horizon) are left out. REQUIRES: as CandidateShifts.
std::vector<CandidateShift> RosterCandidates(const fccsim::Scenario& scenario,
                                             const ModelSpec& spec,
                                             const std::set<std::string>& groups);

// `candidate` as a roster's shift of `headcount` handlers, named after its pattern, weekday,
// start and breaks (unique among candidates, so that absences never collide); a roster's
// shift keeps its own name and breaks, on its one weekday.
fccsim::Shift ToShift(const fccsim::Scenario& scenario, const CandidateShift& candidate,
                      int headcount);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_PLAN_SHIFT_CANDIDATES_H_
