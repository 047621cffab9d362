#include "model/scenario/scenario_loader.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>

#include "model/scenario/csv_table.h"
#include "model/scenario/input_file.h"
#include "model/scenario/model_spec.h"
#include "model/scenario/scenario_validator.h"
#include "model/scenario/suggest.h"
#include "model/scenario/workload.h"

namespace fccsim::model {
namespace {

constexpr int kMinutesPerDay = 1440;
constexpr int kDaysPerWeek = 7;

constexpr std::string_view kWeekdayShort[kDaysPerWeek] = {"Mon", "Tue", "Wed", "Thu",
                                                          "Fri", "Sat", "Sun"};
constexpr std::string_view kWeekdayLong[kDaysPerWeek] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }
std::string ColumnField(std::string_view name) { return "column " + Quote(name); }

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; };
           return lower(x) == lower(y);
         });
}

// "Mon".."Sun" or "Monday".."Sunday", any case, as 0 (Monday) .. 6.
std::optional<int> ParseWeekday(std::string_view text) {
  for (int d = 0; d < kDaysPerWeek; ++d) {
    if (EqualsIgnoringCase(text, kWeekdayShort[d]) || EqualsIgnoringCase(text, kWeekdayLong[d])) {
      return d;
    }
  }
  return std::nullopt;
}

// Collects the text-format parser's errors as problems (it reports lines and columns from 0).
class ParseErrorCollector : public google::protobuf::io::ErrorCollector {
 public:
  ParseErrorCollector(const std::string& file, std::vector<Problem>* problems)
      : file_(file), problems_(problems) {}

  void AddError(int line, google::protobuf::io::ColumnNumber column,
                const std::string& message) override {
    std::string text = message;
    if (const std::string suggestion = Suggestion(message); !suggestion.empty()) {
      if (text.ends_with('.')) text.pop_back();
      text += suggestion;
    }
    problems_->push_back({file_, std::max(line + 1, 0), std::max(column + 1, 0), "",
                          std::move(text)});
  }

 private:
  // The text between the quotes after `prefix` in `message`, or "".
  static std::string Quoted(const std::string& message, std::string_view prefix) {
    const std::size_t at = message.find(prefix);
    if (at == std::string::npos) return "";
    const std::size_t begin = at + prefix.size();
    const std::size_t end = message.find('"', begin);
    return end == std::string::npos ? "" : message.substr(begin, end - begin);
  }

  // For an unknown field or enum value, the name probably meant, from the schema.
  static std::string Suggestion(const std::string& message) {
    const std::string field = Quoted(message, "has no field named \"");
    if (!field.empty()) {
      const google::protobuf::Descriptor* type =
          google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(
              Quoted(message, "Message type \""));
      if (type == nullptr) return "";
      std::vector<std::string> names;
      for (int i = 0; i < type->field_count(); ++i) names.push_back(type->field(i)->name());
      return DidYouMean(field, names);
    }
    const std::string value = Quoted(message, "Unknown enumeration value of \"");
    if (value.empty()) return "";
    const google::protobuf::FileDescriptor* schema = fccsim::Scenario::descriptor()->file();
    std::vector<std::string> names;
    for (int e = 0; e < schema->enum_type_count(); ++e) {
      const google::protobuf::EnumDescriptor* type = schema->enum_type(e);
      for (int i = 0; i < type->value_count(); ++i) names.push_back(type->value(i)->name());
    }
    return DidYouMean(value, names);
  }

 public:

 private:
  const std::string& file_;
  std::vector<Problem>* problems_;
};

// A CSV table keyed by (weekday, interval start), covering one week.
struct WeekTable {
  std::string file;   // as opened: the scenario's folder joined with the path it names
  std::string error;  // why the file could not be read; empty when it was
  CsvTable csv;
  // Per slot of the week (weekday * intervals_per_day + interval of the day): the index in
  // csv.rows() of its row, or -1.
  std::vector<int> row_of_slot;
  // Per row of csv.rows(): the slot it gives, or -1 (key unreadable or repeated).
  std::vector<int> slot_of_row;
};

// Reads the CSV tables a scenario names and checks them against it. Each file is read and its
// structure checked once, however many fields name it.
class TableReader {
 public:
  TableReader(const std::string& scenario_path, int intervals_per_day,
              std::vector<Problem>* problems)
      : folder_(std::filesystem::path(scenario_path).parent_path()),
        intervals_per_day_(intervals_per_day),
        problems_(problems) {}

  // The table at `path` (relative to the scenario's folder) named by `field`; null, with the
  // problem reported at `field`, when it cannot be read.
  const WeekTable* Open(const FieldRef& field, const std::string& path) {
    const std::string file = (folder_ / path).string();
    auto [it, added] = tables_.try_emplace(file);
    WeekTable& table = it->second;
    if (added) {
      table.file = file;
      std::string text;
      if (ReadInputFile(file, kMaxTableBytes, &text, &table.error)) {
        if (const Utf8Error bad = FindInvalidUtf8(text); bad.line > 0) {
          // Cells are names and numbers: read on, and their own problems follow this one.
          problems_->push_back({file, bad.line, bad.column, "", InvalidUtf8Message(bad, true)});
        }
        std::vector<CsvError> errors;
        table.csv = CsvTable::Parse(text, &errors);
        for (CsvError& e : errors)
          problems_->push_back({file, e.line, 0, "", std::move(e.message)});
        IndexWeek(&table);
      }
    }
    if (!table.error.empty()) {
      problems_->push_back(field.Error("cannot read " + Quote(path) + " (" + table.error + ")"));
      return nullptr;
    }
    return &table;
  }

  // Contacts per slot from column `column` of `table` (0 where a row is missing). Problems
  // with the column are reported once per table and column.
  std::vector<double> Volumes(const WeekTable& table, const std::string& column,
                              const std::string& channel) {
    std::vector<double> volumes(WeekSlots(), 0.0);
    const int c = table.csv.ColumnIndex(column);
    const bool first_use = checked_.insert({table.file, column}).second;
    if (c < 0) {
      if (first_use && !table.csv.header().empty()) {
        problems_->push_back({table.file, table.csv.header_line(), 0, ColumnField(column),
                              "no such column, which channel " + Quote(channel) +
                                  " takes its arrivals from (the header has: " + HeaderList(table) +
                                  ")" + DidYouMean(column, table.csv.header())});
      }
      return volumes;
    }
    for (std::size_t r = 0; r < table.csv.rows().size(); ++r) {
      const CsvRow& row = table.csv.rows()[r];
      const std::string& cell = row.cells[c];
      std::string problem;
      const std::optional<double> value = ParseCsvNumber(cell);
      if (!value) {
        problem = "not a number (" + Quote(cell) + ")";
      } else if (!std::isfinite(*value)) {
        problem = "must be a finite number (got " + FormatProblemNumber(*value) + ")";
      } else if (*value < 0) {
        problem = "must be >= 0 (got " + FormatProblemNumber(*value) + ")";
      }
      if (!problem.empty()) {
        if (first_use) {
          problems_->push_back({table.file, row.line, 0, ColumnField(column), std::move(problem)});
        }
        continue;
      }
      SetSlotOfRow(table, r, *value, &volumes);
    }
    return volumes;
  }

  // Handlers per slot for each group (all 0 for a group without a column); sets
  // (*staffed)[g] when group g has a positive headcount somewhere.
  std::vector<std::vector<int>> Headcounts(const WeekTable& table, const fccsim::Scenario& scenario,
                                           std::vector<bool>* staffed) {
    std::vector<std::vector<int>> headcounts(scenario.groups_size(),
                                             std::vector<int>(WeekSlots(), 0));
    staffed->assign(scenario.groups_size(), false);
    for (const std::string& name : table.csv.header()) {
      if (name.empty() || name == "weekday" || name == "start") continue;
      const bool is_group =
          std::any_of(scenario.groups().begin(), scenario.groups().end(),
                      [&](const fccsim::HandlerGroup& g) { return g.name() == name; });
      if (!is_group) {
        std::vector<std::string> groups;
        for (const fccsim::HandlerGroup& g : scenario.groups()) groups.push_back(g.name());
        problems_->push_back({table.file, table.csv.header_line(), 0, ColumnField(name),
                              "no handler group of this name" + DidYouMean(name, groups)});
      }
    }
    for (int g = 0; g < scenario.groups_size(); ++g) {
      const std::string& name = scenario.groups(g).name();
      const int c = name.empty() ? -1 : table.csv.ColumnIndex(name);
      if (c < 0) continue;
      for (std::size_t r = 0; r < table.csv.rows().size(); ++r) {
        const CsvRow& row = table.csv.rows()[r];
        const std::string& cell = row.cells[c];
        const std::optional<long long> value = ParseCsvInteger(cell);
        std::string problem;
        if (!value) {
          problem = "not a whole number (" + Quote(cell) + ")";
        } else if (*value < 0) {
          problem = "must be >= 0 (got " + std::to_string(*value) + ")";
        } else if (*value > kMaxShiftHeadcount) {
          problem = "must be <= " + std::to_string(kMaxShiftHeadcount) + " (got " +
                    std::to_string(*value) + ")";
        }
        if (!problem.empty()) {
          problems_->push_back({table.file, row.line, 0, ColumnField(name), std::move(problem)});
          continue;
        }
        if (*value > 0) (*staffed)[g] = true;
        SetSlotOfRow(table, r, static_cast<int>(*value), &headcounts[g]);
      }
    }
    return headcounts;
  }

  // The files opened, whether or not they could be read.
  std::vector<std::string> Files() const {
    std::vector<std::string> files;
    for (const auto& [file, table] : tables_) files.push_back(file);
    return files;
  }

 private:
  std::size_t WeekSlots() const {
    return static_cast<std::size_t>(kDaysPerWeek) * static_cast<std::size_t>(intervals_per_day_);
  }

  static std::string HeaderList(const WeekTable& table) {
    std::string list;
    for (const std::string& name : table.csv.header()) {
      if (!list.empty()) list += ", ";
      list += name;
    }
    return list;
  }

  static std::string SlotName(int weekday, int minutes) {
    return std::string(kWeekdayShort[weekday]) + " " + FormatClockMinutes(minutes);
  }

  template <typename T>
  static void SetSlotOfRow(const WeekTable& table, std::size_t row, T value,
                           std::vector<T>* slots) {
    if (row < table.slot_of_row.size() && table.slot_of_row[row] >= 0) {
      (*slots)[table.slot_of_row[row]] = value;
    }
  }

  // Finds the row of every slot of the week from the `weekday` and `start` columns, reporting
  // rows whose key is unreadable or repeated, and slots without a row.
  void IndexWeek(WeekTable* table) {
    const CsvTable& csv = table->csv;
    if (intervals_per_day_ == 0 || csv.header().empty()) return;
    const int weekday_column = csv.ColumnIndex("weekday");
    const int start_column = csv.ColumnIndex("start");
    for (const char* key : {"weekday", "start"}) {
      if (csv.ColumnIndex(key) < 0) {
        problems_->push_back({table->file, csv.header_line(), 0, ColumnField(key),
                              "no such column (the header has: " + HeaderList(*table) + ")"});
      }
    }
    if (weekday_column < 0 || start_column < 0) return;
    const int interval = kMinutesPerDay / intervals_per_day_;
    table->row_of_slot.assign(WeekSlots(), -1);
    table->slot_of_row.assign(csv.rows().size(), -1);
    for (std::size_t r = 0; r < csv.rows().size(); ++r) {
      const CsvRow& row = csv.rows()[r];
      const std::string& weekday_text = row.cells[weekday_column];
      const std::string& start_text = row.cells[start_column];
      const std::optional<int> weekday = ParseWeekday(weekday_text);
      const std::optional<int> start = ParseClockMinutes(start_text);
      if (!weekday) {
        problems_->push_back({table->file, row.line, 0, ColumnField("weekday"),
                              "not a weekday (" + Quote(weekday_text) + ")"});
      }
      if (!start) {
        problems_->push_back({table->file, row.line, 0, ColumnField("start"),
                              "not a time HH:MM (" + Quote(start_text) + ")"});
      } else if (*start % interval != 0) {
        problems_->push_back({table->file, row.line, 0, ColumnField("start"),
                              "not the start of a " + std::to_string(interval) +
                                  "-minute interval (got " + Quote(start_text) + ")"});
        continue;
      }
      if (!weekday || !start) continue;
      int& slot = table->row_of_slot[*weekday * intervals_per_day_ + *start / interval];
      if (slot >= 0) {
        problems_->push_back({table->file, row.line, 0, "",
                              "duplicate row for " + SlotName(*weekday, *start) +
                                  " (first at line " + std::to_string(csv.rows()[slot].line) +
                                  ")"});
        continue;
      }
      slot = static_cast<int>(r);
      table->slot_of_row[r] = *weekday * intervals_per_day_ + *start / interval;
    }
    // One problem per run of missing intervals within a day, so a missing day is one line.
    for (int d = 0; d < kDaysPerWeek; ++d) {
      for (int i = 0; i < intervals_per_day_;) {
        if (table->row_of_slot[d * intervals_per_day_ + i] >= 0) {
          ++i;
          continue;
        }
        int end = i + 1;
        while (end < intervals_per_day_ && table->row_of_slot[d * intervals_per_day_ + end] < 0) {
          ++end;
        }
        std::string message = end - i == 1 ? "no row for " + SlotName(d, i * interval)
                                           : "no rows for " + SlotName(d, i * interval) + " to " +
                                                 FormatClockMinutes((end - 1) * interval) + " (" +
                                                 std::to_string(end - i) + " intervals)";
        problems_->push_back({table->file, 0, 0, "", std::move(message)});
        i = end;
      }
    }
  }

  std::filesystem::path folder_;
  int intervals_per_day_;  // 0 when horizon.interval_minutes is invalid
  std::vector<Problem>* problems_;
  std::map<std::string, WeekTable> tables_;                // by file
  std::set<std::pair<std::string, std::string>> checked_;  // (file, column) already checked
};

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
  const std::uint64_t count = replications.value_or(s.run().replications());
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

std::vector<Problem> LoadScenario(const std::string& path, LoadedScenario* out,
                                  std::optional<std::uint64_t> replications) {
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
    ParseErrorCollector collector(path, &problems);
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

  ApplyScenarioDefaults(&scenario);
  const FieldRef root(path, fccsim::Scenario::descriptor(), &locations);
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
  // Without a roster, or with an unreadable one, "never staffed" would only echo that problem.
  if ((!roster.shifts().empty() || !roster.headcount_csv().empty()) && roster_readable) {
    CheckEveryGroupStaffed(scenario, root, staffed_by_table, &problems);
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
  for (std::string& file : tables.Files()) out->input_files.push_back(std::move(file));
  CheckWork(*out, root, replications, &problems);
  if (HasErrors(problems)) return problems;
  if (const auto id = DuplicateStreamId(CompileScenario(*out))) {
    char hex[32];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(*id));
    problems.push_back({path, 0, 0, "",
                        std::string("two random streams hash to the same id (") + hex +
                            "): rename a channel, group or shift"});
  }
  return problems;
}

}  // namespace fccsim::model
