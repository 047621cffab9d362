#include "model/plan/verified_roster.h"

#include <algorithm>
#include <set>

#include "model/scenario/scenario_validator.h"

namespace fccsim::model {

fccsim::Scenario WithPlannedShifts(const fccsim::Scenario& scenario,
                                   const std::vector<fccsim::Shift>& planned) {
  // A group the programme gives no shift (it needs nobody) keeps its own: a scenario must
  // staff every group.
  std::set<std::string> groups;
  for (const fccsim::Shift& s : planned) groups.insert(s.group());
  fccsim::Scenario out = scenario;
  auto* shifts = out.mutable_roster()->mutable_shifts();
  shifts->erase(std::remove_if(shifts->begin(), shifts->end(),
                               [&](const fccsim::Shift& s) { return groups.count(s.group()) > 0; }),
                shifts->end());
  for (const fccsim::Shift& s : planned) *out.mutable_roster()->add_shifts() = s;
  return out;
}

bool SolveAndVerify(const LoadedScenario& loaded, const ModelSpec& spec,
                    const std::vector<CandidateShift>& candidates, const std::vector<bool>& planned,
                    std::vector<std::vector<int>> need, const ShiftPlanOptions& options,
                    const std::string& what, VerifiedRoster* roster, std::string* error) {
  const fccsim::Scenario& scenario = loaded.scenario;
  const std::size_t groups = spec.groups.size();
  const auto intervals = static_cast<std::size_t>(spec.reported_intervals);
  // Which planned group can be given more handlers where: a raise goes to one that can.
  // And the cheapest candidate that does, per share of the interval on duty (the first of
  // least; -1: none).
  std::vector<std::vector<int>> cheapest(groups, std::vector<int>(intervals, -1));
  std::vector<std::vector<double>> least(groups, std::vector<double>(intervals, 0));
  for (std::size_t j = 0; j < candidates.size(); ++j) {
    const CandidateShift& c = candidates[j];
    for (std::size_t i = 0; i < c.covers.size(); ++i) {
      const auto g = static_cast<std::size_t>(c.group);
      const auto k = static_cast<std::size_t>(c.covers[i]);
      const double per_share = c.cost / c.shares[i];
      if (cheapest[g][k] < 0 || per_share < least[g][k]) {
        cheapest[g][k] = static_cast<int>(j);
        least[g][k] = per_share;
      }
    }
  }
  const auto coverable = [&](std::size_t g, std::size_t k) { return cheapest[g][k] >= 0; };
  *roster = VerifiedRoster();
  ShiftSchedule& schedule = roster->schedule;
  std::vector<int> start;  // the roster the next solve starts from
  while (true) {
    ++roster->solves;
    roster->need = need;
    ScheduleShifts(scenario, candidates, need, options.solve, &schedule, start);
    start.clear();
    if (schedule.status == SolveStatus::kInfeasible ||
        schedule.status == SolveStatus::kNoSolution) {
      // Candidates of patterns have handlers-per-day bounds; a roster's shifts have not.
      const bool patterns = !candidates.empty() && candidates.front().pattern >= 0;
      *error = std::string("no roster of the ") +
               (patterns ? "shift patterns" : "roster's shifts") + " covers the need (" +
               StatusName(schedule.status) +
               (schedule.status == SolveStatus::kNoSolution
                    ? " within the time limit): allow more time"
                : patterns ? "): check min_per_day and max_per_day"
                           : "): a shift would hold more than " +
                                 std::to_string(kMaxShiftHeadcount) + " handlers");
      return false;
    }
    roster->shifts.clear();
    for (std::size_t j = 0; j < candidates.size(); ++j) {
      if (schedule.headcount[j] > 0)
        roster->shifts.push_back(ToShift(scenario, candidates[j], schedule.headcount[j]));
    }
    if (!options.verify) {
      if (options.progress)
        options.progress(what, roster->solves, StatusName(schedule.status), schedule.cost,
                         std::nullopt);
      return true;
    }
    LoadedScenario verifying = loaded;
    verifying.scenario = WithPlannedShifts(scenario, roster->shifts);
    PlanCase shifts_case;
    shifts_case.scenario = &verifying.scenario;
    roster->measures = SimulateCase(CompileScenario(verifying), shifts_case, *options.verify);
    int misses = 0, raised = 0;
    for (std::size_t c = 0; c < roster->measures.size(); ++c) {
      const std::vector<int>& routing = spec.channels[c].routing_groups;
      for (std::size_t k = 0; k < intervals; ++k) {
        if (roster->measures[c][k].meets) continue;
        ++misses;
        // The most specialised planned group answering the channel that a candidate can put
        // on duty there; none: a miss the planner cannot mend.
        const auto to = std::find_if(routing.begin(), routing.end(), [&](int g) {
          return planned[static_cast<std::size_t>(g)] && coverable(static_cast<std::size_t>(g), k);
        });
        if (to == routing.end() ||
            need[static_cast<std::size_t>(*to)][k] >= static_cast<int>(kMaxShiftHeadcount)) {
          continue;
        }
        ++need[static_cast<std::size_t>(*to)][k];
        ++raised;
        // The next solve starts from this roster with one more handler on the cheapest shift
        // covering the raise: a roster meeting the raised need, kept unless a cheaper one is
        // found, so that the misses close rather than wander as rosters of equal cost trade
        // handlers between intervals.
        if (start.empty()) start = schedule.headcount;
        ++start[static_cast<std::size_t>(cheapest[static_cast<std::size_t>(*to)][k])];
      }
    }
    if (options.progress)
      options.progress(what, roster->solves, StatusName(schedule.status), schedule.cost, misses);
    roster->verified = misses == 0;
    roster->misses = misses;
    if (misses == 0) {
      roster->unverified_reason.clear();
      return true;
    }
    if (raised == 0) {
      roster->unverified_reason =
          "the intervals missing have no planned group whose shifts can reach them";
      return true;
    }
    if (roster->solves >= options.max_solves) {
      roster->unverified_reason = "the solves ran out (" + std::to_string(options.max_solves) + ")";
      return true;
    }
  }
}

}  // namespace fccsim::model
