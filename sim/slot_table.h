#ifndef FCCSIM_SIM_SLOT_TABLE_H_
#define FCCSIM_SIM_SLOT_TABLE_H_

// Storage for the payloads of pending events, addressed by small slot numbers, with a
// generation per slot so that handles to fired or cancelled events are recognised as stale.
// Freed slots are reused through an intrusive free list: no allocation per event once grown.
//
// A slot's generation is odd while its event is pending and even otherwise, so one load
// answers both "does this handle still match?" and "is this entry still live?".

#include <cstdint>
#include <utility>
#include <vector>

#include "sim/event_queue.h"

namespace fccsim::sim {

template <class Payload>
class SlotTable {
 public:
  [[gnu::always_inline]] EventHandle Allocate(Payload&& payload) {
    std::uint32_t index = free_head_;
    if (index != kNone) [[likely]] {
      free_head_ = slots_[index].next_free;
    } else {
      index = Grow();
    }
    Slot& s = slots_[index];
    ++s.generation;  // even -> odd: pending
    s.payload = std::move(payload);
    return EventHandle{index, s.generation};
  }

  // True iff `h` names an event that is still pending.
  bool Matches(EventHandle h) const {
    // An even generation never names a pending event, even if a made-up handle carries one.
    return (h.generation & 1u) && h.slot < slots_.size() && slots_[h.slot].generation == h.generation;
  }
  bool IsPending(std::uint32_t index) const { return slots_[index].generation & 1u; }
  // REQUIRES: IsPending(index).
  const Payload& Get(std::uint32_t index) const { return slots_[index].payload; }

  // Makes every handle to the slot stale. The slot itself stays allocated until Release(),
  // because a queue may still hold an entry naming it.
  // REQUIRES: IsPending(index).
  void MarkCancelled(std::uint32_t index) {
    Slot& s = slots_[index];
    ++s.generation;
    s.payload = Payload{};  // drop what the event would have done now, not at purge time
  }

  // Moves the payload out, marks the event fired and releases the slot.
  // REQUIRES: IsPending(index).
  Payload Take(std::uint32_t index) {
    Payload p;
    TakeInto(index, &p);
    return p;
  }
  // As Take, moving the payload into *out.
  void TakeInto(std::uint32_t index, Payload* out) {
    Slot& s = slots_[index];
    ++s.generation;
    *out = std::move(s.payload);
    Release(index);
  }

  // REQUIRES: !IsPending(index) and no queue entry names the slot any more.
  void Release(std::uint32_t index) {
    slots_[index].next_free = free_head_;
    free_head_ = index;
  }

  // A hint that the slot will be read soon.
  void Prefetch(std::uint32_t index) const { __builtin_prefetch(&slots_[index]); }

  std::size_t capacity() const { return slots_.size(); }

 private:
  static constexpr std::uint32_t kNone = 0xffffffffu;

  // Out of line, so that the common path above (reuse a freed slot) stays a few instructions
  // inlined into every push.
  [[gnu::noinline]] std::uint32_t Grow() {
    slots_.emplace_back();
    return static_cast<std::uint32_t>(slots_.size() - 1);
  }

  struct Slot {
    std::uint32_t generation = 0;
    std::uint32_t next_free = kNone;
    Payload payload{};
  };
  std::vector<Slot> slots_;
  std::uint32_t free_head_ = kNone;
};

}  // namespace fccsim::sim

#endif  // FCCSIM_SIM_SLOT_TABLE_H_
