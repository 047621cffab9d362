#include "model/centre_model.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <limits>
#include <string>

#include "sim/check.h"
#include "sim/random_stream.h"
#include "sim/simulator.h"

namespace fccsim::model {
namespace {

using sim::Duration;
using sim::Time;

constexpr Duration kNever = std::numeric_limits<Duration>::max();

// Every source of randomness has its own stream, so that a change of staffing or routing
// leaves the arrivals, and each contact's patience and handling time, exactly as they were
// (common random numbers across what-if runs).
struct ChannelStreams {
  sim::RandomStream arrivals, busyness, patience, handling;
  ChannelStreams(std::uint64_t seed, std::uint64_t rep, const std::string& name)
      : arrivals(seed, rep, sim::StreamId("arrivals/" + name)),
        busyness(seed, rep, sim::StreamId("busyness/" + name)),
        patience(seed, rep, sim::StreamId("patience/" + name)),
        handling(seed, rep, sim::StreamId("handling/" + name)) {}
};

class Centre {
 public:
  Centre(const ModelSpec& spec, std::uint64_t seed, std::uint64_t replication,
         std::vector<std::string>* trace)
      : spec_(spec), trace_(trace), shrinkage_stream_(seed, replication, sim::StreamId("roster/shrinkage")) {
    const std::size_t intervals = static_cast<std::size_t>(spec.reported_intervals);
    first_day_ = sim::IntervalIndex(-spec.origin, sim::kTicksPerDay);
    for (std::size_t c = 0; c < spec.channels.size(); ++c) {
      const ChannelSpec& ch = spec.channels[c];
      streams_.emplace_back(seed, replication, ch.name);
      ChannelStats stats;
      stats.answered_within.assign(Thresholds(spec, static_cast<int>(c)).size(), 0);
      for (auto* v : {&stats.interval_offered, &stats.interval_answered, &stats.interval_abandoned,
                      &stats.interval_short_abandoned, &stats.interval_within_target}) {
        v->assign(intervals, 0);
      }
      stats.interval_wait_sum_s.assign(intervals, 0.0);
      stats.queue_length = sim::IntervalSeries(spec.origin, spec.interval, intervals);
      stats_.channels.push_back(std::move(stats));
      thresholds_.push_back(Thresholds(spec, static_cast<int>(c)));
      // One busyness factor per day, warm-up days included, drawn up front in day order.
      // Gamma with mean 1 and the given coefficient of variation: shape 1/cv^2, scale cv^2.
      std::vector<double> factors(static_cast<std::size_t>(spec.days - first_day_), 1.0);
      const double cv = ch.daily_volume_cv;
      if (cv > 0) {
        const sim::Distribution busyness = sim::Distribution::Gamma(1.0 / (cv * cv), cv * cv);
        for (double& f : factors) f = busyness.Sample(streams_[c].busyness);
      }
      busyness_.push_back(std::move(factors));
    }
    waiting_.resize(spec.channels.size());
    waiting_count_.assign(spec.channels.size(), 0);
    for (std::size_t g = 0; g < spec.groups.size(); ++g) {
      GroupStats gs;
      gs.online = sim::IntervalSeries(spec.origin, spec.interval, intervals);
      gs.busy = sim::IntervalSeries(spec.origin, spec.interval, intervals);
      stats_.groups.push_back(std::move(gs));
    }
    online_.assign(spec.groups.size(), 0);
    idle_.assign(spec.groups.size(), 0);
    leaving_.assign(spec.groups.size(), 0);
  }

  ReplicationStats Run() {
    ScheduleStaffing();  // first, so that staff changes at a time apply before arrivals then
    for (std::size_t c = 0; c < spec_.channels.size(); ++c) {
      arrival_position_.push_back(0);
      ScheduleNextArrival(static_cast<int>(c));
    }
    sim_.RunUntil(spec_.end);
    for (const Contact& contact : contacts_) {
      if (contact.interval < 0) continue;
      ChannelStats& s = stats_.channels[static_cast<std::size_t>(contact.channel)];
      if (contact.state == State::kWaiting) ++s.waiting_at_end;
      if (contact.state == State::kInService) ++s.in_service_at_end;
    }
    for (ChannelStats& s : stats_.channels) s.queue_length.Advance(spec_.end);
    for (GroupStats& g : stats_.groups) {
      g.online.Advance(spec_.end);
      g.busy.Advance(spec_.end);
    }
    stats_.events = sim_.EventsExecuted();
    stats_.contacts = contacts_.size();
    return std::move(stats_);
  }

 private:
  enum class State : std::uint8_t { kWaiting, kInService, kAnswered, kAbandoned };
  struct Contact {
    Time arrival;
    Time answered_at;
    Duration patience;  // kNever: waits as long as it takes
    Duration handling;  // talk + wrap-up
    sim::EventHandle abandon;
    int channel;
    int interval;  // reported interval of arrival; -1 in the warm-up
    State state;
  };

  // ---- Arrivals: a non-homogeneous Poisson process, piecewise constant between interval
  // and surge boundaries. One unit exponential per arrival is spent against the integrated
  // rate, segment by segment, so arrivals are exact at boundaries and a zero-volume interval
  // never has one.

  double RatePerTick(int c, Time t) const {
    const ChannelSpec& ch = spec_.channels[static_cast<std::size_t>(c)];
    const std::int64_t day = sim::IntervalIndex(t - spec_.origin, sim::kTicksPerDay);
    const std::int64_t of_day =
        sim::IntervalIndex(t - spec_.origin - day * sim::kTicksPerDay, spec_.interval);
    double volume = ch.weekly_volume[static_cast<std::size_t>(
        spec_.WeekdayAt(t) * spec_.intervals_per_day + of_day)];
    volume *= busyness_[static_cast<std::size_t>(c)][static_cast<std::size_t>(day - first_day_)];
    for (const SurgeSpec& s : ch.surges) {
      if (t >= s.start && t < s.end) volume *= s.multiplier;
    }
    return volume / static_cast<double>(spec_.interval);
  }

  Time NextBoundary(int c, Time t) const {
    Time next = spec_.origin +
                (sim::IntervalIndex(t - spec_.origin, spec_.interval) + 1) * spec_.interval;
    for (const SurgeSpec& s : spec_.channels[static_cast<std::size_t>(c)].surges) {
      if (s.start > t && s.start < next) next = s.start;
      if (s.end > t && s.end < next) next = s.end;
    }
    return std::min(next, spec_.end);
  }

  void ScheduleNextArrival(int c) {
    double unit = -std::log(streams_[static_cast<std::size_t>(c)].arrivals.NextUniform01());
    Time t = arrival_position_[static_cast<std::size_t>(c)];
    while (t < spec_.end) {
      const Time boundary = NextBoundary(c, t);
      const double rate = RatePerTick(c, t);
      const double capacity = rate * static_cast<double>(boundary - t);
      if (rate > 0 && unit < capacity) {
        Time at = t + static_cast<Time>(unit / rate);
        if (at >= boundary) at = boundary - 1;  // rounding; keeps it in this segment
        arrival_position_[static_cast<std::size_t>(c)] = at;
        sim_.ScheduleAt(at, [this, c] { OnArrival(c); });
        return;
      }
      unit -= capacity;
      t = boundary;
    }
  }

  void OnArrival(int c) {
    const ChannelSpec& ch = spec_.channels[static_cast<std::size_t>(c)];
    ChannelStreams& st = streams_[static_cast<std::size_t>(c)];
    const Time now = sim_.Now();
    Contact contact;
    contact.arrival = now;
    contact.answered_at = 0;
    // Drawn for every contact, whatever happens to it, to keep the streams in step.
    contact.patience = ch.patience_s ? sim::TicksFromSeconds(ch.patience_s->Sample(st.patience))
                                     : kNever;
    double handling_s = ch.talk_s.Sample(st.handling);
    if (ch.wrap_up_s) handling_s += ch.wrap_up_s->Sample(st.handling);
    contact.handling = sim::TicksFromSeconds(handling_s);
    contact.channel = c;
    contact.interval = spec_.ReportedInterval(now);
    contact.state = State::kWaiting;
    const auto id = static_cast<std::uint32_t>(contacts_.size());
    contacts_.push_back(contact);
    if (contact.interval >= 0) {
      ChannelStats& s = stats_.channels[static_cast<std::size_t>(c)];
      ++s.offered;
      ++s.interval_offered[static_cast<std::size_t>(contact.interval)];
    }
    // Routing: the most specialised group with an idle handler (fewest skills, then file
    // order). Within a group handlers are interchangeable.
    bool served = false;
    for (int g : ch.routing_groups) {
      if (idle_[static_cast<std::size_t>(g)] > 0) {
        if (trace_) Trace("arrive " + Name(id) + " -> " + GroupName(g));
        StartService(id, g);
        served = true;
        break;
      }
    }
    if (!served) {
      if (trace_) Trace("arrive " + Name(id) + " -> queue");
      waiting_[static_cast<std::size_t>(c)].push_back(id);
      SetWaiting(c, waiting_count_[static_cast<std::size_t>(c)] + 1);
      if (contact.patience != kNever) {
        contacts_[id].abandon = sim_.Schedule(contact.patience, [this, id] { OnAbandon(id); });
      }
    }
    ScheduleNextArrival(c);
  }

  void StartService(std::uint32_t id, int g) {
    Contact& contact = contacts_[id];
    sim_.Cancel(contact.abandon);  // always safe, also for a default handle
    contact.state = State::kInService;
    contact.answered_at = sim_.Now();
    SetIdle(g, idle_[static_cast<std::size_t>(g)] - 1);
    sim_.Schedule(contact.handling, [this, id, g] { OnComplete(id, g); });
  }

  void OnComplete(std::uint32_t id, int g) {
    Contact& contact = contacts_[id];
    contact.state = State::kAnswered;
    if (trace_) Trace("done " + Name(id) + " by " + GroupName(g));
    if (contact.interval >= 0) RecordAnswered(contact);
    HandlerFree(g);
  }

  void RecordAnswered(const Contact& contact) {
    ChannelStats& s = stats_.channels[static_cast<std::size_t>(contact.channel)];
    const auto k = static_cast<std::size_t>(contact.interval);
    const Duration wait = contact.answered_at - contact.arrival;
    const double wait_s = sim::SecondsFromTicks(wait);
    ++s.answered;
    ++s.interval_answered[k];
    s.interval_wait_sum_s[k] += wait_s;
    const auto& thresholds = thresholds_[static_cast<std::size_t>(contact.channel)];
    for (std::size_t i = 0; i < thresholds.size(); ++i) {
      if (wait <= thresholds[i]) ++s.answered_within[i];
    }
    if (wait <= thresholds[0]) ++s.interval_within_target[k];
    if (wait < 10 * sim::kTicksPerSecond) {
      ++s.answered_under_10s;
    } else if (wait < 60 * sim::kTicksPerSecond) {
      ++s.answered_10_to_60s;
    } else {
      ++s.answered_60s_or_more;
    }
    s.wait_s.Add(wait_s);
    s.wait_histogram.Add(wait);
  }

  void OnAbandon(std::uint32_t id) {
    Contact& contact = contacts_[id];
    contact.state = State::kAbandoned;  // its queue entry is skipped when reached
    if (trace_) Trace("abandon " + Name(id));
    const int c = contact.channel;
    SetWaiting(c, waiting_count_[static_cast<std::size_t>(c)] - 1);
    if (contact.interval < 0) return;
    ChannelStats& s = stats_.channels[static_cast<std::size_t>(c)];
    const auto k = static_cast<std::size_t>(contact.interval);
    ++s.interval_abandoned[k];
    if (sim_.Now() - contact.arrival < spec_.channels[static_cast<std::size_t>(c)].short_abandon) {
      ++s.short_abandoned;
      ++s.interval_short_abandoned[k];
    } else {
      ++s.abandoned;
    }
  }

  // A handler of group g has nothing in hand: leaves if one of the group is due to go,
  // otherwise takes the highest-priority waiting contact among its skills, first come first
  // served within a channel, or waits idle.
  void HandlerFree(int g) {
    const auto gi = static_cast<std::size_t>(g);
    if (leaving_[gi] > 0) {
      --leaving_[gi];
      SetOnline(g, online_[gi] - 1);
      return;
    }
    SetIdle(g, idle_[gi] + 1);
    for (int c : spec_.groups[gi].service_order) {
      std::deque<std::uint32_t>& queue = waiting_[static_cast<std::size_t>(c)];
      while (!queue.empty()) {
        const std::uint32_t id = queue.front();
        queue.pop_front();
        if (contacts_[id].state != State::kWaiting) continue;  // abandoned meanwhile
        SetWaiting(c, waiting_count_[static_cast<std::size_t>(c)] - 1);
        if (trace_) Trace(GroupName(g) + " takes " + Name(id) + " from the queue");
        StartService(id, g);
        return;
      }
    }
  }

  // ---- Staffing: shifts (with shrinkage drawn per handler-shift) and headcount tables both
  // become changes in the number of handlers rostered on. A handler going off finishes the
  // contact in hand first: an idle one leaves at once, otherwise the next to finish leaves.

  void ScheduleStaffing() {
    std::vector<StaffingChange> changes = spec_.table_changes;
    for (const ShiftInstance& shift : spec_.shifts) {
      int present = 0;
      for (int i = 0; i < shift.headcount; ++i) {
        if (shrinkage_stream_.NextUniform01() >= spec_.shrinkage) ++present;
      }
      if (present == 0) continue;
      Time on = shift.start;
      auto add_on_period = [&](Time from, Time to) {
        from = std::max<Time>(from, 0);
        to = std::min(to, spec_.end);
        if (from >= to) return;
        changes.push_back({from, shift.group, present});
        if (to < spec_.end) changes.push_back({to, shift.group, -present});
      };
      for (const auto& [break_start, break_end] : shift.breaks) {
        add_on_period(on, break_start);
        on = break_end;
      }
      add_on_period(on, shift.end);
    }
    // Comings before goings at the same time, so a handover never dips below either shift.
    std::stable_sort(changes.begin(), changes.end(),
                     [](const StaffingChange& a, const StaffingChange& b) {
                       return a.time < b.time || (a.time == b.time && a.delta > b.delta);
                     });
    for (const StaffingChange& change : changes) {
      sim_.ScheduleAt(change.time, [this, g = change.group, d = change.delta] { ChangeStaff(g, d); });
    }
  }

  void ChangeStaff(int g, int delta) {
    const auto gi = static_cast<std::size_t>(g);
    if (trace_) Trace("staff " + GroupName(g) + (delta > 0 ? " +" : " ") + std::to_string(delta));
    for (; delta > 0; --delta) {
      if (leaving_[gi] > 0) {
        --leaving_[gi];  // a busy handler due to go stays instead
      } else {
        SetOnline(g, online_[gi] + 1);
        HandlerFree(g);
      }
    }
    for (; delta < 0; ++delta) {
      if (idle_[gi] > 0) {
        SetIdle(g, idle_[gi] - 1);
        SetOnline(g, online_[gi] - 1);
      } else {
        ++leaving_[gi];
      }
    }
  }

  // ---- Counters that feed time-weighted series.
  void SetWaiting(int c, int value) {
    waiting_count_[static_cast<std::size_t>(c)] = value;
    stats_.channels[static_cast<std::size_t>(c)].queue_length.Set(sim_.Now(), value);
  }
  void SetIdle(int g, int value) {
    const auto gi = static_cast<std::size_t>(g);
    idle_[gi] = value;
    stats_.groups[gi].busy.Set(sim_.Now(), online_[gi] - idle_[gi]);
  }
  void SetOnline(int g, int value) {
    const auto gi = static_cast<std::size_t>(g);
    online_[gi] = value;
    stats_.groups[gi].online.Set(sim_.Now(), online_[gi]);
    stats_.groups[gi].busy.Set(sim_.Now(), online_[gi] - idle_[gi]);
  }

  void Trace(const std::string& what) {
    if (trace_ == nullptr) return;
    char when[32];
    std::snprintf(when, sizeof when, "%.3f ", sim::SecondsFromTicks(sim_.Now()));
    trace_->push_back(when + what);
  }
  std::string Name(std::uint32_t id) const {
    return spec_.channels[static_cast<std::size_t>(contacts_[id].channel)].name + "#" +
           std::to_string(id);
  }
  const std::string& GroupName(int g) const { return spec_.groups[static_cast<std::size_t>(g)].name; }

  const ModelSpec& spec_;
  std::vector<std::string>* trace_;
  sim::Simulator sim_;
  std::vector<ChannelStreams> streams_;
  sim::RandomStream shrinkage_stream_;
  std::int64_t first_day_ = 0;
  std::vector<std::vector<double>> busyness_;  // per channel, per day from first_day_
  std::vector<std::vector<Duration>> thresholds_;
  std::vector<Time> arrival_position_;
  std::vector<Contact> contacts_;
  std::vector<std::deque<std::uint32_t>> waiting_;  // per channel, arrival order
  std::vector<int> waiting_count_;
  std::vector<int> online_, idle_, leaving_;         // per group
  ReplicationStats stats_;
};

}  // namespace

std::vector<sim::Duration> Thresholds(const ModelSpec& spec, int channel) {
  std::vector<sim::Duration> t = {spec.channels[static_cast<std::size_t>(channel)].target_threshold};
  for (double s : spec.standard_thresholds_s) t.push_back(sim::TicksFromSeconds(s));
  return t;
}

ReplicationStats SimulateCentre(const ModelSpec& spec, std::uint64_t seed,
                                std::uint64_t replication, std::vector<std::string>* trace) {
  return Centre(spec, seed, replication, trace).Run();
}

}  // namespace fccsim::model
