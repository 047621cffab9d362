#include "sim/replication_runner.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <latch>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "sim/random_stream.h"

namespace fccsim::sim {
namespace {

// Counts how often each replication ran. Atomics because the runner calls from several threads.
std::vector<int> RunCounts(std::uint64_t replications, unsigned threads) {
  std::vector<std::atomic<int>> counts(replications);
  RunReplications(replications, threads, [&counts](std::uint64_t r) { counts[r].fetch_add(1); });
  std::vector<int> result;
  for (const auto& c : counts) result.push_back(c.load());
  return result;
}

TEST(ReplicationRunner, EveryReplicationRunsExactlyOnce) {
  for (unsigned threads : {0u, 1u, 2u, 7u, 64u}) {
    EXPECT_EQ(RunCounts(100, threads), std::vector<int>(100, 1)) << "threads " << threads;
  }
}

TEST(ReplicationRunner, MoreThreadsThanReplicationsIsFine) {
  EXPECT_EQ(RunCounts(3, 16), std::vector<int>(3, 1));
}

TEST(ReplicationRunner, ZeroReplicationsReturnsAtOnceWithoutCalling) {
  bool called = false;
  RunReplications(0, 4, [&called](std::uint64_t) { called = true; });
  EXPECT_FALSE(called);
}

// A replication that owns its stream and writes only its slot: the pattern the model follows.
std::vector<double> SimulatedSums(unsigned threads) {
  constexpr std::uint64_t kReplications = 40;
  std::vector<double> sums(kReplications);
  RunReplications(kReplications, threads, [&sums](std::uint64_t r) {
    RandomStream stream(20240601, r, StreamId("replication_runner_test"));
    double sum = 0;
    for (int i = 0; i < 1000; ++i) sum += stream.NextUniform01();
    sums[r] = sum;
  });
  return sums;
}

TEST(ReplicationRunner, ResultsByIndexAreIdenticalWhateverTheThreadCount) {
  const std::vector<double> one = SimulatedSums(1);
  EXPECT_EQ(SimulatedSums(2), one);
  EXPECT_EQ(SimulatedSums(7), one);
  EXPECT_EQ(SimulatedSums(0), one);
}

TEST(ReplicationRunner, RunsReplicationsConcurrently) {
  // Each of two replications waits for the other; with only one thread neither could arrive.
  // The wait is bounded so that a broken runner fails instead of hanging.
  std::latch both_started(2);
  std::atomic<int> saw_other{0};
  RunReplications(2, 2, [&](std::uint64_t) {
    both_started.count_down();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!both_started.try_wait() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    if (both_started.try_wait()) saw_other.fetch_add(1);
  });
  EXPECT_EQ(saw_other.load(), 2);
}

TEST(ReplicationRunner, ReportsLowestFailingReplicationAndStillRunsTheOthers) {
  for (unsigned threads : {1u, 2u, 7u}) {
    std::vector<std::atomic<int>> counts(10);
    try {
      RunReplications(10, threads, [&counts](std::uint64_t r) {
        counts[r].fetch_add(1);
        // 5 fails first in time when the threads allow it; 3 must still be the one reported.
        if (r == 5) throw std::runtime_error("patience table empty");
        if (r == 3) {
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
          throw std::invalid_argument("negative handling time");
        }
      });
      FAIL() << "expected ReplicationError, threads " << threads;
    } catch (const ReplicationError& e) {
      EXPECT_EQ(e.replication(), 3u) << "threads " << threads;
      EXPECT_EQ(std::string(e.what()), "replication 3: negative handling time");
    }
    for (std::uint64_t r = 0; r < counts.size(); ++r) {
      EXPECT_EQ(counts[r].load(), 1) << "replication " << r << ", threads " << threads;
    }
  }
}

TEST(ReplicationRunner, ExceptionNotDerivedFromStdExceptionIsReported) {
  try {
    RunReplications(4, 2, [](std::uint64_t r) {
      if (r == 2) throw 42;
    });
    FAIL() << "expected ReplicationError";
  } catch (const ReplicationError& e) {
    EXPECT_EQ(e.replication(), 2u);
    EXPECT_EQ(std::string(e.what()).rfind("replication 2: ", 0), 0u) << e.what();
  }
}

TEST(ReplicationRunner, ReplicationErrorIsARuntimeError) {
  const ReplicationError error(7, "boom");
  const std::runtime_error& base = error;
  EXPECT_STREQ(base.what(), "replication 7: boom");
  EXPECT_EQ(error.replication(), 7u);
}

}  // namespace
}  // namespace fccsim::sim
