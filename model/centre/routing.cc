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
  std::deque<ContactRef>& entries = entries_[Index(queue)];
  while (!entries.empty()) {
    const ContactRef ref = entries.front();
    entries.pop_front();
    if (!contacts.Current(ref) || contacts[ref.id].stage != waiting) continue;  // left
    --waiting_[Index(queue)];
    return ref.id;
  }
  return std::nullopt;
}

int PriorityRouting::GroupForArrival(int queue, const HandlerPool& pool) const {
  if (queue == spec_.TriageQueue()) {
    return spec_.triage_group >= 0 && pool.Idle(spec_.triage_group) > 0 ? spec_.triage_group
                                                                           : -1;
  }
  for (int g : spec_.channels[static_cast<std::size_t>(queue)].routing_groups) {
    if (pool.Idle(g) > 0) return g;
  }
  return -1;
}

std::span<const int> PriorityRouting::QueuesForHandler(int group) const {
  if (group == spec_.triage_group) return triage_queues_;
  return spec_.groups[static_cast<std::size_t>(group)].service_order;
}

}  // namespace fccsim::model
