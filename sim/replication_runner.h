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
  // What the exception thrown said, without the replication.
  const std::string& cause() const { return cause_; }

 private:
  std::uint64_t replication_;
  std::string cause_;
};

// The number of worker threads the functions below use for `tasks` tasks when asked for
// `requested` (0 = every core this process may run on): at least one, and no more than there
// are tasks.
// Exposed so that callers sizing per-thread buffers size them for the threads that run.
unsigned WorkerThreads(unsigned requested, std::uint64_t tasks);

// Calls run(r) for every r in [0, replications), on WorkerThreads(threads, replications)
// threads. Returns when all are done. If any call throws,
// the others still finish, and a ReplicationError for the lowest failing index is thrown
// (whatever the order in which threads finished). With one thread, runs on the caller's thread
// in replication order.
void RunReplications(std::uint64_t replications, unsigned threads,
                     const std::function<void(std::uint64_t replication)>& run);

// As RunReplications, and calls fold(r) for every r in replication order, one call at a time
// (never two at once), as soon as run(r) and fold(r - 1) are done, on whichever worker thread
// finished the last of them. So a caller can reduce each replication's result as it comes, in
// an order that does not depend on the thread count. run(r) starts only once
// r < (replications folded) + window, so a caller keeping results in slots r % window, each
// freed by fold(r), never holds more than `window` of them.
// If a run or fold throws, replications not yet started are skipped, fold is not called for
// the failing replication or any after it, and a ReplicationError for the lowest failing index
// is thrown (that index is always run: replications start in index order).
// REQUIRES: window >= 1.
void RunReplicationsInOrder(std::uint64_t replications, unsigned threads, unsigned window,
                            const std::function<void(std::uint64_t replication)>& run,
                            const std::function<void(std::uint64_t replication)>& fold);

// As above, and before starting each replication asks `stop`: once it returns true, no
// replication starts any more, those running finish and are folded, and the call returns.
// Since replications start in index order, those folded are always a prefix 0..k-1 of them,
// whatever the thread count; returns k.
std::uint64_t RunReplicationsInOrderUntil(
    std::uint64_t replications, unsigned threads, unsigned window,
    const std::function<void(std::uint64_t replication)>& run,
    const std::function<void(std::uint64_t replication)>& fold, const std::function<bool()>& stop);

}  // namespace fccsim::sim

#endif  // FCCSIM_SIM_REPLICATION_RUNNER_H_
