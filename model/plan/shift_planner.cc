#include "model/plan/shift_planner.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "model/plan/shift_candidates.h"
#include "model/plan/shift_schedule.h"
#include "model/results/interval_keys.h"
#include "model/scenario/scenario_validator.h"

namespace fccsim::model {
namespace {

std::set<std::string> PlannedGroups(const fccsim::Scenario& scenario) {
  std::set<std::string> out;
  for (const fccsim::ShiftPattern& p : scenario.planning().patterns()) out.insert(p.group());
  return out;
}

// Paid hours of `shift` in a week of the roster, counting only the weekdays whose shift
// reaches the reported horizon, as candidates do: for a horizon under a week, the weekly
// roster's other days are not compared.
double PaidHoursPerWeek(const ModelSpec& spec, const fccsim::Shift& shift, int group) {
  double hours = 0;
  for (int w = 1; w <= 7; ++w) {
    const bool on_day =
        shift.weekdays().empty() ||
        std::find(shift.weekdays().begin(), shift.weekdays().end(), w) != shift.weekdays().end();
    if (!on_day) continue;
    fccsim::Shift day = shift;
    day.clear_weekdays();
    day.add_weekdays(static_cast<fccsim::Weekday>(w));
    const std::vector<ShiftInstance> instances = ExpandShift(spec, day, group);
    const bool reaches = std::any_of(
        instances.begin(), instances.end(),
        [&](const ShiftInstance& i) { return i.end > spec.origin && i.start < spec.end; });
    if (reaches) hours += shift.headcount() * shift.length_minutes() / 60.0;
  }
  return hours;
}

int GroupIndex(const ModelSpec& spec, const std::string& name) {
  for (std::size_t g = 0; g < spec.groups.size(); ++g) {
    if (spec.groups[g].name == name) return static_cast<int>(g);
  }
  return -1;
}

}  // namespace

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

bool PlanShifts(const LoadedScenario& loaded, const ModelSpec& spec,
                const std::vector<std::vector<double>>& on_duty, const std::string& requirement,
                const ShiftPlanOptions& options, fccsim::PlanResult* plan, std::string* error) {
  const fccsim::Scenario& scenario = loaded.scenario;
  const std::set<std::string> planned_groups = PlannedGroups(scenario);
  const std::size_t groups = spec.groups.size();
  std::vector<bool> planned(groups, false);
  for (std::size_t g = 0; g < groups; ++g) {
    planned[g] = planned_groups.count(spec.groups[g].name) > 0;
  }
  // Handlers present (on shift, off break) to cover: those on duty grossed up for shrinkage.
  const auto intervals = static_cast<std::size_t>(spec.reported_intervals);
  std::vector<std::vector<int>> need(groups, std::vector<int>(intervals, 0));
  for (std::size_t g = 0; g < groups; ++g) {
    if (!planned[g]) continue;
    for (std::size_t k = 0; k < intervals; ++k) {
      const double present = std::ceil(on_duty[g][k] / (1 - spec.shrinkage) - 1e-9);
      // A roster's shift holds at most kMaxShiftHeadcount: a need beyond it (a shrinkage near
      // 1) could be planned, but not written or run.
      if (!(present <= kMaxShiftHeadcount)) {
        *error = "group \"" + spec.groups[g].name + "\" would need " +
                 FormatProblemNumber(present) + " handlers present on " +
                 IntervalLabel(spec, static_cast<int>(k)) + " (" +
                 FormatProblemNumber(on_duty[g][k]) + " on duty with shrinkage " +
                 FormatProblemNumber(spec.shrinkage) + "), more than the " +
                 std::to_string(kMaxShiftHeadcount) + " a shift may hold";
        return false;
      }
      need[g][k] = static_cast<int>(present);
    }
  }
  const std::vector<CandidateShift> candidates = CandidateShifts(scenario, spec);
  // Which planned group can be given more handlers where: a raise goes to one that can.
  // And the cheapest candidate that does (the first of least cost; -1: none).
  std::vector<std::vector<int>> cheapest(groups, std::vector<int>(intervals, -1));
  for (std::size_t j = 0; j < candidates.size(); ++j) {
    const CandidateShift& c = candidates[j];
    for (int k : c.covers) {
      int& best = cheapest[static_cast<std::size_t>(c.group)][static_cast<std::size_t>(k)];
      if (best < 0 || c.cost < candidates[static_cast<std::size_t>(best)].cost)
        best = static_cast<int>(j);
    }
  }
  const auto coverable = [&](std::size_t g, std::size_t k) { return cheapest[g][k] >= 0; };
  fccsim::ShiftPlan* out = plan->mutable_shifts();
  out->set_requirement(requirement);
  out->set_solver(SolverName());
  out->set_time_limit_s(options.solve.time_limit_s);
  out->set_relative_gap(options.solve.relative_gap);
  out->set_candidates(static_cast<std::uint32_t>(candidates.size()));

  if (options.verify) {
    // The scenario's own roster, simulated the same way: what the plan is compared with.
    const auto roster = SimulateTargets(spec, *options.verify);
    std::uint32_t misses = 0, judged = 0;
    for (std::size_t c = 0; c < roster.size(); ++c) {
      for (const SimulatedInterval& at : roster[c]) {
        judged += Judged(spec.channels[c], at);
        misses += !at.meets;
      }
    }
    out->set_roster_misses(misses);
    out->set_judged_intervals(judged);
  }
  ShiftSchedule schedule;
  std::vector<fccsim::Shift> shifts;
  std::vector<std::vector<SimulatedInterval>> measures;
  std::vector<std::vector<int>> solved_need;  // what the last solve covered
  std::vector<int> start;                     // the roster the next solve starts from
  int solves = 0;
  while (true) {
    ++solves;
    solved_need = need;
    ScheduleShifts(scenario, candidates, need, options.solve, &schedule, start);
    start.clear();
    if (schedule.status == SolveStatus::kInfeasible ||
        schedule.status == SolveStatus::kNoSolution) {
      *error = "no roster of the shift patterns covers the need (" + StatusName(schedule.status) +
               (schedule.status == SolveStatus::kInfeasible
                    ? "): check min_per_day and max_per_day"
                    : " within the time limit): allow more time");
      return false;
    }
    shifts.clear();
    for (std::size_t j = 0; j < candidates.size(); ++j) {
      if (schedule.headcount[j] > 0)
        shifts.push_back(ToShift(scenario, candidates[j], schedule.headcount[j]));
    }
    if (!options.verify) {
      if (options.progress)
        options.progress(solves, StatusName(schedule.status), schedule.cost, std::nullopt);
      break;
    }
    LoadedScenario verifying = loaded;
    verifying.scenario = WithPlannedShifts(scenario, shifts);
    measures = SimulateTargets(CompileScenario(verifying), *options.verify);
    int misses = 0, raised = 0;
    for (std::size_t c = 0; c < measures.size(); ++c) {
      const std::vector<int>& routing = spec.channels[c].routing_groups;
      for (std::size_t k = 0; k < intervals; ++k) {
        if (measures[c][k].meets) continue;
        ++misses;
        // The most specialised planned group answering the channel that a pattern can put
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
      options.progress(solves, StatusName(schedule.status), schedule.cost, misses);
    out->set_verified(misses == 0);
    out->set_verification_misses(static_cast<std::uint32_t>(misses));
    if (misses == 0) {
      out->clear_unverified_reason();
      break;
    }
    if (raised == 0) {
      out->set_unverified_reason(
          "the intervals missing have no planned group that a shift pattern can put there");
      break;
    }
    if (solves >= options.max_solves) {
      out->set_unverified_reason("the solves ran out (" + std::to_string(options.max_solves) + ")");
      break;
    }
  }
  out->set_solves(static_cast<std::uint32_t>(solves));
  std::uint32_t uncovered = 0;
  for (const ShiftSchedule::Uncovered& u : schedule.uncovered) {
    uncovered += static_cast<std::uint32_t>(u.need);
  }
  out->set_uncovered_need(uncovered);
  if (!schedule.uncovered.empty()) {
    const ShiftSchedule::Uncovered& u = schedule.uncovered.front();
    out->set_first_uncovered("group \"" + spec.groups[static_cast<std::size_t>(u.group)].name +
                             "\", " + IntervalLabel(spec, u.interval) + ": " +
                             std::to_string(u.need) + " present");
  }
  // The gap reached, not the one asked for: a solve stopped by --gap is proven within it,
  // not optimal.
  const double gap = schedule.cost > 0 ? (schedule.cost - schedule.bound) / schedule.cost : 0;
  const bool optimal = schedule.status == SolveStatus::kOptimal && gap <= 1e-6;
  out->set_status(optimal ? "optimal"
                  : schedule.status == SolveStatus::kOptimal
                      ? "stopped within the gap asked for"
                      : StatusName(schedule.status) + " (time limit)");
  out->set_proven_optimal(optimal);
  out->set_gap(gap);
  out->set_cost(schedule.cost);
  out->set_bound(schedule.bound);
  double paid = 0, roster_paid = 0;
  for (const fccsim::Shift& s : shifts)
    paid += PaidHoursPerWeek(spec, s, GroupIndex(spec, s.group()));
  for (const fccsim::Shift& s : scenario.roster().shifts()) {
    if (planned_groups.count(s.group()) > 0) {
      roster_paid += PaidHoursPerWeek(spec, s, GroupIndex(spec, s.group()));
    }
  }
  const double fte_hours = scenario.planning().hours_per_fte();
  out->set_paid_hours_per_week(paid);
  out->set_fte(paid / fte_hours);
  out->set_roster_paid_hours_per_week(roster_paid);
  out->set_roster_fte(roster_paid / fte_hours);
  for (std::size_t j = 0, n = 0; j < candidates.size(); ++j) {
    if (schedule.headcount[j] == 0) continue;
    fccsim::PlannedShift* p = out->add_planned();
    p->set_pattern(scenario.planning().patterns(candidates[j].pattern).name());
    *p->mutable_shift() = shifts[n++];
    p->set_cost(candidates[j].cost);
  }

  std::vector<std::vector<int>> present(groups, std::vector<int>(intervals, 0));
  for (std::size_t j = 0; j < candidates.size(); ++j) {
    for (int k : candidates[j].covers) {
      present[static_cast<std::size_t>(candidates[j].group)][static_cast<std::size_t>(k)] +=
          schedule.headcount[j];
    }
  }
  for (std::size_t g = 0; g < groups; ++g) {
    if (!planned[g]) continue;
    fccsim::GroupPlan* group = plan->mutable_groups(static_cast<int>(g));
    for (std::size_t k = 0; k < intervals; ++k) {
      fccsim::GroupRequirement* row = group->mutable_intervals(static_cast<int>(k));
      row->set_planned_need(static_cast<std::uint32_t>(solved_need[g][k]));
      row->set_planned_present(static_cast<std::uint32_t>(present[g][k]));
      row->set_planned_on_duty(present[g][k] * (1 - spec.shrinkage));
    }
  }
  std::uint32_t uncertain = 0;
  for (std::size_t c = 0; c < measures.size(); ++c) {
    fccsim::ChannelPlan* channel = plan->mutable_channels(static_cast<int>(c));
    for (std::size_t k = 0; k < intervals; ++k) {
      const SimulatedInterval& at = measures[c][k];
      fccsim::ChannelRequirement* row = channel->mutable_intervals(static_cast<int>(k));
      row->set_planned_service_level(at.service_level);
      row->set_planned_average_answer_s(at.average_answer_s);
      row->set_planned_service_level_ci95(at.service_level_ci95);
      row->set_planned_average_answer_ci95(at.average_answer_ci95);
      uncertain += at.uncertain;
    }
  }
  out->set_uncertain_intervals(uncertain);
  return true;
}

}  // namespace fccsim::model
