#ifndef FCCSIM_MODEL_CENTRE_ROUTING_H_
#define FCCSIM_MODEL_CENTRE_ROUTING_H_

// Routing: the queues contacts wait in, and the rules that decide who answers what.
//
// Queues are identified by small ids: one per channel today (queue c holds channel c's
// contacts); internal queues (a practitioner queue) get ids after the channels'. A queue is
// first come first served. A contact leaving a queue early (abandoning) stays in it until
// reached and is then skipped, so leaving costs O(1); entries hold a ContactRef, so an entry
// whose contact was released (and its record reused) is recognised as stale.
//
// The rules are a RoutingPolicy, replaceable without touching the centre. The documented
// rules (docs/model.md, "Handlers and routing") are PriorityRouting.

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "model/centre/contact.h"
#include "model/centre/handler_pool.h"
#include "model/scenario/model_spec.h"
#include "sim/fifo.h"

namespace fccsim::model {

class ContactQueues {
 public:
  explicit ContactQueues(int queues);

  void Push(int queue, ContactRef contact);
  // A contact in `queue` left it without being taken (abandoned). Its entry is skipped later.
  void Left(int queue) { --waiting_[Index(queue)]; }
  // Takes the oldest contact of `queue` still waiting in `contacts` (in stage `waiting`:
  // kAwaitingPractitioner for the practitioners' queue).
  std::optional<ContactId> PopWaiting(int queue, const ContactTable& contacts,
                                      Stage waiting = Stage::kWaiting);

  // The number waiting in `queue` (contacts that left are not counted).
  int Waiting(int queue) const { return waiting_[Index(queue)]; }

 private:
  static std::size_t Index(int q) { return static_cast<std::size_t>(q); }
  std::vector<sim::Fifo<ContactRef>> entries_;
  std::vector<int> waiting_;
};

class RoutingPolicy {
 public:
  virtual ~RoutingPolicy() = default;
  // The group whose idle handler (for a chat: least loaded handler able to take one) takes a
  // contact arriving in `queue` at once, or -1: it waits.
  virtual int GroupForArrival(int queue, const HandlerPool& pool,
                              const ContactQueues& queues) const = 0;
  // The queues a handler of `group` who becomes free looks at, in order; it takes the oldest
  // waiting contact of the first that has one (a handler with chat sessions open: of the first
  // chat queue, see ChatBlocked).
  virtual std::span<const int> QueuesForHandler(int group) const = 0;
  // Whether a handler of `group` with chat sessions open, looking at `queue` in the order
  // above, takes nothing more: under DRAIN_FOR_CALLS, a call it answers is waiting there.
  virtual bool ChatBlocked(int group, int queue, const ContactQueues& queues) const = 0;
};

// The documented rules: an arriving contact goes to an idle handler of the most specialised
// group that can take it (fewest skills, then file order); a freed handler takes the waiting
// contact of the highest-priority channel among its skills (ties in the group's skill order).
// REQUIRES: `spec` outlives this.
// A contact transferred to the practitioners goes to an idle practitioner, or waits in their
// queue (spec.TriageQueue()), which is the practitioners' only queue.
// A chat (docs/model.md, "Live Chat") goes to the most specialised group with a handler able
// to take it, and there to the least loaded; a group under DRAIN_FOR_CALLS offers only idle
// handlers while a call it answers of higher priority than the chat is waiting.
class PriorityRouting : public RoutingPolicy {
 public:
  explicit PriorityRouting(const ModelSpec& spec)
      : spec_(spec), triage_queues_{spec.TriageQueue()} {}
  int GroupForArrival(int queue, const HandlerPool& pool,
                      const ContactQueues& queues) const override;
  std::span<const int> QueuesForHandler(int group) const override;
  bool ChatBlocked(int group, int queue, const ContactQueues& queues) const override;

 private:
  // Whether a call that `group` answers, ahead of chat channel `chat` in its order, waits.
  bool CallWaitingAhead(int group, int chat, const ContactQueues& queues) const;

  const ModelSpec& spec_;
  std::vector<int> triage_queues_;
};

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_CENTRE_ROUTING_H_
