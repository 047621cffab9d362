#ifndef FCCSIM_BENCH_STD_QUEUE_BASELINES_H_
#define FCCSIM_BENCH_STD_QUEUE_BASELINES_H_

// The baselines every fccsim event queue is measured against: std::priority_queue used the way
// a careful programmer would, with the same contract (FIFO ties via a sequence number, lazy
// deletion for cancels). They satisfy the EventQueue concept so one benchmark template drives
// all queues.

#include <cstdint>
#include <functional>
#include <queue>
#include <utility>
#include <vector>

#include "sim/event_queue.h"
#include "sim/slot_table.h"

namespace fccsim::bench {

// The hold-model baseline: no cancellation, 16-byte entries, the payload in the entry.
class StdPriorityQueue {
 public:
  using Payload = std::uint32_t;
  sim::EventHandle Push(sim::Time t, Payload p) {
    heap_.push(Entry{t, (seq_++ << 32) | p});
    return sim::EventHandle{};
  }
  bool Cancel(sim::EventHandle) { return false; }
  bool Empty() const { return heap_.empty(); }
  std::size_t Size() const { return heap_.size(); }
  std::size_t PhysicalSize() const { return heap_.size(); }
  sim::Time TopTime() { return heap_.top().time; }
  sim::QueuedEvent<Payload> Pop() {
    Entry e = heap_.top();
    heap_.pop();
    return {e.time, static_cast<Payload>(e.seq_payload)};
  }

 private:
  struct Entry {
    sim::Time time;
    std::uint64_t seq_payload;  // sequence in the high half breaks ties first-in first-out
  };
  struct Later {
    bool operator()(const Entry& a, const Entry& b) const {
      return a.time > b.time || (a.time == b.time && a.seq_payload > b.seq_payload);
    }
  };
  std::priority_queue<Entry, std::vector<Entry>, Later> heap_;
  std::uint64_t seq_ = 0;
};

// The cancellation baseline: std::priority_queue with lazy deletion through generation-checked
// slots (the same slot table the fccsim queues use, so only the heap differs).
class StdLazyPriorityQueue {
 public:
  using Payload = std::uint32_t;
  sim::EventHandle Push(sim::Time t, Payload p) {
    sim::EventHandle h = slots_.Allocate(std::move(p));
    heap_.push(Entry{t, seq_++, h.slot});
    ++live_;
    return h;
  }
  bool Cancel(sim::EventHandle h) {
    if (!slots_.Matches(h)) return false;
    slots_.MarkCancelled(h.slot);
    --live_;
    return true;
  }
  bool Empty() const { return live_ == 0; }
  std::size_t Size() const { return live_; }
  std::size_t PhysicalSize() const { return heap_.size(); }
  sim::Time TopTime() {
    SettleFront();
    return heap_.top().time;
  }
  sim::QueuedEvent<Payload> Pop() {
    SettleFront();
    Entry e = heap_.top();
    heap_.pop();
    --live_;
    return {e.time, slots_.Take(e.slot)};
  }

 private:
  struct Entry {
    sim::Time time;
    std::uint64_t seq;
    std::uint32_t slot;
  };
  struct Later {
    bool operator()(const Entry& a, const Entry& b) const {
      return a.time > b.time || (a.time == b.time && a.seq > b.seq);
    }
  };
  void SettleFront() {
    while (!slots_.IsPending(heap_.top().slot)) {
      slots_.Release(heap_.top().slot);
      heap_.pop();
    }
  }
  std::priority_queue<Entry, std::vector<Entry>, Later> heap_;
  sim::SlotTable<Payload> slots_;
  std::uint64_t seq_ = 0;
  std::size_t live_ = 0;
};

}  // namespace fccsim::bench

#endif  // FCCSIM_BENCH_STD_QUEUE_BASELINES_H_
