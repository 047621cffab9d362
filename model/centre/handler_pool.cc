#include "model/centre/handler_pool.h"

#include <string>

#include "sim/check.h"

namespace fccsim::model {

HandlerPool::HandlerPool(int groups)
    : HandlerPool(std::vector<int>(static_cast<std::size_t>(groups), 1)) {}

HandlerPool::HandlerPool(const std::vector<int>& max_sessions) : groups_(max_sessions.size()) {
  for (std::size_t g = 0; g < max_sessions.size(); ++g) {
    FCCSIM_CHECK(max_sessions[g] >= 1 && max_sessions[g] <= 127,
                 "max sessions " + std::to_string(max_sessions[g]) + " out of range");
    groups_[g].levels.resize(static_cast<std::size_t>(max_sessions[g]));
  }
}

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
      Relist(h);  // a chat handler with room takes new sessions again
      return CanChat(h);
    case HandlerState::kIdle:
      return false;
    case HandlerState::kOff:
      ++groups_[Index(handler.group)].online;
      handler.state = HandlerState::kIdle;
      Relist(h);
      return true;
  }
  return false;
}

void HandlerPool::GoOff(HandlerId h) {
  Handler& handler = handlers_[h];
  if (handler.state == HandlerState::kBusy) {
    handler.leaving = true;
    Unlist(h);
  } else if (handler.state == HandlerState::kIdle) {
    Unlist(h);
    TakeOff(h);
  }
}

void HandlerPool::Retire(HandlerId h) {
  handlers_[h].retiring = true;
  GoOff(h);
  if (handlers_[h].state == HandlerState::kOff) free_.push_back(h);
}

HandlerId HandlerPool::TakeIdle(int g, ContactId contact) {
  const HandlerId h = groups_[Index(g)].levels[0].first;
  FCCSIM_CHECK(h != kNone, "no idle handler in group " + std::to_string(g));
  Assign(h, contact);
  return h;
}

void HandlerPool::Assign(HandlerId h, ContactId contact) {
  Handler& handler = handlers_[h];
  FCCSIM_CHECK(handler.state == HandlerState::kIdle,
               "handler " + std::to_string(h) + " is not idle");
  Unlist(h);
  handler.state = HandlerState::kBusy;
  handler.voice = true;
  handler.contact = contact;
}

bool HandlerPool::Finish(HandlerId h) {
  handlers_[h].voice = false;
  return AfterWork(h);
}

HandlerId HandlerPool::LeastLoaded(int g) const {
  for (const List& level : groups_[Index(g)].levels) {
    if (level.first != kNone) return level.first;
  }
  return kNone;
}

HandlerId HandlerPool::TakeForChat(int g) {
  for (const List& level : groups_[Index(g)].levels) {
    if (const HandlerId h = level.first; h != kNone) {
      OpenSession(h);
      return h;
    }
  }
  FCCSIM_CHECK(false, "no handler of group " + std::to_string(g) + " can take a chat");
  return kNone;
}

void HandlerPool::OpenSession(HandlerId h) {
  Handler& handler = handlers_[h];
  FCCSIM_CHECK(CanChat(h), "handler " + std::to_string(h) + " cannot take a chat");
  Group& group = groups_[Index(handler.group)];
  // The invariant of docs/model.md: never more than k sessions open.
  FCCSIM_CHECK(handler.sessions < group.levels.size(),
               "handler " + std::to_string(h) + " would hold more than k sessions");
  if (handler.sessions++ == 0) ++group.chatting;
  ++group.sessions;
  handler.state = HandlerState::kBusy;
  Relist(h);
}

bool HandlerPool::CloseSession(HandlerId h) {
  Handler& handler = handlers_[h];
  FCCSIM_CHECK(handler.sessions > 0, "handler " + std::to_string(h) + " has no session open");
  Group& group = groups_[Index(handler.group)];
  --group.sessions;
  if (--handler.sessions > 0) {
    Relist(h);
    return true;
  }
  --group.chatting;
  return AfterWork(h);
}

bool HandlerPool::AfterWork(HandlerId h) {
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
  Relist(h);
  return true;
}

void HandlerPool::Reassign(HandlerId h, int to) {
  Handler& handler = handlers_[h];
  if (to == handler.group && handler.moving_to < 0) return;  // keeps its place in the list
  if (handler.state == HandlerState::kBusy) {
    handler.moving_to = to == handler.group ? -1 : to;
    Relist(h);  // takes no new session until it has moved
    return;
  }
  if (handler.state == HandlerState::kIdle) {
    Unlist(h);
    --groups_[Index(handler.group)].online;
    handler.group = to;
    ++groups_[Index(to)].online;
    Relist(h);
    return;
  }
  handler.group = to;
}

std::vector<HandlerId> HandlerPool::PickToMove(int g, int count) const {
  std::vector<HandlerId> picked;
  for (HandlerId h = groups_[Index(g)].levels[0].first;
       h != kNone && static_cast<int>(picked.size()) < count; h = handlers_[h].next) {
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

void HandlerPool::Relist(HandlerId h) {
  Unlist(h);
  Handler& handler = handlers_[h];
  Group& group = groups_[Index(handler.group)];
  const bool listed = handler.state != HandlerState::kOff && !handler.leaving &&
                      handler.moving_to < 0 && !handler.voice &&
                      handler.sessions < group.levels.size();
  if (!listed) return;
  List& list = group.levels[handler.sessions];
  handler.level = static_cast<std::int8_t>(handler.sessions);
  handler.prev = list.last;
  handler.next = kNone;
  if (list.last == kNone) {
    list.first = h;
  } else {
    handlers_[list.last].next = h;
  }
  list.last = h;
  ++list.count;
  ++group.available;
}

void HandlerPool::Unlist(HandlerId h) {
  Handler& handler = handlers_[h];
  if (handler.level < 0) return;
  Group& group = groups_[Index(handler.group)];
  List& list = group.levels[static_cast<std::size_t>(handler.level)];
  if (handler.prev == kNone) {
    list.first = handler.next;
  } else {
    handlers_[handler.prev].next = handler.next;
  }
  if (handler.next == kNone) {
    list.last = handler.prev;
  } else {
    handlers_[handler.next].prev = handler.prev;
  }
  --list.count;
  --group.available;
  handler.level = -1;
}

void HandlerPool::TakeOff(HandlerId h) {
  Handler& handler = handlers_[h];
  handler.state = HandlerState::kOff;
  handler.leaving = false;
  --groups_[Index(handler.group)].online;
}

}  // namespace fccsim::model
