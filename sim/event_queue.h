#ifndef FCCSIM_SIM_EVENT_QUEUE_H_
#define FCCSIM_SIM_EVENT_QUEUE_H_

// The event-queue contract shared by every implementation, so that one can replace another at
// compile time (the simulator takes the queue as a template parameter; no virtual calls).
//
// A queue holds pending events, each a time and a small payload (the simulator stores what the
// event does there). Invariants every implementation keeps:
//  - Pop() returns the pending event with the smallest time; events with equal times leave in
//    the order they were pushed (FIFO). Results are reproducible because of this.
//  - Push() returns a handle; Cancel(handle) removes that event if it is still pending and
//    returns whether it did. Cancel is always safe: on a default handle, twice, or after the
//    event fired (the handle is then stale and Cancel returns false).
//  - Time only moves forward: Push(t) REQUIRES t >= the time of the last popped event.
//    Implementations may exploit this (radix heaps, calendar queues).
//  - No heap allocation per event: buffers keep their capacity, so once the queue has grown to
//    its working size it allocates only when some buffer sets a new size record.
//  - Cancelled events do not pile up: PhysicalSize() stays within a small factor of Size().

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <utility>

#include "sim/time.h"

namespace fccsim::sim {

// Identifies one pushed event. A default-constructed handle refers to no event.
// The generation distinguishes successive uses of a slot; a handle becomes stale when its event
// fires or is cancelled. (After 2^31 reuses of the same slot an ancient stale handle could
// alias a new event; no simulation keeps a handle that long.)
struct EventHandle {
  std::uint32_t slot = std::numeric_limits<std::uint32_t>::max();
  std::uint32_t generation = 0;
  friend bool operator==(const EventHandle&, const EventHandle&) = default;
};

template <class Payload>
struct QueuedEvent {
  Time time;
  Payload payload;
};

template <class Q>
concept EventQueue =
    requires(Q q, const Q cq, Time t, typename Q::Payload p, EventHandle h) {
      { q.Push(t, std::move(p)) } -> std::same_as<EventHandle>;
      { q.Cancel(h) } -> std::same_as<bool>;
      { cq.Empty() } -> std::same_as<bool>;
      { cq.Size() } -> std::same_as<std::size_t>;
      { cq.PhysicalSize() } -> std::same_as<std::size_t>;
      { q.TopTime() } -> std::same_as<Time>;  // REQUIRES: !Empty()
      { q.Pop() } -> std::same_as<QueuedEvent<typename Q::Payload>>;  // REQUIRES: !Empty()
      // Pops into *out and returns true if the queue holds an event at or before `t`; the
      // simulator's loop in one step.
      { q.PopNotAfter(t, static_cast<QueuedEvent<typename Q::Payload>*>(nullptr)) }
          -> std::same_as<bool>;
    };

}  // namespace fccsim::sim

#endif  // FCCSIM_SIM_EVENT_QUEUE_H_
