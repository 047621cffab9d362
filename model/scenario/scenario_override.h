#ifndef FCCSIM_MODEL_SCENARIO_SCENARIO_OVERRIDE_H_
#define FCCSIM_MODEL_SCENARIO_SCENARIO_OVERRIDE_H_

// `--set PATH=VALUE`: one field of a scenario changed from the command line, so that a
// variant needs no copy of the file (docs/model.md, "Overrides"). PATH names fields from the
// scenario's top, '.' between them; an element of a repeated message field is picked by its
// position, `shifts[2]`, or by the value of one of its text fields, `shifts[name="999 late
// 1"]`. VALUE is in the scenario's own text format: a number, an enum name, a string (quotes
// optional), a list `[1, 2]` for a repeated field, or `{ ... }` for a message, which it then
// replaces whole. The scenario is validated after, as a file would be.

#include <string>

#include "model/proto/scenario.pb.h"

namespace fccsim::model {

// Applies `text` (PATH=VALUE) to *scenario. "" on success, with *field the path as
// problems name it (`roster.shifts[3].headcount`); else the problem, *scenario unchanged.
std::string ApplyOverride(const std::string& text, fccsim::Scenario* scenario, std::string* field);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_SCENARIO_SCENARIO_OVERRIDE_H_
