#include "model/centre/centre_run.h"

#include <vector>

#include "model/results/centre_kpis.h"
#include "model/centre/centre_model.h"
#include "model/scenario/model_spec.h"
#include "sim/replication_runner.h"

namespace fccsim::model {

fccsim::RunResult RunScenario(const LoadedScenario& loaded, const RunOptions& options) {
  const ModelSpec spec = CompileScenario(loaded);
  std::vector<ReplicationStats> replications(options.replications);
  sim::RunReplications(options.replications, options.threads, [&](std::uint64_t r) {
    replications[r] = SimulateCentre(spec, options.seed, r);
  });
  fccsim::RunResult result;
  result.set_software_version(FCCSIM_VERSION);
  result.set_scenario_path(loaded.path);
  *result.mutable_scenario() = loaded.scenario;
  result.set_seed(options.seed);
  SummariseReplications(spec, replications, &result);
  return result;
}

}  // namespace fccsim::model
