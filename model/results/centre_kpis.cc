#include "model/results/centre_kpis.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "model/scenario/scenario_validator.h"
#include "sim/confidence_interval.h"
#include "sim/tally.h"

namespace fccsim::model {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double Ratio(double num, double den) { return den > 0 ? num / den : kNaN; }

double CountAtMost(const std::vector<double>& v, double threshold) {
  return static_cast<double>(
      std::count_if(v.begin(), v.end(), [threshold](double x) { return x <= threshold; }));
}

// One replication's value of every measure, for one interval or for the whole horizon.
struct Measures {
  double offered, answered, abandoned, short_abandoned, in_service, waiting;
  double abandoned_fraction, service_level, asa, p50, p90, p95, max;
  double under_10s, from_10_to_60s, over_60s;
  std::vector<double> levels;  // at the standard thresholds
};

Measures Measure(const IntervalOutcomes& o, double target_s, const std::vector<double>& standard) {
  Measures m;
  std::vector<double> waits = o.answered_waits_s;
  std::sort(waits.begin(), waits.end());
  const double answered = static_cast<double>(waits.size());
  m.offered = static_cast<double>(o.offered);
  m.answered = answered;
  m.abandoned = static_cast<double>(o.abandoned);
  m.short_abandoned = static_cast<double>(o.short_abandoned);
  m.in_service = static_cast<double>(o.in_service_waits_s.size());
  m.waiting = static_cast<double>(o.waiting_s.size());
  m.abandoned_fraction = Ratio(m.abandoned + m.short_abandoned, m.offered);
  m.service_level = ServiceLevel(o, target_s);
  for (double t : standard) m.levels.push_back(ServiceLevel(o, t));
  m.asa = Ratio(std::accumulate(waits.begin(), waits.end(), 0.0), answered);
  m.p50 = Quantile(waits, 0.5);
  m.p90 = Quantile(waits, 0.9);
  m.p95 = Quantile(waits, 0.95);
  m.max = waits.empty() ? kNaN : waits.back();
  const double under_10 = static_cast<double>(
      std::lower_bound(waits.begin(), waits.end(), 10.0) - waits.begin());
  const double under_60 = static_cast<double>(
      std::lower_bound(waits.begin(), waits.end(), 60.0) - waits.begin());
  m.under_10s = Ratio(under_10, answered);
  m.from_10_to_60s = Ratio(under_60 - under_10, answered);
  m.over_60s = Ratio(answered - under_60, answered);
  return m;
}

// Per-replication values of every measure, averaged with confidence intervals.
struct MeasureTallies {
  sim::Tally offered, answered, abandoned, short_abandoned, in_service, waiting,
      abandoned_fraction, service_level, asa, p50, p90, p95, max, under_10s, from_10_to_60s,
      over_60s;
  std::vector<sim::Tally> levels;

  void Add(const Measures& m) {
    // Undefined in a replication (NaN): left out of that measure's average.
    auto add = [](sim::Tally& t, double x) {
      if (!std::isnan(x)) t.Add(x);
    };
    add(offered, m.offered);
    add(answered, m.answered);
    add(abandoned, m.abandoned);
    add(short_abandoned, m.short_abandoned);
    add(in_service, m.in_service);
    add(waiting, m.waiting);
    add(abandoned_fraction, m.abandoned_fraction);
    add(service_level, m.service_level);
    add(asa, m.asa);
    add(p50, m.p50);
    add(p90, m.p90);
    add(p95, m.p95);
    add(max, m.max);
    add(under_10s, m.under_10s);
    add(from_10_to_60s, m.from_10_to_60s);
    add(over_60s, m.over_60s);
    levels.resize(m.levels.size());
    for (std::size_t k = 0; k < m.levels.size(); ++k) add(levels[k], m.levels[k]);
  }
};

void Fill(const sim::Tally& t, fccsim::Estimate* e) {
  e->set_mean(t.Count() > 0 ? t.Mean() : kNaN);
  if (auto ci = sim::StudentTInterval(t)) e->set_ci95_half_width(ci->half_width);
}

// The fields ChannelSummary and ChannelInterval share, filled alike.
template <class Message>
void FillCommon(const MeasureTallies& t, const std::vector<double>& standard, Message* out) {
  Fill(t.offered, out->mutable_offered());
  Fill(t.answered, out->mutable_answered());
  Fill(t.short_abandoned, out->mutable_short_abandoned());
  Fill(t.in_service, out->mutable_in_service_at_end());
  Fill(t.waiting, out->mutable_waiting_at_end());
  Fill(t.service_level, out->mutable_service_level());
  for (std::size_t k = 0; k < standard.size(); ++k) {
    fccsim::ServiceLevelAt* at = out->add_service_levels();
    at->set_threshold_s(standard[k]);
    Fill(t.levels[k], at->mutable_fraction());
  }
  Fill(t.asa, out->mutable_average_answer_s());
  Fill(t.p50, out->mutable_wait_p50_s());
  Fill(t.p90, out->mutable_wait_p90_s());
  Fill(t.p95, out->mutable_wait_p95_s());
  Fill(t.max, out->mutable_wait_max_s());
  Fill(t.under_10s, out->mutable_answered_under_10s());
  Fill(t.from_10_to_60s, out->mutable_answered_10_to_60s());
  Fill(t.over_60s, out->mutable_answered_60s_or_more());
}

// A channel's target: the service level (when it sets a fraction) and the ASA ceiling (when
// it sets one). An interval or run with neither measure defined is not judged (NaN).
double MeetsTarget(const ChannelSpec& ch, double level, double asa) {
  const bool judge_level = ch.target_fraction > 0;
  const bool judge_asa = ch.target_max_average_answer_s > 0;
  if ((judge_level && std::isnan(level)) || (judge_asa && std::isnan(asa))) return kNaN;
  const bool level_ok = !judge_level || level >= ch.target_fraction;
  const bool asa_ok = !judge_asa || asa <= ch.target_max_average_answer_s;
  return level_ok && asa_ok ? 1.0 : 0.0;
}

void SummariseChannel(const ModelSpec& spec, int c, const std::vector<ReplicationStats>& reps,
                      fccsim::ChannelResult* out) {
  const ChannelSpec& ch = spec.channels[static_cast<std::size_t>(c)];
  const double target_s = sim::SecondsFromTicks(ch.target_threshold);
  const std::vector<double>& standard = spec.standard_thresholds_s;
  out->set_name(ch.name);
  const auto intervals = static_cast<std::size_t>(spec.reported_intervals);
  MeasureTallies overall;
  std::vector<MeasureTallies> per_interval(intervals);
  std::vector<sim::Tally> queue(intervals), interval_abandoned(intervals);
  sim::Tally meeting;
  for (const ReplicationStats& rep : reps) {
    const ChannelStats& s = rep.channels[static_cast<std::size_t>(c)];
    const Measures all = Measure(PoolOutcomes(s.intervals), target_s, standard);
    overall.Add(all);
    int judged = 0, met = 0;
    for (std::size_t k = 0; k < intervals; ++k) {
      const Measures m = Measure(s.intervals[k], target_s, standard);
      per_interval[k].Add(m);
      interval_abandoned[k].Add(m.abandoned + m.short_abandoned);
      queue[k].Add(s.queue_length.Mean(k));
      const double meets = MeetsTarget(ch, m.service_level, m.asa);
      if (!std::isnan(meets)) {
        ++judged;
        met += meets > 0;
      }
    }
    if (judged > 0) meeting.Add(static_cast<double>(met) / judged);
  }

  fccsim::ChannelSummary* sum = out->mutable_summary();
  FillCommon(overall, standard, sum);
  Fill(overall.abandoned, sum->mutable_abandoned());
  Fill(overall.abandoned_fraction, sum->mutable_abandoned_fraction());
  Fill(meeting, sum->mutable_intervals_meeting_target());
  sum->set_target_answer_within_s(target_s);
  sum->set_target_fraction(ch.target_fraction);
  sum->set_target_max_average_answer_s(ch.target_max_average_answer_s);
  const double level = overall.service_level.Count() > 0 ? overall.service_level.Mean() : kNaN;
  const double asa = overall.asa.Count() > 0 ? overall.asa.Mean() : kNaN;
  sum->set_target_met(MeetsTarget(ch, level, asa) == 1.0);

  const std::int64_t minutes_per_interval = spec.interval / sim::kTicksPerMinute;
  for (std::size_t k = 0; k < intervals; ++k) {
    fccsim::ChannelInterval* row = out->add_intervals();
    const auto day = static_cast<std::int64_t>(k) / spec.intervals_per_day;
    const auto of_day = static_cast<std::int64_t>(k) % spec.intervals_per_day;
    row->set_index(static_cast<std::uint32_t>(k));
    row->set_day(static_cast<std::uint32_t>(day));
    row->set_weekday(static_cast<fccsim::Weekday>((spec.start_weekday + day) % 7 + 1));
    row->set_start(FormatClockMinutes(static_cast<int>(of_day * minutes_per_interval)));
    FillCommon(per_interval[k], standard, row);
    Fill(interval_abandoned[k], row->mutable_abandoned());  // including short, as before
    Fill(queue[k], row->mutable_mean_queue_length());
  }
}

void SummariseGroup(const ModelSpec& spec, int g, const std::vector<ReplicationStats>& reps,
                    fccsim::GroupResult* out) {
  out->set_name(spec.groups[static_cast<std::size_t>(g)].name);
  const auto intervals = static_cast<std::size_t>(spec.reported_intervals);
  sim::Tally occupancy, online;
  std::vector<sim::Tally> i_occupancy(intervals), i_online(intervals);
  for (const ReplicationStats& rep : reps) {
    const GroupStats& s = rep.groups[static_cast<std::size_t>(g)];
    double busy_total = 0, online_total = 0;
    for (std::size_t k = 0; k < intervals; ++k) {
      busy_total += s.busy.Mean(k);
      online_total += s.online.Mean(k);
      i_online[k].Add(s.online.Mean(k));
      const double interval_occupancy = Ratio(s.busy.Mean(k), s.online.Mean(k));
      if (!std::isnan(interval_occupancy)) i_occupancy[k].Add(interval_occupancy);
    }
    const double total_occupancy = Ratio(busy_total, online_total);
    if (!std::isnan(total_occupancy)) occupancy.Add(total_occupancy);
    online.Add(online_total / static_cast<double>(intervals));
  }
  Fill(occupancy, out->mutable_occupancy());
  Fill(online, out->mutable_mean_handlers_online());
  for (std::size_t k = 0; k < intervals; ++k) {
    fccsim::GroupInterval* row = out->add_intervals();
    row->set_index(static_cast<std::uint32_t>(k));
    Fill(i_occupancy[k], row->mutable_occupancy());
    Fill(i_online[k], row->mutable_handlers_online());
  }
}

}  // namespace

IntervalOutcomes PoolOutcomes(const std::vector<IntervalOutcomes>& intervals) {
  IntervalOutcomes all;
  for (const IntervalOutcomes& o : intervals) {
    all.offered += o.offered;
    all.abandoned += o.abandoned;
    all.short_abandoned += o.short_abandoned;
    all.answered_waits_s.insert(all.answered_waits_s.end(), o.answered_waits_s.begin(),
                                o.answered_waits_s.end());
    all.in_service_waits_s.insert(all.in_service_waits_s.end(), o.in_service_waits_s.begin(),
                                  o.in_service_waits_s.end());
    all.waiting_s.insert(all.waiting_s.end(), o.waiting_s.begin(), o.waiting_s.end());
  }
  return all;
}

double ServiceLevel(const IntervalOutcomes& o, double threshold_s) {
  const double within = CountAtMost(o.answered_waits_s, threshold_s) +
                        CountAtMost(o.in_service_waits_s, threshold_s);
  const double missed_while_waiting =
      static_cast<double>(o.waiting_s.size()) - CountAtMost(o.waiting_s, threshold_s);
  return Ratio(within, static_cast<double>(o.answered_waits_s.size() +
                                           o.in_service_waits_s.size()) +
                           static_cast<double>(o.abandoned) + missed_while_waiting);
}

double Quantile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return kNaN;
  const double position = p * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  return sorted[below] + (position - static_cast<double>(below)) * (sorted[above] - sorted[below]);
}

void SummariseReplications(const ModelSpec& spec, const std::vector<ReplicationStats>& replications,
                           fccsim::RunResult* result) {
  result->set_replications(static_cast<std::uint32_t>(replications.size()));
  result->set_days(static_cast<std::uint32_t>(spec.days));
  result->set_interval_minutes(static_cast<std::uint32_t>(spec.interval / sim::kTicksPerMinute));
  result->set_start_weekday(static_cast<fccsim::Weekday>(spec.start_weekday + 1));
  for (int c = 0; c < static_cast<int>(spec.channels.size()); ++c) {
    SummariseChannel(spec, c, replications, result->add_channels());
  }
  for (int g = 0; g < static_cast<int>(spec.groups.size()); ++g) {
    SummariseGroup(spec, g, replications, result->add_groups());
  }
}

}  // namespace fccsim::model
