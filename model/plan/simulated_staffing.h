#ifndef FCCSIM_MODEL_PLAN_SIMULATED_STAFFING_H_
#define FCCSIM_MODEL_PLAN_SIMULATED_STAFFING_H_

// Staffing by simulation (docs/model.md, "Staffing by simulation"): the handlers on duty per
// group and interval that make every channel meet its target in every interval when the
// whole centre is simulated (queues carrying over from one interval to the next, priorities,
// shared handlers, general patience), found by iterating on common random numbers from a
// first guess (the analytic requirement):
//   raise: simulate; add a handler in each interval where a channel misses its target, to
//          the most specialised group answering it; repeat until none misses;
//   lower: take one handler out of every other (group, interval) whose channels all have
//          room to spare there and in the next interval; simulate; put back those at (or
//          just before) an interval where one of their channels now misses, and never try
//          them again; if a miss remains, undo the whole round and never try again those
//          near a miss; repeat, alternating the intervals tried, until nothing is left to try.
// Lowering only ever goes from a staffing that meets every target to another, so the result
// meets every target (by the estimates over the replications); every handler left was either
// never in an interval with room to spare, or was taken out and seen to matter. It is not
// proven the least: a handler blamed with others may not have been needed alone.
// Mental-health practitioners keep the roster's expected staffing.

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "model/plan/plan_simulator.h"
#include "model/plan/target_estimates.h"
#include "model/scenario/model_spec.h"

namespace fccsim::model {

struct SimulatedStaffingOptions {
  std::uint32_t replications = 10;
  std::uint64_t seed = 1;
  unsigned threads = 0;
  int max_rounds = 200;  // simulations in all, raising and lowering
  // An interval meets its target when the one-sided `confidence` bound across the
  // replications does (service level's lower bound at least the target, ASA's upper bound at
  // most the ceiling; Student t, delta method for a ratio of totals): 0.5 judges by the
  // estimate alone. REQUIRES: 0.5 <= confidence < 1; replications >= 2 when above 0.5.
  double confidence = 0.5;
  // Called after each simulation with its number, the handler-intervals on duty, and the
  // channel-intervals missing their target.
  std::function<void(int, int, int)> progress;
  // Where the simulations run; null: on this process's threads.
  PlanSimulator* simulator = nullptr;
  // A test hook: a replication of any simulation for which it is true throws instead of
  // running (FCCSIM_TEST_FAIL_REPLICATION, model/cli/test_hooks.h).
  std::function<bool(std::uint64_t)> fail_replication;
};

struct SimulatedStaffing {
  std::vector<std::vector<int>> on_duty;               // [group][reported interval]
  std::vector<std::vector<SimulatedInterval>> first;   // [channel][interval], the first guess
  std::vector<std::vector<SimulatedInterval>> final;   // at on_duty
  int simulations = 0;
  bool converged = false;  // every target met, and the lowering ran to its end
  double seconds = 0;
};

// Whether `at` has something to judge channel `ch`'s target by: a service level, or an ASA
// under an ASA ceiling. An interval without is never missed.
bool Judged(const ChannelSpec& ch, const SimulatedInterval& at);

// Each channel's measures per reported interval over the replications of `spec` as it is
// (ratios of totals), and whether it meets its target there: [channel][interval].
std::vector<std::vector<SimulatedInterval>> SimulateTargets(const ModelSpec& spec,
                                                            const SimulatedStaffingOptions& options);

// SimulateTargets(spec, options) on options.simulator, or here without one. `spec` is `what`
// compiled.
std::vector<std::vector<SimulatedInterval>> SimulateCase(const ModelSpec& spec,
                                                         const PlanCase& what,
                                                         const SimulatedStaffingOptions& options);

// The scenario with its roster replaced by `on_duty` ([group][reported interval]) as headcount
// tables: nobody absent, no breaks. A warm-up interval takes the staffing of StaffingInterval().
ModelSpec WithStaffing(const ModelSpec& base, const std::vector<std::vector<int>>& on_duty);

// The reported interval whose staffing a warm-up interval k < 0 takes: the same time of the
// week in the first week when the horizon has a whole week (as a weekly headcount table
// would give it), else the same time on day 0. k itself when k >= 0.
std::int64_t StaffingInterval(const ModelSpec& spec, std::int64_t k);

// REQUIRES: `first_guess` is [group][interval] of spec's groups and reported intervals, >= 0.
SimulatedStaffing StaffBySimulation(const ModelSpec& spec,
                                    const std::vector<std::vector<int>>& first_guess,
                                    const SimulatedStaffingOptions& options);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_PLAN_SIMULATED_STAFFING_H_
