// libFuzzer target: any bytes as a CSV table of a fixed valid scenario, read by LoadScenario,
// and as text for the CSV reader itself. The first byte picks the table: odd ('a') for the
// arrivals of a channel, even ('h') for a headcount export; the rest is the file.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_files.h"
#include "model/scenario/csv_table.h"
#include "model/scenario/scenario_loader.h"

namespace {

using fccsim::fuzz::WriteScratchFile;
using fccsim::model::CsvTable;

// Hourly, so that a table of a week (168 rows) fits well within -max_len.
constexpr std::string_view kArrivalsScenario = R"pb(
  name: "csv fuzz: arrivals"
  horizon { days: 7 interval_minutes: 60 }
  channels {
    name: "999"
    arrivals { table { csv: "arrivals.csv" column: "calls" } }
    talk { exponential { mean_s: 240 } }
    target { answer_within_s: 10 fraction: 0.9 }
  }
  groups { name: "handlers" skills: "999" }
  roster { shifts { group: "handlers" start: "00:00" length_minutes: 1440 headcount: 10 } }
)pb";

constexpr std::string_view kHeadcountScenario = R"pb(
  name: "csv fuzz: headcount"
  horizon { days: 7 interval_minutes: 60 }
  channels {
    name: "999"
    arrivals { weekly { contacts_per_week: 10000 } }
    talk { exponential { mean_s: 240 } }
    target { answer_within_s: 10 fraction: 0.9 }
  }
  groups { name: "handlers" skills: "999" }
  roster { headcount_csv: "headcount.csv" }
)pb";

std::string arrivals_scenario;   // paths in the scratch folder
std::string headcount_scenario;

[[noreturn]] void Broken(const std::string& what) {
  std::fprintf(stderr, "fuzz: the CSV reader broke a promise of csv_table.h: %s\n",
               what.c_str());
  std::abort();
}

// A fuzzer whose scenario had stopped loading would only ever reach the first problem, and
// still pass: fail at start-up instead, with the problems.
void ExpectLoads(const std::string& path) {
  fccsim::model::LoadedScenario loaded;
  const auto problems = fccsim::model::LoadScenario(path, &loaded);
  if (!fccsim::model::HasErrors(problems)) return;
  for (const auto& p : problems) std::fprintf(stderr, "%s\n", p.ToString().c_str());
  std::fprintf(stderr, "csv_fuzzer: its fixed scenario no longer loads; update it\n");
  std::exit(1);
}

void CheckNumbers(std::string_view text) {
  const std::optional<double> number = fccsim::model::ParseCsvNumber(text);
  const std::optional<long long> integer = fccsim::model::ParseCsvInteger(text);
  if (integer && (!number || *number != static_cast<double>(*integer))) {
    Broken("\"" + std::string(text) + "\" is an integer but not the same number");
  }
}

void CheckTable(std::string_view text) {
  std::vector<fccsim::model::CsvError> errors;
  const CsvTable table = CsvTable::Parse(text, &errors);
  for (const auto& e : errors) {
    if (e.line < 0 || e.message.empty()) Broken("an error without a line >= 0 and a message");
  }
  const auto& header = table.header();
  for (std::size_t i = 0; i < header.size(); ++i) {
    const int c = table.ColumnIndex(header[i]);
    if (c < 0 || c > static_cast<int>(i) || header[c] != header[i]) {
      Broken("ColumnIndex does not find column " + std::to_string(i + 1));
    }
  }
  int previous_line = table.header_line();
  if (!header.empty() && previous_line < 1) Broken("a header without its line");
  for (const fccsim::model::CsvRow& row : table.rows()) {
    if (row.cells.size() != header.size()) Broken("a row and the header differ in length");
    if (row.line <= previous_line) Broken("rows out of line order");
    previous_line = row.line;
    for (const std::string& cell : row.cells) CheckNumbers(cell);
  }
  CheckNumbers(text);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  arrivals_scenario = WriteScratchFile("arrivals.textproto", kArrivalsScenario);
  headcount_scenario = WriteScratchFile("headcount.textproto", kHeadcountScenario);
  WriteScratchFile("arrivals.csv", fccsim::fuzz::HourlyArrivalsCsv());
  WriteScratchFile("headcount.csv", fccsim::fuzz::HourlyHeadcountCsv());
  ExpectLoads(arrivals_scenario);
  ExpectLoads(headcount_scenario);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const bool headcount = data[0] % 2 == 0;
  const std::string_view csv(reinterpret_cast<const char*>(data) + 1, size - 1);
  WriteScratchFile(headcount ? "headcount.csv" : "arrivals.csv", csv);
  fccsim::model::LoadedScenario loaded;
  const auto problems =
      fccsim::model::LoadScenario(headcount ? headcount_scenario : arrivals_scenario, &loaded);
  fccsim::fuzz::UseLoadResult(problems, loaded);
  CheckTable(csv);
  return 0;
}
