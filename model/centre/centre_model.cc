#include "model/centre/centre_model.h"

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
  sim::RandomStream arrivals, patience, talk, wrap_up;
  ChannelStreams(std::uint64_t seed, std::uint64_t rep, const std::string& name)
      : arrivals(seed, rep, sim::StreamId("arrivals/" + name)),
        patience(seed, rep, sim::StreamId("patience/" + name)),
        talk(seed, rep, sim::StreamId("talk/" + name)),
        wrap_up(seed, rep, sim::StreamId("wrap_up/" + name)) {}
};

class Centre {
 public:
  Centre(const ModelSpec& spec, std::uint64_t seed, std::uint64_t replication,
         std::vector<std::string>* trace)
      : spec_(spec), trace_(trace), seed_(seed), replication_(replication) {
    const std::size_t intervals = static_cast<std::size_t>(spec.reported_intervals);
    first_day_ = sim::IntervalIndex(-spec.origin, sim::kTicksPerDay);
    for (std::size_t c = 0; c < spec.channels.size(); ++c) {
      const ChannelSpec& ch = spec.channels[c];
      streams_.emplace_back(seed, replication, ch.name);
      ChannelStats stats;
      stats.intervals.resize(intervals);
      stats.queue_length = sim::IntervalSeries(spec.origin, spec.interval, intervals);
      stats_.channels.push_back(std::move(stats));
      // One busyness factor per day, each from a stream of its own day, so that a longer or
      // shorter warm-up leaves the reported days' factors as they were.
      // Gamma with mean 1 and the given coefficient of variation: shape 1/cv^2, scale cv^2.
      std::vector<double> factors(static_cast<std::size_t>(spec.days - first_day_), 1.0);
      const double cv = ch.daily_volume_cv;
      if (cv > 0) {
        const sim::Distribution busyness = sim::Distribution::Gamma(1.0 / (cv * cv), cv * cv);
        for (std::size_t d = 0; d < factors.size(); ++d) {
          sim::RandomStream day_stream(
              seed, replication,
              sim::StreamId("busyness/" + ch.name + "/" +
                            std::to_string(first_day_ + static_cast<std::int64_t>(d))));
          factors[d] = busyness.Sample(day_stream);
        }
      }
      busyness_.push_back(std::move(factors));
    }
    waiting_.resize(spec.channels.size());
    answered_log_.resize(spec.channels.size());
    for (std::size_t g = 0; g < spec.groups.size(); ++g) {
      GroupStats gs;
      gs.online = sim::IntervalSeries(spec.origin, spec.interval, intervals);
      gs.busy = sim::IntervalSeries(spec.origin, spec.interval, intervals);
      stats_.groups.push_back(std::move(gs));
    }
    online_.assign(spec.groups.size(), 0);
    idle_.assign(spec.groups.size(), 0);
    leaving_.resize(spec.groups.size());
  }

  ReplicationStats Run() {
    ScheduleStaffing();  // first, so that staff changes at a time apply before arrivals then
    for (std::size_t c = 0; c < spec_.channels.size(); ++c) {
      arrival_position_.push_back(0);
      ScheduleNextArrival(static_cast<int>(c));
    }
    sim_.RunUntil(spec_.end);
    DistributeAnswered();
    for (const Contact& contact : contacts_) {
      if (contact.interval < 0) continue;
      IntervalOutcomes& o = Outcomes(contact);
      if (contact.state == State::kWaiting) {
        o.waiting_s.push_back(sim::SecondsFromTicks(spec_.end - contact.arrival));
      } else if (contact.state == State::kInService) {
        o.in_service_waits_s.push_back(sim::SecondsFromTicks(contact.answered_at - contact.arrival));
      }
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
    double volume = ch.weekly_volume[spec_.WeeklySlot(t)];
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
    double handling_s = ch.talk_s.Sample(st.talk);
    if (ch.wrap_up_s) handling_s += ch.wrap_up_s->Sample(st.wrap_up);
    contact.handling = sim::TicksFromSeconds(handling_s);
    contact.channel = c;
    contact.interval = spec_.ReportedInterval(now);
    contact.state = State::kWaiting;
    const auto id = static_cast<std::uint32_t>(contacts_.size());
    contacts_.push_back(contact);
    if (contact.interval >= 0) ++Outcomes(contact).offered;
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
      AddWaiting(c, +1);
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
    HandlerFinished(g);
  }

  // Logged in one sequence per channel and sorted into intervals at the end: appending to
  // hundreds of per-interval vectors as calls finish cost more than the whole queue.
  void RecordAnswered(const Contact& contact) {
    answered_log_[static_cast<std::size_t>(contact.channel)].push_back(
        {contact.interval, sim::SecondsFromTicks(contact.answered_at - contact.arrival)});
  }

  void DistributeAnswered() {
    for (std::size_t c = 0; c < answered_log_.size(); ++c) {
      std::vector<IntervalOutcomes>& intervals = stats_.channels[c].intervals;
      std::vector<std::size_t> counts(intervals.size(), 0);
      for (const AnsweredWait& a : answered_log_[c]) ++counts[static_cast<std::size_t>(a.interval)];
      for (std::size_t k = 0; k < intervals.size(); ++k) intervals[k].answered_waits_s.reserve(counts[k]);
      for (const AnsweredWait& a : answered_log_[c]) {
        intervals[static_cast<std::size_t>(a.interval)].answered_waits_s.push_back(a.wait_s);
      }
    }
  }

  IntervalOutcomes& Outcomes(const Contact& contact) {
    return stats_.channels[static_cast<std::size_t>(contact.channel)]
        .intervals[static_cast<std::size_t>(contact.interval)];
  }

  void OnAbandon(std::uint32_t id) {
    Contact& contact = contacts_[id];
    contact.state = State::kAbandoned;  // its queue entry is skipped when reached
    if (trace_) Trace("abandon " + Name(id));
    const int c = contact.channel;
    AddWaiting(c, -1);
    if (contact.interval < 0) return;
    IntervalOutcomes& o = Outcomes(contact);
    if (sim_.Now() - contact.arrival < spec_.channels[static_cast<std::size_t>(c)].short_abandon) {
      ++o.short_abandoned;
    } else {
      ++o.abandoned;
    }
  }

  // A handler of group g finished a contact: leaves if one of the group is due to go,
  // otherwise is available for work.
  void HandlerFinished(int g) {
    const auto gi = static_cast<std::size_t>(g);
    if (!leaving_[gi].empty()) {
      leaving_[gi].pop_front();
      SetOnline(g, online_[gi] - 1);
      return;
    }
    HandlerAvailable(g);
  }

  // Takes the highest-priority waiting contact among the group's skills, first come first
  // served within a channel, or waits idle.
  void HandlerAvailable(int g) {
    const auto gi = static_cast<std::size_t>(g);
    SetIdle(g, idle_[gi] + 1);
    for (int c : spec_.groups[gi].service_order) {
      std::deque<std::uint32_t>& queue = waiting_[static_cast<std::size_t>(c)];
      while (!queue.empty()) {
        const std::uint32_t id = queue.front();
        queue.pop_front();
        if (contacts_[id].state != State::kWaiting) continue;  // abandoned meanwhile
        AddWaiting(c, -1);
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
    std::vector<StaffingChange> changes;
    auto turn_up = [this](const std::string& stream_name, int rostered) {
      sim::RandomStream absence(seed_, replication_, sim::StreamId(stream_name));
      int present = 0;
      for (int i = 0; i < rostered; ++i) present += absence.NextUniform01() >= spec_.shrinkage;
      return present;
    };
    for (std::size_t i = 0; i < spec_.shifts.size(); ++i) {
      const ShiftInstance& shift = spec_.shifts[i];
      const int present = turn_up(shift.absence_stream, shift.headcount);
      if (present == 0) continue;
      const int source = static_cast<int>(i);
      auto add_on_period = [&](Time from, Time to) {
        from = std::max<Time>(from, 0);
        to = std::min(to, spec_.end);
        if (from >= to) return;
        changes.push_back({from, shift.group, present, source});
        if (to < spec_.end) changes.push_back({to, shift.group, -present, source});
      };
      Time on = shift.start;
      for (const auto& [break_start, break_end] : shift.breaks) {
        add_on_period(on, break_start);
        on = break_end;
      }
      add_on_period(on, shift.end);
    }
    // A headcount table is one source per group: its handlers change by the difference.
    std::vector<int> table_present(spec_.groups.size(), 0);
    for (const TablePeriod& period : spec_.table) {
      const int present = turn_up(period.absence_stream, period.rostered);
      int& current = table_present[static_cast<std::size_t>(period.group)];
      if (present != current) {
        changes.push_back({period.start, period.group, present - current,
                           static_cast<int>(spec_.shifts.size()) + period.group});
      }
      current = present;
    }
    // Comings before goings at the same time, so a handover never dips below either shift.
    std::stable_sort(changes.begin(), changes.end(),
                     [](const StaffingChange& a, const StaffingChange& b) {
                       return a.time < b.time || (a.time == b.time && a.delta > b.delta);
                     });
    for (const StaffingChange& change : changes) {
      sim_.ScheduleAt(change.time, [this, g = change.group, d = change.delta, s = change.source] {
        ChangeStaff(g, d, s);
      });
    }
  }

  // Handlers of `source` coming on first cancel that source's own pending departures (back
  // from a break while still finishing the call they had when it began); any others come on
  // and take waiting work at once. Going off, an idle handler leaves at once; otherwise the
  // next of the group to finish a contact leaves.
  void ChangeStaff(int g, int delta, int source) {
    const auto gi = static_cast<std::size_t>(g);
    if (trace_) Trace("staff " + GroupName(g) + (delta > 0 ? " +" : " ") + std::to_string(delta));
    std::deque<int>& leaving = leaving_[gi];
    for (; delta > 0; --delta) {
      const auto own = std::find(leaving.begin(), leaving.end(), source);
      if (own != leaving.end()) {
        leaving.erase(own);
      } else {
        SetOnline(g, online_[gi] + 1);
        HandlerAvailable(g);
      }
    }
    for (; delta < 0; ++delta) {
      if (idle_[gi] > 0) {
        SetIdle(g, idle_[gi] - 1);
        SetOnline(g, online_[gi] - 1);
      } else {
        leaving.push_back(source);
      }
    }
  }

  // ---- Counters that feed time-weighted series.
  // The queue-length series holds the current number waiting; it is the only count of it.
  void AddWaiting(int c, int delta) {
    sim::IntervalSeries& queue = stats_.channels[static_cast<std::size_t>(c)].queue_length;
    queue.Set(sim_.Now(), queue.value() + delta);
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
  std::uint64_t seed_;
  std::uint64_t replication_;
  std::vector<ChannelStreams> streams_;
  std::int64_t first_day_ = 0;
  std::vector<std::vector<double>> busyness_;  // per channel, per day from first_day_
  std::vector<Time> arrival_position_;
  std::vector<Contact> contacts_;
  struct AnsweredWait {
    int interval;
    double wait_s;
  };
  std::vector<std::vector<AnsweredWait>> answered_log_;  // per channel, in completion order
  std::vector<std::deque<std::uint32_t>> waiting_;  // per channel, arrival order
  std::vector<int> online_, idle_;                  // per group
  std::vector<std::deque<int>> leaving_;  // per group: sources of busy handlers due to go
  ReplicationStats stats_;
};

}  // namespace

ReplicationStats SimulateCentre(const ModelSpec& spec, std::uint64_t seed,
                                std::uint64_t replication, std::vector<std::string>* trace) {
  return Centre(spec, seed, replication, trace).Run();
}

}  // namespace fccsim::model
