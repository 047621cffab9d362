#ifndef FCCSIM_MODEL_RESULTS_RESULT_CSV_H_
#define FCCSIM_MODEL_RESULTS_RESULT_CSV_H_

// A run's results as CSV tables, one file per table, with exactly the columns of the Python
// DataFrames (scripts/python/fccsim/frames.py; a test holds the two together). Columns come
// from the schema, so a measure added to results.proto appears in both without a change here:
//   - an Estimate `x` gives `x` (the estimate) and `x_ci95` (the half width of its 95%
//     interval; an empty cell when absent, as with one replication);
//   - a nested message of Estimates and numbers `m` (triage, chat) gives `m_x` for each of its
//     fields `x`, and `m_x_ci95` for an Estimate: "nan" (and an empty cell) where the message
//     is absent (a channel without triage, a group without chat);
//   - a list of ServiceLevelAt gives `service_level_at_<T>s` and its `_ci95` per threshold T;
//   - a Probability `x` gives `x`, `x_ci95_lower`, `x_ci95_upper`, `x_successes`, `x_trials`;
//   - enums are their value names (weekday: MONDAY..SUNDAY), booleans 1 or 0;
//   - other lists (a channel's intervals, its replications) are tables of their own.
// Numbers are the shortest text that reads back as the same double ("nan" where undefined);
// fractions are in [0, 1]; times in seconds (`_s`); counts are per replication. Text is quoted
// as RFC 4180 asks; lines end in "\n".
//
// The tables, each led by the channel or group it belongs to:
//   channel_summary.csv        one row per channel (ChannelSummary)
//   channel_intervals.csv      one per channel and interval (ChannelInterval)
//   channel_replications.csv   one per channel and replication (ChannelReplication)
//   group_summary.csv          one per group (GroupResult)
//   group_intervals.csv        one per group and interval (GroupInterval)
//   group_replications.csv     one per group and replication (GroupReplication)

#include <string>
#include <vector>

#include "model/results/atomic_file.h"
#include "model/results/result_source.h"

namespace fccsim::model {

// Writes the tables into `dir` (created if missing), each file atomically and streamed, so a
// long run's tables are never whole in memory. On failure some files may already have been
// replaced (each file is whole, old or new).
bool WriteResultCsvs(const ResultSource& source, const std::string& dir, std::string* error,
                     OutputSet* set = nullptr);

// The names of the files WriteResultCsvs writes, in the order above.
std::vector<std::string> ResultCsvFileNames();

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_RESULTS_RESULT_CSV_H_
