#include "model/scenario/scenario_loader.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string_view>
#include <utility>

#include <google/protobuf/text_format.h>

#include "model/scenario/coverage.h"
#include "model/scenario/input_file.h"
#include "model/scenario/model_spec.h"
#include "model/scenario/parse_errors.h"
#include "model/scenario/scenario_override.h"
#include "model/scenario/scenario_validator.h"
#include "model/scenario/table_reader.h"
#include "model/scenario/weekday_names.h"
#include "model/scenario/workload.h"

namespace fccsim::model {
namespace {

constexpr int kMinutesPerDay = 1440;

// contacts_per_week x weekday share x intraday share. REQUIRES: the shape is valid.
std::vector<double> WeeklyVolumes(const fccsim::WeeklyShape& shape, int intervals_per_day) {
  const auto shares = [](const google::protobuf::RepeatedField<double>& weights, int size) {
    std::vector<double> result(size, 1.0 / size);
    if (weights.empty()) return result;
    double sum = 0;
    for (double w : weights) sum += w;
    for (int i = 0; i < size; ++i) result[i] = weights[i] / sum;
    return result;
  };
  const std::vector<double> weekday = shares(shape.weekday_weights(), kDaysPerWeek);
  const std::vector<double> intraday = shares(shape.intraday_weights(), intervals_per_day);
  std::vector<double> volumes;
  volumes.reserve(static_cast<std::size_t>(kDaysPerWeek) * intervals_per_day);
  for (int d = 0; d < kDaysPerWeek; ++d) {
    for (int i = 0; i < intervals_per_day; ++i) {
      volumes.push_back(shape.contacts_per_week() * weekday[d] * intraday[i]);
    }
  }
  return volumes;
}

bool IsBlankText(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  });
}

// The file is UTF-8, but an escape in a string ("\xa3") can still make bytes that are not,
// which protobuf then refuses to write into the results: each such string is an error.
void CheckStringsAreUtf8(const google::protobuf::Message& message, const FieldRef& at,
                         std::vector<Problem>* problems) {
  using google::protobuf::FieldDescriptor;
  const google::protobuf::Reflection* reflection = message.GetReflection();
  std::vector<const FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) {
    const int count = field->is_repeated() ? reflection->FieldSize(message, field) : 1;
    for (int i = 0; i < count; ++i) {
      const FieldRef element = at.Child(field->name(), field->is_repeated() ? i : -1);
      if (field->type() == FieldDescriptor::TYPE_MESSAGE) {
        CheckStringsAreUtf8(field->is_repeated()
                                ? reflection->GetRepeatedMessage(message, field, i)
                                : reflection->GetMessage(message, field),
                            element, problems);
      } else if (field->type() == FieldDescriptor::TYPE_STRING) {
        const std::string value = field->is_repeated()
                                      ? reflection->GetRepeatedString(message, field, i)
                                      : reflection->GetString(message, field);
        if (FindInvalidUtf8(value).line > 0) {
          problems->push_back(element.Error(
              "not UTF-8 text (an escape such as \\xa3 makes bytes that are not): write the "
              "character itself"));
        }
      }
    }
  }
}

// Refuses work past the limits of workload.h, each at the field that asks for it.
void CheckWork(const LoadedScenario& loaded, const FieldRef& root,
               std::optional<std::uint64_t> replications, std::vector<Problem>* problems) {
  const WorkEstimate work = EstimateWork(loaded);
  const fccsim::Scenario& s = loaded.scenario;
  if (!(work.contacts_per_replication <= kMaxContactsPerReplication)) {
    const fccsim::Arrivals& arrivals = s.channels(work.busiest_channel).arrivals();
    FieldRef field = root.Child("channels", work.busiest_channel).Child("arrivals");
    field = work.busiest_by_surge      ? field.Child("surges")
            : arrivals.has_weekly()    ? field.Child("weekly").Child("contacts_per_week")
                                       : field.Child("table").Child("csv");
    problems->push_back(field.Error(
        "asks for " + FormatEstimate(work.contacts_per_replication) +
        " contacts in one replication (all channels, warm-up included), more than the limit of " +
        FormatLimit(kMaxContactsPerReplication) + ": check the volumes and surge multipliers"));
  }
  if (work.interval_rows > kMaxIntervalRows) {
    problems->push_back(root.Child("horizon").Error(
        std::to_string(s.horizon().days()) + " days of " +
        std::to_string(s.horizon().interval_minutes()) + "-minute intervals for " +
        std::to_string(s.channels_size() + s.groups_size()) + " channels and groups make " +
        std::to_string(work.interval_rows) + " rows of interval results, more than the limit of " +
        std::to_string(kMaxIntervalRows) + ": shorten days or lengthen interval_minutes"));
  }
  if (!(work.shift_instances <= kMaxShiftInstances)) {
    problems->push_back(root.Child("roster").Child("shifts").Error(
        std::to_string(s.roster().shifts_size()) + " shifts over " +
        std::to_string(s.horizon().days()) + " days make " +
        FormatEstimate(work.shift_instances) +
        " shift days (each break counted as one more), more than the limit of " +
        FormatLimit(kMaxShiftInstances) + ": shorten days, or roster with headcount_csv"));
  }
  const std::uint64_t count = replications.value_or(s.run().replications());
  if (const std::optional<std::string> problem = ResultSizeProblem(work, count)) {
    if (work.interval_result_bytes * 2 > ResultBytes(work, count)) {
      problems->push_back(root.Child("horizon").Error(*problem));
    } else if (replications) {
      problems->push_back({"--replications", 0, 0, "", *problem});
    } else {
      problems->push_back(root.Child("run").Child("replications").Error(*problem));
    }
  }
  // Past the limit for one replication, the run as a whole is too large as well: said once.
  if (work.contacts_per_replication > kMaxContactsPerReplication) return;
  if (const std::optional<std::string> problem = RunSizeProblem(work, count)) {
    if (replications) {
      problems->push_back({"--replications", 0, 0, "", *problem});
    } else {
      problems->push_back(root.Child("run").Child("replications").Error(*problem));
    }
  }
}

}  // namespace

std::string Problem::ToString() const {
  std::string text = file;
  if (line > 0) {
    text += ":" + std::to_string(line);
    if (column > 0) text += ":" + std::to_string(column);
  }
  if (!text.empty()) text += ": ";
  if (!field.empty()) text += field + ": ";
  if (warning) text += "warning: ";
  return text + message;
}

bool HasErrors(const std::vector<Problem>& problems) {
  return std::any_of(problems.begin(), problems.end(),
                     [](const Problem& p) { return !p.warning; });
}

namespace {

// LoadScenario, with the fields overrides set and the override that set each in *overridden.
std::vector<Problem> Load(const std::string& path, LoadedScenario* out,
                          std::optional<std::uint64_t> replications,
                          const std::vector<std::string>& overrides,
                          std::vector<std::pair<std::string, std::string>>* overridden_fields) {
  std::vector<std::pair<std::string, std::string>>& overridden = *overridden_fields;
  std::vector<Problem> problems;
  std::string contents;
  std::string error;
  if (!ReadInputFile(path, kMaxScenarioBytes, &contents, &error)) {
    problems.push_back({path, 0, 0, "", "cannot read the scenario (" + error + ")"});
    return problems;
  }
  const std::string_view text = WithoutByteOrderMark(contents);
  if (const Utf8Error bad = FindInvalidUtf8(text); bad.line > 0) {
    // Strings would reach the results, which protobuf refuses to write with invalid UTF-8.
    problems.push_back({path, bad.line, bad.column, "", InvalidUtf8Message(bad, false)});
    return problems;
  }
  if (IsBlankText(text)) {
    problems.push_back({path, 0, 0, "", "empty scenario"});
    return problems;
  }

  fccsim::Scenario scenario;
  google::protobuf::TextFormat::ParseInfoTree locations;
  {
    ParseErrorCollector collector(path, &problems, fccsim::Scenario::descriptor()->file());
    google::protobuf::TextFormat::Parser parser;
    parser.RecordErrorsTo(&collector);
    parser.WriteLocationsTo(&locations);
    // On a syntax error the message is incomplete: checking it would report phantom problems.
    if (!parser.ParseFromString(std::string(text), &scenario)) {
      if (problems.empty()) problems.push_back({path, 0, 0, "", "cannot parse the scenario"});
      return problems;
    }
  }
  if (scenario.ByteSizeLong() == 0) {
    problems.push_back({path, 0, 0, "", "empty scenario (no fields set)"});
    return problems;
  }
  for (const std::string& text : overrides) {
    std::string field;
    if (const std::string problem = ApplyOverride(text, &scenario, &field); !problem.empty()) {
      problems.push_back({path + " --set " + text, 0, 0, "", problem});
    } else {
      overridden.emplace_back(field, text);
    }
  }
  if (HasErrors(problems)) return problems;  // the scenario is not the one asked for

  ApplyScenarioDefaults(&scenario);
  const FieldRef root(path, fccsim::Scenario::descriptor(), &locations);
  CheckStringsAreUtf8(scenario, root, &problems);
  ValidateScenario(scenario, root, &problems);

  const unsigned interval = scenario.horizon().interval_minutes();
  const int intervals_per_day = interval >= 1 && kMinutesPerDay % interval == 0
                                    ? kMinutesPerDay / static_cast<int>(interval)
                                    : 0;
  TableReader tables(path, intervals_per_day, &problems);
  std::vector<std::vector<double>> weekly_volume(scenario.channels_size());
  for (int i = 0; i < scenario.channels_size(); ++i) {
    const fccsim::Channel& channel = scenario.channels(i);
    if (!channel.arrivals().has_table() || channel.arrivals().table().csv().empty()) continue;
    const FieldRef table_field = root.Child("channels", i).Child("arrivals").Child("table");
    if (const WeekTable* table =
            tables.Open(table_field.Child("csv"), channel.arrivals().table().csv())) {
      weekly_volume[i] =
          tables.Volumes(*table, channel.arrivals().table().column(), channel.name());
    }
  }

  const fccsim::Roster& roster = scenario.roster();
  std::vector<std::vector<int>> weekly_headcount;
  std::vector<bool> staffed_by_table;
  bool roster_readable = true;
  if (!roster.headcount_csv().empty()) {
    const WeekTable* table =
        tables.Open(root.Child("roster").Child("headcount_csv"), roster.headcount_csv());
    if (table != nullptr) {
      weekly_headcount = tables.Headcounts(*table, scenario, &staffed_by_table);
    } else {
      roster_readable = false;
    }
  }
  tables.Finish();
  // Without a roster, or with an unreadable one, "never staffed" would only echo that problem.
  if ((!roster.shifts().empty() || !roster.headcount_csv().empty()) && roster_readable) {
    CheckEveryGroupStaffed(scenario, root, staffed_by_table, &problems);
  }
  // The planner replaces a planned group's shifts, not its table: a group staffed by both
  // would keep its table under the planned shifts.
  for (int i = 0; i < scenario.planning().patterns_size(); ++i) {
    const std::string& group = scenario.planning().patterns(i).group();
    for (int g = 0; g < scenario.groups_size(); ++g) {
      if (scenario.groups(g).name() == group && static_cast<std::size_t>(g) < staffed_by_table.size() &&
          staffed_by_table[static_cast<std::size_t>(g)]) {
        problems.push_back(root.Child("planning").Child("patterns", i).Child("group").Error(
            "group \"" + group + "\" is staffed by roster.headcount_csv: the planner replaces "
            "a group's shifts, not its table; plan it by shifts, or give it no column"));
      }
    }
  }

  if (HasErrors(problems)) return problems;
  for (int i = 0; i < scenario.channels_size(); ++i) {
    if (scenario.channels(i).arrivals().has_weekly()) {
      weekly_volume[i] = WeeklyVolumes(scenario.channels(i).arrivals().weekly(), intervals_per_day);
    }
  }
  out->path = path;
  out->scenario = std::move(scenario);
  out->intervals_per_day = intervals_per_day;
  out->weekly_volume = std::move(weekly_volume);
  out->weekly_headcount = std::move(weekly_headcount);
  out->input_files = {path};
  out->overrides = overrides;
  for (std::string& file : tables.Files()) out->input_files.push_back(std::move(file));
  CheckWork(*out, root, replications, &problems);
  if (HasErrors(problems)) return problems;
  const ModelSpec spec = CompileScenario(*out);
  CheckCoverage(spec, out->scenario, root, &problems);
  if (const auto id = DuplicateStreamId(spec)) {
    char hex[32];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(*id));
    problems.push_back({path, 0, 0, "",
                        std::string("two random streams hash to the same id (") + hex +
                            "): rename a channel, group or shift"});
  }
  return problems;
}

}  // namespace

std::vector<Problem> LoadScenario(const std::string& path, LoadedScenario* out,
                                  std::optional<std::uint64_t> replications,
                                  const std::vector<std::string>& overrides) {
  std::vector<std::pair<std::string, std::string>> overridden;  // field, override
  std::vector<Problem> problems = Load(path, out, replications, overrides, &overridden);
  // Whether field path `inner` is `outer` or lies within it.
  const auto within = [](const std::string& inner, const std::string& outer) {
    return inner.compare(0, outer.size(), outer) == 0 &&
           (inner.size() == outer.size() || inner[outer.size()] == '.' ||
            inner[outer.size()] == '[');
  };
  for (Problem& p : problems) {
    if (p.field.empty()) continue;
    for (auto it = overridden.rbegin(); it != overridden.rend(); ++it) {  // the last wins
      const std::string& field = it->first;
      const std::string& text = it->second;
      // At (or within) the field set: the override's problem, not the file's, whose line
      // shows the value it replaced.
      if (within(p.field, field)) {
        p.file = path + " --set " + text;
        p.line = p.column = 0;
        break;
      }
      // At a message holding it, or beside it in its message (a oneof switched, a message
      // the override created): the file's place, with the override that changed it.
      const std::size_t dot = field.rfind('.');
      const std::string parent = dot == std::string::npos ? "" : field.substr(0, dot);
      if (within(field, p.field) || (!parent.empty() && within(p.field, parent))) {
        p.message += " (with --set " + text + ")";
        break;
      }
    }
  }
  return problems;
}

}  // namespace fccsim::model
