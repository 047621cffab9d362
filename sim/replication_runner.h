#ifndef FCCSIM_SIM_REPLICATION_RUNNER_H_
#define FCCSIM_SIM_REPLICATION_RUNNER_H_

// Runs independent replications in parallel. Each replication must own everything it touches
// (its simulator, model and random streams) and write its result only to its own slot; the
// caller merges results in replication order afterwards, so output is identical bit for bit
// whatever the thread count.

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>

namespace fccsim::sim {

// A replication threw. Carries the lowest failing replication index; what() is
// "replication R: <what() of the exception thrown>".
class ReplicationError : public std::runtime_error {
 public:
  ReplicationError(std::uint64_t replication, const std::string& what);
  std::uint64_t replication() const { return replication_; }

 private:
  std::uint64_t replication_;
};

// Calls run(r) for every r in [0, replications), on `threads` threads (0 = hardware
// concurrency, capped at `replications`). Returns when all are done. If any call throws,
// the others still finish, and a ReplicationError for the lowest failing index is thrown
// (whatever the order in which threads finished). With one thread, runs on the caller's thread
// in replication order.
void RunReplications(std::uint64_t replications, unsigned threads,
                     const std::function<void(std::uint64_t replication)>& run);

}  // namespace fccsim::sim

#endif  // FCCSIM_SIM_REPLICATION_RUNNER_H_
