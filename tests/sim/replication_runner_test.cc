#include "sim/replication_runner.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <latch>
#include <mutex>
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

TEST(ReplicationRunner, FoldsInReplicationOrderOneAtATimeWithinTheWindow) {
  for (unsigned threads : {1u, 2u, 5u}) {
    for (unsigned window : {1u, 2u, 3u, 8u}) {
      constexpr std::uint64_t kReplications = 30;
      std::mutex mu;
      std::uint64_t started = 0, folded = 0, most_held = 0;
      std::atomic<int> folding{0};
      std::vector<std::uint64_t> order;
      bool overlapped = false;
      RunReplicationsInOrder(
          kReplications, threads, window,
          [&](std::uint64_t r) {
            {
              std::lock_guard<std::mutex> lock(mu);
              ++started;
              most_held = std::max(most_held, started - folded);
            }
            // Later replications finish sooner, so results arrive out of order.
            std::this_thread::sleep_for(std::chrono::microseconds(300 * ((r * 7) % 5)));
          },
          [&](std::uint64_t r) {
            if (folding.fetch_add(1) != 0) overlapped = true;
            order.push_back(r);  // safe: folds never overlap (checked)
            std::this_thread::sleep_for(std::chrono::microseconds(100));
            folding.fetch_sub(1);
            std::lock_guard<std::mutex> lock(mu);
            ++folded;
          });
      std::vector<std::uint64_t> expected(kReplications);
      for (std::uint64_t r = 0; r < kReplications; ++r) expected[r] = r;
      EXPECT_EQ(order, expected) << threads << " threads, window " << window;
      EXPECT_FALSE(overlapped);
      EXPECT_LE(most_held, window) << threads << " threads, window " << window;
    }
  }
}

TEST(ReplicationRunner, AnOrderedRunStopsFoldingAtTheLowestFailure) {
  for (unsigned threads : {1u, 2u, 4u}) {
    std::vector<std::uint64_t> folded;
    try {
      RunReplicationsInOrder(
          12, threads, 3,
          [](std::uint64_t r) {
            if (r == 6) throw std::runtime_error("bad");
            if (r == 4) {
              std::this_thread::sleep_for(std::chrono::milliseconds(10));
              throw std::runtime_error("worse");
            }
          },
          [&folded](std::uint64_t r) { folded.push_back(r); });
      FAIL() << "expected ReplicationError";
    } catch (const ReplicationError& e) {
      EXPECT_EQ(e.replication(), 4u) << threads;
    }
    EXPECT_EQ(folded, (std::vector<std::uint64_t>{0, 1, 2, 3})) << threads;
  }
  // A fold that throws is that replication's failure.
  try {
    RunReplicationsInOrder(5, 2, 2, [](std::uint64_t) {},
                           [](std::uint64_t r) {
                             if (r == 2) throw std::runtime_error("cannot merge");
                           });
    FAIL() << "expected ReplicationError";
  } catch (const ReplicationError& e) {
    EXPECT_EQ(e.replication(), 2u);
  }
}

TEST(ReplicationRunner, AStoppedOrderedRunFoldsExactlyThePrefixItStarted) {
  for (unsigned threads : {1u, 2u, 4u}) {
    std::atomic<int> started{0};
    std::mutex mu;
    std::vector<std::uint64_t> ran, folded;
    const std::uint64_t kept = RunReplicationsInOrderUntil(
        100, threads, 3,
        [&](std::uint64_t r) {
          ++started;
          // Uneven lengths, so that later replications often finish first.
          std::this_thread::sleep_for(std::chrono::microseconds(r % 3 == 0 ? 300 : 10));
          std::lock_guard<std::mutex> lock(mu);
          ran.push_back(r);
        },
        [&](std::uint64_t r) { folded.push_back(r); }, [&] { return started.load() >= 7; });
    SCOPED_TRACE(threads);
    EXPECT_GE(kept, 7u);
    EXPECT_LT(kept, 100u);
    ASSERT_EQ(folded.size(), kept);
    for (std::uint64_t r = 0; r < kept; ++r) EXPECT_EQ(folded[r], r);
    std::sort(ran.begin(), ran.end());
    EXPECT_EQ(ran, folded);  // every replication started was folded, and none other
  }
  // Never stopping: every replication.
  std::vector<std::uint64_t> all;
  EXPECT_EQ(RunReplicationsInOrderUntil(
                20, 2, 2, [](std::uint64_t) {}, [&](std::uint64_t r) { all.push_back(r); },
                [] { return false; }),
            20u);
  EXPECT_EQ(all.size(), 20u);
}

TEST(ReplicationRunner, WorkerThreadsAreAtLeastOneAndNoMoreThanTheTasks) {
  EXPECT_EQ(WorkerThreads(4, 10), 4u);
  EXPECT_EQ(WorkerThreads(4, 3), 3u);
  EXPECT_EQ(WorkerThreads(4, 0), 1u);
  EXPECT_EQ(WorkerThreads(0, 1), 1u);
  const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
  EXPECT_EQ(WorkerThreads(0, 1000), std::min(hardware, 1000u));
}

TEST(ReplicationRunner, ReplicationErrorIsARuntimeError) {
  const ReplicationError error(7, "boom");
  const std::runtime_error& base = error;
  EXPECT_STREQ(base.what(), "replication 7: boom");
  EXPECT_EQ(error.replication(), 7u);
}

}  // namespace
}  // namespace fccsim::sim
