#ifndef FCCSIM_MODEL_RESULTS_RESULTS_IO_H_
#define FCCSIM_MODEL_RESULTS_RESULTS_IO_H_

// Writing and reading run results. Writes go to a temporary file in the destination folder,
// are flushed and checked, and are renamed into place, so a reader never sees half a file and
// an existing file is replaced only by a complete one.

#include <string>

#include "model/proto/results.pb.h"

namespace fccsim::model {

inline constexpr char kResultsCompleteMarker[] = "fccsim results complete";

// Sets result.complete and writes it atomically. False with *error set on any failure, in
// which case nothing at `path` changed.
bool WriteResults(fccsim::RunResult result, const std::string& path, std::string* error);

// Refuses (false, *error says why, naming the file) a missing, unreadable, unparsable,
// truncated or incomplete file.
bool ReadResults(const std::string& path, fccsim::RunResult* result, std::string* error);

// Writes <dir>/channel_intervals.csv, <dir>/channel_summary.csv and <dir>/group_intervals.csv
// (creating dir), each atomically. Units in column names. On failure some of the three may
// already have been replaced (each file is whole, old or new).
//
// Format: a header row, then one row per channel (summary) or per channel or group and
// interval, in the order of the result; "\n" line ends; RFC 4180 quoting of names containing
// a comma, quote or line break. Every measure is the mean across replications; a `*_ci95`
// column is the half width of its 95% interval, an empty cell when absent (one replication).
// Numbers are the shortest text that reads back as the same double. Fractions are in [0, 1],
// not percent; times in seconds; counts are per replication. target_met is 1 or 0. weekday
// is the Weekday enum name (MONDAY ... SUNDAY); start is HH:MM.
//   channel_summary.csv: channel, offered, offered_ci95, answered, abandoned, short_abandoned,
//     in_service_at_end, waiting_at_end, abandoned_fraction, service_level,
//     service_level_ci95, target_answer_within_s, target_fraction,
//     target_max_average_answer_s (0 = none), target_met, average_answer_s, wait_p50_s,
//     wait_p90_s, wait_p95_s, wait_max_s, answered_under_10s, answered_10_to_60s,
//     answered_60s_or_more, intervals_meeting_target
//   channel_intervals.csv: channel, index, day, weekday, start, offered, answered, abandoned,
//     service_level, service_level_ci95, average_answer_s, mean_queue_length
//   group_intervals.csv: group, index, occupancy, occupancy_ci95, handlers_online
bool WriteResultCsvs(const fccsim::RunResult& result, const std::string& dir, std::string* error);

// Writes `contents` to `path` atomically (temporary file + rename).
bool WriteFileAtomically(const std::string& path, const std::string& contents, std::string* error);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_RESULTS_RESULTS_IO_H_
