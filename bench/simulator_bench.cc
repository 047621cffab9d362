// Events per second through the whole loop: schedule an action, pop it, dispatch it. Each event
// reschedules itself at now plus a pre-generated exponential increment (the hold model), so
// the number of pending events stays at N.

#include <cmath>
#include <cstdint>
#include <vector>

#include <benchmark/benchmark.h>

#include "sim/simulator.h"

namespace fccsim::bench {
namespace {

struct HoldModel {
  static constexpr std::size_t kIncrements = 1 << 16;
  sim::Simulator sim;
  std::vector<sim::Duration> increments;
  std::size_t next = 0;
  std::uint64_t checksum = 0;

  explicit HoldModel(std::size_t n) : increments(kIncrements) {
    std::uint64_t state = 987654321;
    for (auto& x : increments) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      const double u = (static_cast<double>(state >> 11) + 0.5) * 0x1.0p-53;
      x = static_cast<sim::Duration>(-60e6 * std::log(u));
    }
    for (std::size_t i = 0; i < n; ++i) Reschedule(static_cast<std::uint32_t>(i));
  }
  void Reschedule(std::uint32_t id) {
    sim.Schedule(increments[next++ % kIncrements], [this, id] { Fire(id); });
  }
  void Fire(std::uint32_t id) {
    checksum += id;
    Reschedule(id);
  }
};

void BM_SimulatorHold(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  HoldModel model(n);
  // About a thousand events per step: n events fire per mean increment.
  const sim::Duration step = static_cast<sim::Duration>(60e6 * 1000.0 / static_cast<double>(n));
  model.sim.RunUntil(model.sim.Now() + 20 * step);
  const std::uint64_t before = model.sim.EventsExecuted();
  for (auto _ : state) model.sim.RunUntil(model.sim.Now() + step);
  benchmark::DoNotOptimize(model.checksum);
  state.SetItemsProcessed(static_cast<std::int64_t>(model.sim.EventsExecuted() - before));
}
BENCHMARK(BM_SimulatorHold)->RangeMultiplier(16)->Range(16, 1 << 20);

}  // namespace
}  // namespace fccsim::bench

BENCHMARK_MAIN();
