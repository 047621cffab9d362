#include "model/centre/handler_pool.h"

#include <string>

#include "sim/check.h"

namespace fccsim::model {

HandlerPool::HandlerPool(int groups) : groups_(static_cast<std::size_t>(groups)) {}

HandlerId HandlerPool::Hire(int g) {
  HandlerId h;
  if (!free_.empty()) {
    h = free_.back();
    free_.pop_back();
  } else {
    h = static_cast<HandlerId>(handlers_.size());
    handlers_.emplace_back();
  }
  handlers_[h] = Handler{};
  handlers_[h].group = g;
  return h;
}

bool HandlerPool::ComeOn(HandlerId h) {
  Handler& handler = handlers_[h];
  switch (handler.state) {
    case HandlerState::kBusy:
      handler.leaving = false;
      return false;
    case HandlerState::kIdle:
      return false;
    case HandlerState::kOff:
      ++groups_[Index(handler.group)].online;
      PushIdle(h);
      return true;
  }
  return false;
}

void HandlerPool::GoOff(HandlerId h) {
  Handler& handler = handlers_[h];
  if (handler.state == HandlerState::kBusy) {
    handler.leaving = true;
  } else if (handler.state == HandlerState::kIdle) {
    UnlinkIdle(h);
    TakeOff(h);
  }
}

void HandlerPool::Retire(HandlerId h) {
  handlers_[h].retiring = true;
  GoOff(h);
  if (handlers_[h].state == HandlerState::kOff) free_.push_back(h);
}

HandlerId HandlerPool::TakeIdle(int g, ContactId contact) {
  const HandlerId h = groups_[Index(g)].first_idle;
  FCCSIM_CHECK(h != kNone, "no idle handler in group " + std::to_string(g));
  Assign(h, contact);
  return h;
}

void HandlerPool::Assign(HandlerId h, ContactId contact) {
  Handler& handler = handlers_[h];
  FCCSIM_CHECK(handler.state == HandlerState::kIdle,
               "handler " + std::to_string(h) + " is not idle");
  UnlinkIdle(h);
  handler.state = HandlerState::kBusy;
  handler.contact = contact;
}

bool HandlerPool::Finish(HandlerId h) {
  Handler& handler = handlers_[h];
  handler.state = HandlerState::kIdle;  // for the moment: it is not in the idle list yet
  if (handler.moving_to >= 0) {
    --groups_[Index(handler.group)].online;
    handler.group = handler.moving_to;
    handler.moving_to = -1;
    ++groups_[Index(handler.group)].online;
  }
  if (handler.leaving) {
    TakeOff(h);
    if (handler.retiring) free_.push_back(h);
    return false;
  }
  PushIdle(h);
  return true;
}

void HandlerPool::Reassign(HandlerId h, int to) {
  Handler& handler = handlers_[h];
  if (to == handler.group && handler.moving_to < 0) return;  // keeps its place in the idle list
  if (handler.state == HandlerState::kBusy) {
    handler.moving_to = to == handler.group ? -1 : to;
    return;
  }
  if (handler.state == HandlerState::kIdle) {
    UnlinkIdle(h);
    --groups_[Index(handler.group)].online;
    handler.group = to;
    ++groups_[Index(to)].online;
    PushIdle(h);
    return;
  }
  handler.group = to;
}

std::vector<HandlerId> HandlerPool::PickToMove(int g, int count) const {
  std::vector<HandlerId> picked;
  for (HandlerId h = groups_[Index(g)].first_idle;
       h != kNone && static_cast<int>(picked.size()) < count; h = handlers_[h].next_idle) {
    picked.push_back(h);
  }
  for (HandlerId h = 0; h < handlers_.size() && static_cast<int>(picked.size()) < count; ++h) {
    const Handler& handler = handlers_[h];
    if (handler.group == g && handler.state == HandlerState::kBusy && !handler.leaving &&
        handler.moving_to < 0) {
      picked.push_back(h);
    }
  }
  return picked;
}

void HandlerPool::PushIdle(HandlerId h) {
  Handler& handler = handlers_[h];
  Group& group = groups_[Index(handler.group)];
  handler.state = HandlerState::kIdle;
  handler.prev_idle = group.last_idle;
  handler.next_idle = kNone;
  if (group.last_idle == kNone) {
    group.first_idle = h;
  } else {
    handlers_[group.last_idle].next_idle = h;
  }
  group.last_idle = h;
  ++group.idle;
}

void HandlerPool::UnlinkIdle(HandlerId h) {
  Handler& handler = handlers_[h];
  Group& group = groups_[Index(handler.group)];
  if (handler.prev_idle == kNone) {
    group.first_idle = handler.next_idle;
  } else {
    handlers_[handler.prev_idle].next_idle = handler.next_idle;
  }
  if (handler.next_idle == kNone) {
    group.last_idle = handler.prev_idle;
  } else {
    handlers_[handler.next_idle].prev_idle = handler.prev_idle;
  }
  --group.idle;
}

void HandlerPool::TakeOff(HandlerId h) {
  Handler& handler = handlers_[h];
  handler.state = HandlerState::kOff;
  handler.leaving = false;
  --groups_[Index(handler.group)].online;
}

}  // namespace fccsim::model
