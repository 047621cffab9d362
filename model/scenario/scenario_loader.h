#ifndef FCCSIM_MODEL_SCENARIO_SCENARIO_LOADER_H_
#define FCCSIM_MODEL_SCENARIO_SCENARIO_LOADER_H_

// Reads a scenario file (protobuf text format) and the CSV tables it names, applies defaults,
// and validates everything, reporting every problem found, not just the first.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/proto/scenario.pb.h"

namespace fccsim::model {

// One problem with the input. Formats as
//   file:line:col: field.path: message (got X)      for the scenario file
//   file:line: column "name": message (got X)       for a CSV file
// with line/col/field omitted where unknown.
struct Problem {
  std::string file;
  int line = 0;          // 1-based; 0 = unknown
  int column = 0;        // 1-based; 0 = unknown
  std::string field;     // e.g. roster.shifts[2].length_minutes, or `column "calls_999"` for CSV
  std::string message;   // e.g. `must be > 0 (got -30)`
  // Allowed but implausible (a talk time of two seconds): reported, and refused only under
  // --strict. Formats with "warning: " before the message.
  bool warning = false;
  std::string ToString() const;
};

// Whether any of `problems` is an error (not a warning).
bool HasErrors(const std::vector<Problem>& problems);

struct LoadedScenario {
  std::string path;            // as given
  fccsim::Scenario scenario;   // with defaults applied (see scenario.proto)
  int intervals_per_day = 0;   // 1440 / interval_minutes
  // For each channel, in scenario order: contacts per interval over one week, before the
  // daily busyness factor and surges. Index = weekday (0 = Monday) * intervals_per_day +
  // interval of the day. From the channel's IntervalTable or WeeklyShape.
  std::vector<std::vector<double>> weekly_volume;
  // Only with roster.headcount_csv: for each group, in scenario order, handlers per interval
  // over one week, indexed like weekly_volume.
  std::vector<std::vector<int>> weekly_headcount;
  // Every file read: the scenario, then its CSV tables. Outputs must not replace any of them.
  std::vector<std::string> input_files;
  std::vector<std::string> overrides;  // --set PATH=VALUE applied, in order
};

// Returns every problem found, errors and warnings; when none is an error, *out holds the
// loaded scenario. The work it asks for is checked against the limits of workload.h for
// `replications` replications (run.replications when not given). `overrides` (PATH=VALUE,
// scenario_override.h) change the file's fields, in order, before defaults and validation; a
// problem at a field one set names it (file "SCENARIO --set PATH=VALUE"), and one at a
// message holding it or beside it says "(with --set PATH=VALUE)". Tables stay relative to the
// scenario file.
std::vector<Problem> LoadScenario(const std::string& path, LoadedScenario* out,
                                  std::optional<std::uint64_t> replications = std::nullopt,
                                  const std::vector<std::string>& overrides = {});

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_SCENARIO_SCENARIO_LOADER_H_
