#include <gtest/gtest.h>

#include <string>

#include "model/centre/centre_model.h"
#include "model/centre/centre_run.h"
#include "model/results/results_io.h"
#include "model/results/run_estimates.h"
#include "tests/model/test_scenario.h"

namespace fccsim::model {
namespace {

std::string Results(const RunOutcome& outcome) {
  return BuildRunResult(outcome, /*with_intervals=*/true).SerializeAsString();
}

RunOptions Options(std::uint32_t replications) {
  RunOptions options;
  options.replications = replications;
  options.threads = 2;
  options.seed = 11;
  return options;
}

TEST(RunEstimatesState, ARunResumedAfterKReplicationsEndsWithTheBitsOfOneNeverStopped) {
  const LoadedScenario loaded = MakeTestScenario(kEveryMeasure, {40, 60, 10});
  const std::string whole = Results(RunScenario(loaded, Options(6)));
  for (const std::uint32_t k : {1u, 2u, 5u}) {
    // Interrupted after k: stop once k replications have started.
    RunOptions first = Options(6);
    first.threads = 1;
    int started = 0;
    first.stop = [&started, k] { return started++ >= static_cast<int>(k); };
    const RunOutcome part = RunScenario(loaded, first);
    ASSERT_EQ(part.Header().replications(), k);
    ASSERT_TRUE(part.Header().interrupted());
    RunOptions rest = Options(6);
    part.SaveState(&rest.resume_from);
    EXPECT_EQ(Results(RunScenario(loaded, rest)), whole) << "resumed after " << k;
  }
}

TEST(RunEstimatesState, DamagedOrForeignStatesAreRefused) {
  const LoadedScenario loaded = MakeTestScenario(kEveryMeasure, {40, 60, 10});
  RunOptions first = Options(3);
  first.threads = 1;
  int started = 0;
  first.stop = [&started] { return started++ >= 2; };
  std::string state;
  RunScenario(loaded, first).SaveState(&state);
  const ModelSpec spec = CompileScenario(loaded);
  for (const std::size_t cut :
       {std::size_t{0}, std::size_t{8}, state.size() / 2, state.size() - 1}) {
    RunEstimates e(spec);
    EXPECT_FALSE(e.RestoreState(state.substr(0, cut))) << cut;
  }
  RunEstimates longer(spec);
  EXPECT_FALSE(longer.RestoreState(state + "x"));
  // A state of another scenario (another number of intervals) does not fit.
  std::string half_hours = kEveryMeasure;
  half_hours.replace(half_hours.find("interval_minutes: 60"), 20, "interval_minutes: 30");
  const LoadedScenario other = MakeTestScenario(half_hours, {20, 30, 5});
  const ModelSpec other_spec = CompileScenario(other);
  RunEstimates foreign(other_spec);
  EXPECT_FALSE(foreign.RestoreState(state));
  // As many replications as asked, or more: nothing to resume.
  RunOptions done = Options(2);
  done.resume_from = state;
  EXPECT_THROW(RunScenario(loaded, done), std::invalid_argument);
}

}  // namespace
}  // namespace fccsim::model
