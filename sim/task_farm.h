#ifndef FCCSIM_SIM_TASK_FARM_H_
#define FCCSIM_SIM_TASK_FARM_H_

// Independent tasks 0..n-1 (replications, or point x replication of a sweep) spread over every
// thread of every process of a group, each thread taking the next task as soon as it is free
// (dynamic load balancing), with the tasks' results reduced on process 0 in task order. The
// reduction sees the same results in the same order whatever the number of processes and
// threads, so it gives the same bits.
//
// Process 0 coordinates: it hands out tasks in index order, to its own threads and, by
// message, to the other processes, and folds each result once every earlier one is folded.
// Only the thread that joined the group sends or receives (sim/process_group.h).

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "sim/process_group.h"

namespace fccsim::sim {

// A task's work threw: the task, and what() of the exception it threw (on whichever process).
class TaskFailed : public std::runtime_error {
 public:
  TaskFailed(std::uint64_t task, const std::string& what);
  std::uint64_t task() const { return task_; }

 private:
  std::uint64_t task_;
};

// Runs `task` on a thread of some process (`thread` counts the process's threads from 0, so a
// caller can keep per-thread scratch), writing its result into *bytes, which holds the bytes
// of an earlier result to be overwritten (its memory is reused). May throw.
using FarmWork = std::function<void(std::uint64_t task, unsigned thread, std::string* bytes)>;
// On process 0, on the calling thread, in task order: what work(task) wrote. May throw.
using FarmFold = std::function<void(std::uint64_t task, std::string_view bytes)>;
// On process 0, before handing out `next`: true stops handing out tasks.
using FarmStop = std::function<bool(std::uint64_t next)>;

struct FarmOptions {
  // Threads on this process: 0 = every core it may run on; never more than there are tasks.
  unsigned threads = 0;
  // Task t is handed out only once t < (tasks folded) + window_per_thread x (threads of every
  // process), which bounds the results waiting for an earlier one to be folded.
  unsigned window_per_thread = 2;
};

// Every process of the group calls it with the same `tasks` (work is called on every process;
// fold and stop only on process 0, and may be empty elsewhere).
// On process 0, returns the number of tasks folded, k: tasks are handed out in index order
// and fold is called for every one of 0..k-1, so when `stop` turned true (once it has, no
// task is handed out any more, and those handed out are finished and folded) they are a
// prefix. If a work(t) throws, no task is handed out any more, those before the lowest failing
// t are folded, and TaskFailed is thrown for it.
// If fold throws, its exception is thrown once the tasks handed out are done. On other
// processes, returns 0 once process 0 has finished.
std::uint64_t FarmTasks(ProcessGroup& group, std::uint64_t tasks, const FarmOptions& options,
                        const FarmWork& work, const FarmFold& fold, const FarmStop& stop);

}  // namespace fccsim::sim

#endif  // FCCSIM_SIM_TASK_FARM_H_
