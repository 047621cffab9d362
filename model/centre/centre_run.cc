#include "model/centre/centre_run.h"

#include <exception>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "model/centre/centre_model.h"
#include "model/centre/replication_farm.h"
#include "sim/replication_runner.h"

namespace fccsim::model {

namespace {

// The replication a resumed run starts from: those before it are in *estimates already.
std::uint64_t Resume(const RunOptions& options, RunEstimates* estimates) {
  if (options.resume_from.empty()) return 0;
  if (!estimates->RestoreState(options.resume_from)) {
    throw std::invalid_argument("the interrupted run's estimates are damaged");
  }
  if (estimates->replications() == 0 || estimates->replications() >= options.replications) {
    throw std::invalid_argument("the interrupted run has " +
                                std::to_string(estimates->replications()) + " of " +
                                std::to_string(options.replications) + " replications");
  }
  return estimates->replications();
}

}  // namespace

RunOutcome RunScenario(const LoadedScenario& loaded, const RunOptions& options) {
  std::shared_ptr<const ModelSpec> spec = std::make_shared<ModelSpec>(CompileScenario(loaded));
  auto estimates = std::make_unique<RunEstimates>(*spec);
  const std::uint64_t first = Resume(options, estimates.get());

  // Two finished replications per thread may wait for an earlier one to be reduced: enough
  // to keep every thread busy when replications take unequal times, and a bound on memory.
  const std::uint64_t left = options.replications - first;
  const unsigned threads = sim::WorkerThreads(options.threads, left);
  const unsigned window = 2 * threads;
  // Replication first + i is simulated into slot i % window, reduced from it, and its memory
  // reused by the one window later: pages touched once serve every replication.
  std::vector<ReplicationMeasures> slots(window);
  try {
    sim::RunReplicationsInOrderUntil(
        left, threads, window,
        [&](std::uint64_t i) {
          if (options.fail_replication == first + i) {
            throw std::runtime_error("failure injected by a test");
          }
          SimulateCentre(*spec, options.seed, first + i, &slots[i % window]);
        },
        [&](std::uint64_t i) { estimates->Take(&slots[i % window]); }, options.stop);
  } catch (const sim::ReplicationError& e) {
    if (first == 0) throw;
    throw sim::ReplicationError(first + e.replication(), e.cause());  // as if never interrupted
  }

  fccsim::RunResult header = RunHeader(loaded, *spec, options, estimates->replications());
  return RunOutcome(std::move(header), std::move(spec), std::move(estimates));
}

std::optional<RunOutcome> RunScenarioOnGroup(sim::ProcessGroup& group, const LoadedScenario& loaded,
                                             const RunOptions& options) {
  if (group.size() == 1) return RunScenario(loaded, options);
  std::shared_ptr<const ModelSpec> spec = std::make_shared<ModelSpec>(CompileScenario(loaded));
  auto estimates = std::make_unique<RunEstimates>(*spec);
  // Process 0 alone holds the interrupted run's estimates; the others learn where they end,
  // or that they are damaged (-1), when all stop.
  int resumed = 0;
  std::exception_ptr damaged;
  if (group.rank() == 0) {
    try {
      resumed = static_cast<int>(Resume(options, estimates.get()));
    } catch (...) {  // the others wait in the broadcast below: they must hear of it
      damaged = std::current_exception();
      resumed = -1;
    }
  }
  resumed = group.Broadcast(resumed);
  if (damaged) std::rethrow_exception(damaged);
  if (resumed < 0) return std::nullopt;
  const auto first = static_cast<std::uint64_t>(resumed);
  FarmedReplications job;
  job.specs = {spec.get()};
  job.seed = options.seed;
  job.first = first;
  job.count = options.replications - first;
  job.threads = options.threads;
  if (options.fail_replication) {
    job.fail = [r = *options.fail_replication](std::uint64_t i) { return i == r; };
  }
  job.stop = options.stop;
  FarmReplications(group, job, [&](std::uint64_t, std::vector<ReplicationMeasures>* measures) {
    estimates->Take(&(*measures)[0]);
  });
  if (group.rank() != 0) return std::nullopt;
  fccsim::RunResult header = RunHeader(loaded, *spec, options, estimates->replications());
  return RunOutcome(std::move(header), std::move(spec), std::move(estimates));
}

fccsim::RunResult RunHeader(const LoadedScenario& loaded, const ModelSpec& spec,
                            const RunOptions& options, std::uint32_t done) {
  fccsim::RunResult header;
  header.set_software_version(FCCSIM_VERSION);
  header.set_scenario_path(loaded.path);
  for (const std::string& o : loaded.overrides) header.add_overrides(o);
  *header.mutable_scenario() = loaded.scenario;
  header.set_seed(options.seed);
  header.set_replications(done);
  if (done < options.replications) {
    header.set_interrupted(true);
    header.set_replications_asked(options.replications);
  }
  header.set_days(static_cast<std::uint32_t>(spec.days));
  header.set_interval_minutes(static_cast<std::uint32_t>(spec.interval / sim::kTicksPerMinute));
  header.set_start_weekday(static_cast<fccsim::Weekday>(spec.start_weekday + 1));
  return header;
}

}  // namespace fccsim::model
