#include "sim/task_farm.h"

#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "sim/check.h"
#include "sim/replication_runner.h"

namespace fccsim::sim {
namespace {

// Messages between process 0 and the others. A result or a failure also says that the thread
// which sent it is free for another task.
enum Tag : int {
  kFree = 1,    // to 0: a thread is free (one per thread, at the start)
  kTask = 2,    // from 0: run this task (8 bytes: its index)
  kResult = 3,  // to 0: the task's index, then its result
  kFailed = 4,  // to 0: the task's index, then what its exception said
  kEnd = 5,     // from 0: no more tasks; reply kEnded
  kEnded = 6,   // to 0: the last message of this process
};

std::string TaskBytes(std::uint64_t task) {
  return std::string(reinterpret_cast<const char*>(&task), sizeof task);
}

std::uint64_t TaskOf(std::string_view message) {
  std::uint64_t task = 0;
  FCCSIM_CHECK(message.size() >= sizeof task,
               "a farm message of " + std::to_string(message.size()) + " bytes");
  std::memcpy(&task, message.data(), sizeof task);
  return task;
}

struct Finished {
  std::uint64_t task = 0;
  bool ok = false;
  std::string bytes;  // the result, or the failure's message
};

// This process's threads: tasks in, finished tasks out. Buffers come back to be reused, so
// that results of many megabytes do not each touch fresh pages.
class LocalThreads {
 public:
  // Keeps at most `spare` buffers for reuse: results from other processes come back to be
  // recycled too, and would otherwise pile up.
  LocalThreads(unsigned threads, std::size_t spare, const FarmWork& work)
      : work_(work), max_spare_(spare) {
    for (unsigned t = 0; t < threads; ++t) threads_.emplace_back([this, t] { Loop(t); });
  }
  ~LocalThreads() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      closing_ = true;
    }
    to_run_.notify_all();
    for (std::thread& t : threads_) t.join();
  }

  void Give(std::uint64_t task) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      inbox_.push_back(task);
    }
    to_run_.notify_one();
  }

  // Moves the tasks finished into *out, waiting up to `wait` for one when none is.
  void Collect(std::vector<Finished>* out, std::chrono::microseconds wait) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (outbox_.empty()) finished_.wait_for(lock, wait, [this] { return !outbox_.empty(); });
    for (Finished& f : outbox_) out->push_back(std::move(f));
    outbox_.clear();
  }

  std::string Buffer() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (spare_.empty()) return {};
    std::string b = std::move(spare_.back());
    spare_.pop_back();
    return b;
  }
  void Recycle(std::string bytes) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (spare_.size() < max_spare_) spare_.push_back(std::move(bytes));
  }

 private:
  void Loop(unsigned thread) {
    while (true) {
      std::uint64_t task = 0;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        to_run_.wait(lock, [this] { return closing_ || !inbox_.empty(); });
        if (inbox_.empty()) return;
        task = inbox_.front();
        inbox_.pop_front();
      }
      Finished f{task, true, Buffer()};
      try {
        work_(task, thread, &f.bytes);
      } catch (const std::exception& e) {
        f = Finished{task, false, e.what()};
      } catch (...) {
        f = Finished{task, false, "an exception that is not a std::exception"};
      }
      {
        std::lock_guard<std::mutex> lock(mutex_);
        outbox_.push_back(std::move(f));
      }
      finished_.notify_one();
    }
  }

  const FarmWork& work_;
  const std::size_t max_spare_;
  std::mutex mutex_;
  std::condition_variable to_run_, finished_;
  std::deque<std::uint64_t> inbox_;
  std::vector<Finished> outbox_;
  std::vector<std::string> spare_;
  bool closing_ = false;
  std::vector<std::thread> threads_;  // last: started once the rest exists
};

// How long the coordinating thread waits for its own threads before looking for messages.
constexpr std::chrono::microseconds kPoll{300};

std::uint64_t Coordinate(ProcessGroup& group, std::uint64_t tasks, unsigned threads,
                         std::uint64_t window, const FarmWork& work, const FarmFold& fold,
                         const FarmStop& stop) {
  std::deque<int> free;  // one entry per idle thread, by process
  for (unsigned t = 0; t < threads; ++t) free.push_back(0);
  std::map<std::uint64_t, std::string> results;                  // done, waiting for an earlier one
  std::optional<std::pair<std::uint64_t, std::string>> failure;  // the lowest
  std::exception_ptr fold_error;
  std::uint64_t next = 0, folded = 0, in_flight = 0;
  bool open = true;  // still handing out tasks
  std::vector<Finished> finished;
  std::string message;
  // Every result waiting to be folded, and one being received, may hold a buffer.
  LocalThreads local(threads, window + threads + 1, work);

  const auto take = [&](int from, Finished&& f) {
    --in_flight;
    free.push_back(from);
    if (!f.ok) {
      if (!failure || f.task < failure->first) failure.emplace(f.task, std::move(f.bytes));
      open = false;
    } else if (!fold_error) {
      results.emplace(f.task, std::move(f.bytes));
    }
  };
  while (true) {
    int from = 0, tag = 0;
    while (group.TryReceive(&from, &tag, &message)) {
      if (tag == kFree) {
        free.push_back(from);
      } else if (tag == kResult || tag == kFailed) {
        const std::uint64_t task = TaskOf(message);
        std::string bytes = local.Buffer();
        bytes.assign(message, sizeof task);
        take(from, Finished{task, tag == kResult, std::move(bytes)});
      }
    }
    // Alone, nothing but this process's threads can make progress: wait for them (if they
    // have work). Otherwise look for messages again soon.
    const std::chrono::microseconds wait = in_flight == 0      ? std::chrono::microseconds(0)
                                           : group.size() == 1 ? std::chrono::seconds(1)
                                                               : kPoll;
    local.Collect(&finished, wait);
    for (Finished& f : finished) take(0, std::move(f));
    finished.clear();

    for (auto it = results.begin(); it != results.end() && it->first == folded;
         it = results.begin()) {
      if (!fold_error) {
        try {
          fold(folded, it->second);
        } catch (...) {
          fold_error = std::current_exception();
          open = false;
        }
      }
      local.Recycle(std::move(it->second));
      results.erase(it);
      ++folded;
    }

    while (open && !free.empty() && next < tasks && next < folded + window) {
      if (stop && stop(next)) {
        open = false;
        break;
      }
      const int to = free.front();
      free.pop_front();
      if (to == 0) {
        local.Give(next);
      } else {
        group.Send(to, kTask, TaskBytes(next));
      }
      ++next;
      ++in_flight;
    }
    if (in_flight == 0 && (!open || next == tasks)) break;
  }

  // Every process is told to end, and its last message awaited, so that no message of this
  // farm is left to be read by a later one.
  for (int p = 1; p < group.size(); ++p) group.Send(p, kEnd, {});
  for (int ended = 1; ended < group.size();) {
    int from = 0, tag = 0;
    if (!group.TryReceive(&from, &tag, &message)) {
      std::this_thread::sleep_for(kPoll);
    } else if (tag == kEnded) {
      ++ended;
    }
  }
  if (fold_error) std::rethrow_exception(fold_error);
  if (failure) throw TaskFailed(failure->first, failure->second);
  return folded;
}

void Serve(ProcessGroup& group, unsigned threads, const FarmWork& work) {
  LocalThreads local(threads, threads, work);
  for (unsigned t = 0; t < threads; ++t) group.Send(0, kFree, {});
  std::vector<Finished> finished;
  std::string message;
  while (true) {
    int from = 0, tag = 0;
    bool ended = false;
    while (group.TryReceive(&from, &tag, &message)) {
      if (tag == kTask) local.Give(TaskOf(message));
      if (tag == kEnd) ended = true;
    }
    // Process 0 ends the farm only once every task handed out has come back.
    if (ended) break;
    local.Collect(&finished, kPoll);
    for (Finished& f : finished) {
      message = TaskBytes(f.task);
      message += f.bytes;
      group.Send(0, f.ok ? kResult : kFailed, message);
      if (f.ok) local.Recycle(std::move(f.bytes));
    }
    finished.clear();
  }
  group.Send(0, kEnded, {});
}

}  // namespace

TaskFailed::TaskFailed(std::uint64_t task, const std::string& what)
    : std::runtime_error(what), task_(task) {}

std::uint64_t FarmTasks(ProcessGroup& group, std::uint64_t tasks, const FarmOptions& options,
                        const FarmWork& work, const FarmFold& fold, const FarmStop& stop) {
  FCCSIM_CHECK(options.window_per_thread >= 1, "a farm's window must be at least 1 per thread");
  const unsigned threads = WorkerThreads(options.threads, tasks);
  std::uint64_t all_threads = 0;
  for (const std::string& t : group.AllGather(std::to_string(threads))) {
    all_threads += std::stoull(t);
  }
  if (group.rank() != 0) {
    Serve(group, threads, work);
    return 0;
  }
  return Coordinate(group, tasks, threads, options.window_per_thread * all_threads, work, fold,
                    stop);
}

}  // namespace fccsim::sim
