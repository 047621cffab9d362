#ifndef FCCSIM_MODEL_CENTRE_HANDLER_POOL_H_
#define FCCSIM_MODEL_CENTRE_HANDLER_POOL_H_

// The handlers: a record per handler (group, state, the work in hand), with per-group indexes
// that keep every routing question O(1): how many are on, how many idle, and which handler
// takes the next contact.
//
// A handler's work is one voice contact (or a transfer), or up to k chat sessions at once (k
// per group, docs/model.md "Live Chat"), never both. Handlers who could take a chat are kept
// in one list per load level (the sessions they hold, 0 to k-1; level 0 is the idle list),
// longest at their level first: a chat goes to the least loaded, a call only to an idle one.
//
// A handler told to go off while busy finishes the work in hand first (takes nothing new),
// then goes; told to come back on before finishing (back from a break that started mid-call),
// simply carries on. A handler moved to another group while busy moves once the work in hand
// is finished.
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
  HandlerState state = HandlerState::kOff;  // busy: on a voice contact, or chat sessions open
  bool leaving = false;   // busy, and goes off when the work in hand is finished
  bool retiring = false;  // the record is released once the handler is off
  bool voice = false;     // on a voice contact (or holding for, or on, a transfer)
  std::int8_t level = -1;  // the load-level list it is in, or -1
  std::uint8_t sessions = 0;  // chat sessions open
  int moving_to = -1;     // busy, and joins this group when the work in hand is finished
  ContactId contact = 0;  // the voice contact, when on one
  // Links of the group's list for `level`.
  HandlerId prev = 0, next = 0;
};

class HandlerPool {
 public:
  static constexpr HandlerId kNone = 0xffffffffu;

  // Every group's handlers hold one chat session at most.
  explicit HandlerPool(int groups);
  // Group g's handlers hold up to max_sessions[g] chat sessions. REQUIRES: each in [1, 127].
  explicit HandlerPool(const std::vector<int>& max_sessions);

  int Online(int g) const { return groups_[Index(g)].online; }
  int Idle(int g) const { return groups_[Index(g)].levels[0].count; }
  int Busy(int g) const { return Online(g) - Idle(g); }
  // Handlers who could take a chat now (idle, or holding fewer than k sessions).
  int Available(int g) const { return groups_[Index(g)].available; }
  int Sessions(int g) const { return groups_[Index(g)].sessions; }   // open, in all
  int Chatting(int g) const { return groups_[Index(g)].chatting; }   // handlers with >= 1
  int MaxSessions(int g) const { return static_cast<int>(groups_[Index(g)].levels.size()); }
  const Handler& operator[](HandlerId h) const { return handlers_[h]; }

  // A new handler of group g, off duty.
  HandlerId Hire(int g);

  // Handler h comes on: idle if it was off; if it was busy and due to go, it carries on.
  // Returns true if h can now take work (and should look for some).
  bool ComeOn(HandlerId h);

  // Handler h goes off: at once if idle, after the work in hand if busy.
  void GoOff(HandlerId h);

  // As GoOff, for the last time: the record is released once h is off.
  void Retire(HandlerId h);

  // Gives voice `contact` to the handler of group g idle longest. REQUIRES: Idle(g) > 0.
  HandlerId TakeIdle(int g, ContactId contact);

  // Gives voice `contact` to idle handler h. REQUIRES: h is idle.
  void Assign(HandlerId h, ContactId contact);

  // Handler h finished its voice contact. Returns true if h stays on (now idle, possibly in
  // the group it was moving to), false if it went off.
  bool Finish(HandlerId h);

  // Opens a chat session for the least loaded handler of group g able to take one (longest
  // at its level first) and returns it. REQUIRES: Available(g) > 0.
  HandlerId TakeForChat(int g);
  // That handler, without opening a session; kNone when Available(g) == 0.
  HandlerId LeastLoaded(int g) const;

  // Opens a chat session for handler h. REQUIRES: h can take one (CanChat(h)).
  void OpenSession(HandlerId h);
  bool CanChat(HandlerId h) const { return handlers_[h].level >= 0; }

  // One of handler h's sessions closed. Returns true if h stays on (as Finish when it was
  // the last; else it carries on with the others).
  bool CloseSession(HandlerId h);

  // Moves handler h to group `to`: at once unless busy, else when the work is finished.
  void Reassign(HandlerId h, int to);

  // Up to `count` handlers of group g to move: idle ones first (longest idle first), then busy
  // ones not already leaving or moving, in record order.
  std::vector<HandlerId> PickToMove(int g, int count) const;

 private:
  struct List {
    HandlerId first = kNone, last = kNone;
    int count = 0;
  };
  struct Group {
    int online = 0;
    int available = 0;
    int sessions = 0;
    int chatting = 0;
    std::vector<List> levels;  // by sessions held, 0 to k-1
  };

  static std::size_t Index(int g) { return static_cast<std::size_t>(g); }
  // Puts h in the list its state calls for (or none), at the end.
  void Relist(HandlerId h);
  void Unlist(HandlerId h);
  // Work finished: h is idle (in its new group if moving), or off if leaving.
  bool AfterWork(HandlerId h);
  void TakeOff(HandlerId h);  // REQUIRES: h on and not busy

  std::vector<Handler> handlers_;
  std::vector<HandlerId> free_;  // records of retired handlers
  std::vector<Group> groups_;
};

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_CENTRE_HANDLER_POOL_H_
