#include "model/results/run_estimates.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "model/results/interval_keys.h"
#include "model/scenario/scenario_validator.h"
#include "sim/confidence_interval.h"

namespace fccsim::model {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double Ratio(double num, double den) { return den > 0 ? num / den : kNaN; }

void SetInterval(const std::optional<sim::ConfidenceInterval>& ci, fccsim::Estimate* e) {
  if (ci) {
    e->set_ci95_half_width(ci->half_width);
  } else {
    e->clear_ci95_half_width();
  }
}

// Met when the whole interval meets the target, missed when none of it does.
enum class Judgement { kNone, kMet, kMissed, kUnsettled };

Judgement Judge(const sim::PairMoments& p, std::int64_t n, double target, bool at_least) {
  const double r = p.Ratio(n);
  if (std::isnan(r)) return Judgement::kNone;
  const auto ci = sim::RatioInterval(p, n);
  if (!ci) return Judgement::kUnsettled;
  const double worst = at_least ? ci->lower() : ci->upper();
  const double best = at_least ? ci->upper() : ci->lower();
  const bool worst_meets = at_least ? worst >= target : worst <= target;
  const bool best_meets = at_least ? best >= target : best <= target;
  if (worst_meets) return Judgement::kMet;
  if (!best_meets) return Judgement::kMissed;
  return Judgement::kUnsettled;
}

fccsim::TargetVerdict Verdict(const ChannelSpec& ch, const sim::PairMoments& level,
                              const sim::PairMoments& asa, std::int64_t n) {
  std::vector<Judgement> parts;
  if (ch.target_fraction > 0) parts.push_back(Judge(level, n, ch.target_fraction, true));
  if (ch.target_max_average_answer_s > 0) {
    parts.push_back(Judge(asa, n, ch.target_max_average_answer_s, false));
  }
  auto any = [&parts](Judgement j) { return std::find(parts.begin(), parts.end(), j) != parts.end(); };
  if (parts.empty() || any(Judgement::kNone)) return fccsim::TARGET_NOT_JUDGED;
  if (any(Judgement::kMissed)) return fccsim::TARGET_MISSED;
  if (any(Judgement::kUnsettled)) return fccsim::TARGET_NOT_SETTLED;
  return fccsim::TARGET_MET;
}

double Seconds(std::int64_t ticks) { return sim::SecondsFromTicks(ticks); }

// The fraction of judged contacts answered within the channel's target threshold.
double TargetLevel(const ChannelSpec& ch, const IntervalCounts& k) {
  return Ratio(k.within[static_cast<std::size_t>(ch.target_index)], k.Judged(ch.target_index));
}

double AsaSeconds(const IntervalCounts& k) { return Ratio(Seconds(k.wait_sum), k.answered); }

}  // namespace

double MeetsTarget(const ChannelSpec& ch, double service_level, double asa_s) {
  const bool judge_level = ch.target_fraction > 0;
  const bool judge_asa = ch.target_max_average_answer_s > 0;
  if ((judge_level && std::isnan(service_level)) || (judge_asa && std::isnan(asa_s))) return kNaN;
  const bool level_ok = !judge_level || service_level >= ch.target_fraction;
  const bool asa_ok = !judge_asa || asa_s <= ch.target_max_average_answer_s;
  return level_ok && asa_ok ? 1.0 : 0.0;
}

void RunEstimates::PartialMean::Add(double x) {
  if (std::isnan(x)) return;
  moments.Add(x, ++n);
}

void RunEstimates::CountEstimates::Add(const IntervalCounts& k, int thresholds, std::int64_t n) {
  offered.Add(k.offered, n);
  completed.Add(k.completed, n);
  abandoned.Add(k.abandoned, n);
  short_abandoned.Add(k.short_abandoned, n);
  in_service.Add(k.InServiceAtEnd(), n);
  waiting.Add(k.waiting_at_end, n);
  for (int i = 0; i < thresholds; ++i) {
    level[i].Add(k.within[static_cast<std::size_t>(i)], k.Judged(i), n);
  }
  const double answered = k.answered;
  asa.Add(Seconds(k.wait_sum), answered, n);
  under_10s.Add(k.under_10s, answered, n);
  from_10_to_60s.Add(k.under_60s - k.under_10s, answered, n);
  over_60s.Add(k.answered - k.under_60s, answered, n);
  abandoned_fraction.Add(k.abandoned + k.short_abandoned, k.offered, n);
  p50.Add(k.wait_p50_s);
  p90.Add(k.wait_p90_s);
  p95.Add(k.wait_p95_s);
  max.Add(k.answered > 0 ? Seconds(k.wait_max) : kNaN);
}

void RunEstimates::TriageEstimates::Add(const IntervalCounts& k, std::int64_t n) {
  flagged.Add(k.flagged, n);
  redirected.Add(k.redirected, n);
  transferred.Add(k.transferred, n);
  triaged.Add(k.triaged, n);
  fallback.Add(k.fallback, n);
  diverted.Add(k.diverted, n);
  deployments.Add(k.deployments, n);
  averted.Add(k.deployments_averted, n);
  wait.Add(Seconds(k.triage_wait_sum), k.triaged, n);
  wait_p90.Add(k.triage_wait_p90_s);
}

void RunEstimates::ChatEstimates::Add(double open, double chatting, double busy, double online,
                                      int k, std::int64_t n) {
  sessions.Add(open, n);
  concurrency.Add(open, chatting, n);
  capacity.Add(busy - chatting + open / k, online, n);
}

RunEstimates::RunEstimates(const ModelSpec& spec) : spec_(spec), t95_{kNaN} {
  channels_.resize(spec.channels.size());
  for (std::size_t c = 0; c < spec.channels.size(); ++c) {
    channels_[c].has_triage =
        spec.channels[c].mental_health || spec.channels[c].deployment_probability > 0;
    channels_[c].chat = spec.channels[c].chat;
  }
  groups_.resize(spec.groups.size());
  for (std::size_t g = 0; g < spec.groups.size(); ++g) groups_[g].chats = spec.groups[g].chats;
}

void RunEstimates::AddChat(int g, const GroupMeasures& m, int k, std::int64_t n,
                           ChatEstimates* e) const {
  double sessions = 0, chatting = 0, busy = 0, online = 0;
  const std::size_t first = k < 0 ? 0 : static_cast<std::size_t>(k);
  const std::size_t last = k < 0 ? m.online.size() : first + 1;
  for (std::size_t i = first; i < last; ++i) {
    sessions += m.sessions.Mean(i);
    chatting += m.chatting.Mean(i);
    busy += m.busy.Mean(i);
    online += m.online.Mean(i);
  }
  const double periods = static_cast<double>(last - first);
  e->Add(sessions / periods, chatting / periods, busy / periods, online / periods,
         spec_.groups[static_cast<std::size_t>(g)].max_sessions, n);
}

void RunEstimates::Add(const ReplicationMeasures& measures) {
  ReplicationMeasures copy = measures;
  Take(&copy);
}

void RunEstimates::Take(ReplicationMeasures* measures) {
  ++n_;
  if (n_ >= 2) t95_.push_back(sim::StudentTQuantile(0.95, n_ - 1));  // at index n_ - 1
  for (int c = 0; c < channels(); ++c) {
    AddChannelTotals(c, measures->channels[static_cast<std::size_t>(c)]);
  }
  for (int g = 0; g < groups(); ++g) {
    AddGroupTotals(g, measures->groups[static_cast<std::size_t>(g)]);
  }
  if (n_ == 1) {
    // Kept as it is: one replication's intervals need no accumulators.
    std::swap(first_, *measures);
    return;
  }
  if (n_ == 2) {
    AllocateIntervals();
    AddIntervals(first_, 1);
    first_ = ReplicationMeasures{};
  }
  AddIntervals(*measures, n_);
}

void RunEstimates::AllocateIntervals() {
  const auto intervals = static_cast<std::size_t>(spec_.reported_intervals);
  for (ChannelEstimates& c : channels_) {
    c.intervals.resize(intervals);
    c.queue_length.resize(intervals);
    if (c.has_triage) c.triage_intervals.resize(intervals);
    if (c.chat) c.session_intervals.resize(intervals);
  }
  for (GroupEstimates& g : groups_) {
    g.interval_occupancy.resize(intervals);
    g.interval_online.resize(intervals);
    g.interval_busy.resize(intervals);
    if (g.chats) g.chat_intervals.resize(intervals);
  }
}

void RunEstimates::AddIntervals(const ReplicationMeasures& measures, std::int64_t n) {
  for (std::size_t c = 0; c < channels_.size(); ++c) {
    const int thresholds = static_cast<int>(spec_.channels[c].thresholds.size());
    const ChannelMeasures& m = measures.channels[c];
    ChannelEstimates& e = channels_[c];
    for (std::size_t k = 0; k < m.intervals.size(); ++k) {
      e.intervals[k].Add(m.intervals[k], thresholds, n);
      e.queue_length[k].Add(m.queue_length.Mean(k), n);
    }
    if (e.has_triage) {
      for (std::size_t k = 0; k < m.intervals.size(); ++k) e.triage_intervals[k].Add(m.intervals[k], n);
    }
    if (e.chat) {
      for (std::size_t k = 0; k < m.intervals.size(); ++k) {
        e.session_intervals[k].Add(Seconds(m.intervals[k].session_sum), m.intervals[k].completed, n);
      }
    }
  }
  for (std::size_t g = 0; g < groups_.size(); ++g) {
    const GroupMeasures& m = measures.groups[g];
    GroupEstimates& e = groups_[g];
    for (std::size_t k = 0; k < m.online.size(); ++k) {
      const double busy = m.busy.Mean(k), online = m.online.Mean(k);
      e.interval_occupancy[k].Add(busy, online, n);
      e.interval_online[k].Add(online, n);
      e.interval_busy[k].Add(busy, n);
    }
    if (e.chats) {
      for (std::size_t k = 0; k < m.online.size(); ++k) {
        AddChat(static_cast<int>(g), m, static_cast<int>(k), n, &e.chat_intervals[k]);
      }
    }
  }
}

void RunEstimates::AddChannelTotals(int c, const ChannelMeasures& m) {
  const ChannelSpec& ch = spec_.channels[static_cast<std::size_t>(c)];
  const int thresholds = static_cast<int>(ch.thresholds.size());
  ChannelEstimates& e = channels_[static_cast<std::size_t>(c)];
  e.total.Add(m.total, thresholds, n_);
  if (e.has_triage) e.triage_total.Add(m.total, n_);
  if (e.chat) e.session_total.Add(Seconds(m.total.session_sum), m.total.completed, n_);
  int judged = 0, met = 0;
  for (const IntervalCounts& counts : m.intervals) {
    const double meets = MeetsTarget(ch, TargetLevel(ch, counts), AsaSeconds(counts));
    if (!std::isnan(meets)) {
      ++judged;
      met += meets > 0;
    }
  }
  if (judged > 0) e.intervals_meeting_target.Add(static_cast<double>(met) / judged);

  const IntervalCounts& t = m.total;
  fccsim::ChannelReplication r;
  r.set_replication(static_cast<std::uint32_t>(n_ - 1));
  r.set_offered(t.offered);
  r.set_answered(t.completed);
  r.set_abandoned(t.abandoned);
  r.set_short_abandoned(t.short_abandoned);
  r.set_abandoned_fraction(Ratio(t.abandoned + t.short_abandoned, t.offered));
  const double level = TargetLevel(ch, t);
  const double asa = AsaSeconds(t);
  r.set_service_level(ch.target_fraction > 0 ? level : kNaN);
  r.set_average_answer_s(asa);
  r.set_wait_p90_s(t.wait_p90_s);
  const auto triage = [&e](std::int32_t count) { return e.has_triage ? count : kNaN; };
  r.set_flagged(triage(t.flagged));
  r.set_triaged(triage(t.triaged));
  r.set_fallback(triage(t.fallback));
  r.set_diverted(triage(t.diverted));
  r.set_deployments(triage(t.deployments));
  r.set_deployments_averted(triage(t.deployments_averted));
  r.set_practitioner_wait_s(e.has_triage ? Ratio(Seconds(t.triage_wait_sum), t.triaged) : kNaN);
  r.set_session_s(e.chat ? Ratio(Seconds(t.session_sum), t.completed) : kNaN);
  // A replication where the target has nothing to judge (no contact) neither meets it nor
  // misses it: it is left out of the probability's trials.
  const double meets = MeetsTarget(ch, level, asa);
  r.set_target_met(meets == 1.0);
  if (!std::isnan(meets)) {
    ++e.replications_judged;
    e.replications_meeting_target += meets == 1.0;
  }
  e.replications.push_back(r);
}

void RunEstimates::AddGroupTotals(int g, const GroupMeasures& m) {
  GroupEstimates& e = groups_[static_cast<std::size_t>(g)];
  double busy_total = 0, online_total = 0;
  for (std::size_t k = 0; k < m.online.size(); ++k) {
    busy_total += m.busy.Mean(k);
    online_total += m.online.Mean(k);
  }
  const double intervals = static_cast<double>(m.online.size());
  e.occupancy.Add(busy_total / intervals, online_total / intervals, n_);
  e.online.Add(online_total / intervals, n_);
  if (e.chats) AddChat(g, m, -1, n_, &e.chat_total);
  fccsim::GroupReplication r;
  r.set_replication(static_cast<std::uint32_t>(n_ - 1));
  r.set_occupancy(Ratio(busy_total, online_total));
  r.set_mean_handlers_online(online_total / intervals);
  double concurrency = kNaN, capacity = kNaN;
  if (e.chats) {
    ChatEstimates one;
    AddChat(g, m, -1, 1, &one);
    concurrency = one.concurrency.Ratio(1);
    capacity = one.capacity.Ratio(1);
  }
  r.set_chat_concurrency(concurrency);
  r.set_chat_capacity_used(capacity);
  e.replications.push_back(r);
}

double RunEstimates::T95(std::int64_t n) const {
  return n < 2 ? kNaN : t95_[static_cast<std::size_t>(n - 1)];
}

void RunEstimates::FillMean(const sim::Moments& m, std::int64_t n, fccsim::Estimate* e) const {
  e->set_mean(n > 0 ? m.mean : kNaN);
  SetInterval(sim::MeanIntervalWithT(m, n, T95(n)), e);
}

void RunEstimates::FillRatio(const sim::PairMoments& p, fccsim::Estimate* e) const {
  e->set_mean(p.Ratio(n_));
  SetInterval(sim::RatioIntervalWithT(p, n_, T95(n_)), e);
}

template <class Message>
void RunEstimates::FillCounts(const ChannelSpec& ch, const CountEstimates& e, Message* out) const {
  FillMean(e.offered, n_, out->mutable_offered());
  FillMean(e.completed, n_, out->mutable_answered());
  FillMean(e.abandoned, n_, out->mutable_abandoned());
  FillMean(e.short_abandoned, n_, out->mutable_short_abandoned());
  FillMean(e.in_service, n_, out->mutable_in_service_at_end());
  FillMean(e.waiting, n_, out->mutable_waiting_at_end());
  FillRatio(e.abandoned_fraction, out->mutable_abandoned_fraction());
  if (ch.target_fraction > 0) {
    FillRatio(e.level[ch.target_index], out->mutable_service_level());
  } else {  // an ASA-only target has no threshold: the standard ones are in service_levels
    out->mutable_service_level()->set_mean(kNaN);
    out->mutable_service_level()->clear_ci95_half_width();
  }
  out->mutable_service_levels()->Clear();  // keeps the elements allocated, for reuse
  for (std::size_t j = 0; j < spec_.standard_thresholds_s.size(); ++j) {
    fccsim::ServiceLevelAt* at = out->add_service_levels();
    at->set_threshold_s(spec_.standard_thresholds_s[j]);
    FillRatio(e.level[ch.standard_index[j]], at->mutable_fraction());
  }
  FillRatio(e.asa, out->mutable_average_answer_s());
  FillMean(e.p50.moments, e.p50.n, out->mutable_wait_p50_s());
  FillMean(e.p90.moments, e.p90.n, out->mutable_wait_p90_s());
  FillMean(e.p95.moments, e.p95.n, out->mutable_wait_p95_s());
  FillMean(e.max.moments, e.max.n, out->mutable_wait_max_s());
  FillRatio(e.under_10s, out->mutable_answered_under_10s());
  FillRatio(e.from_10_to_60s, out->mutable_answered_10_to_60s());
  FillRatio(e.over_60s, out->mutable_answered_60s_or_more());
}

fccsim::ChannelResult RunEstimates::ChannelHead(int c) const {
  const ChannelSpec& ch = spec_.channels[static_cast<std::size_t>(c)];
  const ChannelEstimates& e = channels_[static_cast<std::size_t>(c)];
  fccsim::ChannelResult out;
  out.set_name(ch.name);
  out.set_kind(ch.chat ? fccsim::CHAT : fccsim::VOICE);
  fccsim::ChannelSummary* sum = out.mutable_summary();
  FillCounts(ch, e.total, sum);
  FillMean(e.intervals_meeting_target.moments, e.intervals_meeting_target.n,
           sum->mutable_intervals_meeting_target());
  sum->set_target_answer_within_s(sim::SecondsFromTicks(ch.target_threshold));
  sum->set_target_fraction(ch.target_fraction);
  sum->set_target_max_average_answer_s(ch.target_max_average_answer_s);
  const sim::PairMoments& level = e.total.level[ch.target_index];
  sum->set_target_met(MeetsTarget(ch, level.Ratio(n_), e.total.asa.Ratio(n_)) == 1.0);
  sum->set_target_verdict(Verdict(ch, level, e.total.asa, n_));
  if (e.has_triage) FillTriage(e.triage_total, sum->mutable_triage());
  if (e.chat) FillRatio(e.session_total, sum->mutable_chat()->mutable_session_s());
  fccsim::Probability* p = sum->mutable_probability_target_met();
  p->set_successes(static_cast<std::uint32_t>(e.replications_meeting_target));
  p->set_trials(static_cast<std::uint32_t>(e.replications_judged));
  if (e.replications_judged > 0) {
    const sim::ProportionInterval ci =
        sim::ClopperPearsonInterval(e.replications_meeting_target, e.replications_judged);
    p->set_estimate(static_cast<double>(e.replications_meeting_target) /
                    static_cast<double>(e.replications_judged));
    p->set_ci95_lower(ci.lower);
    p->set_ci95_upper(ci.upper);
  } else {
    p->set_estimate(kNaN);
  }
  for (const fccsim::ChannelReplication& r : e.replications) *out.add_replications() = r;
  return out;
}

void RunEstimates::ChannelIntervalResult(int c, int k, fccsim::ChannelInterval* row) const {
  const ChannelSpec& ch = spec_.channels[static_cast<std::size_t>(c)];
  const auto i = static_cast<std::size_t>(k);
  SetIntervalKeys(spec_, k, row);
  if (n_ == 1) {  // straight from the one replication
    const ChannelMeasures& m = first_.channels[static_cast<std::size_t>(c)];
    CountEstimates one;
    one.Add(m.intervals[i], static_cast<int>(ch.thresholds.size()), 1);
    sim::Moments queue;
    queue.Add(m.queue_length.Mean(i), 1);
    FillCounts(ch, one, row);
    FillMean(queue, 1, row->mutable_mean_queue_length());
    if (channels_[static_cast<std::size_t>(c)].has_triage) {
      TriageEstimates triage;
      triage.Add(m.intervals[i], 1);
      FillTriage(triage, row->mutable_triage());
    } else {
      row->clear_triage();
    }
    if (ch.chat) {
      sim::PairMoments session;
      session.Add(Seconds(m.intervals[i].session_sum), m.intervals[i].completed, 1);
      FillRatio(session, row->mutable_chat()->mutable_session_s());
    } else {
      row->clear_chat();
    }
    return;
  }
  const ChannelEstimates& e = channels_[static_cast<std::size_t>(c)];
  FillCounts(ch, e.intervals[i], row);
  FillMean(e.queue_length[i], n_, row->mutable_mean_queue_length());
  if (e.has_triage) {
    FillTriage(e.triage_intervals[i], row->mutable_triage());
  } else {
    row->clear_triage();
  }
  if (e.chat) {
    FillRatio(e.session_intervals[i], row->mutable_chat()->mutable_session_s());
  } else {
    row->clear_chat();
  }
}

void RunEstimates::FillChat(int g, const ChatEstimates& e, std::int64_t n,
                            fccsim::ChatConcurrency* out) const {
  out->set_max_sessions(
      static_cast<std::uint32_t>(spec_.groups[static_cast<std::size_t>(g)].max_sessions));
  FillMean(e.sessions, n, out->mutable_sessions());
  FillRatio(e.concurrency, out->mutable_concurrency());
  FillRatio(e.capacity, out->mutable_capacity_used());
}

void RunEstimates::FillTriage(const TriageEstimates& e, fccsim::TriageMeasures* out) const {
  FillMean(e.flagged, n_, out->mutable_flagged());
  FillMean(e.redirected, n_, out->mutable_redirected());
  FillMean(e.transferred, n_, out->mutable_transferred());
  FillMean(e.triaged, n_, out->mutable_triaged());
  FillMean(e.fallback, n_, out->mutable_fallback());
  FillMean(e.diverted, n_, out->mutable_diverted());
  FillMean(e.deployments, n_, out->mutable_deployments());
  FillMean(e.averted, n_, out->mutable_deployments_averted());
  FillRatio(e.wait, out->mutable_practitioner_wait_s());
  FillMean(e.wait_p90.moments, e.wait_p90.n, out->mutable_practitioner_wait_p90_s());
}

fccsim::GroupResult RunEstimates::GroupHead(int g) const {
  const GroupEstimates& e = groups_[static_cast<std::size_t>(g)];
  fccsim::GroupResult out;
  out.set_name(spec_.groups[static_cast<std::size_t>(g)].name);
  FillRatio(e.occupancy, out.mutable_occupancy());
  FillMean(e.online, n_, out.mutable_mean_handlers_online());
  if (e.chats) FillChat(g, e.chat_total, n_, out.mutable_chat());
  for (const fccsim::GroupReplication& r : e.replications) *out.add_replications() = r;
  return out;
}

void RunEstimates::GroupIntervalResult(int g, int k, fccsim::GroupInterval* row) const {
  SetIntervalKeys(spec_, k, row);
  const auto i = static_cast<std::size_t>(k);
  if (n_ == 1) {  // straight from the one replication
    const GroupMeasures& m = first_.groups[static_cast<std::size_t>(g)];
    sim::PairMoments occupancy;
    sim::Moments online, busy;
    occupancy.Add(m.busy.Mean(i), m.online.Mean(i), 1);
    online.Add(m.online.Mean(i), 1);
    busy.Add(m.busy.Mean(i), 1);
    FillRatio(occupancy, row->mutable_occupancy());
    FillMean(online, 1, row->mutable_handlers_online());
    FillMean(busy, 1, row->mutable_handlers_busy());
    if (groups_[static_cast<std::size_t>(g)].chats) {
      ChatEstimates chat;
      AddChat(g, m, k, 1, &chat);
      FillChat(g, chat, 1, row->mutable_chat());
    } else {
      row->clear_chat();
    }
    return;
  }
  const GroupEstimates& e = groups_[static_cast<std::size_t>(g)];
  FillRatio(e.interval_occupancy[i], row->mutable_occupancy());
  FillMean(e.interval_online[i], n_, row->mutable_handlers_online());
  FillMean(e.interval_busy[i], n_, row->mutable_handlers_busy());
  if (e.chats) {
    FillChat(g, e.chat_intervals[i], n_, row->mutable_chat());
  } else {
    row->clear_chat();
  }
}

}  // namespace fccsim::model
