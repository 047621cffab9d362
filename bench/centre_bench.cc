// End to end: simulated contacts per second on one thread, all KPIs collected. The
// Erlang-A case is scenarios/erlang_a.textproto (50 handlers, mean handling 240 s, 47.5
// Erlangs offered, patience mean 600 s); the GMP case is scenarios/gmp_baseline.textproto.

#include <cmath>
#include <cstdint>
#include <deque>
#include <functional>
#include <queue>
#include <random>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "model/centre/centre_model.h"
#include "model/scenario/model_spec.h"
#include "model/scenario/scenario_loader.h"

namespace fccsim::bench {
namespace {

void BM_Scenario(benchmark::State& state, const std::string& file) {
  model::LoadedScenario loaded;
  const auto problems = model::LoadScenario(std::string(FCCSIM_SOURCE_DIR) + "/" + file, &loaded);
  if (!problems.empty()) {
    state.SkipWithError((file + ": " + problems[0].ToString()).c_str());
    return;
  }
  const model::ModelSpec spec = model::CompileScenario(loaded);
  std::uint64_t replication = 0;
  std::int64_t contacts = 0;
  for (auto _ : state) {
    model::ReplicationMeasures stats = model::SimulateCentre(spec, 1, replication++);
    contacts += static_cast<std::int64_t>(stats.contacts);
    benchmark::DoNotOptimize(stats);
  }
  state.SetItemsProcessed(contacts);
  state.SetLabel("items = contacts");
}

// The baseline: what one would write by hand for this one queue (M/M/50+M, the Erlang-A
// case over the same 7 days plus 2 h): double-precision times, std::priority_queue of events,
// lazy invalidation of abandonment timers, one generator, and only the counts the service
// level, abandonment and ASA need. fccsim should be about as fast while collecting every KPI.
void BM_HandWrittenErlangA(benchmark::State& state) {
  constexpr int kServers = 50;
  constexpr double kRate = 47.5 / 240.0, kHandle = 240.0, kPatience = 600.0;
  constexpr double kWarmUp = 2 * 3600.0, kEnd = kWarmUp + 7 * 86400.0;
  std::uint64_t seed = 1;
  std::int64_t contacts = 0;
  for (auto _ : state) {
    enum Kind { kArrival, kDone, kAbandon };
    struct Event {
      double t;
      Kind kind;
      std::uint32_t id;
      bool operator>(const Event& o) const { return t > o.t; }
    };
    std::priority_queue<Event, std::vector<Event>, std::greater<Event>> events;
    std::mt19937_64 rng(seed++);
    auto exponential = [&rng](double mean) {
      return -mean * std::log((static_cast<double>(rng() >> 11) + 0.5) * 0x1.0p-53);
    };
    std::vector<double> arrived;
    std::vector<char> waiting;
    std::deque<std::uint32_t> queue;
    int idle = kServers;
    std::int64_t offered = 0, answered = 0, within = 0, abandoned = 0;
    double wait_sum = 0;
    auto answer = [&](std::uint32_t id, double now) {
      --idle;
      waiting[id] = 0;
      if (arrived[id] >= kWarmUp) {
        const double wait = now - arrived[id];
        ++answered;
        within += wait <= 20.0;
        wait_sum += wait;
      }
      events.push({now + exponential(kHandle), kDone, id});
    };
    events.push({exponential(1 / kRate), kArrival, 0});
    while (!events.empty() && events.top().t < kEnd) {
      const Event e = events.top();
      events.pop();
      if (e.kind == kArrival) {
        const auto id = static_cast<std::uint32_t>(arrived.size());
        arrived.push_back(e.t);
        waiting.push_back(1);
        offered += e.t >= kWarmUp;
        if (idle > 0) {
          answer(id, e.t);
        } else {
          queue.push_back(id);
          events.push({e.t + exponential(kPatience), kAbandon, id});
        }
        events.push({e.t + exponential(1 / kRate), kArrival, 0});
      } else if (e.kind == kDone) {
        ++idle;
        while (!queue.empty() && !waiting[queue.front()]) queue.pop_front();
        if (!queue.empty()) {
          const std::uint32_t id = queue.front();
          queue.pop_front();
          answer(id, e.t);
        }
      } else if (waiting[e.id]) {
        waiting[e.id] = 0;
        abandoned += arrived[e.id] >= kWarmUp;
      }
    }
    contacts += static_cast<std::int64_t>(arrived.size());
    benchmark::DoNotOptimize(within + abandoned + offered + answered);
    benchmark::DoNotOptimize(wait_sum);
  }
  state.SetItemsProcessed(contacts);
  state.SetLabel("items = contacts");
}
BENCHMARK(BM_HandWrittenErlangA)->Unit(benchmark::kMillisecond);

BENCHMARK_CAPTURE(BM_Scenario, erlang_a, std::string("scenarios/erlang_a.textproto"))
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Scenario, gmp_baseline, std::string("scenarios/gmp_baseline.textproto"))
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace fccsim::bench

BENCHMARK_MAIN();
