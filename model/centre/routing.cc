#include "model/centre/routing.h"

namespace fccsim::model {

ContactQueues::ContactQueues(int queues)
    : entries_(static_cast<std::size_t>(queues)), waiting_(static_cast<std::size_t>(queues), 0) {}

void ContactQueues::Push(int queue, ContactRef contact) {
  entries_[Index(queue)].push_back(contact);
  ++waiting_[Index(queue)];
}

std::optional<ContactId> ContactQueues::PopWaiting(int queue, const ContactTable& contacts,
                                                   Stage waiting) {
  sim::Fifo<ContactRef>& entries = entries_[Index(queue)];
  while (!entries.empty()) {
    const ContactRef ref = entries.front();
    entries.pop_front();
    if (!contacts.Current(ref) || contacts[ref.id].stage != waiting) continue;  // left
    --waiting_[Index(queue)];
    return ref.id;
  }
  return std::nullopt;
}

int PriorityRouting::GroupForArrival(int queue, const HandlerPool& pool,
                                     const ContactQueues& queues) const {
  if (queue == spec_.TriageQueue()) {
    return spec_.triage_group >= 0 && pool.Idle(spec_.triage_group) > 0 ? spec_.triage_group
                                                                           : -1;
  }
  const ChannelSpec& channel = spec_.channels[static_cast<std::size_t>(queue)];
  // Chats are answered in the order they came: while some wait, a new one waits behind them
  // (a call never finds both a call waiting and a handler free).
  if (channel.chat && queues.Waiting(queue) > 0) return -1;
  for (int g : channel.routing_groups) {
    if (pool.Idle(g) > 0) return g;
    if (channel.chat && pool.Available(g) > 0 &&
        !(spec_.groups[static_cast<std::size_t>(g)].drain_for_calls &&
          CallWaitingAhead(g, queue, queues))) {
      return g;
    }
  }
  return -1;
}

bool PriorityRouting::ChatBlocked(int group, int queue, const ContactQueues& queues) const {
  return spec_.groups[static_cast<std::size_t>(group)].drain_for_calls && queue < spec_.TriageQueue() &&
         !spec_.channels[static_cast<std::size_t>(queue)].chat && queues.Waiting(queue) > 0;
}

bool PriorityRouting::CallWaitingAhead(int group, int chat, const ContactQueues& queues) const {
  for (int q : spec_.groups[static_cast<std::size_t>(group)].service_order) {
    if (q == chat) return false;
    if (!spec_.channels[static_cast<std::size_t>(q)].chat && queues.Waiting(q) > 0) return true;
  }
  return false;
}

std::span<const int> PriorityRouting::QueuesForHandler(int group) const {
  if (group == spec_.triage_group) return triage_queues_;
  return spec_.groups[static_cast<std::size_t>(group)].service_order;
}

}  // namespace fccsim::model
