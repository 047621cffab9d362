// The planner on scenarios/gmp_baseline.textproto: the analytic requirement of a week of
// 15-minute intervals (items = channel-intervals staffed), and the staffing by simulation
// (10 replications a simulation, every core), beside the baseline of one such simulation of
// the roster, so that the search's cost reads as a number of simulations; and the shift plan.

#include <cstdlib>
#include <string>

#include <benchmark/benchmark.h>

#include "model/centre/centre_model.h"
#include "model/plan/requirements.h"
#include "model/scenario/model_spec.h"
#include "model/scenario/scenario_loader.h"
#include "sim/replication_runner.h"

namespace fccsim::bench {
namespace {

struct Loaded {
  model::LoadedScenario scenario;
  model::ModelSpec spec;
};

const Loaded& Baseline() {
  static const Loaded* loaded = [] {
    auto* l = new Loaded;
    const auto problems = model::LoadScenario(
        std::string(FCCSIM_SOURCE_DIR) + "/scenarios/gmp_baseline.textproto", &l->scenario);
    if (model::HasErrors(problems)) std::abort();
    l->spec = model::CompileScenario(l->scenario);
    return l;
  }();
  return *loaded;
}

void BM_PlanAnalytic(benchmark::State& state) {
  const Loaded& l = Baseline();
  fccsim::PlanResult plan;
  std::string error;
  for (auto _ : state) {
    if (!model::PlanRequirements(l.scenario, l.spec, model::PlanOptions{}, &plan, &error)) {
      state.SkipWithError(error.c_str());
      return;
    }
    benchmark::DoNotOptimize(plan);
  }
  state.SetItemsProcessed(state.iterations() * plan.channels_size() *
                          plan.channels(0).intervals_size());
  state.SetLabel("items = channel-intervals");
}
BENCHMARK(BM_PlanAnalytic)->Unit(benchmark::kMillisecond);

// One simulation as the search runs it: 10 replications of the week, every core.
void BM_OneSimulation(benchmark::State& state) {
  const Loaded& l = Baseline();
  const unsigned threads = sim::WorkerThreads(0, 10);
  for (auto _ : state) {
    sim::RunReplications(10, threads, [&](std::uint64_t r) {
      model::ReplicationMeasures m;
      model::SimulateCentre(l.spec, 1, r, &m);
      benchmark::DoNotOptimize(m);
    });
  }
}
BENCHMARK(BM_OneSimulation)->Unit(benchmark::kMillisecond);

// The plan of gmp_baseline with `options`, once per iteration; false (the state told) on an
// error.
bool Plan(benchmark::State& state, const model::PlanOptions& options, fccsim::PlanResult* plan) {
  const Loaded& l = Baseline();
  std::string error;
  for (auto _ : state) {
    if (!model::PlanRequirements(l.scenario, l.spec, options, plan, &error)) {
      state.SkipWithError(error.c_str());
      return false;
    }
  }
  return true;
}

void BM_PlanBySimulation(benchmark::State& state) {
  model::PlanOptions options;
  options.simulation = model::SimulatedStaffingOptions{};
  fccsim::PlanResult plan;
  if (!Plan(state, options, &plan)) return;
  state.counters["simulations"] = plan.simulation().simulations();
  state.counters["converged"] = plan.simulation().converged();
}
BENCHMARK(BM_PlanBySimulation)->Unit(benchmark::kSecond)->Iterations(1);

// The shift plan of the week's patterns (17,640 candidate shifts over three groups): one
// solve of the analytic requirement; then the whole of `fccsim plan --simulate` with the
// roster verified by simulation (the staffing by simulation, then a solve per raise, then the
// scenario's roster topped up the same way).
void BM_ShiftPlan(benchmark::State& state, bool verified) {
  model::PlanOptions options;
  options.shifts = model::ShiftPlanOptions{};
  if (verified) options.simulation = model::SimulatedStaffingOptions{};
  fccsim::PlanResult plan;
  if (!Plan(state, options, &plan)) return;
  state.counters["candidates"] = plan.shifts().candidates();
  state.counters["solves"] = plan.shifts().solves();
  state.counters["optimal"] = plan.shifts().proven_optimal();
  state.counters["paid_h"] = plan.shifts().paid_hours_per_week();
  state.counters["verified"] = plan.shifts().verified();
  if (verified) {  // the scenario's own shifts topped up to meet the same targets
    state.counters["topped_up_h"] = plan.shifts().topped_up().paid_hours_per_week();
    state.counters["topped_up_verified"] = plan.shifts().topped_up().verified();
  }
}
BENCHMARK_CAPTURE(BM_ShiftPlan, analytic_one_solve, false)
    ->Unit(benchmark::kSecond)->Iterations(1);
BENCHMARK_CAPTURE(BM_ShiftPlan, simulate_and_verify, true)
    ->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace
}  // namespace fccsim::bench

BENCHMARK_MAIN();
