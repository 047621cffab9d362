#ifndef FCCSIM_BENCH_NS3_QUEUE_BASELINES_H_
#define FCCSIM_BENCH_NS3_QUEUE_BASELINES_H_

// ns-3's event schedulers (Debian's libns3-dev) behind the EventQueue contract, as further
// baselines beside std::priority_queue: MapScheduler (ns-3's default, a std::map),
// HeapScheduler, CalendarScheduler (Brown 1988) and PriorityQueueScheduler. Built only where
// libns3-dev is installed (FCCSIM_WITH_NS3); the suite does not depend on it.
//
// ns-3 orders events by (time stamp, unique id), FIFO for equal times as fccsim does. The
// context field carries the slot of the event's payload and key, so that a pop releases it
// and a cancel can name the event to Remove.

#include <ns3/calendar-scheduler.h>
#include <ns3/heap-scheduler.h>
#include <ns3/map-scheduler.h>
#include <ns3/object.h>
#include <ns3/priority-queue-scheduler.h>

#include <cstdint>
#include <utility>

#include "sim/event_queue.h"
#include "sim/slot_table.h"

namespace fccsim::bench {

template <class Scheduler>
class Ns3Queue {
 public:
  using Payload = std::uint32_t;

  Ns3Queue() : scheduler_(ns3::CreateObject<Scheduler>()) {}

  sim::EventHandle Push(sim::Time t, Payload p) {
    const sim::EventHandle h = slots_.Allocate(Pending{static_cast<std::uint64_t>(t), uid_, p});
    scheduler_->Insert(
        ns3::Scheduler::Event{nullptr, {static_cast<std::uint64_t>(t), uid_, h.slot}});
    ++uid_;
    ++live_;
    return h;
  }
  bool Cancel(sim::EventHandle h) {
    if (!slots_.Matches(h)) return false;
    const Pending& e = slots_.Get(h.slot);
    scheduler_->Remove(ns3::Scheduler::Event{nullptr, {e.time, e.uid, h.slot}});
    slots_.MarkCancelled(h.slot);
    slots_.Release(h.slot);
    --live_;
    return true;
  }
  bool Empty() const { return live_ == 0; }
  std::size_t Size() const { return live_; }
  std::size_t PhysicalSize() const { return live_; }
  sim::Time TopTime() { return static_cast<sim::Time>(scheduler_->PeekNext().key.m_ts); }
  sim::QueuedEvent<Payload> Pop() {
    const ns3::Scheduler::Event ev = scheduler_->RemoveNext();
    --live_;
    return {static_cast<sim::Time>(ev.key.m_ts), slots_.Take(ev.key.m_context).payload};
  }

 private:
  struct Pending {
    std::uint64_t time = 0;
    std::uint32_t uid = 0;
    Payload payload = 0;
  };
  ns3::Ptr<Scheduler> scheduler_;
  sim::SlotTable<Pending> slots_;
  std::uint32_t uid_ = 0;
  std::size_t live_ = 0;
};

using Ns3MapScheduler = Ns3Queue<ns3::MapScheduler>;
using Ns3HeapScheduler = Ns3Queue<ns3::HeapScheduler>;
using Ns3CalendarScheduler = Ns3Queue<ns3::CalendarScheduler>;
using Ns3PriorityQueueScheduler = Ns3Queue<ns3::PriorityQueueScheduler>;

}  // namespace fccsim::bench

#endif  // FCCSIM_BENCH_NS3_QUEUE_BASELINES_H_
