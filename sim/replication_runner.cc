#include "sim/replication_runner.h"

#include <algorithm>
#include <cstdint>
#include <exception>
#include <limits>
#include <mutex>
#include <string>
#include <thread>

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

namespace fccsim::sim {

ReplicationError::ReplicationError(std::uint64_t replication, const std::string& what)
    : std::runtime_error("replication " + std::to_string(replication) + ": " + what),
      replication_(replication) {}

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

}  // namespace

void RunReplications(std::uint64_t replications, unsigned threads,
                     const std::function<void(std::uint64_t replication)>& run) {
  if (replications == 0) return;
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  if (threads > replications) threads = static_cast<unsigned>(replications);

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

}  // namespace fccsim::sim
