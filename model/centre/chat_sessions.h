#ifndef FCCSIM_MODEL_CENTRE_CHAT_SESSIONS_H_
#define FCCSIM_MODEL_CENTRE_CHAT_SESSIONS_H_

// The chat sessions each handler holds, and when the next one ends under the slowdown law
// (docs/model.md, "Live Chat"): while a handler holds n sessions, each progresses at rate
// 1 / (1 + a(n - 1)) of its work per second, recomputed whenever n changes, so that a session
// in progress is stretched or sped up from then on, not only new ones.
//
// All of a handler's sessions progress at one rate, so each handler keeps one work clock (the
// work any one of its sessions has done since the handler's first session opened): a session
// ends when the clock reaches the work it had at its start plus its own work, and only the
// earliest such end needs an event. Without slowdown the clock is the time elapsed, and a
// session ends exactly its work after it opened (integer ticks, exact in a double below 2^53).

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "model/centre/contact.h"
#include "sim/event_queue.h"
#include "sim/time.h"

namespace fccsim::model {

class ChatSessions {
 public:
  // Handler h opens a session for `contact` with `work` ticks of work at rate 1, at `now`,
  // with slowdown `a` (its group's).
  void Open(HandlerId h, ContactId contact, sim::Duration work, sim::Time now, double a);

  // The session of h that ends first (ties: opened first) closes at `now`: returns its contact.
  // REQUIRES: h holds a session.
  ContactId CloseNext(HandlerId h, sim::Time now, double a);

  // When h's next session ends, or nullopt if it holds none.
  std::optional<sim::Time> NextEnd(HandlerId h) const;

  // The event of h's next session end, kept by the centre.
  struct Timer {
    sim::EventHandle handle;
    sim::Time at = 0;
    bool pending = false;
  };
  Timer& TimerOf(HandlerId h) { return Of(h).timer; }

 private:
  struct Session {
    ContactId contact;
    double end;  // the handler's work clock when the session ends
  };
  struct Desk {
    std::vector<Session> sessions;  // in the order opened
    double clock = 0;  // work done per session since the first of the current sessions opened
    sim::Time since = 0;  // when the clock was last brought up to date
    double stretch = 1;   // 1 + a(n - 1): seconds per second of work
    Timer timer;
  };

  Desk& Of(HandlerId h);
  // Brings h's clock up to `now` at the rate of its current sessions.
  static void Advance(Desk& desk, sim::Time now);
  static void SetStretch(Desk& desk, double a);

  std::vector<Desk> desks_;  // by handler record
};

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_CENTRE_CHAT_SESSIONS_H_
