#include "model/scenario/table_reader.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string_view>

#include "model/scenario/input_file.h"
#include "model/scenario/suggest.h"
#include "model/scenario/weekday_names.h"

namespace fccsim::model {
namespace {

constexpr int kMinutesPerDay = 1440;

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

std::string HeaderList(const WeekTable& table) {
  std::string list;
  for (const std::string& name : table.csv.header()) {
    if (!list.empty()) list += ", ";
    list += name;
  }
  return list;
}

std::string SlotName(int weekday, int minutes) {
  return std::string(kWeekdayShort[weekday]) + " " + FormatClockMinutes(minutes);
}

template <typename T>
void SetSlotOfRow(const WeekTable& table, std::size_t row, T value,
                         std::vector<T>* slots) {
  if (row < table.slot_of_row.size() && table.slot_of_row[row] >= 0) {
    (*slots)[table.slot_of_row[row]] = value;
  }
}

// Past this many problems of one kind in one file, the rest are counted, not listed: a file
// in the wrong shape would otherwise bury the one line that says why.
constexpr int kShownPerKind = 5;

std::string WithoutDigits(std::string_view text) {
  std::string kind;
  for (char c : text) {
    if (c < '0' || c > '9') kind += c;
  }
  return kind;
}

// HH:MM as ParseClockMinutes reads it, or HH:MM:00 as WFM systems export interval starts.
std::optional<int> ParseTableClock(std::string_view text) {
  if (text.size() > 3 && text.ends_with(":00") && text.find(':') != text.size() - 3) {
    text.remove_suffix(3);
  }
  return ParseClockMinutes(text);
}

// "1,340" as counts of problems are written.
std::string WithThousands(long long n) {
  const std::string digits = std::to_string(n);
  std::string text;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) text += ',';
    text += digits[i];
  }
  return text;
}

}  // namespace

void TableReader::RowProblem(const std::string& kind, Problem problem, bool across_fields) {
  const std::string field = across_fields ? "" : problem.field;
  const std::string key = problem.file + '\n' + field + '\n' + kind;
  auto [it, added] = kind_counts_.try_emplace(key, 0);
  if (added) kind_order_.push_back({key, problem.file, field});
  if (++it->second <= kShownPerKind) problems_->push_back(std::move(problem));
}

void TableReader::Cause(const std::string& file, int line, const std::string& cause) {
  if (causes_given_.insert(file).second) {
    problems_->push_back({file, line, 0, "", "likely cause: " + cause});
  }
}

void TableReader::Finish() {
  for (const auto& [file, table] : tables_) {
    // A table without its key columns was reported as such; its other columns mean nothing.
    if (headcount_files_.contains(file) || !table.error.empty() ||
        table.csv.ColumnIndex("weekday") < 0 || table.csv.ColumnIndex("start") < 0) {
      continue;
    }
    const std::set<std::string>& used = used_columns_[file];
    for (const std::string& name : table.csv.header()) {
      if (name.empty() || name == "weekday" || name == "start" || used.contains(name)) continue;
      std::string read;
      for (const std::string& column : used) read += (read.empty() ? "" : ", ") + Quote(column);
      RowProblem("unread",
                 {file, table.csv.header_line(), 0, ColumnField(name),
                  "read by no channel (the channels read " +
                      (read.empty() ? std::string("none") : read) +
                      "): remove it, or name it in a channel's arrivals.table.column"},
                 /*across_fields=*/true);
    }
  }
  for (const KindSeen& kind : kind_order_) {
    const int count = kind_counts_[kind.key];
    if (count <= kShownPerKind) continue;
    problems_->push_back({kind.file, 0, 0, kind.field,
                          "... and " + WithThousands(count - kShownPerKind) +
                              " more like this"});
  }
  for (const auto& [file, table] : tables_) {
    if (const int more = table.csv.errors_not_kept(); more > 0) {
      problems_->push_back({file, 0, 0, "",
                            "... and " + WithThousands(more) + " more malformed rows besides"});
    }
  }
}

TableReader::TableReader(const std::string& scenario_path, int intervals_per_day,
            std::vector<Problem>* problems)
    : folder_(std::filesystem::path(scenario_path).parent_path()),
      intervals_per_day_(intervals_per_day),
      problems_(problems) {}

const WeekTable* TableReader::Open(const FieldRef& field, const std::string& path) {
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
      // A week has at most 10,080 intervals (of a minute): more rows can only repeat them.
      table.csv = CsvTable::Parse(text, &errors, kDaysPerWeek * kMinutesPerDay);
      if (const std::vector<std::string>& header = table.csv.header();
          header.size() == 1 && header[0].find(';') != std::string::npos) {
        // Every row and column would be wrong for this one reason: say it alone.
        problems_->push_back({file, table.csv.header_line(), 0, "",
                              "separated by semicolons, but fccsim reads commas (in Excel: "
                              "Save As \"CSV UTF-8\")"});
        table.csv = CsvTable();
        return &table;
      }
      table.malformed_rows = !errors.empty();
      for (CsvError& e : errors) {
        if (!e.likely_cause.empty()) Cause(file, e.line, e.likely_cause);
        RowProblem(WithoutDigits(e.message), {file, e.line, 0, "", std::move(e.message)});
      }
      IndexWeek(&table);
    }
  }
  if (!table.error.empty()) {
    problems_->push_back(field.Error("cannot read " + Quote(path) + " (" + table.error + ")"));
    return nullptr;
  }
  return &table;
}

std::vector<double> TableReader::Volumes(const WeekTable& table, const std::string& column,
                            const std::string& channel) {
  std::vector<double> volumes(WeekSlots(), 0.0);
  const int c = table.csv.ColumnIndex(column);
  const bool first_use = checked_.insert({table.file, column}).second;
  if (c >= 0) used_columns_[table.file].insert(column);
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
        if (const std::string cause = DecimalCommaCause(cell); !cause.empty()) {
          Cause(table.file, row.line, cause);
        }
        RowProblem("cell", {table.file, row.line, 0, ColumnField(column), std::move(problem)});
      }
      continue;
    }
    SetSlotOfRow(table, r, *value, &volumes);
  }
  return volumes;
}

std::vector<std::vector<int>> TableReader::Headcounts(const WeekTable& table, const fccsim::Scenario& scenario,
                                         std::vector<bool>* staffed) {
  std::vector<std::vector<int>> headcounts(scenario.groups_size(),
                                           std::vector<int>(WeekSlots(), 0));
  staffed->assign(scenario.groups_size(), false);
  headcount_files_.insert(table.file);
  for (const std::string& name : table.csv.header()) {
    if (name.empty() || name == "weekday" || name == "start") continue;
    const bool is_group =
        std::any_of(scenario.groups().begin(), scenario.groups().end(),
                    [&](const fccsim::HandlerGroup& g) { return g.name() == name; });
    if (!is_group) {
      std::vector<std::string> groups;
      for (const fccsim::HandlerGroup& g : scenario.groups()) groups.push_back(g.name());
      RowProblem("group",
                 {table.file, table.csv.header_line(), 0, ColumnField(name),
                  "no handler group of this name" + DidYouMean(name, groups)},
                 /*across_fields=*/true);
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
        RowProblem("cell", {table.file, row.line, 0, ColumnField(name), std::move(problem)});
        continue;
      }
      if (*value > 0) (*staffed)[g] = true;
      SetSlotOfRow(table, r, static_cast<int>(*value), &headcounts[g]);
    }
  }
  return headcounts;
}

std::vector<std::string> TableReader::Files() const {
  std::vector<std::string> files;
  for (const auto& [file, table] : tables_) files.push_back(file);
  return files;
}

std::size_t TableReader::WeekSlots() const {
  return static_cast<std::size_t>(kDaysPerWeek) * static_cast<std::size_t>(intervals_per_day_);
}

void TableReader::IndexWeek(WeekTable* table) {
  const CsvTable& csv = table->csv;
  if (intervals_per_day_ == 0 || csv.header().empty()) return;
  const int weekday_column = csv.ColumnIndex("weekday");
  const int start_column = csv.ColumnIndex("start");
  for (const char* key : {"weekday", "start"}) {
    if (csv.ColumnIndex(key) < 0) {
      problems_->push_back({table->file, csv.header_line(), 0, ColumnField(key),
                            "no such column (the header has: " + HeaderList(*table) + ")" +
                                DidYouMean(key, csv.header())});
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
    const std::optional<int> start = ParseTableClock(start_text);
    if (!weekday) {
      RowProblem("weekday", {table->file, row.line, 0, ColumnField("weekday"),
                             "not a weekday (" + Quote(weekday_text) + ")"});
    }
    if (!start) {
      RowProblem("start", {table->file, row.line, 0, ColumnField("start"),
                           "not a time HH:MM or HH:MM:00 (" + Quote(start_text) + ")"});
    } else if (*start % interval != 0) {
      RowProblem("interval", {table->file, row.line, 0, ColumnField("start"),
                              "not the start of a " + std::to_string(interval) +
                                  "-minute interval (got " + Quote(start_text) + ")"});
      continue;
    }
    if (!weekday || !start) continue;
    int& slot = table->row_of_slot[*weekday * intervals_per_day_ + *start / interval];
    if (slot >= 0) {
      RowProblem("duplicate", {table->file, row.line, 0, "",
                               "duplicate row for " + SlotName(*weekday, *start) +
                                   " (first at line " + std::to_string(csv.rows()[slot].line) +
                                   ")"});
      continue;
    }
    slot = static_cast<int>(r);
    table->slot_of_row[r] = *weekday * intervals_per_day_ + *start / interval;
  }
  // Rows left out as malformed were reported, and are why their intervals have no row.
  if (table->malformed_rows) return;
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
      // Placed at the row the gap follows in the week, where the missing rows belong.
      int line = 0;
      const int slots = static_cast<int>(WeekSlots());
      for (int back = 1; back <= slots && line == 0; ++back) {
        const int previous = ((d * intervals_per_day_ + i - back) % slots + slots) % slots;
        if (const int r = table->row_of_slot[previous]; r >= 0) {
          line = csv.rows()[r].line;
          message += ", which would follow " +
                     SlotName(previous / intervals_per_day_,
                              previous % intervals_per_day_ * interval) +
                     " (this line)";
        }
      }
      RowProblem("missing", {table->file, line, 0, "", std::move(message)});
      i = end;
    }
  }
}

}  // namespace fccsim::model
