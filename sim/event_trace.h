#ifndef FCCSIM_SIM_EVENT_TRACE_H_
#define FCCSIM_SIM_EVENT_TRACE_H_

// A simulation's event-queue operations, recorded once and replayed against any queue: a
// queue that wins the hold model can lose on the pushes, pops and cancellations a real model
// makes (bench/queue_trace_bench.cc replays the contact centre's).

#include <cstdint>
#include <utility>
#include <vector>

#include "sim/event_queue.h"
#include "sim/time.h"

namespace fccsim::sim {

struct EventTrace {
  enum class Op : std::uint8_t { kPush, kPop, kCancel };
  struct Step {
    Op op;
    std::uint32_t push;  // kCancel: which push (counted from 0) it cancelled
    Time time;           // kPush: the event's time; kPop: the popped event's
  };
  std::vector<Step> steps;
  std::uint32_t pushes = 0;
  std::uint64_t pops = 0, cancels = 0;
  // Events that ran without passing through the queue (BasicSimulator::RunNextAt), so are
  // not in `steps`: filled by whoever ran the simulation.
  std::uint64_t ran_next = 0;
};

// Inner, recording what is done to it into a trace (null: records nothing). Only the
// operations that change the queue are recorded: a cancel that finds nothing is not.
template <EventQueue Inner>
class RecordingQueue {
 public:
  using Payload = typename Inner::Payload;

  explicit RecordingQueue(EventTrace* trace = nullptr) : trace_(trace) {}

  EventHandle Push(Time t, Payload p) {
    const EventHandle h = inner_.Push(t, std::move(p));
    if (trace_) {
      if (h.slot >= push_of_slot_.size()) push_of_slot_.resize(h.slot + 1);
      push_of_slot_[h.slot] = trace_->pushes;
      trace_->steps.push_back({EventTrace::Op::kPush, trace_->pushes++, t});
    }
    return h;
  }
  bool Cancel(EventHandle h) {
    const bool cancelled = inner_.Cancel(h);
    if (cancelled && trace_) {
      trace_->steps.push_back({EventTrace::Op::kCancel, push_of_slot_[h.slot], 0});
      ++trace_->cancels;
    }
    return cancelled;
  }
  bool Empty() const { return inner_.Empty(); }
  std::size_t Size() const { return inner_.Size(); }
  std::size_t PhysicalSize() const { return inner_.PhysicalSize(); }
  Time TopTime() { return inner_.TopTime(); }
  QueuedEvent<Payload> Pop() {
    QueuedEvent<Payload> e = inner_.Pop();
    Popped(e.time);
    return e;
  }
  bool PopNotAfter(Time t, QueuedEvent<Payload>* out) {
    if (!inner_.PopNotAfter(t, out)) return false;
    Popped(out->time);
    return true;
  }

 private:
  void Popped(Time t) {
    if (!trace_) return;
    trace_->steps.push_back({EventTrace::Op::kPop, 0, t});
    ++trace_->pops;
  }

  Inner inner_;
  EventTrace* trace_;
  std::vector<std::uint32_t> push_of_slot_;  // a pending event's push, by its slot
};

// Does to `queue` (empty, its payload constructible from a push's number) what the trace
// records, with `handles` as scratch. Returns whether every pop gave the recorded time, which
// a correct queue always does: the check keeps a benchmark honest.
// Needs only Push, Pop and Cancel of the EventQueue contract.
template <class Queue>
bool ReplayTrace(const EventTrace& trace, Queue* queue, std::vector<EventHandle>* handles) {
  handles->resize(trace.pushes);
  std::uint32_t pushed = 0;
  bool same = true;
  for (const EventTrace::Step& s : trace.steps) {
    switch (s.op) {
      case EventTrace::Op::kPush:
        (*handles)[pushed] = queue->Push(s.time, typename Queue::Payload(pushed));
        ++pushed;
        break;
      case EventTrace::Op::kPop:
        same &= queue->Pop().time == s.time;
        break;
      case EventTrace::Op::kCancel:
        same &= queue->Cancel((*handles)[s.push]);
        break;
    }
  }
  return same;
}

}  // namespace fccsim::sim

#endif  // FCCSIM_SIM_EVENT_TRACE_H_
