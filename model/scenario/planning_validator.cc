#include "model/scenario/planning_validator.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string>

#include "model/scenario/shift_pattern.h"
#include "model/scenario/suggest.h"

namespace fccsim::model {
namespace {

constexpr unsigned kMinutesPerDay = 1440;
constexpr std::uint32_t kMaxPerDay = 100000;
// Above this a shift's cost unbalances the solver's arithmetic (CBC refuses objective
// coefficients from 1e25 and misjudges feasibility well before): a million per shift is far
// beyond any wage.
constexpr double kMaxCost = 1e6;

std::string Got(long long x) { return " (got " + std::to_string(x) + ")"; }
std::string Quote(const std::string& s) { return "\"" + s + "\""; }

class PlanningChecks {
 public:
  PlanningChecks(const fccsim::Scenario& scenario, std::vector<Problem>* problems)
      : scenario_(scenario), problems_(problems) {
    const unsigned interval = scenario.horizon().interval_minutes();
    grid_ = interval >= 1 && kMinutesPerDay % interval == 0 ? interval : 0;
  }

  void Run(const FieldRef& planning) {
    const fccsim::ShiftPlanning& p = scenario_.planning();
    const double fte = p.hours_per_fte();
    if (!std::isfinite(fte) || !(fte >= 1 && fte <= 168)) {
      Error(planning.Child("hours_per_fte"),
            "must be from 1 to 168 (the hours of a week) (got " + FormatProblemNumber(fte) + ")");
    }
    std::map<std::string, int> names;
    std::uint64_t candidates = 0;
    for (int i = 0; i < p.patterns_size(); ++i) {
      const FieldRef pattern = planning.Child("patterns", i);
      const std::string& name = p.patterns(i).name();
      if (name.empty()) {
        Error(pattern.Child("name"), "must not be empty (it names the planned shifts)");
      } else if (auto [it, added] = names.emplace(name, i); !added) {
        Error(pattern.Child("name"), "duplicate pattern name " + Quote(name) +
                                         " (also planning.patterns[" +
                                         std::to_string(it->second) + "])");
      }
      candidates += CheckPattern(pattern, p.patterns(i));
    }
    if (candidates > kMaxCandidateShifts) {
      Error(planning.Child("patterns"),
            std::to_string(candidates) +
                " candidate shifts (start times x weekdays x break "
                "placements) is more than the " +
                std::to_string(kMaxCandidateShifts) +
                " the planner takes: widen start_step_minutes or narrow the windows");
    }
  }

 private:
  void Error(const FieldRef& field, std::string message) {
    problems_->push_back(field.Error(std::move(message)));
  }

  // "" when `minutes` lies on the interval grid.
  std::string OffGrid(long long minutes) const {
    if (grid_ == 0 || minutes % grid_ == 0) return "";
    return "must be a whole number of the horizon's " + std::to_string(grid_) +
           "-minute intervals" + Got(minutes);
  }

  void CheckGrid(const FieldRef& field, long long minutes) {
    if (std::string problem = OffGrid(minutes); !problem.empty()) Error(field, problem);
  }

  // The pattern's candidate shifts (0 when it has an error).
  std::uint64_t CheckPattern(const FieldRef& field, const fccsim::ShiftPattern& p) {
    const std::size_t before = problems_->size();
    CheckGroup(field.Child("group"), p.group());
    const std::optional<int> earliest = ParseClockMinutes(p.earliest_start());
    const std::optional<int> latest = ParseClockMinutes(p.latest_start());
    if (!earliest) {
      Error(field.Child("earliest_start"),
            p.earliest_start().empty()
                ? "required (HH:MM)"
                : "not a time HH:MM (got " + Quote(p.earliest_start()) + ")");
    } else {
      CheckGrid(field.Child("earliest_start"), *earliest);
    }
    if (!earliest || p.latest_start() == p.earliest_start()) {
      // latest_start defaults to earliest_start, and is checked with it.
    } else if (!latest) {
      Error(field.Child("latest_start"), "not a time HH:MM (got " + Quote(p.latest_start()) + ")");
    } else if (*latest < *earliest) {
      Error(field.Child("latest_start"),
            "must not be before earliest_start " + Quote(p.earliest_start()) +
                " (a window of starts stays within a day; give a second pattern for the rest)");
    } else {
      CheckGrid(field.Child("latest_start"), *latest);
    }
    if (p.start_step_minutes() == 0 || p.start_step_minutes() > kMinutesPerDay) {
      Error(field.Child("start_step_minutes"),
            "must be from 1 to 1440" + Got(p.start_step_minutes()));
    } else {
      CheckGrid(field.Child("start_step_minutes"), p.start_step_minutes());
    }
    const FieldRef length = field.Child("length_minutes");
    if (p.length_minutes() == 0 || p.length_minutes() > kMinutesPerDay) {
      Error(length, "must be from 1 to 1440 (24 h)" + Got(p.length_minutes()));
    } else {
      CheckGrid(length, p.length_minutes());
    }
    for (int i = 0; i < p.weekdays_size(); ++i) {
      const int w = p.weekdays(i);
      if (!fccsim::Weekday_IsValid(w) || w == fccsim::WEEKDAY_UNSPECIFIED) {
        Error(field.Child("weekdays", i), "must be one of MONDAY..SUNDAY" + Got(w));
      } else if (std::find(p.weekdays().begin(), p.weekdays().begin() + i, w) !=
                 p.weekdays().begin() + i) {
        Error(field.Child("weekdays", i), "repeats " + fccsim::Weekday_Name(w));
      }
    }
    for (int i = 0; i < p.breaks_size(); ++i) CheckBreak(field.Child("breaks", i), p, i);
    const FieldRef cost = field.Child("cost");
    if (!std::isfinite(p.cost()) || p.cost() < 0) {
      Error(cost, "must be a finite number >= 0 (got " + FormatProblemNumber(p.cost()) + ")");
    } else if (p.cost() > kMaxCost) {
      Error(cost, "must be at most 1000000 per shift (got " + FormatProblemNumber(p.cost()) + ")");
    }
    if (p.max_per_day() > kMaxPerDay) {
      Error(field.Child("max_per_day"),
            "must be at most " + std::to_string(kMaxPerDay) + Got(p.max_per_day()));
    }
    if (p.min_per_day() > kMaxPerDay) {
      Error(field.Child("min_per_day"),
            "must be at most " + std::to_string(kMaxPerDay) + Got(p.min_per_day()));
    } else if (p.max_per_day() > 0 && p.min_per_day() > p.max_per_day()) {
      Error(field.Child("min_per_day"), "must not exceed max_per_day " +
                                            std::to_string(p.max_per_day()) + Got(p.min_per_day()));
    }
    if (problems_->size() != before || grid_ == 0) return 0;
    const std::uint64_t bound = BreakPlacementBound(p, static_cast<int>(grid_));
    if (bound > kMaxBreakPlacements) {
      Error(field.Child("breaks"),
            "the break windows allow " +
                (bound == UINT64_MAX ? std::string("too many") : std::to_string(bound)) +
                " placements, more than " + std::to_string(kMaxBreakPlacements) + ": narrow them");
      return 0;
    }
    const std::size_t placements = BreakPlacements(p, static_cast<int>(grid_)).size();
    if (placements == 0) {
      Error(field.Child("breaks"),
            "no placement fits: the breaks overlap whatever their starts, or end after the shift");
      return 0;
    }
    return CandidateCount(p, placements);
  }

  void CheckBreak(const FieldRef& field, const fccsim::ShiftPattern& p, int i) {
    const fccsim::BreakRule& b = p.breaks(i);
    if (b.length_minutes() == 0 || b.length_minutes() >= p.length_minutes()) {
      Error(field.Child("length_minutes"),
            "must be above 0 and shorter than the shift" + Got(b.length_minutes()));
    } else {
      CheckGrid(field.Child("length_minutes"), b.length_minutes());
    }
    CheckGrid(field.Child("earliest_after_minutes"), b.earliest_after_minutes());
    if (b.latest_after_minutes() < b.earliest_after_minutes()) {
      Error(field.Child("latest_after_minutes"), "must not be before earliest_after_minutes " +
                                                     std::to_string(b.earliest_after_minutes()) +
                                                     Got(b.latest_after_minutes()));
    } else if (static_cast<std::uint64_t>(b.earliest_after_minutes()) + b.length_minutes() >
               p.length_minutes()) {
      Error(field.Child("earliest_after_minutes"),
            "the break would end after the shift's " + std::to_string(p.length_minutes()) +
                " minutes" + Got(b.earliest_after_minutes()));
    } else {
      CheckGrid(field.Child("latest_after_minutes"), b.latest_after_minutes());
    }
  }

  void CheckGroup(const FieldRef& field, const std::string& group) {
    std::vector<std::string> names;
    for (const fccsim::HandlerGroup& g : scenario_.groups()) names.push_back(g.name());
    if (group.empty()) {
      Error(field, "must name a handler group");
    } else if (std::find(names.begin(), names.end(), group) == names.end()) {
      Error(field, "no handler group named " + Quote(group) + DidYouMean(group, names));
    } else if (scenario_.has_triage() && group == scenario_.triage().group()) {
      Error(field,
            "the practitioners' group is not planned by shifts: the planner keeps their "
            "roster (docs/model.md, \"Shift scheduling\")");
    }
  }

  const fccsim::Scenario& scenario_;
  std::vector<Problem>* problems_;
  unsigned grid_ = 0;
};

}  // namespace

void ApplyPlanningDefaults(fccsim::Scenario* scenario) {
  if (!scenario->has_planning()) return;
  fccsim::ShiftPlanning* planning = scenario->mutable_planning();
  if (planning->hours_per_fte() == 0) planning->set_hours_per_fte(kDefaultHoursPerFte);
  for (fccsim::ShiftPattern& p : *planning->mutable_patterns()) {
    if (p.latest_start().empty()) p.set_latest_start(p.earliest_start());
    if (p.start_step_minutes() == 0) {
      p.set_start_step_minutes(scenario->horizon().interval_minutes());
    }
    if (!p.has_cost()) p.set_cost(p.length_minutes() / 60.0);
    for (fccsim::BreakRule& b : *p.mutable_breaks()) {
      if (b.latest_after_minutes() == 0) b.set_latest_after_minutes(b.earliest_after_minutes());
    }
  }
}

std::string ProgrammeSizeProblem(const fccsim::Scenario& scenario) {
  const unsigned grid = scenario.horizon().interval_minutes();
  // Each candidate covers up to length / interval intervals a week, in every week the horizon
  // touches (and the one before).
  const std::uint64_t weeks = (scenario.horizon().days() + 6) / 7 + 1;
  std::uint64_t terms = 0;
  for (const fccsim::ShiftPattern& p : scenario.planning().patterns()) {
    const std::uint64_t candidates =
        CandidateCount(p, BreakPlacements(p, static_cast<int>(grid)).size());
    terms += candidates * (p.length_minutes() / grid + 1) * weeks;
  }
  if (terms <= kMaxProgramTerms) return "";
  return "planning.patterns: over the horizon of " + std::to_string(scenario.horizon().days()) +
         " days the patterns make an integer programme of up to " + std::to_string(terms) +
         " terms (candidate shifts x intervals covered x weeks), more than the " +
         std::to_string(kMaxProgramTerms) +
         " the planner takes: plan a shorter horizon (a week), with longer intervals, or with "
         "fewer start times and break placements";
}

void ValidatePlanning(const fccsim::Scenario& scenario, const FieldRef& root,
                      std::vector<Problem>* problems) {
  if (!scenario.has_planning()) return;
  PlanningChecks(scenario, problems).Run(root.Child("planning"));
}

}  // namespace fccsim::model
