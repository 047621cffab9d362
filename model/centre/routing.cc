#include "model/centre/routing.h"

namespace fccsim::model {

ContactQueues::ContactQueues(int queues)
    : entries_(static_cast<std::size_t>(queues)), waiting_(static_cast<std::size_t>(queues), 0) {}

void ContactQueues::Push(int queue, ContactId id) {
  entries_[Index(queue)].push_back(id);
  ++waiting_[Index(queue)];
}

std::optional<ContactId> ContactQueues::PopWaiting(int queue, const ContactTable& contacts) {
  std::deque<ContactId>& entries = entries_[Index(queue)];
  while (!entries.empty()) {
    const ContactId id = entries.front();
    entries.pop_front();
    if (contacts[id].stage != Stage::kWaiting) continue;  // left meanwhile
    --waiting_[Index(queue)];
    return id;
  }
  return std::nullopt;
}

int PriorityRouting::GroupForArrival(int queue, const HandlerPool& pool) const {
  for (int g : spec_.channels[static_cast<std::size_t>(queue)].routing_groups) {
    if (pool.Idle(g) > 0) return g;
  }
  return -1;
}

std::span<const int> PriorityRouting::QueuesForHandler(int group) const {
  return spec_.groups[static_cast<std::size_t>(group)].service_order;
}

}  // namespace fccsim::model
