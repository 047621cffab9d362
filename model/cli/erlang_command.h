#ifndef FCCSIM_MODEL_CLI_ERLANG_COMMAND_H_
#define FCCSIM_MODEL_CLI_ERLANG_COMMAND_H_

// `fccsim erlang`: the quick analytic questions a planner asks from the command line, answered
// with model/erlang.h.
//
//   --calls-per-hour X --aht-s S --agents N [--answer-within-s T] [--patience-s P]
//       the figures for N agents: Erlang C, and Erlang A as well with a patience
//   --calls-per-hour X --aht-s S --target F --answer-within-s T [--patience-s P]
//       the fewest agents answering the share F within T seconds, and the figures there
//   --erlang-b --erlangs A --lines N   (or --calls-per-hour X --aht-s S instead of --erlangs)
//       the probability that a call finds every line busy
//
// Every input is checked here, with a message naming the flag, before any model/erlang.h
// function is called (those abort on a broken contract).

#include <ostream>
#include <string>
#include <vector>

namespace fccsim::model {

// `args` are the arguments after `erlang` (flags as `--name value` or `--name=value`).
// Writes the answer (or, for --help, the usage) to `out` and any error to `err`. Returns the
// process exit code: 0 answered, 2 bad input or usage, 1 if a figure could not be evaluated.
int RunErlangCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// The usage text of `fccsim erlang`, as --help prints it.
std::string ErlangCommandUsage();

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_CLI_ERLANG_COMMAND_H_
