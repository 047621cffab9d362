#include "sim/replication_runner.h"

#include <sched.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <limits>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "sim/check.h"

namespace fccsim::sim {

ReplicationError::ReplicationError(std::uint64_t replication, const std::string& what)
    : std::runtime_error("replication " + std::to_string(replication) + ": " + what),
      replication_(replication),
      cause_(what) {}

namespace {

// Remembers the failure with the lowest replication index, whatever order threads finish in,
// so the error reported does not depend on scheduling.
class FirstFailure {
 public:
  void Record(std::uint64_t replication, std::string what) {
    std::lock_guard<std::mutex> lock(mu_);
    if (replication < replication_) {
      replication_ = replication;
      what_ = std::move(what);
    }
  }

  void ThrowIfAny() const {
    if (replication_ != kNone) throw ReplicationError(replication_, what_);
  }

 private:
  static constexpr std::uint64_t kNone = std::numeric_limits<std::uint64_t>::max();
  mutable std::mutex mu_;
  std::uint64_t replication_ = kNone;
  std::string what_;
};

void RunOne(std::uint64_t replication,
            const std::function<void(std::uint64_t replication)>& run, FirstFailure* failure) {
  // An exception must not escape into the pool: it would stop a worker thread and lose the
  // replications queued behind it.
  try {
    run(replication);
  } catch (const std::exception& e) {
    failure->Record(replication, e.what());
  } catch (...) {
    failure->Record(replication, "unknown exception (not derived from std::exception)");
  }
}

// The cores this process may run on: fewer than the machine's when it is bound to some (mpirun
// binds each process to a core or a socket; taskset), which hardware_concurrency ignores.
unsigned UsableCores() {
  cpu_set_t cores;
  CPU_ZERO(&cores);
  if (sched_getaffinity(0, sizeof cores, &cores) == 0 && CPU_COUNT(&cores) > 0) {
    return static_cast<unsigned>(CPU_COUNT(&cores));
  }
  return std::thread::hardware_concurrency();
}

}  // namespace

unsigned WorkerThreads(unsigned requested, std::uint64_t tasks) {
  const unsigned threads = requested == 0 ? UsableCores() : requested;
  return static_cast<unsigned>(
      std::clamp<std::uint64_t>(threads, 1, std::max<std::uint64_t>(tasks, 1)));
}

void RunReplications(std::uint64_t replications, unsigned threads,
                     const std::function<void(std::uint64_t replication)>& run) {
  if (replications == 0) return;
  threads = WorkerThreads(threads, replications);

  FirstFailure failure;
  if (threads == 1) {
    // No pool: the replications run on the caller's thread, in order, which keeps stack traces
    // and debugger sessions simple.
    for (std::uint64_t r = 0; r < replications; ++r) RunOne(r, run, &failure);
  } else {
    boost::asio::thread_pool pool(threads);
    for (std::uint64_t r = 0; r < replications; ++r) {
      boost::asio::post(pool, [r, &run, &failure] { RunOne(r, run, &failure); });
    }
    pool.join();
  }
  failure.ThrowIfAny();
}

namespace {

// The shared state of RunReplicationsInOrder's workers.
class OrderedRun {
 public:
  OrderedRun(std::uint64_t replications, unsigned window,
             const std::function<void(std::uint64_t)>& run,
             const std::function<void(std::uint64_t)>& fold, const std::function<bool()>& stop)
      : replications_(replications), window_(window), run_(run), fold_(fold), stop_(stop),
        done_(replications, false) {}

  void Work() {
    for (;;) {
      std::uint64_t r;
      {
        std::unique_lock<std::mutex> lock(mu_);
        startable_.wait(lock, [this] {
          return failed_ || next_start_ >= replications_ || next_start_ < folded_ + window_;
        });
        if (failed_ || next_start_ >= replications_) return;
        // Asked under the lock, so that no replication starts after one worker saw `stop`:
        // those started are then exactly 0..next_start_-1.
        if (stop_ && stop_()) {
          replications_ = next_start_;
          startable_.notify_all();
          return;
        }
        r = next_start_++;
      }
      bool ok = Attempt(r, run_);
      std::unique_lock<std::mutex> lock(mu_);
      done_[r] = ok;
      if (!ok) failed_ = true;
      // Whoever completes the replication next in line folds it and any ready after it; the
      // others go back to running.
      while (ok && !failed_ && !folding_ && folded_ < replications_ && done_[folded_]) {
        folding_ = true;
        const std::uint64_t next = folded_;
        lock.unlock();
        ok = Attempt(next, fold_);
        lock.lock();
        folding_ = false;
        if (ok) {
          ++folded_;
        } else {
          failed_ = true;
        }
      }
      startable_.notify_all();
    }
  }

  void ThrowIfAny() const { failure_.ThrowIfAny(); }
  std::uint64_t folded() const { return folded_; }

 private:
  bool Attempt(std::uint64_t r, const std::function<void(std::uint64_t)>& step) {
    try {
      step(r);
      return true;
    } catch (const std::exception& e) {
      failure_.Record(r, e.what());
    } catch (...) {
      failure_.Record(r, "unknown exception (not derived from std::exception)");
    }
    return false;
  }

  std::uint64_t replications_;  // lowered to those started when `stop_` says so
  const std::uint64_t window_;
  const std::function<void(std::uint64_t)>& run_;
  const std::function<void(std::uint64_t)>& fold_;
  const std::function<bool()>& stop_;
  std::mutex mu_;
  std::condition_variable startable_;
  std::vector<bool> done_;  // run(r) finished without throwing
  std::uint64_t next_start_ = 0;
  std::uint64_t folded_ = 0;
  bool folding_ = false;
  bool failed_ = false;
  FirstFailure failure_;
};

}  // namespace

void RunReplicationsInOrder(std::uint64_t replications, unsigned threads, unsigned window,
                            const std::function<void(std::uint64_t replication)>& run,
                            const std::function<void(std::uint64_t replication)>& fold) {
  RunReplicationsInOrderUntil(replications, threads, window, run, fold, nullptr);
}

std::uint64_t RunReplicationsInOrderUntil(
    std::uint64_t replications, unsigned threads, unsigned window,
    const std::function<void(std::uint64_t replication)>& run,
    const std::function<void(std::uint64_t replication)>& fold, const std::function<bool()>& stop) {
  FCCSIM_CHECK(window >= 1, "window must be >= 1");
  if (replications == 0) return 0;
  threads = WorkerThreads(threads, replications);
  OrderedRun state(replications, window, run, fold, stop);
  if (threads == 1) {
    state.Work();
  } else {
    boost::asio::thread_pool pool(threads);
    for (unsigned t = 0; t < threads; ++t) boost::asio::post(pool, [&state] { state.Work(); });
    pool.join();
  }
  state.ThrowIfAny();
  return state.folded();
}

}  // namespace fccsim::sim
