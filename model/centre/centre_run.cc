#include "model/centre/centre_run.h"

#include <memory>
#include <stdexcept>
#include <utility>
#include <vector>

#include "model/centre/centre_model.h"
#include "sim/replication_runner.h"

namespace fccsim::model {

RunOutcome RunScenario(const LoadedScenario& loaded, const RunOptions& options) {
  auto spec = std::make_unique<ModelSpec>(CompileScenario(loaded));
  auto estimates = std::make_unique<RunEstimates>(*spec);

  // Two finished replications per thread may wait for an earlier one to be reduced: enough
  // to keep every thread busy when replications take unequal times, and a bound on memory.
  const unsigned threads = sim::WorkerThreads(options.threads, options.replications);
  const unsigned window = 2 * threads;
  // Replication r is simulated into slot r % window, reduced from it, and its memory reused
  // by replication r + window: pages touched once serve every replication.
  std::vector<ReplicationMeasures> slots(window);
  const std::uint64_t done = sim::RunReplicationsInOrderUntil(
      options.replications, threads, window,
      [&](std::uint64_t r) {
        if (options.fail_replication == r) throw std::runtime_error("failure injected by a test");
        SimulateCentre(*spec, options.seed, r, &slots[r % window]);
      },
      [&](std::uint64_t r) { estimates->Take(&slots[r % window]); }, options.stop);

  fccsim::RunResult header;
  header.set_software_version(FCCSIM_VERSION);
  header.set_scenario_path(loaded.path);
  for (const std::string& o : loaded.overrides) header.add_overrides(o);
  *header.mutable_scenario() = loaded.scenario;
  header.set_seed(options.seed);
  header.set_replications(estimates->replications());
  if (done < options.replications) {
    header.set_interrupted(true);
    header.set_replications_asked(options.replications);
  }
  header.set_days(static_cast<std::uint32_t>(spec->days));
  header.set_interval_minutes(static_cast<std::uint32_t>(spec->interval / sim::kTicksPerMinute));
  header.set_start_weekday(static_cast<fccsim::Weekday>(spec->start_weekday + 1));
  return RunOutcome(std::move(header), std::move(spec), std::move(estimates));
}

}  // namespace fccsim::model
