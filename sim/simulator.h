#ifndef FCCSIM_SIM_SIMULATOR_H_
#define FCCSIM_SIM_SIMULATOR_H_

// The discrete-event loop: a clock and an event queue of actions. Each replication builds and
// discards its own simulator; there is no global one.
//
// Events run in time order, equal times in the order they were scheduled. RunUntil can be
// called repeatedly: RunUntil(a) then RunUntil(b) does exactly what RunUntil(b) does.

#include <cstdint>
#include <limits>
#include <string>
#include <utility>

#include "sim/check.h"
#include "sim/event_queue.h"
#include "sim/inline_action.h"
#include "sim/radix_heap_queue.h"
#include "sim/time.h"

namespace fccsim::sim {

template <EventQueue Queue>
class BasicSimulator {
 public:
  explicit BasicSimulator(Queue queue = Queue()) : queue_(std::move(queue)) {}

  Time Now() const { return now_; }

  // Runs `action` `delay` ticks from now. REQUIRES: delay >= 0 and now + delay fits in Time.
  [[gnu::always_inline]] EventHandle Schedule(Duration delay, Action action) {
    // One unsigned comparison catches both a negative delay and an overflow past the end of
    // time (now_ is never negative); the message says which.
    FCCSIM_CHECK(static_cast<std::uint64_t>(delay) <=
                     static_cast<std::uint64_t>(std::numeric_limits<Time>::max() - now_),
                 (delay < 0 ? "negative delay " : "overflowing delay ") + std::to_string(delay) +
                     " ticks at t=" + FormatTicks(now_));
    return queue_.Push(now_ + delay, std::move(action));
  }

  // Runs `action` at absolute time `t`. REQUIRES: t >= Now().
  [[gnu::always_inline]] EventHandle ScheduleAt(Time t, Action action) {
    FCCSIM_CHECK(t >= now_, "scheduling at " + FormatTicks(t) + ", in the past of t=" +
                                FormatTicks(now_));
    return queue_.Push(t, std::move(action));
  }

  // Cancels a pending event; false if it already ran, was cancelled, or `h` is default.
  bool Cancel(EventHandle h) { return queue_.Cancel(h); }

  // Runs every event with time <= until, then sets Now() to until. REQUIRES: until >= Now().
  void RunUntil(Time until) {
    FCCSIM_CHECK(until >= now_, "RunUntil(" + FormatTicks(until) + ") is in the past of t=" +
                                    FormatTicks(now_));
    QueuedEvent<Action> event;
    until_ = until;
    while (queue_.PopNotAfter(until, &event)) {
      now_ = event.time;
      ++executed_;
      event.payload();
    }
    until_ = kNotRunning;
    now_ = until;
  }

  // For an event about to schedule its successor at `t` (the next arrival of a stream): true
  // if that event would run next, in which case Now() moves to t, it counts as run, and the
  // caller does at once what it would have done, sparing the queue a push and a pop. It would
  // run next if this RunUntil reaches t and nothing is pending at or before t: an event
  // pending at t was scheduled earlier, so runs first. False, with nothing changed, otherwise
  // and outside RunUntil. REQUIRES: t >= Now().
  bool RunNextAt(Time t) {
    FCCSIM_CHECK(t >= now_,
                 "running at " + FormatTicks(t) + ", in the past of t=" + FormatTicks(now_));
    if (t > until_ || (!queue_.Empty() && queue_.TopTime() <= t)) return false;
    now_ = t;
    ++executed_;
    ++ran_next_;
    return true;
  }

  std::size_t Pending() const { return queue_.Size(); }
  std::uint64_t EventsExecuted() const { return executed_; }
  // Of those, the ones that ran at once through RunNextAt, never queued.
  std::uint64_t EventsRunNext() const { return ran_next_; }

 private:
  static constexpr Time kNotRunning = std::numeric_limits<Time>::min();

  Queue queue_;
  Time now_ = 0;
  Time until_ = kNotRunning;  // of the RunUntil running, if any
  std::uint64_t executed_ = 0;
  std::uint64_t ran_next_ = 0;
};

using SimulatorQueue = RadixHeapQueue<Action>;
using Simulator = BasicSimulator<SimulatorQueue>;

}  // namespace fccsim::sim

#endif  // FCCSIM_SIM_SIMULATOR_H_
