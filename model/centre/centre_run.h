#ifndef FCCSIM_MODEL_CENTRE_CENTRE_RUN_H_
#define FCCSIM_MODEL_CENTRE_CENTRE_RUN_H_

// Runs a loaded scenario: compiles it, simulates the replications in parallel and merges
// them, in replication order, into results with confidence intervals.

#include <cstdint>

#include "model/proto/results.pb.h"
#include "model/scenario/scenario_loader.h"

namespace fccsim::model {

struct RunOptions {
  std::uint32_t replications = 10;
  unsigned threads = 0;  // 0 = hardware concurrency
  std::uint64_t seed = 1;
};

// REQUIRES: `loaded` came from LoadScenario with no problems.
// Throws sim::ReplicationError if a replication fails.
fccsim::RunResult RunScenario(const LoadedScenario& loaded, const RunOptions& options);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_CENTRE_CENTRE_RUN_H_
