#ifndef FCCSIM_MODEL_COMPARE_COMPARE_RUN_H_
#define FCCSIM_MODEL_COMPARE_COMPARE_RUN_H_

// Runs a base scenario and its variants on common random numbers: replication r of every
// scenario is simulated from the same seed and replication index, so each sees the same
// callers (the model draws every arrival and every caller's patience and talk time from
// streams of its own, which no staffing change touches; docs/model.md, "Randomness").
// The replications run in parallel, each simulating every scenario in turn, and
// are reduced in replication order, so the comparison is identical bit for bit whatever the
// thread count.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/proto/compare.pb.h"
#include "model/scenario/scenario_loader.h"
#include "sim/process_group.h"

namespace fccsim::model {

// The marker RunComparison sets last: a reader refuses a file without it.
inline constexpr char kComparisonComplete[] = "fccsim comparison complete";

struct CompareOptions {
  std::uint32_t replications = 10;
  unsigned threads = 0;  // 0 = hardware concurrency
  std::uint64_t seed = 1;
  // A test hook: a replication for which it is true throws instead of running
  // (FCCSIM_TEST_FAIL_REPLICATION, model/cli/test_hooks.h).
  std::function<bool(std::uint64_t)> fail_replication;
};

struct ComparedInput {
  std::string label;
  const LoadedScenario* loaded = nullptr;
};

// Why the scenarios cannot be compared (a variant on another reporting grid), naming the
// variant's label; "" when they can. REQUIRES: each loaded with no problems.
std::string ComparisonProblem(const ComparedInput& base,
                              const std::vector<ComparedInput>& variants);

// REQUIRES: ComparisonProblem(base, variants) is "". Throws sim::ReplicationError if a
// replication of any scenario fails. Every process of `group` calls it with the same inputs
// (each replication's measures travel to process 0, which reduces them in replication order:
// the same bits as one process); process 0 gets the comparison, the others nothing.
std::optional<fccsim::ComparisonResult> RunComparison(sim::ProcessGroup& group,
                                                      const ComparedInput& base,
                                                      const std::vector<ComparedInput>& variants,
                                                      const CompareOptions& options);

// The same in this process alone.
fccsim::ComparisonResult RunComparison(const ComparedInput& base,
                                       const std::vector<ComparedInput>& variants,
                                       const CompareOptions& options);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_COMPARE_COMPARE_RUN_H_
