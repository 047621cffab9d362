#include "sim/event_trace.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <vector>

#include "sim/radix_heap_queue.h"
#include "sim/simulator.h"

namespace fccsim::sim {
namespace {

using Recording = RecordingQueue<RadixHeapQueue<std::uint64_t>>;

TEST(RecordingQueue, RecordsWhatChangesTheQueueAndNothingElse) {
  EventTrace trace;
  Recording q(&trace);
  q.Push(30, 0);
  const EventHandle timer = q.Push(50, 1);
  q.Push(10, 2);
  EXPECT_EQ(q.Pop().time, 10);
  EXPECT_TRUE(q.Cancel(timer));
  EXPECT_FALSE(q.Cancel(timer));  // finds nothing: not recorded
  QueuedEvent<std::uint64_t> e;
  EXPECT_FALSE(q.PopNotAfter(20, &e));  // pops nothing: not recorded
  EXPECT_TRUE(q.PopNotAfter(30, &e));
  using Op = EventTrace::Op;
  ASSERT_EQ(trace.steps.size(), 6u);
  const std::vector<std::pair<Op, Time>> expected = {{Op::kPush, 30},  {Op::kPush, 50},
                                                     {Op::kPush, 10},  {Op::kPop, 10},
                                                     {Op::kCancel, 0}, {Op::kPop, 30}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(trace.steps[i].op, expected[i].first) << i;
    EXPECT_EQ(trace.steps[i].time, expected[i].second) << i;
  }
  EXPECT_EQ(trace.steps[4].push, 1u);  // the cancel names the second push
  EXPECT_EQ(trace.pushes, 3u);
  EXPECT_EQ(trace.pops, 2u);
  EXPECT_EQ(trace.cancels, 1u);
}

// A queue that ignores time, first in first out: replaying a trace on it must be caught.
class FifoQueue {
 public:
  using Payload = std::uint64_t;
  EventHandle Push(Time t, Payload p) {
    entries_.push_back({t, p});
    return EventHandle{static_cast<std::uint32_t>(entries_.size()), 1};
  }
  bool Cancel(EventHandle) { return true; }
  QueuedEvent<Payload> Pop() {
    const QueuedEvent<Payload> e = entries_.front();
    entries_.pop_front();
    return e;
  }

 private:
  std::deque<QueuedEvent<Payload>> entries_;
};

TEST(ReplayTrace, ReproducesASimulationsPopsAndCatchesAQueueThatDoesNot) {
  // A small hold model with timers cancelled: the kind of trace a model records.
  EventTrace trace;
  using ActionRecording = RecordingQueue<RadixHeapQueue<Action>>;
  BasicSimulator<ActionRecording> sim{ActionRecording(&trace)};
  std::vector<EventHandle> timers;
  std::uint64_t state = 7;
  const auto next = [&state] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<Duration>(state >> 40);
  };
  std::function<void()> step;
  step = [&] {
    if (timers.size() > 3) sim.Cancel(timers[timers.size() - 3]);
    timers.push_back(sim.Schedule(next() * 4, [] {}));
    sim.Schedule(next(), [&step] { step(); });
  };
  for (int i = 0; i < 20; ++i) sim.Schedule(next(), [&step] { step(); });
  sim.RunUntil(Duration{1} << 30);
  ASSERT_GT(trace.pops, 1000u);
  ASSERT_GT(trace.cancels, 100u);

  std::vector<EventHandle> handles;
  RadixHeapQueue<std::uint64_t> radix;
  EXPECT_TRUE(ReplayTrace(trace, &radix, &handles));
  FifoQueue fifo;
  EXPECT_FALSE(ReplayTrace(trace, &fifo, &handles));
}

}  // namespace
}  // namespace fccsim::sim
