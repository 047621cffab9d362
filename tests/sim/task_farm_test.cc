#include "sim/task_farm.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace fccsim::sim {
namespace {

// Later tasks finish first: the fold must put them back in order.
void SlowEarlyTasks(std::uint64_t task, unsigned, std::string* bytes) {
  if (task % 3 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  *bytes = "task " + std::to_string(task);
}

TEST(TaskFarm, FoldsEveryResultInTaskOrderWhateverTheThreads) {
  for (const unsigned threads : {1u, 2u, 5u}) {
    std::vector<std::string> folded;
    FarmOptions options;
    options.threads = threads;
    const std::uint64_t n = FarmTasks(
        ProcessGroup::World(), 40, options, SlowEarlyTasks,
        [&](std::uint64_t task, std::string_view bytes) {
          EXPECT_EQ(task, folded.size());
          folded.emplace_back(bytes);
        },
        nullptr);
    EXPECT_EQ(n, 40u);
    ASSERT_EQ(folded.size(), 40u);
    for (std::uint64_t t = 0; t < 40; ++t) EXPECT_EQ(folded[t], "task " + std::to_string(t));
  }
}

TEST(TaskFarm, NoTaskIsNoWork) {
  int calls = 0;
  EXPECT_EQ(FarmTasks(
                ProcessGroup::World(), 0, FarmOptions{},
                [&](std::uint64_t, unsigned, std::string*) { ++calls; },
                [&](std::uint64_t, std::string_view) { ++calls; }, nullptr),
            0u);
  EXPECT_EQ(calls, 0);
}

TEST(TaskFarm, KeepsAtMostAWindowOfTasksAhead) {
  FarmOptions options;
  options.threads = 3;
  options.window_per_thread = 1;
  std::atomic<std::uint64_t> folded{0};
  std::atomic<bool> ahead{false};
  FarmTasks(
      ProcessGroup::World(), 60, options,
      [&](std::uint64_t task, unsigned, std::string* bytes) {
        if (task >= folded.load() + 3) ahead = true;
        SlowEarlyTasks(task, 0, bytes);
      },
      [&](std::uint64_t, std::string_view) { ++folded; }, nullptr);
  EXPECT_FALSE(ahead.load());
}

TEST(TaskFarm, AStopFoldsAPrefixAndHandsOutNothingMore) {
  for (const unsigned threads : {1u, 4u}) {
    std::atomic<std::uint64_t> started{0};
    std::vector<std::uint64_t> folded;
    FarmOptions options;
    options.threads = threads;
    const std::uint64_t n = FarmTasks(
        ProcessGroup::World(), 100, options,
        [&](std::uint64_t task, unsigned, std::string* bytes) {
          ++started;
          SlowEarlyTasks(task, 0, bytes);
        },
        [&](std::uint64_t task, std::string_view) { folded.push_back(task); },
        [](std::uint64_t next) { return next >= 17; });
    EXPECT_EQ(n, 17u);
    EXPECT_EQ(started.load(), 17u);
    ASSERT_EQ(folded.size(), 17u);
    for (std::uint64_t t = 0; t < 17; ++t) EXPECT_EQ(folded[t], t);
  }
}

TEST(TaskFarm, AFailingTaskIsNamedAndTheTasksBeforeItFolded) {
  for (const unsigned threads : {1u, 3u}) {
    std::vector<std::uint64_t> folded;
    FarmOptions options;
    options.threads = threads;
    try {
      FarmTasks(
          ProcessGroup::World(), 50, options,
          [](std::uint64_t task, unsigned, std::string* bytes) {
            if (task == 11 || task == 12) throw std::runtime_error("bad " + std::to_string(task));
            SlowEarlyTasks(task, 0, bytes);
          },
          [&](std::uint64_t task, std::string_view) { folded.push_back(task); }, nullptr);
      FAIL() << "no exception";
    } catch (const TaskFailed& e) {
      EXPECT_EQ(e.task(), 11u);
      EXPECT_STREQ(e.what(), "bad 11");
    }
    ASSERT_EQ(folded.size(), 11u);
    for (std::uint64_t t = 0; t < 11; ++t) EXPECT_EQ(folded[t], t);
  }
}

TEST(TaskFarm, AFoldThatThrowsEndsTheFarmWithItsException) {
  std::vector<std::uint64_t> folded;
  FarmOptions options;
  options.threads = 2;
  EXPECT_THROW(FarmTasks(
                   ProcessGroup::World(), 30, options, SlowEarlyTasks,
                   [&](std::uint64_t task, std::string_view) {
                     if (task == 5) throw std::logic_error("cannot write");
                     folded.push_back(task);
                   },
                   nullptr),
               std::logic_error);
  EXPECT_EQ(folded.size(), 5u);
}

}  // namespace
}  // namespace fccsim::sim
