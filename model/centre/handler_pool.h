#ifndef FCCSIM_MODEL_CENTRE_HANDLER_POOL_H_
#define FCCSIM_MODEL_CENTRE_HANDLER_POOL_H_

// The handlers on duty: a record per handler (group, the roster source that put them on,
// state, the contact in hand), with per-group indexes that keep every routing question O(1):
// how many are on, how many idle, and which idle handler to give work to.
//
// A handler going off while busy finishes the contact in hand first. Which handler goes is
// the group's: an idle one at once, otherwise the next of the group to finish (handlers of a
// group are interchangeable). A handler of a source coming back on while one of that source's
// departures is still pending (back from a break while still finishing a call) cancels it and
// simply carries on.
//
// Records of handlers who went off are reused, so memory follows the most handlers ever on
// at once. Counts change only through these methods; the caller reports them to the measures.

#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "model/centre/contact.h"

namespace fccsim::model {

enum class HandlerState : std::uint8_t { kOff, kIdle, kBusy };

struct Handler {
  int group = 0;
  int source = 0;  // the shift instance or table that rostered the handler
  HandlerState state = HandlerState::kOff;
  ContactId contact = 0;  // when busy
};

class HandlerPool {
 public:
  explicit HandlerPool(int groups);

  int Online(int g) const { return groups_[Index(g)].online; }
  int Idle(int g) const { return static_cast<int>(groups_[Index(g)].idle.size()); }
  int Busy(int g) const { return Online(g) - Idle(g); }
  const Handler& operator[](HandlerId h) const { return handlers_[h]; }

  // A handler of `source` comes on in group g. Returns the new handler, idle, or nullopt when
  // instead one of the source's pending departures was cancelled.
  std::optional<HandlerId> ComeOn(int g, int source);

  // A handler of group g, rostered by `source`, goes off: an idle one at once, otherwise the
  // next handler of the group to finish a contact.
  void GoOff(int g, int source);

  // Gives `contact` to an idle handler of group g. REQUIRES: Idle(g) > 0.
  HandlerId TakeIdle(int g, ContactId contact);

  // Gives `contact` to idle handler h. REQUIRES: h is idle.
  void Assign(HandlerId h, ContactId contact);

  // Handler h finished its contact. Returns true if h stays on (now idle), false if h went off
  // in place of a pending departure of its group.
  bool Finish(HandlerId h);

 private:
  struct Group {
    int online = 0;
    std::vector<HandlerId> idle;  // a stack: the last to become idle works first
    std::deque<int> leaving;      // sources of pending departures, oldest first
  };

  static std::size_t Index(int g) { return static_cast<std::size_t>(g); }
  void Release(HandlerId h);

  std::vector<Handler> handlers_;
  std::vector<HandlerId> free_;  // records of handlers who went off
  std::vector<Group> groups_;
};

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_CENTRE_HANDLER_POOL_H_
