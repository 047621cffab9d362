#ifndef FCCSIM_BENCH_HANDWRITTEN_ERLANG_A_H_
#define FCCSIM_BENCH_HANDWRITTEN_ERLANG_A_H_

// The baseline fccsim's end-to-end speed is read against: what one would write by hand for
// the Erlang-A case alone (M/M/50+M as in scenarios/erlang_a.textproto: 50 handlers, 47.5
// Erlangs at mean handling 240 s, exponential patience of mean 600 s). Double-precision
// times, a std::priority_queue of events, lazy invalidation of abandonment timers, one
// generator, and only the counts the service level, abandonment and ASA need. fccsim should
// be about as fast while collecting every KPI.
//
// Standard library only, so that one copy serves both measures: bench/centre_bench.cc runs
// it in a warm process, bench/handwritten_erlang_a.cc as a whole process.

#include <cmath>
#include <cstdint>
#include <deque>
#include <functional>
#include <queue>
#include <random>
#include <vector>

namespace fccsim::bench {

// Counts over the contacts that arrived at or after the warm-up; `contacts` counts every
// arrival, warm-up included. Contacts still waiting or in service at the end are offered
// only.
struct HandWrittenErlangACounts {
  std::int64_t contacts = 0;
  std::int64_t offered = 0;
  std::int64_t answered = 0;
  std::int64_t answered_within_20s = 0;
  std::int64_t abandoned = 0;
  double wait_sum_s = 0;  // over the answered contacts
};

// Simulates [0, end_s) from an empty, idle centre. REQUIRES: 0 <= warm_up_s <= end_s.
inline HandWrittenErlangACounts RunHandWrittenErlangA(std::uint64_t seed, double warm_up_s,
                                                      double end_s) {
  constexpr int kServers = 50;
  constexpr double kRate = 47.5 / 240.0, kHandle = 240.0, kPatience = 600.0;
  enum Kind { kArrival, kDone, kAbandon };
  struct Event {
    double t;
    Kind kind;
    std::uint32_t id;
    bool operator>(const Event& o) const { return t > o.t; }
  };
  std::priority_queue<Event, std::vector<Event>, std::greater<Event>> events;
  std::mt19937_64 rng(seed);
  auto exponential = [&rng](double mean) {
    return -mean * std::log((static_cast<double>(rng() >> 11) + 0.5) * 0x1.0p-53);
  };
  std::vector<double> arrived;
  std::vector<char> waiting;
  std::deque<std::uint32_t> queue;
  int idle = kServers;
  HandWrittenErlangACounts n;
  auto answer = [&](std::uint32_t id, double now) {
    --idle;
    waiting[id] = 0;
    if (arrived[id] >= warm_up_s) {
      const double wait = now - arrived[id];
      ++n.answered;
      n.answered_within_20s += wait <= 20.0;
      n.wait_sum_s += wait;
    }
    events.push({now + exponential(kHandle), kDone, id});
  };
  events.push({exponential(1 / kRate), kArrival, 0});
  while (!events.empty() && events.top().t < end_s) {
    const Event e = events.top();
    events.pop();
    if (e.kind == kArrival) {
      const auto id = static_cast<std::uint32_t>(arrived.size());
      arrived.push_back(e.t);
      waiting.push_back(1);
      n.offered += e.t >= warm_up_s;
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
      n.abandoned += arrived[e.id] >= warm_up_s;
    }
  }
  n.contacts = static_cast<std::int64_t>(arrived.size());
  return n;
}

}  // namespace fccsim::bench

#endif  // FCCSIM_BENCH_HANDWRITTEN_ERLANG_A_H_
