#ifndef FCCSIM_MODEL_SWEEP_SWEEP_RUN_H_
#define FCCSIM_MODEL_SWEEP_SWEEP_RUN_H_

// Runs a sweep's point x replication tasks on every thread of every process (sim/task_farm.h),
// each point's replications reduced in order as `fccsim run` reduces them, all from one seed, so that every point sees the same callers (common random
// numbers) and a point's results are those `fccsim run` gives for the base with its
// overrides. Each point's results are written to a file of their own as soon as the point is
// done, so that a sweep stopped by a signal, a failure or a dead machine keeps every point
// finished, and --resume runs only the others.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/proto/sweep.pb.h"
#include "model/sweep/sweep_spec.h"
#include "sim/process_group.h"

namespace fccsim::model {

inline constexpr char kSweepComplete[] = "fccsim sweep complete";
inline constexpr char kSweepIndexFile[] = "sweep.pb";

struct SweepRunOptions {
  std::uint32_t replications = 10;
  std::uint64_t seed = 1;
  unsigned threads = 0;
  // Checked before each point: true stops the sweep there.
  std::function<bool()> stop;
  // After each point done: points done so far (resumed ones included), and of how many.
  std::function<void(std::size_t done, std::size_t total)> progress;
  // A test hook: replication `second` of point `first` throws.
  std::optional<std::pair<std::size_t, std::uint64_t>> fail_at;
  // A test hook: the process of rank `first` is killed (SIGKILL) as it starts a task after
  // `second` others (a machine lost).
  std::optional<std::pair<int, std::uint64_t>> die_at;
};

// The index of a sweep not yet run: its points, none done, and the fingerprint a resumed
// sweep must match. `inputs` are every file the points' scenarios read.
fccsim::SweepResult NewSweepIndex(const LoadedSweep& sweep, const SweepRunOptions& options,
                                  const std::vector<std::string>& inputs);

// Why a sweep whose index was `previous` cannot be resumed as `current` (another binary,
// sweep file, scenario or table, seed or number of replications); "" when it can.
std::string ResumeProblem(const fccsim::SweepResult& previous, const fccsim::SweepResult& current);

// Marks done every point of *index whose results file in `dir` is there, whole, and of this
// sweep's point (same overrides, seed and replications), taking its measures from it.
void FindPointsDone(const std::string& dir, fccsim::SweepResult* index);

enum class SweepStatus { kDone, kStopped, kFailed };

// Runs every point of *index not done, writing its results into `dir` (whose points/ folder
// exists) and marking it done, with the point x replication tasks spread over every process
// of `group` (sim/task_farm.h): every process calls it, and process 0's *index is the one
// that counts. kStopped when options.stop turned true first (the points begun are finished);
// kFailed with *error set when a point's replication or a write failed (the points done
// before it are kept).
SweepStatus RunSweepPoints(sim::ProcessGroup& group, const LoadedSweep& sweep,
                           const SweepRunOptions& options, const std::string& dir,
                           fccsim::SweepResult* index, std::string* error);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_SWEEP_SWEEP_RUN_H_
