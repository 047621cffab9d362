#ifndef FCCSIM_MODEL_PLAN_ROSTER_WRITER_H_
#define FCCSIM_MODEL_PLAN_ROSTER_WRITER_H_

// The staffing a plan found, as a scenario ready to run: the planned scenario is the original
// with its roster replaced by a weekly headcount table of the handlers on duty (nobody absent,
// no breaks), so that `fccsim run` on it, with the plan's seed and replications, reproduces
// the simulation that verified the plan, interval by interval (for a horizon of at most a
// week; a longer one's table takes, for each time of the week, the most of its weeks).
//
// Files, in `dir`: planned.textproto and planned_headcount.csv (columns weekday, start and
// one per group). Arrival tables the scenario reads are referred to where they are.
// A plan of shift patterns is written instead as planned.textproto, its roster the planned
// shifts (and the shifts of groups without patterns, and any headcount table), and, with
// --simulate, topped_up.textproto, its roster the scenario's own shifts topped up (verified
// or not, as the plan says).

#include <string>
#include <vector>

#include "model/results/atomic_file.h"
#include "model/scenario/model_spec.h"
#include "model/scenario/scenario_loader.h"

namespace fccsim::model {

// The files' names.
std::vector<std::string> PlannedScenarioFileNames();

// Writes the planned scenario for `on_duty` ([group][reported interval]) into `dir`
// (created if missing), into `outputs` (renamed into place by its Commit(), with its other
// files). False with *error set.
bool WritePlannedScenario(const LoadedScenario& loaded, const ModelSpec& spec,
                          const std::vector<std::vector<int>>& on_duty, const std::string& dir,
                          OutputSet* outputs, std::string* error);

// Writes `planned` (the scenario with its planned shifts) as DIR/planned.textproto, into
// `outputs`. False with *error set.
bool WritePlannedShiftScenario(const LoadedScenario& loaded, const fccsim::Scenario& planned,
                               const std::string& dir, OutputSet* outputs, std::string* error);

// Writes `topped_up` (the scenario with its roster topped up) as DIR/topped_up.textproto,
// into `outputs`. False with *error set.
bool WriteToppedUpScenario(const LoadedScenario& loaded, const fccsim::Scenario& topped_up,
                           const std::string& dir, OutputSet* outputs, std::string* error);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_PLAN_ROSTER_WRITER_H_
