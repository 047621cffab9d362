#ifndef FCCSIM_MODEL_PLAN_SHIFT_SCHEDULE_H_
#define FCCSIM_MODEL_PLAN_SHIFT_SCHEDULE_H_

// Shift scheduling as an integer programme (docs/model.md, "Shift scheduling"): how many
// handlers work each candidate shift (pattern, weekday, start, break placement) so that in
// every reported interval each planned group has at least the handlers it needs present, at
// least cost, within each pattern's handlers per day:
//
//   minimise    sum_j cost_j x_j
//   subject to  sum_{j covers (g, k)} share_jk x_j >= need[g][k]  every planned g, interval k
//               min_p <= sum_{j of pattern p, weekday w} x_j <= max_p   every p, w it runs
//               x_j >= lower_j integer
// (lower_j is 0 for a pattern's candidate, a roster's headcount for its shift topped up).
//
// A candidate covers an interval when a handler on it is on shift and not on break there
// (share_jk, the share of the interval it is, is 1 for a pattern's candidate: its times are on
// the interval grid; a roster's shift topped up may start, end or break within one), so
// the break placements chosen stagger the breaks as cover needs.

#include <cstdint>
#include <string>
#include <vector>

#include "model/plan/integer_program.h"
#include "model/plan/shift_candidates.h"

namespace fccsim::model {

struct ShiftSchedule {
  // A need no candidate of its group covers, left out of the programme.
  struct Uncovered {
    int group;
    int interval;
    int need;
  };
  SolveStatus status = SolveStatus::kNoSolution;
  std::vector<Uncovered> uncovered;  // in group, interval order
  std::vector<int> headcount;  // per candidate
  double cost = 0;
  double bound = 0;            // no schedule costs less

  // Handler-intervals of need left out (the sum of uncovered's needs).
  std::uint32_t UncoveredNeed() const {
    std::uint32_t sum = 0;
    for (const Uncovered& u : uncovered) sum += static_cast<std::uint32_t>(u.need);
    return sum;
  }
};

// `need[g][k]`: handlers present needed (before shrinkage); a group without a pattern must
// need none. A need in an interval no candidate of its group covers cannot be met by any
// roster of the patterns: it is left out, and listed in schedule->uncovered. `start`, when
// not empty, is a headcount per candidate to start from (IntegerProgram::start). REQUIRES:
// `candidates` from CandidateShifts of `scenario`.
void ScheduleShifts(const fccsim::Scenario& scenario, const std::vector<CandidateShift>& candidates,
                    const std::vector<std::vector<int>>& need, const SolveOptions& options,
                    ShiftSchedule* schedule, const std::vector<int>& start = {});

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_PLAN_SHIFT_SCHEDULE_H_
