#include "model/centre/chat_sessions.h"

#include <algorithm>
#include <cmath>

#include "sim/check.h"

namespace fccsim::model {

ChatSessions::Desk& ChatSessions::Of(HandlerId h) {
  if (h >= desks_.size()) desks_.resize(static_cast<std::size_t>(h) + 1);
  return desks_[h];
}

void ChatSessions::Advance(Desk& desk, sim::Time now) {
  if (!desk.sessions.empty()) {
    desk.clock += static_cast<double>(now - desk.since) / desk.stretch;
  }
  desk.since = now;
}

void ChatSessions::SetStretch(Desk& desk, double a) {
  const std::size_t n = desk.sessions.size();
  desk.stretch = n <= 1 ? 1.0 : 1.0 + a * static_cast<double>(n - 1);
}

void ChatSessions::Open(HandlerId h, ContactId contact, sim::Duration work, sim::Time now,
                        double a) {
  Desk& desk = Of(h);
  Advance(desk, now);
  // Restarting the clock with the first session keeps it small, so exact without slowdown.
  if (desk.sessions.empty()) desk.clock = 0;
  desk.sessions.push_back({contact, desk.clock + static_cast<double>(work)});
  SetStretch(desk, a);
}

ContactId ChatSessions::CloseNext(HandlerId h, sim::Time now, double a) {
  Desk& desk = Of(h);
  FCCSIM_CHECK(!desk.sessions.empty(), "no chat session to close");
  Advance(desk, now);
  const auto first = std::min_element(
      desk.sessions.begin(), desk.sessions.end(),
      [](const Session& x, const Session& y) { return x.end < y.end; });
  const ContactId contact = first->contact;
  desk.sessions.erase(first);
  SetStretch(desk, a);
  return contact;
}

std::optional<sim::Time> ChatSessions::NextEnd(HandlerId h) const {
  if (h >= desks_.size() || desks_[h].sessions.empty()) return std::nullopt;
  const Desk& desk = desks_[h];
  double end = desk.sessions.front().end;
  for (const Session& s : desk.sessions) end = std::min(end, s.end);
  // Rounded up, so that a session never closes before its work is done.
  const double ticks = std::ceil((end - desk.clock) * desk.stretch);
  return desk.since + static_cast<sim::Duration>(std::max(0.0, ticks));
}

}  // namespace fccsim::model
