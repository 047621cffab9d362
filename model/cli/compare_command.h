#ifndef FCCSIM_MODEL_CLI_COMPARE_COMMAND_H_
#define FCCSIM_MODEL_CLI_COMPARE_COMMAND_H_

// `fccsim compare BASE [VARIANT...] -o COMPARISON.pb [--variant LABEL [--set PATH=VALUE]...]`:
// a base scenario and its variants on common random numbers, each variant's differences
// from the base with paired intervals (model/compare/compare_run.h).

#include <ostream>
#include <string>
#include <vector>

namespace fccsim::model {

// `args` are the arguments after `compare`. Writes the summary (or --help's usage) to `out`,
// problems and progress to `err`. Returns the exit code: 0 ok, 2 bad input or usage
// (nothing written), 1 a replication or a write failed.
int RunCompareCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_CLI_COMPARE_COMMAND_H_
