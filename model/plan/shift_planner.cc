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

// The last solve's status in words, and whether it is proven least: its cost within a
// millionth of `priced` (what the programme chose, beyond any handlers kept) of the bound.
std::string StatusText(const ShiftSchedule& schedule, double priced, bool* optimal) {
  const double gap = priced > 0 ? (schedule.cost - schedule.bound) / priced : 0;
  *optimal = schedule.status == SolveStatus::kOptimal && gap <= 1e-6;
  return *optimal ? "optimal"
         : schedule.status == SolveStatus::kOptimal
             ? "stopped within the gap asked for"
             : StatusName(schedule.status) + " (time limit)";
}

// The scenario's own roster of the planned groups topped up to meet the same need, verified
// as the plan is: what the plan saves against.
void TopUpRoster(const LoadedScenario& loaded, const ModelSpec& spec,
                 const std::set<std::string>& planned_groups, const std::vector<bool>& planned,
                 const std::vector<std::vector<int>>& need, const ShiftPlanOptions& options,
                 double roster_paid, double fte_hours, fccsim::RosterTopUp* out) {
  const fccsim::Scenario& scenario = loaded.scenario;
  const std::vector<CandidateShift> own = RosterCandidates(scenario, spec, planned_groups);
  VerifiedRoster topped;
  std::string error;
  if (!SolveAndVerify(loaded, spec, own, planned, need, options, "top-up solve", &topped,
                      &error)) {
    out->set_unverified_reason(error);
    return;
  }
  double paid = 0;
  for (const fccsim::Shift& s : topped.shifts)
    paid += PaidHoursPerWeek(spec, s, GroupIndex(spec, s.group()));
  out->set_paid_hours_per_week(paid);
  out->set_fte(paid / fte_hours);
  out->set_added_paid_hours_per_week(paid - roster_paid);
  out->set_solves(static_cast<std::uint32_t>(topped.solves));
  out->set_verified(topped.verified);
  out->set_verification_misses(static_cast<std::uint32_t>(topped.misses));
  out->set_unverified_reason(topped.unverified_reason);
  double added = 0;  // the cost the programme chose
  for (std::size_t j = 0; j < own.size(); ++j) {
    added += own[j].cost * (topped.schedule.headcount[j] - own[j].lower);
  }
  bool optimal = false;
  out->set_status(StatusText(topped.schedule, added, &optimal));
  out->set_proven_optimal(optimal);
  out->set_uncovered_need(topped.schedule.UncoveredNeed());
  // The shifts simulated, in the same order: the roster written from them runs the same.
  for (std::size_t j = 0; j < own.size(); ++j) {
    const int headcount = topped.schedule.headcount[j];
    if (headcount == 0) continue;
    fccsim::ToppedUpShift* shift = out->add_shifts();
    *shift->mutable_shift() = ToShift(scenario, own[j], headcount);
    shift->set_added(static_cast<std::uint32_t>(headcount - own[j].lower));
  }
}

}  // namespace

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
      // The tolerance is relative: 1 / (1 - 0.99999) comes out 100000.0000004.
      const double gross = on_duty[g][k] / (1 - spec.shrinkage);
      const double present = std::ceil(gross - 1e-9 * std::max(1.0, gross));
      // A roster's shift holds at most kMaxShiftHeadcount: a need beyond it (a shrinkage near
      // 1) could be planned, but not written or run.
      if (!(present <= kMaxShiftHeadcount)) {
        *error = "group \"" + spec.groups[g].name + "\" would need " +
                 (present < 1e15 ? std::to_string(static_cast<long long>(present))
                                  : FormatProblemNumber(present)) + " handlers present on " +
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
  fccsim::ShiftPlan* out = plan->mutable_shifts();
  out->set_requirement(requirement);
  out->set_solver(SolverName());
  out->set_time_limit_s(options.solve.time_limit_s);
  out->set_relative_gap(options.solve.relative_gap);
  out->set_candidates(static_cast<std::uint32_t>(candidates.size()));

  if (options.verify) {
    // The scenario's own roster, simulated the same way: what the plan is compared with.
    const auto roster = SimulateCase(spec, PlanCase{}, *options.verify);
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
  VerifiedRoster found;
  if (!SolveAndVerify(loaded, spec, candidates, planned, need, options, "shift solve", &found,
                      error)) {
    return false;
  }
  const ShiftSchedule& schedule = found.schedule;
  const std::vector<fccsim::Shift>& shifts = found.shifts;
  const std::vector<std::vector<int>>& solved_need = found.need;
  const std::vector<std::vector<SimulatedInterval>>& measures = found.measures;
  if (options.verify) {
    out->set_verified(found.verified);
    out->set_verification_misses(static_cast<std::uint32_t>(found.misses));
    if (!found.unverified_reason.empty()) out->set_unverified_reason(found.unverified_reason);
  }
  const int solves = found.solves;
  out->set_solves(static_cast<std::uint32_t>(solves));
  out->set_uncovered_need(schedule.UncoveredNeed());
  if (!schedule.uncovered.empty()) {
    const ShiftSchedule::Uncovered& u = schedule.uncovered.front();
    out->set_first_uncovered("group \"" + spec.groups[static_cast<std::size_t>(u.group)].name +
                             "\", " + IntervalLabel(spec, u.interval) + ": " +
                             std::to_string(u.need) + " present");
  }
  // The gap reached, not the one asked for: a solve stopped by --gap is proven within it,
  // not optimal.
  const double gap = schedule.cost > 0 ? (schedule.cost - schedule.bound) / schedule.cost : 0;
  bool optimal = false;
  out->set_status(StatusText(schedule, schedule.cost, &optimal));
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
  if (options.verify) {
    TopUpRoster(loaded, spec, planned_groups, planned, need, options, roster_paid, fte_hours,
                out->mutable_topped_up());
  }
  return true;
}

}  // namespace fccsim::model
