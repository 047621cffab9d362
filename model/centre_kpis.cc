#include "model/centre_kpis.h"

#include <cmath>
#include <cstdio>
#include <limits>

#include "sim/confidence_interval.h"
#include "sim/tally.h"

namespace fccsim::model {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void Fill(const sim::Tally& t, fccsim::Estimate* e) {
  e->set_mean(t.Count() > 0 ? t.Mean() : kNaN);
  if (auto ci = sim::StudentTInterval(t)) e->set_ci95_half_width(ci->half_width);
}

double Ratio(double num, double den) { return den > 0 ? num / den : kNaN; }

// Adds x to the tally unless the measure is undefined in this replication.
void AddDefined(sim::Tally& t, double x) {
  if (!std::isnan(x)) t.Add(x);
}

std::string HourMinute(std::int64_t minutes) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(minutes / 60),
                static_cast<int>(minutes % 60));
  return buf;
}

// Answered within the threshold over answered plus abandoned: short abandons and contacts
// unresolved at the end are left out.
double ServiceLevel(std::int64_t within, std::int64_t answered, std::int64_t abandoned) {
  return Ratio(static_cast<double>(within), static_cast<double>(answered + abandoned));
}

void SummariseChannel(const ModelSpec& spec, int c, const std::vector<ReplicationStats>& reps,
                      fccsim::ChannelResult* out) {
  const ChannelSpec& ch = spec.channels[static_cast<std::size_t>(c)];
  out->set_name(ch.name);
  const std::size_t thresholds = spec.standard_thresholds_s.size() + 1;
  sim::Tally offered, answered, abandoned, short_abandoned, in_service, waiting, abandoned_fraction,
      service_level, asa, p50, p90, p95, max, under_10, from_10_to_60, over_60, meeting;
  std::vector<sim::Tally> levels(thresholds);
  const auto intervals = static_cast<std::size_t>(spec.reported_intervals);
  std::vector<sim::Tally> i_offered(intervals), i_answered(intervals), i_abandoned(intervals),
      i_level(intervals), i_asa(intervals), i_queue(intervals);
  for (const ReplicationStats& rep : reps) {
    const ChannelStats& s = rep.channels[static_cast<std::size_t>(c)];
    offered.Add(static_cast<double>(s.offered));
    answered.Add(static_cast<double>(s.answered));
    abandoned.Add(static_cast<double>(s.abandoned));
    short_abandoned.Add(static_cast<double>(s.short_abandoned));
    in_service.Add(static_cast<double>(s.in_service_at_end));
    waiting.Add(static_cast<double>(s.waiting_at_end));
    AddDefined(abandoned_fraction, Ratio(static_cast<double>(s.abandoned + s.short_abandoned),
                                         static_cast<double>(s.offered)));
    for (std::size_t k = 0; k < thresholds; ++k) {
      AddDefined(levels[k], ServiceLevel(s.answered_within[k], s.answered, s.abandoned));
    }
    AddDefined(service_level, ServiceLevel(s.answered_within[0], s.answered, s.abandoned));
    if (s.answered > 0) {
      asa.Add(s.wait_s.Mean());
      p50.Add(s.wait_histogram.Quantile(0.5) / sim::kTicksPerSecond);
      p90.Add(s.wait_histogram.Quantile(0.9) / sim::kTicksPerSecond);
      p95.Add(s.wait_histogram.Quantile(0.95) / sim::kTicksPerSecond);
      max.Add(s.wait_s.Max());
      const double n = static_cast<double>(s.answered);
      under_10.Add(static_cast<double>(s.answered_under_10s) / n);
      from_10_to_60.Add(static_cast<double>(s.answered_10_to_60s) / n);
      over_60.Add(static_cast<double>(s.answered_60s_or_more) / n);
    }
    int judged = 0, met = 0;
    for (std::size_t k = 0; k < intervals; ++k) {
      i_offered[k].Add(static_cast<double>(s.interval_offered[k]));
      i_answered[k].Add(static_cast<double>(s.interval_answered[k]));
      i_abandoned[k].Add(static_cast<double>(s.interval_abandoned[k]));
      i_queue[k].Add(s.queue_length.Mean(k));
      const std::int64_t long_abandons = s.interval_abandoned[k] - s.interval_short_abandoned[k];
      const double level =
          ServiceLevel(s.interval_within_target[k], s.interval_answered[k], long_abandons);
      AddDefined(i_level[k], level);
      const double interval_asa = Ratio(s.interval_wait_sum_s[k],
                                        static_cast<double>(s.interval_answered[k]));
      AddDefined(i_asa[k], interval_asa);
      if (!std::isnan(level)) {
        ++judged;
        const bool asa_ok = ch.target_max_average_answer_s <= 0 ||
                            (!std::isnan(interval_asa) &&
                             interval_asa <= ch.target_max_average_answer_s);
        if (level >= ch.target_fraction && asa_ok) ++met;
      }
    }
    AddDefined(meeting, Ratio(met, judged));
  }

  fccsim::ChannelSummary* sum = out->mutable_summary();
  Fill(offered, sum->mutable_offered());
  Fill(answered, sum->mutable_answered());
  Fill(abandoned, sum->mutable_abandoned());
  Fill(short_abandoned, sum->mutable_short_abandoned());
  Fill(in_service, sum->mutable_in_service_at_end());
  Fill(waiting, sum->mutable_waiting_at_end());
  Fill(abandoned_fraction, sum->mutable_abandoned_fraction());
  Fill(service_level, sum->mutable_service_level());
  for (std::size_t k = 1; k < thresholds; ++k) {
    fccsim::ServiceLevelAt* at = sum->add_service_levels();
    at->set_threshold_s(spec.standard_thresholds_s[k - 1]);
    Fill(levels[k], at->mutable_fraction());
  }
  Fill(asa, sum->mutable_average_answer_s());
  Fill(p50, sum->mutable_wait_p50_s());
  Fill(p90, sum->mutable_wait_p90_s());
  Fill(p95, sum->mutable_wait_p95_s());
  Fill(max, sum->mutable_wait_max_s());
  Fill(under_10, sum->mutable_answered_under_10s());
  Fill(from_10_to_60, sum->mutable_answered_10_to_60s());
  Fill(over_60, sum->mutable_answered_60s_or_more());
  Fill(meeting, sum->mutable_intervals_meeting_target());
  sum->set_target_answer_within_s(sim::SecondsFromTicks(ch.target_threshold));
  sum->set_target_fraction(ch.target_fraction);
  sum->set_target_max_average_answer_s(ch.target_max_average_answer_s);
  const bool level_met = service_level.Count() > 0 && service_level.Mean() >= ch.target_fraction;
  const bool asa_met = ch.target_max_average_answer_s <= 0 ||
                       (asa.Count() > 0 && asa.Mean() <= ch.target_max_average_answer_s);
  sum->set_target_met(level_met && asa_met);

  const std::int64_t minutes_per_interval = spec.interval / sim::kTicksPerMinute;
  for (std::size_t k = 0; k < intervals; ++k) {
    fccsim::ChannelInterval* row = out->add_intervals();
    const auto day = static_cast<std::int64_t>(k) / spec.intervals_per_day;
    const auto of_day = static_cast<std::int64_t>(k) % spec.intervals_per_day;
    row->set_index(static_cast<std::uint32_t>(k));
    row->set_day(static_cast<std::uint32_t>(day));
    row->set_weekday(static_cast<fccsim::Weekday>((spec.start_weekday + day) % 7 + 1));
    row->set_start(HourMinute(of_day * minutes_per_interval));
    Fill(i_offered[k], row->mutable_offered());
    Fill(i_answered[k], row->mutable_answered());
    Fill(i_abandoned[k], row->mutable_abandoned());
    Fill(i_level[k], row->mutable_service_level());
    Fill(i_asa[k], row->mutable_average_answer_s());
    Fill(i_queue[k], row->mutable_mean_queue_length());
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
      AddDefined(i_occupancy[k], Ratio(s.busy.Mean(k), s.online.Mean(k)));
    }
    AddDefined(occupancy, Ratio(busy_total, online_total));
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
