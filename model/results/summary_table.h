#ifndef FCCSIM_MODEL_RESULTS_SUMMARY_TABLE_H_
#define FCCSIM_MODEL_RESULTS_SUMMARY_TABLE_H_

#include <string>

#include "model/proto/results.pb.h"

namespace fccsim::model {

// The table `fccsim run` prints: per channel offered, answered, abandoned %, service level
// against the target (with its 95% interval), ASA, p90 wait, the verdict on the target and the
// probability of meeting it; per group occupancy. Needs the summaries only (no intervals). Counts are means per replication, one decimal; "±" is the 95% half
// width in percentage points, shown only where the estimate has one (not with one
// replication). Columns are aligned by display width (UTF-8 "±" and "≤"); ends with "\n".
std::string FormatSummaryTable(const fccsim::RunResult& result);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_RESULTS_SUMMARY_TABLE_H_
