#include "model/centre/handler_pool.h"

#include <algorithm>

#include "sim/check.h"

namespace fccsim::model {

HandlerPool::HandlerPool(int groups) : groups_(static_cast<std::size_t>(groups)) {}

std::optional<HandlerId> HandlerPool::ComeOn(int g, int source) {
  Group& group = groups_[Index(g)];
  const auto own = std::find(group.leaving.begin(), group.leaving.end(), source);
  if (own != group.leaving.end()) {
    group.leaving.erase(own);
    return std::nullopt;
  }
  HandlerId h;
  if (!free_.empty()) {
    h = free_.back();
    free_.pop_back();
  } else {
    h = static_cast<HandlerId>(handlers_.size());
    handlers_.emplace_back();
  }
  handlers_[h] = Handler{g, source, HandlerState::kIdle, 0};
  ++group.online;
  group.idle.push_back(h);
  return h;
}

void HandlerPool::GoOff(int g, int source) {
  Group& group = groups_[Index(g)];
  if (!group.idle.empty()) {
    const HandlerId h = group.idle.back();
    group.idle.pop_back();
    Release(h);
    return;
  }
  group.leaving.push_back(source);
}

HandlerId HandlerPool::TakeIdle(int g, ContactId contact) {
  Group& group = groups_[Index(g)];
  FCCSIM_CHECK(!group.idle.empty(), "no idle handler in group " + std::to_string(g));
  const HandlerId h = group.idle.back();
  group.idle.pop_back();
  handlers_[h].state = HandlerState::kBusy;
  handlers_[h].contact = contact;
  return h;
}

void HandlerPool::Assign(HandlerId h, ContactId contact) {
  Handler& handler = handlers_[h];
  FCCSIM_CHECK(handler.state == HandlerState::kIdle,
               "handler " + std::to_string(h) + " is not idle");
  std::vector<HandlerId>& idle = groups_[Index(handler.group)].idle;
  // The handler just became idle, so it is almost always the top of the stack.
  auto it = std::find(idle.rbegin(), idle.rend(), h);
  idle.erase(std::next(it).base());
  handler.state = HandlerState::kBusy;
  handler.contact = contact;
}

bool HandlerPool::Finish(HandlerId h) {
  Handler& handler = handlers_[h];
  Group& group = groups_[Index(handler.group)];
  if (!group.leaving.empty()) {
    group.leaving.pop_front();
    Release(h);
    return false;
  }
  handler.state = HandlerState::kIdle;
  group.idle.push_back(h);
  return true;
}

void HandlerPool::Release(HandlerId h) {
  --groups_[Index(handlers_[h].group)].online;
  handlers_[h].state = HandlerState::kOff;
  free_.push_back(h);
}

}  // namespace fccsim::model
