#include "model/plan/shift_schedule.h"

#include <map>
#include <utility>

#include "model/results/interval_keys.h"

namespace fccsim::model {

bool ScheduleShifts(const fccsim::Scenario& scenario, const ModelSpec& spec,
                    const std::vector<CandidateShift>& candidates,
                    const std::vector<std::vector<int>>& need, const SolveOptions& options,
                    ShiftSchedule* schedule, std::string* error) {
  IntegerProgram program;
  // Covering rows: one per (group, interval) with a need, found by the candidates covering it.
  std::vector<std::vector<int>> row_of(need.size());
  for (std::size_t g = 0; g < need.size(); ++g) {
    row_of[g].assign(need[g].size(), -1);
    for (std::size_t k = 0; k < need[g].size(); ++k) {
      if (need[g][k] <= 0) continue;
      row_of[g][k] = static_cast<int>(program.rows.size());
      program.rows.push_back({{}, static_cast<double>(need[g][k]), kUnbounded});
    }
  }
  // Handlers per pattern and weekday.
  std::map<std::pair<int, int>, int> day_row;
  for (std::size_t j = 0; j < candidates.size(); ++j) {
    const CandidateShift& c = candidates[j];
    const int column = program.AddColumn(c.cost);
    for (int k : c.covers) {
      const int row = row_of[static_cast<std::size_t>(c.group)][static_cast<std::size_t>(k)];
      if (row < 0) continue;
      auto& terms = program.rows[static_cast<std::size_t>(row)].terms;
      // An interval covered twice by one candidate (a horizon of two weeks wraps) counts twice.
      if (!terms.empty() && terms.back().column == column) {
        terms.back().coefficient += 1;
      } else {
        terms.push_back({column, 1});
      }
    }
    const fccsim::ShiftPattern& p = scenario.planning().patterns(c.pattern);
    if (p.min_per_day() == 0 && p.max_per_day() == 0) continue;
    auto [it, added] = day_row.emplace(std::make_pair(c.pattern, c.weekday),
                                       static_cast<int>(program.rows.size()));
    if (added) {
      program.rows.push_back({{}, static_cast<double>(p.min_per_day()),
                              p.max_per_day() > 0 ? p.max_per_day() : kUnbounded});
    }
    program.rows[static_cast<std::size_t>(it->second)].terms.push_back({column, 1});
  }
  for (std::size_t g = 0; g < need.size(); ++g) {
    for (std::size_t k = 0; k < need[g].size(); ++k) {
      const int row = row_of[g][k];
      if (row >= 0 && program.rows[static_cast<std::size_t>(row)].terms.empty()) {
        *error = "group \"" + scenario.groups(static_cast<int>(g)).name() + "\" needs " +
                 std::to_string(need[g][k]) + " handlers present on " +
                 IntervalLabel(spec, static_cast<int>(k)) +
                 ", which no shift pattern of the group covers";
        return false;
      }
    }
  }
  const Solution solution = Solve(program, options);
  schedule->status = solution.status;
  schedule->headcount.assign(candidates.size(), 0);
  for (std::size_t j = 0; j < solution.x.size(); ++j) {
    schedule->headcount[j] = static_cast<int>(solution.x[j]);
  }
  schedule->cost = solution.objective;
  schedule->bound = solution.bound;
  return true;
}

}  // namespace fccsim::model
