#ifndef FCCSIM_MODEL_CLI_PLAN_COMMAND_H_
#define FCCSIM_MODEL_CLI_PLAN_COMMAND_H_

// `fccsim plan SCENARIO -o PLAN.pb [--csv DIR] [--max-occupancy M] [--strict]`: the staffing
// the scenario's demand needs per interval (model/plan/requirements.h), against what its
// roster schedules.

#include <ostream>
#include <string>
#include <vector>

namespace fccsim::model {

// `args` are the arguments after `plan`. Writes the summary (or --help's usage) to `out`,
// problems to `err`. Returns the exit code: 0 ok, 2 bad input or usage (nothing written),
// 1 a write failed.
int RunPlanCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_CLI_PLAN_COMMAND_H_
