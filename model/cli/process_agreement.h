#ifndef FCCSIM_MODEL_CLI_PROCESS_AGREEMENT_H_
#define FCCSIM_MODEL_CLI_PROCESS_AGREEMENT_H_

// Before processes started by mpirun share a run, each says whether it is ready and what it
// is about to run, and they start only if all are ready with the same thing: the same fccsim
// build, the same input files (the scenario, its tables, a sweep file) and the same arguments.
// Otherwise every process stops, and process 0 says which process differs and how. Process 0
// alone checks the outputs, so it may be the only one not ready.

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "sim/process_group.h"

namespace fccsim::model {

// What a process is about to run, as "part:digest" words: the binary, then the `inputs`
// files' bytes, then `arguments`.
std::string RunFingerprint(const std::vector<std::string>& inputs,
                           const std::vector<std::string>& arguments);

// Collective: every process of `group` calls it with `status` (0: ready; otherwise the exit
// status it would end with, and `problem` saying why). Returns 0 on every process when all
// are ready with the same fingerprint; otherwise a non-zero status on every process (the
// first not ready's, or 2 for a mismatch), after process 0 printed why to `err` (a problem
// of its own is printed where it arose, not again). Alone, returns `status`.
int AgreeToStart(sim::ProcessGroup& group, int status, const std::string& problem,
                 const std::string& fingerprint, const std::string& command, std::ostream& err);

// For a command whose process 0 decides alone whether to start (its checks of the inputs and
// outputs may end it anywhere before): the other processes wait for its word. Alone, nothing.
class StartGate {
 public:
  explicit StartGate(sim::ProcessGroup& group) : group_(group) {}
  StartGate(const StartGate&) = delete;
  StartGate& operator=(const StartGate&) = delete;
  // On process 0, if Open was not called (an early return, an exception): tells the others
  // not to start.
  ~StartGate();

  // On process 0: lets the others start, with `word` (what they need to know of its checks).
  void Open(const std::string& word);
  // On process 0: tells the others at once that they have nothing to do (process 0 works
  // alone), so that they end rather than wait.
  void Close();

  // On the other processes: waits for process 0's word; nullopt when it does not start.
  static std::optional<std::string> Wait(sim::ProcessGroup& group);

 private:
  sim::ProcessGroup& group_;
  bool decided_ = false;
};

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_CLI_PROCESS_AGREEMENT_H_
