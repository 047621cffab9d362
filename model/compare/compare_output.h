#ifndef FCCSIM_MODEL_COMPARE_COMPARE_OUTPUT_H_
#define FCCSIM_MODEL_COMPARE_COMPARE_OUTPUT_H_

// A comparison as a planner reads it: the protobuf file, CSV tables for a spreadsheet, and
// the summary printed on stdout.
//
// CSV tables, long (one row per variant, channel or group, and measure), so that a new
// measure is a new row, not a new column:
//   comparison.csv            variant, scope (channel or group), name, measure, base_value,
//                             variant_value, difference, ci95_half_width,
//                             unpaired_ci95_half_width, significant
//   comparison_intervals.csv  the same per reported interval, with index, day, weekday and
//                             start after the name
// An undefined value (no contact to judge) is "nan"; a half width not set is an empty cell.

#include <string>
#include <vector>

#include "model/proto/compare.pb.h"
#include "model/results/atomic_file.h"

namespace fccsim::model {

// The CSV files' names.
std::vector<std::string> ComparisonCsvFileNames();

// Writes `result` to `path` and, unless `csv_dir` is empty, the CSV tables into `csv_dir`
// (created if missing), into `outputs`, whose Commit() renames them into place together.
// False with *error set on failure; then nothing was replaced.
bool WriteComparison(const fccsim::ComparisonResult& result, const std::string& path,
                     const std::string& csv_dir, OutputSet* outputs, std::string* error);

// Per variant, each channel's and group's measures over the horizon: base, variant, the
// difference with its paired and unpaired 95% intervals, and whether it is significant.
std::string FormatComparisonSummary(const fccsim::ComparisonResult& result);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_COMPARE_COMPARE_OUTPUT_H_
