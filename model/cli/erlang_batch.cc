#include "model/cli/erlang_batch.h"

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "model/results/csv_cells.h"
#include "model/scenario/csv_table.h"
#include "model/scenario/input_file.h"

namespace fccsim::model {
namespace {

// Bounds that keep every staffing search inside model/analytics/erlang.h's contract and
// quick, as for one question (erlang_command.cc).
constexpr double kMaxOfferedErlangs = 100'000;
constexpr double kMaxPatientCallers = 1'000'000;
constexpr double kMinSeconds = 0.001;
constexpr double kMaxSeconds = 1e7;
// A year of 5-minute intervals, with room: each row is a few staffing searches.
constexpr std::size_t kMaxRows = 200'000;
constexpr std::size_t kMaxReported = 20;

// The columns read (the others are copied): calls (as named), aht_s and patience_s.
bool IsOwn(const std::string& column, const std::string& calls) {
  return column == calls || column == "aht_s" || column == "patience_s";
}

// Empty for NaN (a figure with no calls to measure), else as every fccsim table writes it.
std::string Number(double value) { return std::isnan(value) ? "" : CsvNumber(value); }
std::string Cell(const std::string& text) { return CsvText(text); }

class Problems {
 public:
  Problems(const std::string& path, std::ostream& err) : path_(path), err_(err) {}
  void Add(int line, const std::string& message) {
    if (count_++ < kMaxReported) {
      err_ << path_ << (line > 0 ? ":" + std::to_string(line) : "") << ": " << message << '\n';
    }
  }
  bool Any() const { return count_ > 0; }
  void Finish() const {
    if (count_ > kMaxReported) {
      err_ << path_ << ": ... and " << count_ - kMaxReported << " more problems\n";
    }
  }

 private:
  const std::string& path_;
  std::ostream& err_;
  std::size_t count_ = 0;
};

// The number in `cell` of column `name`, checked to lie in [min, max]; nullopt after
// reporting it.
std::optional<double> ReadCell(const std::string& cell, const std::string& name, double min,
                               double max, int line, Problems* problems) {
  const std::optional<double> value = ParseCsvNumber(cell);
  if (!value || !std::isfinite(*value) || *value < min || *value > max) {
    problems->Add(line, "column " + name + ": must be a number from " + Number(min) + " to " +
                            Number(max) + " (got \"" + cell + "\")");
    return std::nullopt;
  }
  return value;
}

struct Row {
  std::vector<std::string> keys;  // the other columns' cells
  double calls = 0, aht_s = 0;
  std::optional<double> patience_s;
};

}  // namespace

int RunErlangBatch(const ErlangBatchOptions& options, std::ostream& out, std::ostream& err) {
  Problems problems(options.path, err);
  std::string text, error;
  if (!ReadInputFile(options.path, kMaxTableBytes, &text, &error)) {
    problems.Add(0, error);
    return 2;
  }
  if (const Utf8Error bad = FindInvalidUtf8(text); bad.line > 0) {
    problems.Add(bad.line, InvalidUtf8Message(bad, /*spreadsheet=*/true));
    return 2;
  }
  std::vector<CsvError> csv_errors;
  const CsvTable table = CsvTable::Parse(WithoutByteOrderMark(text), &csv_errors, kMaxRows);
  for (const CsvError& e : csv_errors) {
    problems.Add(e.line, e.message + (e.likely_cause.empty() ? "" : " (" + e.likely_cause + ")"));
  }
  if (problems.Any()) {
    problems.Finish();
    return 2;
  }
  const int calls_col = table.ColumnIndex(options.calls_column);
  const int aht_col = table.ColumnIndex("aht_s");
  const int patience_col = table.ColumnIndex("patience_s");
  if (calls_col < 0) {
    problems.Add(table.header_line(), "no column \"" + options.calls_column +
                                          "\" (calls per interval; --calls-column names another)");
  }
  if ((aht_col >= 0) == options.aht_s.has_value()) {
    problems.Add(table.header_line(), "give the handling time either as a column \"aht_s\" or "
                                      "as --aht-s for every row, not both or neither");
  }
  if (patience_col >= 0 && options.patience_s) {
    problems.Add(table.header_line(),
                 "give the patience either as a column \"patience_s\" or as --patience-s, not both");
  }
  if (table.rows().empty()) problems.Add(table.header_line(), "no intervals (rows) in the table");
  if (problems.Any()) {
    problems.Finish();
    return 2;
  }

  const double interval_s = options.interval_minutes * 60;
  std::vector<Row> rows;
  for (const CsvRow& csv : table.rows()) {
    Row row;
    for (std::size_t i = 0; i < csv.cells.size(); ++i) {
      if (!IsOwn(table.header()[i], options.calls_column)) row.keys.push_back(csv.cells[i]);
    }
    const auto cell = [&csv](int column) { return csv.cells[static_cast<std::size_t>(column)]; };
    const std::optional<double> calls = ReadCell(cell(calls_col), options.calls_column, 0, 1e12, csv.line,
                                                 &problems);
    const std::optional<double> aht =
        options.aht_s ? options.aht_s
                      : ReadCell(cell(aht_col), "aht_s", kMinSeconds, kMaxSeconds, csv.line,
                                 &problems);
    std::optional<double> patience = options.patience_s;
    if (patience_col >= 0) {
      patience = ReadCell(cell(patience_col), "patience_s", kMinSeconds, kMaxSeconds, csv.line,
                          &problems);
      if (!patience) continue;
    }
    if (!calls || !aht) continue;
    row.calls = *calls;
    row.aht_s = *aht;
    row.patience_s = patience;
    const double rate = row.calls / interval_s;
    if (rate * row.aht_s > kMaxOfferedErlangs) {
      problems.Add(csv.line, "the offered load, " + Number(rate * row.aht_s) +
                                 " Erlangs, is above the " + Number(kMaxOfferedErlangs) +
                                 " this command handles");
      continue;
    }
    if (row.patience_s && rate * *row.patience_s > kMaxPatientCallers) {
      problems.Add(csv.line, "column patience_s: " + Number(*row.patience_s) +
                                 " s is too long for Erlang A at this load (calls per second x "
                                 "patience above " + Number(kMaxPatientCallers) + ")");
      continue;
    }
    rows.push_back(std::move(row));
  }
  if (problems.Any()) {
    problems.Finish();
    return 2;
  }

  // Computed whole before any byte is written, so a failure leaves no half table.
  std::string result;
  bool first = true;
  for (const std::string& column : table.header()) {
    if (IsOwn(column, options.calls_column)) continue;
    result += (first ? "" : ",") + Cell(column);
    first = false;
  }
  result += std::string(first ? "" : ",") +
            "calls,aht_s,patience_s,erlangs,agents_erlang_c,agents_erlang_a,agents,binding,"
            "rostered,service_level,asa_s,occupancy,p_abandon\n";
  for (const Row& row : rows) {
    const StaffingLoad load{row.calls / interval_s, row.aht_s, row.patience_s};
    const Staffing c = StaffErlangC(load, options.target);
    std::optional<Staffing> a;
    if (row.patience_s) a = StaffErlangA(load, options.target);
    const Staffing& chosen = a ? *a : c;
    std::string line;
    for (const std::string& key : row.keys) line += Cell(key) + ",";
    line += Number(row.calls) + "," + Number(row.aht_s) + "," +
            (row.patience_s ? Number(*row.patience_s) : "") + "," +
            Number(load.arrivals_per_s * load.mean_handle_s) + "," + std::to_string(c.agents) +
            "," + (a ? std::to_string(a->agents) : "") + "," + std::to_string(chosen.agents) +
            "," + BindingName(chosen.binding) + "," +
            Number(Rostered(chosen.agents, options.shrinkage, options.break_share)) + "," +
            Number(chosen.service_level) + "," + Number(chosen.asa_s) + "," +
            Number(chosen.occupancy) + "," + Number(chosen.p_abandon) + "\n";
    result += line;
  }
  out << result;
  return 0;
}

}  // namespace fccsim::model
