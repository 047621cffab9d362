#include "model/scenario/model_spec.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "model/scenario/scenario_validator.h"
#include "sim/check.h"
#include "sim/random_stream.h"

namespace fccsim::model {
namespace {

using sim::kTicksPerDay;
using sim::kTicksPerMinute;
using sim::Time;

// REQUIRES: a validated HH:MM.
Time ClockTicks(const std::string& hhmm) { return *ParseClockMinutes(hhmm) * kTicksPerMinute; }

int WeekdayIndex(fccsim::Weekday w) { return w == fccsim::WEEKDAY_UNSPECIFIED ? 0 : w - 1; }


}  // namespace

sim::Distribution ToDistribution(const fccsim::Distribution& d) {
  switch (d.kind_case()) {
    case fccsim::Distribution::kDeterministicS:
      return sim::Distribution::Deterministic(d.deterministic_s());
    case fccsim::Distribution::kExponential:
      return sim::Distribution::Exponential(d.exponential().mean_s());
    case fccsim::Distribution::kLognormal:
      return sim::Distribution::Lognormal(d.lognormal().mean_s(), d.lognormal().cv());
    case fccsim::Distribution::kGamma:
      return sim::Distribution::Gamma(d.gamma().shape(), d.gamma().scale_s());
    case fccsim::Distribution::kErlang:
      return sim::Distribution::Erlang(d.erlang().k(), d.erlang().mean_s());
    case fccsim::Distribution::kWeibull:
      return sim::Distribution::Weibull(d.weibull().shape(), d.weibull().scale_s());
    case fccsim::Distribution::kUniform:
      return sim::Distribution::Uniform(d.uniform().min_s(), d.uniform().max_s());
    case fccsim::Distribution::kEmpirical:
      return sim::Distribution::Empirical(
          std::vector<double>(d.empirical().values_s().begin(), d.empirical().values_s().end()),
          std::vector<double>(d.empirical().weights().begin(), d.empirical().weights().end()));
    case fccsim::Distribution::KIND_NOT_SET:
      break;
  }
  FCCSIM_CHECK(false, "distribution without a kind reached the compiler");
  return sim::Distribution::Deterministic(0);
}

int ModelSpec::WeekdayAt(Time t) const {
  const std::int64_t day = sim::IntervalIndex(t - origin, kTicksPerDay);
  return static_cast<int>(((start_weekday + day) % 7 + 7) % 7);
}

std::size_t ModelSpec::WeeklySlot(Time t) const {
  const std::int64_t day = sim::IntervalIndex(t - origin, kTicksPerDay);
  const std::int64_t of_day = sim::IntervalIndex(t - origin - day * kTicksPerDay, interval);
  return static_cast<std::size_t>(WeekdayAt(t) * intervals_per_day + of_day);
}

int ModelSpec::ReportedInterval(Time t) const {
  if (t < origin || t >= end) return -1;
  return static_cast<int>((t - origin) / interval);
}

std::vector<ShiftInstance> ExpandShift(const ModelSpec& spec, const fccsim::Shift& shift,
                                       int group) {
  // Every day from before the warm-up (a night shift may reach into it) to the last day, on
  // the weekdays the shift starts.
  std::vector<ShiftInstance> out;
  const std::int64_t first_day = -(spec.origin / kTicksPerDay) - 2;
  for (std::int64_t day = first_day; day < spec.days; ++day) {
    const Time day_start = spec.origin + day * kTicksPerDay;
    const int weekday = spec.WeekdayAt(day_start);
    const bool on_day =
        shift.weekdays().empty() ||
        std::any_of(shift.weekdays().begin(), shift.weekdays().end(),
                    [weekday](int w) { return WeekdayIndex(static_cast<fccsim::Weekday>(w)) == weekday; });
    if (!on_day) continue;
    ShiftInstance inst;
    inst.start = day_start + ClockTicks(shift.start());
    inst.end = inst.start + shift.length_minutes() * kTicksPerMinute;
    if (inst.end <= 0 || inst.start >= spec.end) continue;
    inst.group = group;
    inst.headcount = static_cast<int>(shift.headcount());
    inst.absence_stream = sim::StreamId(sim::StreamName(
        {"absence", "shift", shift.group(), ShiftKey(shift), std::to_string(day)}));
    for (const fccsim::Break& b : shift.breaks()) {
      const Time from = inst.start + b.after_minutes() * kTicksPerMinute;
      inst.breaks.emplace_back(from, from + b.length_minutes() * kTicksPerMinute);
    }
    std::sort(inst.breaks.begin(), inst.breaks.end());
    out.push_back(std::move(inst));
  }
  return out;
}

ModelSpec CompileScenario(const LoadedScenario& loaded) {
  const fccsim::Scenario& s = loaded.scenario;
  ModelSpec spec;
  spec.name = s.name();
  spec.days = static_cast<int>(s.horizon().days());
  spec.intervals_per_day = loaded.intervals_per_day;
  spec.interval = static_cast<sim::Duration>(s.horizon().interval_minutes()) * kTicksPerMinute;
  spec.start_weekday = WeekdayIndex(s.horizon().start_weekday());
  spec.origin = sim::TicksFromSeconds(s.horizon().warm_up_hours() * 3600.0);
  spec.end = spec.origin + spec.days * kTicksPerDay;
  spec.reported_intervals = spec.days * spec.intervals_per_day;
  spec.standard_thresholds_s = {10, 20, 60, 180, 300};
  spec.first_day = sim::IntervalIndex(-spec.origin, kTicksPerDay);

  for (int c = 0; c < s.channels_size(); ++c) {
    const fccsim::Channel& in = s.channels(c);
    ChannelSpec ch;
    ch.name = in.name();
    ch.priority = in.priority();
    ch.weekly_volume = loaded.weekly_volume[static_cast<std::size_t>(c)];
    ch.daily_volume_cv = in.arrivals().daily_volume_cv();
    for (const fccsim::Surge& surge : in.arrivals().surges()) {
      const Time start = spec.origin + static_cast<Time>(surge.day()) * kTicksPerDay +
                         ClockTicks(surge.start());
      ch.surges.push_back({start, start + surge.duration_minutes() * kTicksPerMinute,
                           surge.multiplier()});
    }
    ch.talk_s = ToDistribution(in.talk());
    if (in.has_wrap_up()) ch.wrap_up_s = ToDistribution(in.wrap_up());
    if (in.has_patience()) ch.patience_s = ToDistribution(in.patience());
    if (in.has_mental_health()) {
      const fccsim::MentalHealth& m = in.mental_health();
      MentalHealthSpec mh;
      mh.share = m.share();
      mh.redirect_share = m.redirect_share();
      mh.divert_probability = m.divert_probability();
      if (m.has_redirect_handling()) mh.redirect_handling_s = ToDistribution(m.redirect_handling());
      if (m.has_transfer()) mh.transfer_s = ToDistribution(m.transfer());
      if (m.has_fallback()) mh.fallback_s = ToDistribution(m.fallback());
      mh.max_wait = sim::TicksFromSeconds(m.max_wait_s());
      ch.mental_health = std::move(mh);
    }
    ch.deployment_probability = in.deployment_probability();
    ch.chat = in.kind() == fccsim::CHAT;
    ch.short_abandon = sim::TicksFromSeconds(in.short_abandon_s());
    ch.target_threshold = sim::TicksFromSeconds(in.target().answer_within_s());
    ch.target_fraction = in.target().fraction();
    ch.target_max_average_answer_s = in.target().max_average_answer_s();
    ch.thresholds.push_back(ch.target_threshold);
    for (double t : spec.standard_thresholds_s) ch.thresholds.push_back(sim::TicksFromSeconds(t));
    std::sort(ch.thresholds.begin(), ch.thresholds.end());
    ch.thresholds.erase(std::unique(ch.thresholds.begin(), ch.thresholds.end()),
                        ch.thresholds.end());
    auto index_of = [&ch](sim::Duration t) {
      return static_cast<int>(std::find(ch.thresholds.begin(), ch.thresholds.end(), t) -
                              ch.thresholds.begin());
    };
    ch.target_index = index_of(ch.target_threshold);
    for (double t : spec.standard_thresholds_s) {
      ch.standard_index.push_back(index_of(sim::TicksFromSeconds(t)));
    }
    for (std::int64_t day = spec.first_day; day < spec.days; ++day) {
      const std::string d = std::to_string(day);
      auto id = [&](std::string_view kind) {
        return sim::StreamId(sim::StreamName({kind, ch.name, d}));
      };
      ch.day_streams.push_back({id("arrivals"), id("contacts"), id("surge_arrivals"),
                                id("surge_contacts"), id("busyness")});
    }
    spec.channels.push_back(std::move(ch));
  }

  for (int g = 0; g < s.groups_size(); ++g) {
    const fccsim::HandlerGroup& in = s.groups(g);
    GroupSpec group;
    group.name = in.name();
    group.skill_count = in.skills_size();
    for (const std::string& skill : in.skills()) {
      for (int c = 0; c < s.channels_size(); ++c) {
        if (s.channels(c).name() != skill) continue;
        group.service_order.push_back(c);
        group.chats = group.chats || s.channels(c).kind() == fccsim::CHAT;
      }
    }
    group.max_sessions = in.has_max_chat_sessions() ? static_cast<int>(in.max_chat_sessions()) : 1;
    group.slowdown = in.chat_slowdown();
    group.drain_for_calls = in.blending() == fccsim::DRAIN_FOR_CALLS;
    spec.any_drain = spec.any_drain || (group.drain_for_calls && group.chats);
    std::stable_sort(group.service_order.begin(), group.service_order.end(),
                     [&spec](int a, int b) {
                       return spec.channels[static_cast<std::size_t>(a)].priority <
                              spec.channels[static_cast<std::size_t>(b)].priority;
                     });
    spec.groups.push_back(std::move(group));
  }
  if (s.has_triage()) {
    for (int g = 0; g < s.groups_size(); ++g) {
      if (s.groups(g).name() == s.triage().group()) spec.triage_group = g;
    }
    spec.triage_s = ToDistribution(s.triage().duration());
  }
  for (int c = 0; c < static_cast<int>(spec.channels.size()); ++c) {
    std::vector<int>& routing = spec.channels[static_cast<std::size_t>(c)].routing_groups;
    for (int g = 0; g < static_cast<int>(spec.groups.size()); ++g) {
      const auto& order = spec.groups[static_cast<std::size_t>(g)].service_order;
      if (std::find(order.begin(), order.end(), c) != order.end()) routing.push_back(g);
    }
    std::stable_sort(routing.begin(), routing.end(), [&spec](int a, int b) {
      return spec.groups[static_cast<std::size_t>(a)].skill_count <
             spec.groups[static_cast<std::size_t>(b)].skill_count;
    });
  }

  spec.shrinkage = s.roster().shrinkage();
  for (const fccsim::Shift& shift : s.roster().shifts()) {
    int group = 0;
    while (s.groups(group).name() != shift.group()) ++group;
    std::vector<ShiftInstance> instances = ExpandShift(spec, shift, group);
    spec.shifts.insert(spec.shifts.end(), std::make_move_iterator(instances.begin()),
                       std::make_move_iterator(instances.end()));
  }

  // A headcount table gives the handlers rostered per interval; shrinkage is drawn per
  // replication (see the roster), per handler and day.
  spec.table_first_interval = -((spec.origin + spec.interval - 1) / spec.interval);
  for (std::size_t g = 0; g < loaded.weekly_headcount.size(); ++g) {
    GroupTable table;
    table.group = static_cast<int>(g);
    for (std::int64_t k = spec.table_first_interval; k < spec.reported_intervals; ++k) {
      table.rostered.push_back(
          loaded.weekly_headcount[g][spec.WeeklySlot(spec.origin + k * spec.interval)]);
    }
    for (std::int64_t day = spec.first_day; day < spec.days; ++day) {
      table.absence_streams.push_back(sim::StreamId(
          sim::StreamName({"absence", "table", spec.groups[g].name, std::to_string(day)})));
    }
    spec.tables.push_back(std::move(table));
  }
  return spec;
}

std::optional<std::uint64_t> DuplicateStreamId(const ModelSpec& spec) {
  std::vector<std::uint64_t> ids;
  for (const ChannelSpec& ch : spec.channels) {
    for (const ChannelDayStreams& d : ch.day_streams) {
      ids.insert(ids.end(), {d.arrivals, d.contacts, d.surge_arrivals, d.surge_contacts,
                             d.busyness});
    }
  }
  for (const ShiftInstance& shift : spec.shifts) ids.push_back(shift.absence_stream);
  for (const GroupTable& table : spec.tables) {
    ids.insert(ids.end(), table.absence_streams.begin(), table.absence_streams.end());
  }
  std::sort(ids.begin(), ids.end());
  const auto same = std::adjacent_find(ids.begin(), ids.end());
  if (same == ids.end()) return std::nullopt;
  return *same;
}

}  // namespace fccsim::model
