// The classic hold model: N pending events; each step pops the minimum and pushes a new event
// at the popped time plus a random increment, exponential (BM_Hold) or skewed (BM_HoldPareto).
// Increments are pre-generated, so the random number generator is not what is measured. The second
// family also pushes timers, 30% of all pushes, and cancels each one before it fires, as
// abandonment timers are cancelled on answer.
//
// Every family runs on the std::priority_queue baselines and on each fccsim queue in the same
// binary; scripts/check_bench.py reads the ratios.

#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "bench/std_queue_baselines.h"
#ifdef FCCSIM_WITH_NS3
#include "bench/ns3_queue_baselines.h"
#endif
#include "sim/radix_heap_queue.h"

namespace fccsim::bench {
namespace {

constexpr std::size_t kIncrements = 1 << 16;
constexpr double kMeanIncrementTicks = 60.0 * 1e6;  // one minute, in microsecond ticks

// Uniforms in (0, 1) from SplitMix64; fixed, so every queue sees the same sequence.
std::vector<double> Uniforms() {
  std::vector<double> v(kIncrements);
  std::uint64_t state = 12345;
  for (double& u : v) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    u = (static_cast<double>(z >> 11) + 0.5) * 0x1.0p-53;
  }
  return v;
}

// Exponential increments of mean kMeanIncrementTicks.
const std::vector<sim::Time>& Increments() {
  static const std::vector<sim::Time> increments = [] {
    std::vector<sim::Time> v;
    for (double u : Uniforms())
      v.push_back(static_cast<sim::Time>(-kMeanIncrementTicks * std::log(u)));
    return v;
  }();
  return increments;
}

// Skewed increments of the same mean: Pareto with shape 1.5 (finite mean, infinite variance),
// so most events land close together and a few very far out, as a mix of short talk times and
// long timers does; bucket and calendar schemes tuned to one scale suffer.
const std::vector<sim::Time>& ParetoIncrements() {
  static const std::vector<sim::Time> increments = [] {
    constexpr double kShape = 1.5;
    const double scale = kMeanIncrementTicks * (kShape - 1) / kShape;
    std::vector<sim::Time> v;
    for (double u : Uniforms())
      v.push_back(static_cast<sim::Time>(scale / std::pow(u, 1 / kShape)));
    return v;
  }();
  return increments;
}

template <class Queue, const std::vector<sim::Time>& (*kIncrementsOf)()>
void HoldModel(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::vector<sim::Time>& inc = kIncrementsOf();
  Queue q;
  std::size_t i = 0;
  for (std::size_t k = 0; k < n; ++k) q.Push(inc[i++ % kIncrements], 0);
  // Warm up into the steady state of the hold model before timing.
  for (std::size_t k = 0; k < n; ++k) {
    auto e = q.Pop();
    q.Push(e.time + inc[i++ % kIncrements], 0);
  }
  for (auto _ : state) {
    auto e = q.Pop();
    q.Push(e.time + inc[i++ % kIncrements], e.payload);
    benchmark::DoNotOptimize(e);
  }
  state.SetItemsProcessed(state.iterations());
}

template <class Queue>
void BM_Hold(benchmark::State& state) {
  HoldModel<Queue, Increments>(state);
}

template <class Queue>
void BM_HoldPareto(benchmark::State& state) {
  HoldModel<Queue, ParetoIncrements>(state);
}

// Per step: one pop, one kept push; with probability 3/7 also a timer push (four times the
// mean increment, like patience against handling time) and the cancellation of the timer
// pushed n/8 timers earlier. Timers are thus 3/10 of all pushes; a few fire before their
// cancellation comes, as some callers do abandon.
template <class Queue>
void BM_HoldCancel(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::vector<sim::Time>& inc = Increments();
  const std::size_t delay = n / 8 > 0 ? n / 8 : 1;
  std::vector<sim::EventHandle> timers(delay);
  std::size_t next_timer = 0;
  Queue q;
  std::size_t i = 0;
  std::int64_t cancelled = 0, attempted = 0;
  auto step = [&] {
    auto e = q.Pop();
    const sim::Time now = e.time;
    q.Push(now + inc[i++ % kIncrements], e.payload);
    if (inc[i % kIncrements] % 7 < 3) {
      sim::EventHandle& slot = timers[next_timer++ % delay];
      cancelled += q.Cancel(slot);
      ++attempted;
      slot = q.Push(now + 4 * inc[i++ % kIncrements], 1);
    }
    return e;
  };
  for (std::size_t k = 0; k < n; ++k) q.Push(inc[i++ % kIncrements], 0);
  for (std::size_t k = 0; k < n; ++k) step();
  cancelled = attempted = 0;
  for (auto _ : state) benchmark::DoNotOptimize(step());
  state.SetItemsProcessed(state.iterations());
  state.counters["cancel_hit"] =
      attempted ? static_cast<double>(cancelled) / static_cast<double>(attempted) : 0.0;
}

// Simultaneous events (a major incident, a shift change): n pending at one instant; each step
// pops the oldest and pushes another at the same time.
template <class Queue>
void BM_Burst(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  Queue q;
  for (std::size_t k = 0; k < n; ++k) q.Push(1000, 0);
  // The first pop sorts out the whole burst, once; time the steady state.
  auto first = q.Pop();
  q.Push(first.time, first.payload);
  for (auto _ : state) {
    auto e = q.Pop();
    q.Push(e.time, e.payload);
    benchmark::DoNotOptimize(e);
  }
  state.SetItemsProcessed(state.iterations());
}

#define FCCSIM_QUEUE_SIZES RangeMultiplier(16)->Range(16, 1 << 20)

BENCHMARK_TEMPLATE(BM_Hold, StdPriorityQueue)->FCCSIM_QUEUE_SIZES;
BENCHMARK_TEMPLATE(BM_Hold, sim::RadixHeapQueue<std::uint32_t>)->FCCSIM_QUEUE_SIZES;
BENCHMARK_TEMPLATE(BM_HoldPareto, StdPriorityQueue)->FCCSIM_QUEUE_SIZES;
BENCHMARK_TEMPLATE(BM_HoldPareto, sim::RadixHeapQueue<std::uint32_t>)->FCCSIM_QUEUE_SIZES;
BENCHMARK_TEMPLATE(BM_Burst, StdPriorityQueue)->FCCSIM_QUEUE_SIZES;
BENCHMARK_TEMPLATE(BM_Burst, sim::RadixHeapQueue<std::uint32_t>)->FCCSIM_QUEUE_SIZES;
BENCHMARK_TEMPLATE(BM_HoldCancel, StdLazyPriorityQueue)->FCCSIM_QUEUE_SIZES;
BENCHMARK_TEMPLATE(BM_HoldCancel, sim::RadixHeapQueue<std::uint32_t>)->FCCSIM_QUEUE_SIZES;

// ns-3's schedulers up to 65,536 pending (at 10^6 the warm-up alone takes minutes for some).
// With cancellations, HeapScheduler is left out (its Remove leaves events out of order in
// Debian's 3.37; bench/queue_trace_bench.cc catches it) and so is PriorityQueueScheduler (its
// Remove is a linear search).
#ifdef FCCSIM_WITH_NS3
#define FCCSIM_NS3_SIZES RangeMultiplier(16)->Range(16, 1 << 16)
BENCHMARK_TEMPLATE(BM_Hold, Ns3MapScheduler)->FCCSIM_NS3_SIZES;
BENCHMARK_TEMPLATE(BM_Hold, Ns3HeapScheduler)->FCCSIM_NS3_SIZES;
BENCHMARK_TEMPLATE(BM_Hold, Ns3CalendarScheduler)->FCCSIM_NS3_SIZES;
BENCHMARK_TEMPLATE(BM_Hold, Ns3PriorityQueueScheduler)->FCCSIM_NS3_SIZES;
BENCHMARK_TEMPLATE(BM_HoldPareto, Ns3MapScheduler)->FCCSIM_NS3_SIZES;
BENCHMARK_TEMPLATE(BM_HoldPareto, Ns3CalendarScheduler)->FCCSIM_NS3_SIZES;
BENCHMARK_TEMPLATE(BM_HoldCancel, Ns3MapScheduler)->FCCSIM_NS3_SIZES;
BENCHMARK_TEMPLATE(BM_HoldCancel, Ns3CalendarScheduler)->FCCSIM_NS3_SIZES;
#endif

}  // namespace
}  // namespace fccsim::bench

BENCHMARK_MAIN();
