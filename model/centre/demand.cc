#include "model/centre/demand.h"

#include <algorithm>
#include <cmath>

#include "model/scenario/scenario_validator.h"
#include "sim/check.h"
#include "sim/samplers.h"

namespace fccsim::model {

using sim::Time;

Demand::Demand(const ModelSpec& spec, std::uint64_t seed, std::uint64_t replication)
    : spec_(spec), seed_(seed), replication_(replication) {
  const auto days = static_cast<std::size_t>(spec.days - spec.first_day);
  for (int c = 0; c < static_cast<int>(spec.channels.size()); ++c) {
    const ChannelSpec& ch = spec.channels[static_cast<std::size_t>(c)];
    // Gamma with mean 1 and the given coefficient of variation: shape 1/cv^2, scale cv^2.
    std::vector<double> factors(days, 1.0);
    if (const double cv = ch.daily_volume_cv; cv > 0) {
      const sim::Distribution busyness = sim::Distribution::Gamma(1.0 / (cv * cv), cv * cv);
      for (std::size_t d = 0; d < days; ++d) {
        sim::RandomStream day_stream(seed, replication, ch.day_streams[d].busyness);
        factors[d] = busyness.Sample(day_stream);
      }
    }
    busyness_.push_back(std::move(factors));
    Process base;
    base.channel = c;
    processes_.push_back(base);
  }
  for (int c = 0; c < static_cast<int>(spec.channels.size()); ++c) {
    const auto& surges = spec.channels[static_cast<std::size_t>(c)].surges;
    if (std::any_of(surges.begin(), surges.end(),
                    [](const SurgeSpec& s) { return s.multiplier > 1; })) {
      Process surge;
      surge.channel = c;
      surge.surge = true;
      processes_.push_back(surge);
    }
  }
  for (Process& p : processes_) StartDay(p, spec.first_day);
}

const ChannelDayStreams& Demand::Streams(int c, std::int64_t day) const {
  return spec_.channels[static_cast<std::size_t>(c)]
      .day_streams[static_cast<std::size_t>(day - spec_.first_day)];
}

bool Demand::StartDay(Process& p, std::int64_t day) {
  const Time start = spec_.DayStart(day);
  if (start >= spec_.end) return false;
  const ChannelDayStreams& streams = Streams(p.channel, day);
  p.day = day;
  p.position = start;
  p.day_end = std::min(spec_.DayStart(day + 1), spec_.end);
  p.drawn = 0;
  p.segment_start = p.segment_end = start;  // empty: the next lookup is for the new day
  p.arrivals = sim::RandomStream(seed_, replication_,
                                 p.surge ? streams.surge_arrivals : streams.arrivals);
  return true;
}

double Demand::Multiplier(int c, Time t) const {
  double m = 1;
  for (const SurgeSpec& s : spec_.channels[static_cast<std::size_t>(c)].surges) {
    if (t >= s.start && t < s.end) m *= s.multiplier;
  }
  return m;
}

double Demand::RatePerTick(const Process& p, Time t) const {
  const auto c = static_cast<std::size_t>(p.channel);
  double volume = spec_.channels[c].weekly_volume[spec_.WeeklySlot(t)] *
                  busyness_[c][static_cast<std::size_t>(p.day - spec_.first_day)];
  if (p.surge) volume *= std::max(Multiplier(p.channel, t) - 1.0, 0.0);
  return volume / static_cast<double>(spec_.interval);
}

Time Demand::NextBoundary(const Process& p, Time t) const {
  Time next = spec_.origin +
              (sim::IntervalIndex(t - spec_.origin, spec_.interval) + 1) * spec_.interval;
  for (const SurgeSpec& s : spec_.channels[static_cast<std::size_t>(p.channel)].surges) {
    if (s.start > t && s.start < next) next = s.start;
    if (s.end > t && s.end < next) next = s.end;
  }
  return std::min(next, p.day_end);
}

Time Demand::Advance(int process) {
  Process& p = processes_[Index(process)];
  for (;;) {
    if (p.position >= p.day_end && !StartDay(p, p.day + 1)) return kNoArrival;
    double unit = sim::StandardExponential(p.arrivals);
    Time t = p.position;
    Time at = 0;
    bool found = false;  // (any Time, -1 included, is a possible arrival before the warm-up)
    while (t < p.day_end) {
      if (t < p.segment_start || t >= p.segment_end) {
        p.segment_start = t;
        p.segment_end = NextBoundary(p, t);
        p.segment_rate = RatePerTick(p, t);
      }
      const Time boundary = p.segment_end;
      const double rate = p.segment_rate;
      const double capacity = rate * static_cast<double>(boundary - t);
      if (rate > 0 && unit < capacity) {
        at = t + static_cast<Time>(unit / rate);
        if (at >= boundary) at = boundary - 1;  // rounding; keeps it in this segment
        found = true;
        break;
      }
      unit -= capacity;
      t = boundary;
    }
    if (!found) {  // none left today: the rest of the day's stream goes unused
      p.position = p.day_end;
      continue;
    }
    p.position = at;
    const std::uint64_t index = p.drawn++;
    if (at < 0) continue;  // before the warm-up
    const ChannelDayStreams& streams = Streams(p.channel, p.day);
    // Written in place: a key built aside and copied is read back wider than it was written.
    ContactKey& key = p.key;
    key.stream_id = p.surge ? streams.surge_contacts : streams.contacts;
    key.index = index;
    key.first = sim::RandomStream::FirstBlock(seed_, replication_, key.stream_id, {index, 0});
    if (!p.surge) {
      const double m = Multiplier(p.channel, at);
      if (m < 1 && !(sim::Uniform01FromBits(key.first[0]) < m)) continue;
    }
    return at;
  }
}

sim::RandomStream Demand::Lane(const ContactKey& key, DrawLane lane) const {
  const auto l = static_cast<std::uint64_t>(lane);
  FCCSIM_CHECK(lane != DrawLane::kKeep, "the keep lane is one word, not a stream");
  if (l >= key.first.size()) {
    return sim::RandomStream(seed_, replication_, key.stream_id, {key.index, l});
  }
  return sim::RandomStream::StartingWith(key.first[l], seed_, replication_, key.stream_id,
                                         {key.index, l});
}

namespace {
// Validation bounds each distribution's mean, not its tail: a draw is capped at the longest
// duration a scenario may give.
constexpr sim::Duration kMaxDraw =
    static_cast<sim::Duration>(kMaxDurationS) * sim::kTicksPerSecond;
}  // namespace

sim::Duration Demand::Patience(int channel, const ContactKey& key) const {
  const ChannelSpec& ch = spec_.channels[static_cast<std::size_t>(channel)];
  if (!ch.patience_s) return kUnlimited;
  sim::RandomStream stream = Lane(key, DrawLane::kPatience);
  return sim::TicksFromSecondsAtMost(ch.patience_s->Sample(stream), kMaxDraw);
}

sim::Duration Demand::Handling(int channel, const ContactKey& key) const {
  const ChannelSpec& ch = spec_.channels[static_cast<std::size_t>(channel)];
  sim::RandomStream talk = Lane(key, DrawLane::kTalk);
  double handling_s = ch.talk_s.Sample(talk);
  if (ch.wrap_up_s) {
    sim::RandomStream wrap_up = Lane(key, DrawLane::kWrapUp);
    handling_s += ch.wrap_up_s->Sample(wrap_up);
  }
  return sim::TicksFromSecondsAtMost(handling_s, kMaxDraw);
}

sim::Duration Demand::Talk(int channel, const ContactKey& key) const {
  sim::RandomStream talk = Lane(key, DrawLane::kTalk);
  return sim::TicksFromSecondsAtMost(
      spec_.channels[static_cast<std::size_t>(channel)].talk_s.Sample(talk), kMaxDraw);
}

sim::Duration Demand::WrapUp(int channel, const ContactKey& key) const {
  const ChannelSpec& ch = spec_.channels[static_cast<std::size_t>(channel)];
  if (!ch.wrap_up_s) return 0;
  sim::RandomStream wrap_up = Lane(key, DrawLane::kWrapUp);
  return sim::TicksFromSecondsAtMost(ch.wrap_up_s->Sample(wrap_up), kMaxDraw);
}

ContactFate Demand::Fate(int channel, const ContactKey& key) const {
  const ChannelSpec& ch = spec_.channels[static_cast<std::size_t>(channel)];
  sim::RandomStream lane = Lane(key, DrawLane::kFate);
  // Four uniforms, always all drawn, so each decision depends only on its own probability.
  const double u_flag = lane.NextUniform01(), u_redirect = lane.NextUniform01();
  const double u_divert = lane.NextUniform01(), u_deploy = lane.NextUniform01();
  ContactFate fate;
  fate.decided = true;
  if (ch.mental_health) {
    fate.flagged = u_flag < ch.mental_health->share;
    fate.redirected = fate.flagged && u_redirect < ch.mental_health->redirect_share;
    fate.diverted = u_divert < ch.mental_health->divert_probability;
  }
  fate.deployable = u_deploy < ch.deployment_probability;
  return fate;
}

sim::Duration Demand::Draw(const ContactKey& key, DrawLane lane,
                           const sim::Distribution& d) const {
  sim::RandomStream stream = Lane(key, lane);
  return sim::TicksFromSecondsAtMost(d.Sample(stream), kMaxDraw);
}

}  // namespace fccsim::model
