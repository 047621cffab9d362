#ifndef FCCSIM_MODEL_CENTRE_CENTRE_RUN_H_
#define FCCSIM_MODEL_CENTRE_CENTRE_RUN_H_

// Runs a loaded scenario: compiles it, simulates the replications in parallel, reducing each
// into the run's estimates as soon as it and every earlier one are done (in replication order,
// so results are identical bit for bit whatever the thread count), and gives the results
// piece by piece. Memory follows the horizon and the number of threads, never the number of
// contacts (and the number of replications only by a row of headline measures each).

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "model/proto/results.pb.h"
#include "model/results/result_source.h"
#include "model/results/run_estimates.h"
#include "model/scenario/model_spec.h"
#include "model/scenario/scenario_loader.h"
#include "sim/process_group.h"

namespace fccsim::model {

struct RunOptions {
  std::uint32_t replications = 10;
  unsigned threads = 0;  // 0 = hardware concurrency
  std::uint64_t seed = 1;
  // A test hook: this replication throws instead of running, to test how a command reports a
  // replication that fails (tests/cli set it through FCCSIM_TEST_FAIL_REPLICATION).
  std::optional<std::uint64_t> fail_replication;
  // Asked before each replication starts: once true, none starts any more, and the run's
  // estimates are of the replications started, a prefix (the header says interrupted).
  std::function<bool()> stop;
  // The estimates of replications 0..k-1 of this run, as RunOutcome::SaveState wrote them when
  // it was interrupted: the run goes on from replication k. Empty: from the start.
  std::string resume_from;
};

// A finished run, as a source of its results.
class RunOutcome : public ResultSource {
 public:
  RunOutcome(fccsim::RunResult header, std::shared_ptr<const ModelSpec> spec,
             std::unique_ptr<RunEstimates> estimates)
      : header_(std::move(header)), spec_(std::move(spec)), estimates_(std::move(estimates)) {}

  const fccsim::RunResult& Header() const override { return header_; }
  int Channels() const override { return estimates_->channels(); }
  fccsim::ChannelResult ChannelHead(int c) const override { return estimates_->ChannelHead(c); }
  int ChannelIntervals(int) const override { return estimates_->intervals(); }
  void ChannelIntervalAt(int c, int k, fccsim::ChannelInterval* out) const override {
    estimates_->ChannelIntervalResult(c, k, out);
  }
  int Groups() const override { return estimates_->groups(); }
  fccsim::GroupResult GroupHead(int g) const override { return estimates_->GroupHead(g); }
  // The estimates so far, for RunOptions::resume_from.
  void SaveState(std::string* out) const { estimates_->SaveState(out); }
  int GroupIntervals(int) const override { return estimates_->intervals(); }
  void GroupIntervalAt(int g, int k, fccsim::GroupInterval* out) const override {
    estimates_->GroupIntervalResult(g, k, out);
  }

 private:
  fccsim::RunResult header_;
  std::shared_ptr<const ModelSpec> spec_;  // estimates_ refers to it
  std::unique_ptr<RunEstimates> estimates_;
};

// REQUIRES: `loaded` came from LoadScenario with no problems.
// Throws std::invalid_argument if options.resume_from is not a state of this scenario's
// estimates with fewer replications than options.replications.
// Throws sim::ReplicationError if a replication fails. Stopped by options.stop, the outcome
// may hold no replication at all (Header().replications() == 0), and must not be written.
RunOutcome RunScenario(const LoadedScenario& loaded, const RunOptions& options);

// As RunScenario, with the replications spread over every process of `group` (each with
// options.threads threads): every process calls it, and process 0 gets the outcome, the same
// bits as RunScenario's; the others get none. options.stop is asked on process 0 only.
std::optional<RunOutcome> RunScenarioOnGroup(sim::ProcessGroup& group, const LoadedScenario& loaded,
                                             const RunOptions& options);

// The results header of a run of `loaded` compiled into `spec`, of which `done` replications
// were run out of options.replications (fewer: interrupted).
fccsim::RunResult RunHeader(const LoadedScenario& loaded, const ModelSpec& spec,
                            const RunOptions& options, std::uint32_t done);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_CENTRE_CENTRE_RUN_H_
