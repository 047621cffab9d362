#ifndef FCCSIM_MODEL_SCENARIO_SCENARIO_VALIDATOR_H_
#define FCCSIM_MODEL_SCENARIO_SCENARIO_VALIDATOR_H_

// The checks LoadScenario makes on the Scenario message itself, and the helpers that place a
// problem at the path and line:col of the offending field. The checks that need the CSV
// tables (their contents, whether a group is staffed by the headcount table) are made by the
// loader, which owns the files.
//
// What is valid (beyond what scenario.proto states field by field):
//   - every double is a finite number; times, durations, counts and rates are >= 0;
//     durations (thresholds, deterministic values, distribution means) are at most
//     kMaxDurationS and, when positive, at least kMinDurationS; daily_volume_cv <= 10;
//     run.replications <= kMaxReplications;
//   - horizon: days in [1, kMaxScenarioDays]; interval_minutes divides 1440; warm_up_hours <= 168;
//     start_weekday is MONDAY..SUNDAY;
//   - channels: names non-empty and unique; arrivals with exactly one of table (csv named) or
//     weekly; talk required and, like wrap_up and patience when present, a valid distribution
//     (sim::Distribution::Try*) whose durations are >= 0; a target that sets something:
//     fraction in (0, 1] with answer_within_s, or max_average_answer_s > 0, or both;
//   - groups: names non-empty and unique; at least one skill, each an existing channel, none
//     twice; every channel is a skill of some group;
//   - roster: shifts or headcount_csv (both may be given: their headcounts add up);
//     shrinkage in [0, 1); each shift names a group, starts at a valid HH:MM, lasts 1..1440
//     minutes, has headcount <= kMaxShiftHeadcount, weekdays MONDAY..SUNDAY without repeats,
//     and breaks of positive length that end within the shift; no two shifts of a group have
//     the same ShiftKey on a common weekday.
// Implausible values allowed (a mean talk time under 5 s, a coefficient of variation above 10,
// shrinkage above 0.6, short_abandon_s above the target's answer_within_s) are warnings.
// Defaults are applied before validation (ApplyScenarioDefaults); the weekday and intraday
// weights are not expanded (empty still means "all equal").

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/text_format.h>

#include "model/proto/scenario.pb.h"
#include "model/scenario/scenario_loader.h"

namespace fccsim::model {

inline constexpr unsigned kMaxScenarioDays = 3660;      // ten years
inline constexpr unsigned kMaxShiftHeadcount = 100000;  // per shift, and per headcount CSV cell
// Every duration a scenario gives (a threshold, a distribution's mean) is at most this: longer
// is a mistake of units. Every sampled duration is capped here too (model/centre/demand.cc).
inline constexpr double kMaxDurationS = 366.0 * 86400.0;
// One microsecond tick: anything positive but shorter is refused (below half a tick it would
// round to no time at all).
inline constexpr double kMinDurationS = 1e-6;

// A field of a scenario being checked: its path for messages (`channels[1].talk.lognormal.cv`)
// and where it was written. A field absent from the text takes the location of the nearest
// enclosing message that was written (line 0 when none was), so a problem such as "required"
// points at the message that lacks the field.
class FieldRef {
 public:
  // The root message of `file`. `locations` (may be null: no line numbers) must outlive this
  // FieldRef and every FieldRef derived from it.
  FieldRef(std::string file, const google::protobuf::Descriptor* type,
           const google::protobuf::TextFormat::ParseInfoTree* locations);

  // Field `name` of this message; for a repeated field, `index` picks the element (-1: the
  // field as a whole, located at its first element).
  // REQUIRES: this refers to a message (not a scalar) that has a field `name`.
  FieldRef Child(std::string_view name, int index = -1) const;

  // A problem at this field, e.g. Error("must be > 0 (got -30)").
  Problem Error(std::string message) const;
  // A warning at this field: the value is allowed but implausible.
  Problem Warning(std::string message) const;

  const std::string& path() const { return path_; }

 private:
  FieldRef() = default;

  std::string file_;
  std::string path_;
  // Null for a scalar field.
  const google::protobuf::Descriptor* type_ = nullptr;
  // Null when locations are unknown, or for a field not written in the text.
  const google::protobuf::TextFormat::ParseInfoTree* locations_ = nullptr;
  // Where the field (or its nearest written enclosing message) starts; 1-based, 0 = unknown.
  int line_ = 0;
  int column_ = 0;
};

// Fills the defaults scenario.proto documents: horizon.start_weekday MONDAY when unspecified,
// horizon.interval_minutes 15 when 0, run.replications 10 and run.seed 1 when 0, and each
// arrivals table's column "calls_" + channel name when empty.
void ApplyScenarioDefaults(fccsim::Scenario* scenario);

// Appends one Problem per finding to *problems, each placed by `root`.
// REQUIRES: ApplyScenarioDefaults has been applied; `root` refers to `scenario`.
void ValidateScenario(const fccsim::Scenario& scenario, const FieldRef& root,
                      std::vector<Problem>* problems);

// Reports each group with no staff at all: no shift with headcount > 0 and no positive
// headcount in the headcount table. `staffed_by_table[g]` says whether group g has one (size 0
// when there is no table).
void CheckEveryGroupStaffed(const fccsim::Scenario& scenario, const FieldRef& root,
                            const std::vector<bool>& staffed_by_table,
                            std::vector<Problem>* problems);

// What names a shift in its absence streams: its name, or for an unnamed shift its start and
// length ("07:00+600m"), never its place in the list. Two shifts of a group with the same key
// on a common weekday would share absences, which validation refuses.
std::string ShiftKey(const fccsim::Shift& shift);

// "HH:MM" (hours 0..23 with one or two digits, minutes 00..59) as minutes after midnight, or
// nullopt.
std::optional<int> ParseClockMinutes(std::string_view text);

// Minutes after midnight as "HH:MM". REQUIRES: 0 <= minutes < 1440.
std::string FormatClockMinutes(int minutes);

// The shortest text that reads back as `x` ("0.1", "1e+300", "nan", "-inf"), as problems
// quote values.
std::string FormatProblemNumber(double x);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_SCENARIO_SCENARIO_VALIDATOR_H_
