#ifndef FCCSIM_MODEL_PLAN_PLAN_OUTPUT_H_
#define FCCSIM_MODEL_PLAN_PLAN_OUTPUT_H_

// A plan as a planner reads it: the protobuf file, CSV tables for a spreadsheet or a WFM
// system, and the summary printed on stdout.
//
// CSV tables, one row per channel (or group) and interval, with the columns of
// ChannelRequirement (GroupRequirement) after the channel's (group's) name; an optional
// field not set is an empty cell, numbers and text as in the results' tables:
//   plan_channels.csv   the analytic requirement per channel
//   plan_groups.csv     required against scheduled, per group

#include <string>
#include <vector>

#include "model/proto/plan.pb.h"
#include "model/results/atomic_file.h"

namespace fccsim::model {

// The CSV files' names.
std::vector<std::string> PlanCsvFileNames();

// Writes `plan` to `path` and, unless `csv_dir` is empty, the CSV tables into `csv_dir`
// (created if missing), into `outputs`, whose Commit() renames them into place with its other
// files. False with *error set on failure; then nothing was replaced.
bool WritePlan(const fccsim::PlanResult& plan, const std::string& path, const std::string& csv_dir,
               OutputSet* outputs, std::string* error);

// The summary: per channel its method, agent-hours and peak; per group required against
// scheduled handler-hours and the intervals short.
std::string FormatPlanSummary(const fccsim::PlanResult& plan);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_PLAN_PLAN_OUTPUT_H_
