// End to end: simulated contacts per second on one thread, all KPIs collected. The
// Erlang-A case is scenarios/erlang_a.textproto (50 handlers, mean handling 240 s, 47.5
// Erlangs offered, patience mean 600 s); the GMP cases are scenarios/gmp_baseline.textproto
// and the same week with mental-health triage, scenarios/gmp_triage.textproto, and with triage
// and Live Chat, scenarios/gmp_channels.textproto.

#include <cstdint>
#include <string>

#include <benchmark/benchmark.h>

#include "bench/handwritten_erlang_a.h"
#include "model/centre/centre_model.h"
#include "model/scenario/model_spec.h"
#include "model/scenario/scenario_loader.h"

namespace fccsim::bench {
namespace {

void BM_Scenario(benchmark::State& state, const std::string& file) {
  model::LoadedScenario loaded;
  const auto problems = model::LoadScenario(std::string(FCCSIM_SOURCE_DIR) + "/" + file, &loaded);
  if (model::HasErrors(problems)) {
    state.SkipWithError((file + ": " + problems[0].ToString()).c_str());
    return;
  }
  const model::ModelSpec spec = model::CompileScenario(loaded);
  std::uint64_t replication = 0;
  std::int64_t contacts = 0;
  // Reused from one replication to the next, as `fccsim run` does: a fresh one each time
  // would time the allocator's page faults (several hundred kilobytes of interval rows a
  // channel), not the simulation.
  model::ReplicationMeasures stats;
  for (auto _ : state) {
    model::SimulateCentre(spec, 1, replication++, &stats);
    contacts += static_cast<std::int64_t>(stats.contacts);
    benchmark::DoNotOptimize(stats);
  }
  state.SetItemsProcessed(contacts);
  state.SetLabel("items = contacts");
}

// The baseline (bench/handwritten_erlang_a.h) on the same case over the same 7 days plus 2 h.
void BM_HandWrittenErlangA(benchmark::State& state) {
  constexpr double kWarmUpS = 2 * 3600.0, kEndS = kWarmUpS + 7 * 86400.0;
  std::uint64_t seed = 1;
  std::int64_t contacts = 0;
  for (auto _ : state) {
    const HandWrittenErlangACounts n = RunHandWrittenErlangA(seed++, kWarmUpS, kEndS);
    contacts += n.contacts;
    benchmark::DoNotOptimize(n);
  }
  state.SetItemsProcessed(contacts);
  state.SetLabel("items = contacts");
}
BENCHMARK(BM_HandWrittenErlangA)->Unit(benchmark::kMillisecond);

BENCHMARK_CAPTURE(BM_Scenario, erlang_a, std::string("scenarios/erlang_a.textproto"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Scenario, gmp_baseline, std::string("scenarios/gmp_baseline.textproto"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Scenario, gmp_triage, std::string("scenarios/gmp_triage.textproto"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Scenario, gmp_channels, std::string("scenarios/gmp_channels.textproto"))
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace fccsim::bench

BENCHMARK_MAIN();
