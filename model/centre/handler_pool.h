#ifndef FCCSIM_MODEL_CENTRE_HANDLER_POOL_H_
#define FCCSIM_MODEL_CENTRE_HANDLER_POOL_H_

// The handlers: a record per handler (group, state, the contact in hand), with per-group
// indexes that keep every routing question O(1): how many are on, how many idle, and which
// idle handler takes the next contact (the one idle longest).
//
// A handler told to go off while busy finishes the contact in hand first, then goes; told to
// come back on before finishing (back from a break that started mid-call), simply carries on.
// A handler moved to another group while busy moves once the contact in hand is finished.
//
// Records of retired handlers (whose last shift ended) are reused, so memory follows the most
// handlers rostered at once. Counts change only through these methods; the caller reports
// them to the measures.

#include <cstdint>
#include <vector>

#include "model/centre/contact.h"

namespace fccsim::model {

enum class HandlerState : std::uint8_t { kOff, kIdle, kBusy };

struct Handler {
  int group = 0;
  HandlerState state = HandlerState::kOff;
  bool leaving = false;   // busy, and goes off when the contact in hand is finished
  bool retiring = false;  // the record is released once the handler is off
  int moving_to = -1;     // busy, and joins this group when the contact in hand is finished
  ContactId contact = 0;  // when busy
  // Links of the group's idle list (longest idle first), when idle.
  HandlerId prev_idle = 0, next_idle = 0;
};

class HandlerPool {
 public:
  static constexpr HandlerId kNone = 0xffffffffu;

  explicit HandlerPool(int groups);

  int Online(int g) const { return groups_[Index(g)].online; }
  int Idle(int g) const { return groups_[Index(g)].idle; }
  int Busy(int g) const { return Online(g) - Idle(g); }
  const Handler& operator[](HandlerId h) const { return handlers_[h]; }

  // A new handler of group g, off duty.
  HandlerId Hire(int g);

  // Handler h comes on: idle if it was off; if it was busy and due to go, it carries on.
  // Returns true if h is now idle (and should look for work).
  bool ComeOn(HandlerId h);

  // Handler h goes off: at once if idle, after the contact in hand if busy.
  void GoOff(HandlerId h);

  // As GoOff, for the last time: the record is released once h is off.
  void Retire(HandlerId h);

  // Gives `contact` to the handler of group g idle longest. REQUIRES: Idle(g) > 0.
  HandlerId TakeIdle(int g, ContactId contact);

  // Gives `contact` to idle handler h. REQUIRES: h is idle.
  void Assign(HandlerId h, ContactId contact);

  // Handler h finished its contact. Returns true if h stays on (now idle, possibly in the
  // group it was moving to), false if it went off.
  bool Finish(HandlerId h);

  // Moves handler h to group `to`: at once unless busy, else when the contact is finished.
  void Reassign(HandlerId h, int to);

  // Up to `count` handlers of group g to move: idle ones first (longest idle first), then busy
  // ones not already leaving or moving, in record order.
  std::vector<HandlerId> PickToMove(int g, int count) const;

 private:
  struct Group {
    int online = 0;
    int idle = 0;
    HandlerId first_idle = kNone, last_idle = kNone;
  };

  static std::size_t Index(int g) { return static_cast<std::size_t>(g); }
  void PushIdle(HandlerId h);
  void UnlinkIdle(HandlerId h);
  void TakeOff(HandlerId h);  // REQUIRES: h on and not busy

  std::vector<Handler> handlers_;
  std::vector<HandlerId> free_;  // records of retired handlers
  std::vector<Group> groups_;
};

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_CENTRE_HANDLER_POOL_H_
