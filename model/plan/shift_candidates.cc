#include "model/plan/shift_candidates.h"

#include <algorithm>
#include <string>

#include "model/scenario/scenario_validator.h"
#include "model/scenario/shift_pattern.h"
#include "model/scenario/weekday_names.h"

namespace fccsim::model {
namespace {

fccsim::Weekday ProtoWeekday(int weekday) { return static_cast<fccsim::Weekday>(weekday + 1); }

// Which weekdays (0 = Monday) a pattern's or shift's `weekdays` list runs on: every day when
// empty. The list was validated (1..7, no repeats).
template <typename Weekdays>
std::vector<bool> DaysOn(const Weekdays& weekdays) {
  std::vector<bool> on_day(kDaysPerWeek, weekdays.empty());
  for (int w : weekdays) on_day[static_cast<std::size_t>(w - 1)] = true;
  return on_day;
}

// The index of the scenario's group `name`. REQUIRES: there is one (validated).
int GroupOf(const fccsim::Scenario& scenario, const std::string& name) {
  int group = 0;
  while (scenario.groups(group).name() != name) ++group;
  return group;
}

}  // namespace

std::vector<int> OnDutyIntervals(const ModelSpec& spec, const fccsim::Shift& shift, int group,
                                 std::vector<double>* shares) {
  std::vector<int> covers;
  if (shares != nullptr) shares->clear();
  const sim::Time step = spec.interval;
  for (const ShiftInstance& inst : ExpandShift(spec, shift, group)) {
    // From the interval holding the shift's start (floor division: the start may be before
    // the origin) to the one holding its end.
    const sim::Time from = inst.start - spec.origin;
    std::int64_t k = from >= 0 ? from / step : -((-from + step - 1) / step);
    for (; spec.origin + k * step < inst.end; ++k) {
      if (k < 0 || k >= spec.reported_intervals) continue;
      const sim::Time a = std::max(inst.start, spec.origin + k * step);
      const sim::Time b = std::min(inst.end, spec.origin + (k + 1) * step);
      sim::Time on = b - a;
      for (const auto& [off, back] : inst.breaks) {  // breaks lie within the shift, apart
        on -= std::max<sim::Time>(0, std::min(b, back) - std::max(a, off));
      }
      if (on <= 0) continue;
      covers.push_back(static_cast<int>(k));
      if (shares != nullptr) shares->push_back(static_cast<double>(on) / static_cast<double>(step));
    }
  }
  return covers;
}

fccsim::Shift ToShift(const fccsim::Scenario& scenario, const CandidateShift& candidate,
                      int headcount) {
  if (candidate.roster_shift >= 0) {
    // Its own name (or none), so that its handlers keep the roster's absence draws: they
    // are keyed by name and day, and one name may serve several weekdays.
    fccsim::Shift shift = scenario.roster().shifts(candidate.roster_shift);
    shift.clear_weekdays();
    shift.add_weekdays(ProtoWeekday(candidate.weekday));
    shift.set_headcount(static_cast<std::uint32_t>(headcount));
    return shift;
  }
  const fccsim::ShiftPattern& p = scenario.planning().patterns(candidate.pattern);
  fccsim::Shift shift;
  std::string name = p.name() + " " + std::string(kWeekdayShort[candidate.weekday]) + " " +
                     FormatClockMinutes(candidate.start_minutes);
  for (std::size_t i = 0; i < candidate.break_after_minutes.size(); ++i) {
    name += (i == 0 ? " breaks " : "/") + std::to_string(candidate.break_after_minutes[i]);
  }
  shift.set_name(name);
  shift.set_group(p.group());
  shift.set_start(FormatClockMinutes(candidate.start_minutes));
  shift.set_length_minutes(p.length_minutes());
  shift.add_weekdays(ProtoWeekday(candidate.weekday));
  shift.set_headcount(static_cast<std::uint32_t>(headcount));
  for (std::size_t i = 0; i < candidate.break_after_minutes.size(); ++i) {
    fccsim::Break* b = shift.add_breaks();
    b->set_after_minutes(static_cast<std::uint32_t>(candidate.break_after_minutes[i]));
    b->set_length_minutes(p.breaks(static_cast<int>(i)).length_minutes());
  }
  return shift;
}

std::vector<CandidateShift> CandidateShifts(const fccsim::Scenario& scenario,
                                            const ModelSpec& spec) {
  std::vector<CandidateShift> out;
  const int step = static_cast<int>(spec.interval / sim::kTicksPerMinute);
  const auto& patterns = scenario.planning().patterns();
  for (int p = 0; p < patterns.size(); ++p) {
    const fccsim::ShiftPattern& pattern = patterns[p];
    const int group = GroupOf(scenario, pattern.group());
    const std::vector<bool> on_day = DaysOn(pattern.weekdays());
    const std::vector<std::vector<int>> placements = BreakPlacements(pattern, step);
    for (int weekday = 0; weekday < kDaysPerWeek; ++weekday) {
      if (!on_day[static_cast<std::size_t>(weekday)]) continue;
      for (int start : PatternStarts(pattern)) {
        for (const std::vector<int>& breaks : placements) {
          CandidateShift c;
          c.pattern = p;
          c.group = group;
          c.weekday = weekday;
          c.start_minutes = start;
          c.break_after_minutes = breaks;
          c.cost = pattern.cost();
          c.covers = OnDutyIntervals(spec, ToShift(scenario, c, 1), group, &c.shares);
          if (!c.covers.empty()) out.push_back(std::move(c));
        }
      }
    }
  }
  return out;
}

std::vector<CandidateShift> RosterCandidates(const fccsim::Scenario& scenario,
                                             const ModelSpec& spec,
                                             const std::set<std::string>& groups) {
  std::vector<CandidateShift> out;
  const auto& shifts = scenario.roster().shifts();
  for (int i = 0; i < shifts.size(); ++i) {
    const fccsim::Shift& shift = shifts[i];
    if (groups.count(shift.group()) == 0) continue;
    const int group = GroupOf(scenario, shift.group());
    const std::vector<bool> on_day = DaysOn(shift.weekdays());
    for (int weekday = 0; weekday < kDaysPerWeek; ++weekday) {
      if (!on_day[static_cast<std::size_t>(weekday)]) continue;
      CandidateShift c;
      c.pattern = -1;
      c.roster_shift = i;
      c.group = group;
      c.weekday = weekday;
      c.lower = static_cast<int>(shift.headcount());
      c.cost = shift.length_minutes() / 60.0;
      const fccsim::Shift day = ToShift(scenario, c, 1);
      c.covers = OnDutyIntervals(spec, day, group, &c.shares);
      // Kept when it is on shift at any time simulated, the warm-up included, so that every
      // handler of the roster keeps working as the roster has it, though a shift-day may
      // cover no whole reported interval (and one in the warm-up alone is not paid for).
      const std::vector<ShiftInstance> instances = ExpandShift(spec, day, group);
      if (std::any_of(instances.begin(), instances.end(), [&](const ShiftInstance& inst) {
            return inst.end > 0 && inst.start < spec.end;
          })) {
        out.push_back(std::move(c));
      }
    }
  }
  return out;
}

}  // namespace fccsim::model
