// The contact centre's own event traces, replayed against each queue: the pushes, pops and
// cancellations of one replication of a scenario, recorded once (model::RecordCentreEvents)
// and replayed from an empty queue each iteration. Hold-model winners can lose here: the
// centre keeps tens to hundreds of events pending, most timers far in the future and
// cancelled (abandonment), the rest near (arrivals, ends of calls).
//
// Items are trace operations; scripts/check_bench.py reads the ratios against the binary heap
// (std::priority_queue with lazy cancellation).

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "bench/std_queue_baselines.h"
#ifdef FCCSIM_WITH_NS3
#include "bench/ns3_queue_baselines.h"
#endif
#include "model/centre/centre_model.h"
#include "model/scenario/model_spec.h"
#include "model/scenario/scenario_loader.h"
#include "sim/event_trace.h"
#include "sim/radix_heap_queue.h"

namespace fccsim::bench {
namespace {

// The trace of replication 0 (seed 1) of a scenario, recorded on first use; null, with the
// reason, if the scenario does not load.
const sim::EventTrace* Trace(const std::string& file, std::string* error) {
  static std::map<std::string, sim::EventTrace> traces;
  if (const auto it = traces.find(file); it != traces.end()) return &it->second;
  model::LoadedScenario loaded;
  const auto problems = model::LoadScenario(std::string(FCCSIM_SOURCE_DIR) + "/" + file, &loaded);
  if (model::HasErrors(problems)) {
    *error = file + ": " + problems[0].ToString();
    return nullptr;
  }
  return &traces.emplace(file, model::RecordCentreEvents(model::CompileScenario(loaded), 1, 0))
              .first->second;
}

template <class Queue>
void BM_CentreTrace(benchmark::State& state, const std::string& file) {
  std::string error;
  const sim::EventTrace* trace = Trace(file, &error);
  if (trace == nullptr) {
    state.SkipWithError(error.c_str());
    return;
  }
  std::vector<sim::EventHandle> handles;
  for (auto _ : state) {
    Queue queue;
    if (!sim::ReplayTrace(*trace, &queue, &handles)) {
      state.SkipWithError("a pop gave another time than the trace's: the queue is wrong");
      return;
    }
    benchmark::DoNotOptimize(queue);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(trace->steps.size()));
  state.counters["pushes"] = trace->pushes;
  state.counters["cancelled"] =
      static_cast<double>(trace->cancels) / static_cast<double>(trace->pushes);
}

template <class Queue>
void Register(const std::string& queue, const std::string& scenario) {
  benchmark::RegisterBenchmark(("BM_CentreTrace<" + queue + ">/" + scenario).c_str(),
                               BM_CentreTrace<Queue>, "scenarios/" + scenario + ".textproto");
}

}  // namespace
}  // namespace fccsim::bench

int main(int argc, char** argv) {
  namespace b = fccsim::bench;
  // A week of each: Erlang A (about 120,000 calls) and the GMP example (voice, two channels).
  for (const std::string scenario : {"erlang_a", "gmp_baseline"}) {
    b::Register<b::StdLazyPriorityQueue>("StdLazyPriorityQueue", scenario);
    b::Register<fccsim::sim::RadixHeapQueue<std::uint32_t>>("RadixHeapQueue", scenario);
#ifdef FCCSIM_WITH_NS3
    b::Register<b::Ns3MapScheduler>("Ns3MapScheduler", scenario);
    b::Register<b::Ns3HeapScheduler>("Ns3HeapScheduler", scenario);
    b::Register<b::Ns3CalendarScheduler>("Ns3CalendarScheduler", scenario);
    b::Register<b::Ns3PriorityQueueScheduler>("Ns3PriorityQueueScheduler", scenario);
#endif
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
