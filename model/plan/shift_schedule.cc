#include "model/plan/shift_schedule.h"

#include <algorithm>
#include <map>
#include <utility>

#include "model/scenario/scenario_validator.h"

namespace fccsim::model {
namespace {

// The programme of one group: its candidates `columns` (indices into `candidates`).
IntegerProgram GroupProgram(const fccsim::Scenario& scenario,
                            const std::vector<CandidateShift>& candidates,
                            const std::vector<int>& columns, const std::vector<int>& need,
                            std::vector<int>* row_of) {
  IntegerProgram program;
  // A column holds the handlers above its candidate's lower bound (a roster's shift topped
  // up keeps its own), so that the programme prices, and its gap measures, only what it
  // adds; the need left is what the handlers kept do not cover.
  std::vector<double> kept(need.size(), 0);
  for (int j : columns) {
    const CandidateShift& c = candidates[static_cast<std::size_t>(j)];
    for (std::size_t i = 0; i < c.covers.size(); ++i) {
      kept[static_cast<std::size_t>(c.covers[i])] += c.lower * c.shares[i];
    }
  }
  // Covering rows: one per interval with a need left (a share of a handler kept counts for
  // its share).
  row_of->assign(need.size(), -1);
  for (std::size_t k = 0; k < need.size(); ++k) {
    const double left = need[k] - kept[k];
    if (left <= 1e-9) continue;
    (*row_of)[k] = static_cast<int>(program.rows.size());
    program.rows.push_back({{}, left, kUnbounded});
  }
  // Handlers per pattern and weekday.
  std::map<std::pair<int, int>, int> day_row;
  for (int j : columns) {
    const CandidateShift& c = candidates[static_cast<std::size_t>(j)];
    // At most a shift's headcount on one candidate, as a roster's shift holds.
    const int column =
        program.AddColumn(c.cost, 0, static_cast<double>(kMaxShiftHeadcount) - c.lower);
    for (std::size_t i = 0; i < c.covers.size(); ++i) {
      const int row = (*row_of)[static_cast<std::size_t>(c.covers[i])];
      if (row < 0) continue;
      program.rows[static_cast<std::size_t>(row)].terms.push_back({column, c.shares[i]});
    }
    if (c.pattern < 0) continue;  // a roster's shift: no pattern's handlers per day
    const fccsim::ShiftPattern& p = scenario.planning().patterns(c.pattern);
    if (p.min_per_day() == 0 && p.max_per_day() == 0) continue;
    auto [it, added] = day_row.emplace(std::make_pair(c.pattern, c.weekday),
                                       static_cast<int>(program.rows.size()));
    if (added) {
      program.rows.push_back({{},
                              static_cast<double>(p.min_per_day()),
                              p.max_per_day() > 0 ? p.max_per_day() : kUnbounded});
    }
    program.rows[static_cast<std::size_t>(it->second)].terms.push_back({column, 1});
  }
  return program;
}

}  // namespace

void ScheduleShifts(const fccsim::Scenario& scenario, const std::vector<CandidateShift>& candidates,
                    const std::vector<std::vector<int>>& need, const SolveOptions& options,
                    ShiftSchedule* schedule, const std::vector<int>& start) {
  // Groups share no row, so each group's programme is solved alone: the sum of their optima
  // is the optimum, found much faster than by one programme of every group.
  std::vector<std::vector<int>> columns(need.size());
  for (std::size_t j = 0; j < candidates.size(); ++j) {
    columns[static_cast<std::size_t>(candidates[j].group)].push_back(static_cast<int>(j));
  }
  *schedule = ShiftSchedule();
  std::vector<IntegerProgram> programs(need.size());
  for (std::size_t g = 0; g < need.size(); ++g) {
    std::vector<int> row_of;
    programs[g] = GroupProgram(scenario, candidates, columns[g], need[g], &row_of);
    if (!start.empty()) {
      for (int j : columns[g]) {
        const auto& c = candidates[static_cast<std::size_t>(j)];
        programs[g].start.push_back(std::max(0, start[static_cast<std::size_t>(j)] - c.lower));
      }
    }
    auto& rows = programs[g].rows;
    for (std::size_t k = 0; k < need[g].size(); ++k) {
      const int row = row_of[k];
      if (row >= 0 && rows[static_cast<std::size_t>(row)].terms.empty()) {
        // No candidate of the group reaches k (so none is kept there either).
        schedule->uncovered.push_back({static_cast<int>(g), static_cast<int>(k), need[g][k]});
        rows[static_cast<std::size_t>(row)].lower = 0;  // an empty row, then always met
      }
    }
  }
  schedule->status = SolveStatus::kOptimal;
  schedule->headcount.assign(candidates.size(), 0);
  for (std::size_t g = 0; g < need.size(); ++g) {
    if (columns[g].empty()) continue;
    const Solution solution = Solve(programs[g], options);
    if (solution.x.empty()) {
      schedule->status = solution.status;
      schedule->headcount.assign(candidates.size(), 0);
      schedule->cost = schedule->bound = 0;
      return;
    }
    if (solution.status != SolveStatus::kOptimal) schedule->status = solution.status;
    double fixed = 0;  // of the handlers kept
    for (std::size_t i = 0; i < columns[g].size(); ++i) {
      const auto j = static_cast<std::size_t>(columns[g][i]);
      schedule->headcount[j] = static_cast<int>(solution.x[i]) + candidates[j].lower;
      fixed += candidates[j].cost * candidates[j].lower;
    }
    schedule->cost += solution.objective + fixed;
    schedule->bound += solution.bound + fixed;
  }
}

}  // namespace fccsim::model
