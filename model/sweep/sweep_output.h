#ifndef FCCSIM_MODEL_SWEEP_SWEEP_OUTPUT_H_
#define FCCSIM_MODEL_SWEEP_SWEEP_OUTPUT_H_

// A sweep's index and its tables of headline measures, beside the points' own results:
//   sweep.pb          the index (SweepResult, model/proto/sweep.proto)
//   sweep.csv         one row per point done and channel: point, label, one column per
//                     axis (its value), channel, then offered, service_level,
//                     average_answer_s, abandoned_fraction and wait_p90_s each with its _ci95
//                     half width, target_verdict, probability_target_met
//   sweep_groups.csv  one row per point done and group: point, label, the axes, group,
//                     occupancy, occupancy_ci95
// and the summary printed on stdout.

#include <string>
#include <vector>

#include "model/proto/sweep.pb.h"
#include "model/results/atomic_file.h"

namespace fccsim::model {

// The files WriteSweepIndex writes, by name in the sweep's folder.
std::vector<std::string> SweepIndexFileNames();

// Writes the index and the tables into `dir`, into `outputs` (renamed together by its
// Commit()). False with *error set on failure.
bool WriteSweepIndex(const fccsim::SweepResult& index, const std::string& dir, OutputSet* outputs,
                     std::string* error);

// Reads the index in `dir` (for --resume). False with *error set, naming the file, when it is
// missing, cut short or not an index.
bool ReadSweepIndex(const std::string& dir, fccsim::SweepResult* index, std::string* error);

// Per point done, each channel's service level, ASA, abandoned share and verdict.
std::string FormatSweepSummary(const fccsim::SweepResult& index);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_SWEEP_SWEEP_OUTPUT_H_
