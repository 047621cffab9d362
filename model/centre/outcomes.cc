#include "model/centre/outcomes.h"

#include <utility>

namespace fccsim::model {

Outcomes::Outcomes(const ModelSpec& spec) : spec_(spec) {
  const auto intervals = static_cast<std::size_t>(spec.reported_intervals);
  for (std::size_t c = 0; c < spec.channels.size(); ++c) {
    ChannelStats stats;
    stats.intervals.resize(intervals);
    stats.queue_length = sim::IntervalSeries(spec.origin, spec.interval, intervals);
    stats_.channels.push_back(std::move(stats));
  }
  for (std::size_t g = 0; g < spec.groups.size(); ++g) {
    GroupStats gs;
    gs.online = sim::IntervalSeries(spec.origin, spec.interval, intervals);
    gs.busy = sim::IntervalSeries(spec.origin, spec.interval, intervals);
    stats_.groups.push_back(std::move(gs));
  }
  answered_log_.resize(spec.channels.size());
}

IntervalOutcomes& Outcomes::Of(const Contact& c) {
  return stats_.channels[static_cast<std::size_t>(c.channel)]
      .intervals[static_cast<std::size_t>(c.interval)];
}

void Outcomes::Offered(const Contact& c) {
  if (c.interval >= 0) ++Of(c).offered;
}

void Outcomes::Answered(const Contact& c) {
  if (c.interval < 0) return;
  answered_log_[static_cast<std::size_t>(c.channel)].push_back(
      {c.interval, sim::SecondsFromTicks(c.answered_at - c.arrival)});
}

void Outcomes::Abandoned(const Contact& c, sim::Time now) {
  if (c.interval < 0) return;
  IntervalOutcomes& o = Of(c);
  if (now - c.arrival < spec_.channels[static_cast<std::size_t>(c.channel)].short_abandon) {
    ++o.short_abandoned;
  } else {
    ++o.abandoned;
  }
}

void Outcomes::QueueLength(int channel, sim::Time now, int waiting) {
  stats_.channels[static_cast<std::size_t>(channel)].queue_length.Set(now, waiting);
}

void Outcomes::GroupCounts(int group, sim::Time now, int online, int busy) {
  GroupStats& g = stats_.groups[static_cast<std::size_t>(group)];
  g.online.Set(now, online);
  g.busy.Set(now, busy);
}

ReplicationStats Outcomes::Finish(const ContactTable& contacts, std::uint64_t events) {
  for (std::size_t c = 0; c < answered_log_.size(); ++c) {
    std::vector<IntervalOutcomes>& intervals = stats_.channels[c].intervals;
    std::vector<std::size_t> counts(intervals.size(), 0);
    for (const AnsweredWait& a : answered_log_[c]) ++counts[static_cast<std::size_t>(a.interval)];
    for (std::size_t k = 0; k < intervals.size(); ++k) {
      intervals[k].answered_waits_s.reserve(counts[k]);
    }
    for (const AnsweredWait& a : answered_log_[c]) {
      intervals[static_cast<std::size_t>(a.interval)].answered_waits_s.push_back(a.wait_s);
    }
  }
  for (const Contact& contact : contacts.all()) {
    if (contact.interval < 0) continue;
    IntervalOutcomes& o = Of(contact);
    if (contact.stage == Stage::kWaiting) {
      o.waiting_s.push_back(sim::SecondsFromTicks(spec_.end - contact.arrival));
    } else if (contact.stage == Stage::kInService) {
      o.in_service_waits_s.push_back(sim::SecondsFromTicks(contact.answered_at - contact.arrival));
    }
  }
  for (ChannelStats& s : stats_.channels) s.queue_length.Advance(spec_.end);
  for (GroupStats& g : stats_.groups) {
    g.online.Advance(spec_.end);
    g.busy.Advance(spec_.end);
  }
  stats_.events = events;
  stats_.contacts = contacts.size();
  return std::move(stats_);
}

}  // namespace fccsim::model
