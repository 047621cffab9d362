#ifndef FCCSIM_MODEL_CLI_SWEEP_COMMAND_H_
#define FCCSIM_MODEL_CLI_SWEEP_COMMAND_H_

// `fccsim sweep SWEEP -o DIR [--resume]`: a base scenario run at every point of a sweep file
// (model/sweep/), each point's results and an index of headline measures in DIR.

#include <ostream>
#include <string>
#include <vector>

namespace fccsim::model {

// `args` are the arguments after `sweep`. Writes the summary (or --help's usage) to `out`,
// problems and progress to `err`. Returns the exit code: 0 ok, 2 bad input or usage
// (nothing written), 1 a replication or a write failed (the points done are kept), 128 + N
// stopped by signal N (the points done are kept; --resume finishes the sweep).
int RunSweepCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_CLI_SWEEP_COMMAND_H_
