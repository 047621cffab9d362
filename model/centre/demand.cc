#include "model/centre/demand.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "sim/samplers.h"

namespace fccsim::model {

using sim::Time;

Demand::Demand(const ModelSpec& spec, std::uint64_t seed, std::uint64_t replication)
    : spec_(spec) {
  first_day_ = sim::IntervalIndex(-spec.origin, sim::kTicksPerDay);
  for (const ChannelSpec& ch : spec.channels) {
    streams_.push_back({sim::RandomStream(seed, replication, sim::StreamId("arrivals/" + ch.name)),
                        sim::RandomStream(seed, replication, sim::StreamId("patience/" + ch.name)),
                        sim::RandomStream(seed, replication, sim::StreamId("talk/" + ch.name)),
                        sim::RandomStream(seed, replication, sim::StreamId("wrap_up/" + ch.name))});
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
    position_.push_back(0);
  }
}

double Demand::RatePerTick(int c, Time t) const {
  const ChannelSpec& ch = spec_.channels[static_cast<std::size_t>(c)];
  const std::int64_t day = sim::IntervalIndex(t - spec_.origin, sim::kTicksPerDay);
  double volume = ch.weekly_volume[spec_.WeeklySlot(t)];
  volume *= busyness_[static_cast<std::size_t>(c)][static_cast<std::size_t>(day - first_day_)];
  for (const SurgeSpec& s : ch.surges) {
    if (t >= s.start && t < s.end) volume *= s.multiplier;
  }
  return volume / static_cast<double>(spec_.interval);
}

Time Demand::NextBoundary(int c, Time t) const {
  Time next = spec_.origin +
              (sim::IntervalIndex(t - spec_.origin, spec_.interval) + 1) * spec_.interval;
  for (const SurgeSpec& s : spec_.channels[static_cast<std::size_t>(c)].surges) {
    if (s.start > t && s.start < next) next = s.start;
    if (s.end > t && s.end < next) next = s.end;
  }
  return std::min(next, spec_.end);
}

Time Demand::NextArrival(int c) {
  const auto ci = static_cast<std::size_t>(c);
  double unit = -std::log(streams_[ci].arrivals.NextUniform01());
  Time t = position_[ci];
  while (t < spec_.end) {
    const Time boundary = NextBoundary(c, t);
    const double rate = RatePerTick(c, t);
    const double capacity = rate * static_cast<double>(boundary - t);
    if (rate > 0 && unit < capacity) {
      Time at = t + static_cast<Time>(unit / rate);
      if (at >= boundary) at = boundary - 1;  // rounding; keeps it in this segment
      position_[ci] = at;
      return at;
    }
    unit -= capacity;
    t = boundary;
  }
  return kNoArrival;
}

ContactDraws Demand::Draw(int c) {
  const ChannelSpec& ch = spec_.channels[static_cast<std::size_t>(c)];
  ChannelStreams& st = streams_[static_cast<std::size_t>(c)];
  ContactDraws draws;
  draws.patience =
      ch.patience_s ? sim::TicksFromSeconds(ch.patience_s->Sample(st.patience)) : kUnlimited;
  double handling_s = ch.talk_s.Sample(st.talk);
  if (ch.wrap_up_s) handling_s += ch.wrap_up_s->Sample(st.wrap_up);
  draws.handling = sim::TicksFromSeconds(handling_s);
  return draws;
}

}  // namespace fccsim::model
