#include "model/centre/outcomes.h"

#include <algorithm>
#include <limits>
#include <utility>

#include "sim/type7_quantile.h"

namespace fccsim::model {
namespace {

// Horizon percentiles read waits at 0.1 s resolution up to 2 hours; longer waits are counted
// above it and the longest is kept exactly.
constexpr sim::Duration kHistogramBin = sim::kTicksPerSecond / 10;
constexpr sim::Duration kHistogramMax = 2 * sim::kTicksPerHour;

// The percentiles a count reports, from `quantile_s(p)` in seconds.
template <class Quantile>
void SetWaitPercentiles(const Quantile& quantile_s, IntervalCounts* counts) {
  counts->wait_p50_s = quantile_s(0.5);
  counts->wait_p90_s = quantile_s(0.9);
  counts->wait_p95_s = quantile_s(0.95);
}

// The j-th smallest of *values, for j asked in nondecreasing order: each by one selection over
// the part still unordered (linear) rather than a sort of all n, since an interval's
// percentiles read only six order statistics. Asked out of order, it sorts: slower, as right.
class AscendingOrderStatistics {
 public:
  explicit AscendingOrderStatistics(std::vector<sim::Duration>* values) : values_(*values) {}

  sim::Duration operator()(std::int64_t j) {
    const auto i = static_cast<std::size_t>(j);
    if (sorted_ || i == last_) return values_[i];
    if (i < unordered_from_) {
      std::sort(values_.begin(), values_.end());
      sorted_ = true;
      return values_[i];
    }
    // Everything before unordered_from_ is at most everything after it, so the i-th of the
    // rest is the i-th of all. The next one (type 7 asks for j then j + 1) is the least of the
    // rest: one scan, where nth_element would partition again.
    if (i == unordered_from_) {
      const auto rest = values_.begin() + static_cast<std::ptrdiff_t>(i);
      std::iter_swap(rest, std::min_element(rest, values_.end()));
      unordered_from_ = i + 1;
      last_ = i;
      return values_[i];
    }
    std::nth_element(values_.begin() + static_cast<std::ptrdiff_t>(unordered_from_),
                     values_.begin() + static_cast<std::ptrdiff_t>(i), values_.end());
    unordered_from_ = i + 1;
    last_ = i;
    return values_[i];
  }

 private:
  std::vector<sim::Duration>& values_;
  std::size_t unordered_from_ = 0;
  std::size_t last_ = static_cast<std::size_t>(-1);
  bool sorted_ = false;
};

// Adds to *counts what the answered waits of its interval give: `positive`, and `zeros` waits
// of zero. Counted here, when the interval closes, in a few tight passes over its waits, which
// costs less than updating every count at every answer.
void CountWaits(const std::vector<sim::Duration>& positive, std::int64_t zeros,
                const ChannelSpec& ch, IntervalCounts* counts) {
  constexpr sim::Duration k10s = 10 * sim::kTicksPerSecond, k60s = 60 * sim::kTicksPerSecond;
  std::int64_t sum = 0, max = 0, under_10s = zeros, under_60s = zeros;
  for (const sim::Duration w : positive) {
    sum += w;
    max = std::max(max, w);
    under_10s += w < k10s;
    under_60s += w < k60s;
  }
  counts->wait_sum += sum;
  counts->wait_max = std::max(counts->wait_max, max);
  counts->under_10s += static_cast<std::int32_t>(under_10s);
  counts->under_60s += static_cast<std::int32_t>(under_60s);
  for (std::size_t i = 0; i < ch.thresholds.size(); ++i) {
    const sim::Duration t = ch.thresholds[i];
    std::int64_t within = t >= 0 ? zeros : 0;
    for (const sim::Duration w : positive) within += w <= t;
    counts->within[i] += static_cast<std::int32_t>(within);
  }
}

}  // namespace

namespace {

// Empties *h, keeping its memory when it already has this shape (the next replication's).
void Reset(sim::Histogram* h, sim::Duration bin, sim::Duration max) {
  if (h->bin_width() == bin && h->max_value() == max) {
    h->Clear();
  } else {
    *h = sim::Histogram(bin, max);
  }
}

}  // namespace

Outcomes::Outcomes(const ModelSpec& spec, ReplicationMeasures* measures)
    : spec_(spec),
      measures_(*measures),
      open_(spec.channels.size()),
      triage_waits_(spec.channels.size()) {
  const auto intervals = static_cast<std::size_t>(spec.reported_intervals);
  for (OpenWaits& open : open_) {
    open.first_end =
        intervals > 0 ? spec.origin + spec.interval : std::numeric_limits<sim::Time>::max();
  }
  measures_.channels.resize(spec.channels.size());
  for (ChannelMeasures& m : measures_.channels) {
    m.intervals.assign(intervals, IntervalCounts{});
    m.total = IntervalCounts{};
    m.queue_length.Reset(spec.origin, spec.interval, intervals);
    Reset(&m.waits, kHistogramBin, kHistogramMax);
  }
  for (std::size_t c = 0; c < spec.channels.size(); ++c) {
    // A hold lasts at most an hour (validation), so no practitioner wait is longer.
    sim::Histogram& h = measures_.channels[c].triage_waits;
    if (spec.channels[c].mental_health) {
      Reset(&h, kHistogramBin, sim::kTicksPerHour);
    } else {
      h = sim::Histogram(1, 1);
    }
  }
  measures_.groups.resize(spec.groups.size());
  for (std::size_t g = 0; g < spec.groups.size(); ++g) {
    GroupMeasures& m = measures_.groups[g];
    m.online.Reset(spec.origin, spec.interval, intervals);
    m.busy.Reset(spec.origin, spec.interval, intervals);
    const std::size_t chat_intervals = spec.groups[g].chats ? intervals : 0;
    m.sessions.Reset(spec.origin, spec.interval, chat_intervals);
    m.chatting.Reset(spec.origin, spec.interval, chat_intervals);
  }
  measures_.events = measures_.contacts = measures_.contact_records = 0;
}

IntervalCounts& Outcomes::Of(const Contact& c) {
  return measures_.channels[static_cast<std::size_t>(c.channel)]
      .intervals[static_cast<std::size_t>(c.interval)];
}

void Outcomes::Offered(const Contact& c, sim::Time now) {
  if (now >= open_[static_cast<std::size_t>(c.channel)].first_end) CloseIntervals(c.channel, now);
  if (c.interval >= 0) ++Of(c).offered;
}

void Outcomes::Answered(const Contact& c, sim::Time now) {
  if (c.interval < 0) return;
  const sim::Duration wait = now - c.arrival;
  ++Of(c).answered;  // the counts of its wait are made when its interval closes
  measures_.channels[static_cast<std::size_t>(c.channel)].waits.Add(wait);
  // The contact was unresolved until now, so its interval is still open. A zero wait is
  // counted (answered) but not held: most of a busy centre's waits are zero.
  if (wait > 0) open_[static_cast<std::size_t>(c.channel)].waits.emplace_back(c.interval, wait);
}

void Outcomes::Completed(const Contact& c) {
  if (c.interval >= 0) ++Of(c).completed;
}

void Outcomes::Abandoned(const Contact& c, sim::Time now) {
  if (c.interval < 0) return;
  IntervalCounts& counts = Of(c);
  if (now - c.arrival < spec_.channels[static_cast<std::size_t>(c.channel)].short_abandon) {
    ++counts.short_abandoned;
  } else {
    ++counts.abandoned;
  }
}

void Outcomes::FateDecided(const Contact& c) {
  if (c.interval < 0) return;
  IntervalCounts& counts = Of(c);
  counts.flagged += c.fate.flagged;
  counts.redirected += c.fate.redirected;
}

void Outcomes::Transferred(const Contact& c) {
  if (c.interval >= 0) ++Of(c).transferred;
}

void Outcomes::Triaged(const Contact& c, sim::Duration wait) {
  if (c.interval < 0) return;
  IntervalCounts& counts = Of(c);
  ++counts.triaged;
  counts.triage_wait_sum += wait;
  measures_.channels[static_cast<std::size_t>(c.channel)].triage_waits.Add(wait);
  triage_waits_[static_cast<std::size_t>(c.channel)].emplace_back(c.interval, wait);
}

void Outcomes::SetTriagePercentiles(int c) {
  auto& waits = triage_waits_[static_cast<std::size_t>(c)];
  std::sort(waits.begin(), waits.end());
  std::vector<IntervalCounts>& intervals = measures_.channels[static_cast<std::size_t>(c)].intervals;
  for (auto first = waits.begin(); first != waits.end();) {
    const int k = first->first;
    const auto last = std::find_if(first, waits.end(), [k](const auto& w) { return w.first != k; });
    const auto n = static_cast<std::int64_t>(last - first);
    intervals[static_cast<std::size_t>(k)].triage_wait_p90_s =
        sim::Type7Quantile(n, 0.9, [first](std::int64_t j) {
          return sim::SecondsFromTicks(first[static_cast<std::ptrdiff_t>(j)].second);
        });
    first = last;
  }
  waits.clear();  // keeps its memory for the next replication
}

void Outcomes::FellBack(const Contact& c) {
  if (c.interval >= 0) ++Of(c).fallback;
}

void Outcomes::Resolved(const Contact& c, bool triaged) {
  if (c.interval < 0 || !c.fate.decided) return;
  IntervalCounts& counts = Of(c);
  const bool diverted = triaged && c.fate.diverted;
  counts.diverted += diverted;
  if (c.fate.deployable) {
    if (diverted || c.fate.redirected) {
      ++counts.deployments_averted;
    } else {
      ++counts.deployments;
    }
  }
}

void Outcomes::SessionClosed(const Contact& c, sim::Time now) {
  if (c.interval >= 0) Of(c).session_sum += now - c.answered_at;
}

void Outcomes::CloseIntervals(int c, sim::Time now) {
  OpenWaits& open = open_[static_cast<std::size_t>(c)];
  const std::vector<IntervalCounts>& intervals =
      measures_.channels[static_cast<std::size_t>(c)].intervals;
  while (open.first < spec_.reported_intervals && open.first_end <= now &&
         intervals[static_cast<std::size_t>(open.first)].Unresolved() == 0) {
    CloseFirst(c);
  }
}

void Outcomes::CloseFirst(int c) {
  OpenWaits& open = open_[static_cast<std::size_t>(c)];
  std::vector<sim::Duration>& waits = open.closing;
  waits.clear();
  const auto rest = std::partition(open.waits.begin(), open.waits.end(),
                                   [&open](const auto& w) { return w.first != open.first; });
  for (auto it = rest; it != open.waits.end(); ++it) waits.push_back(it->second);
  open.waits.erase(rest, open.waits.end());
  IntervalCounts& counts = measures_.channels[static_cast<std::size_t>(c)]
                               .intervals[static_cast<std::size_t>(open.first)];
  // Every answered wait of the interval: the positive ones held, then the zeros not held.
  const std::int64_t n = counts.answered;
  const auto zeros = n - static_cast<std::int64_t>(waits.size());
  CountWaits(waits, zeros, spec_.channels[static_cast<std::size_t>(c)], &counts);
  if (n > 0) {
    AscendingOrderStatistics nth(&waits);  // the percentiles are asked in increasing order
    SetWaitPercentiles(
        [&nth, n, zeros](double p) {
          return sim::Type7Quantile(n, p, [&nth, zeros](std::int64_t j) {
            return j < zeros ? 0.0 : sim::SecondsFromTicks(nth(j - zeros));
          });
        },
        &counts);
  }
  ++open.first;
  open.first_end = open.first < spec_.reported_intervals
                       ? spec_.origin + (open.first + 1) * spec_.interval
                       : std::numeric_limits<sim::Time>::max();
}

void Outcomes::Finish(const ContactTable& contacts, std::uint64_t events,
                      std::uint64_t arrivals) {
  for (const Contact& contact : contacts.records()) {
    if (contact.stage != Stage::kWaiting || contact.interval < 0) continue;
    IntervalCounts& counts = Of(contact);
    ++counts.waiting_at_end;
    const sim::Duration waited = spec_.end - contact.arrival;
    const std::vector<sim::Duration>& thresholds =
        spec_.channels[static_cast<std::size_t>(contact.channel)].thresholds;
    for (std::size_t i = 0; i < thresholds.size(); ++i) {
      counts.waiting_beyond[i] += waited > thresholds[i];
    }
  }
  for (std::size_t c = 0; c < measures_.channels.size(); ++c) {
    while (open_[c].first < spec_.reported_intervals) CloseFirst(static_cast<int>(c));
    ChannelMeasures& m = measures_.channels[c];
    IntervalCounts& total = m.total;
    for (const IntervalCounts& k : m.intervals) total.AddCounts(k);
    const sim::Histogram& waits = m.waits;
    if (waits.Count() > 0) {
      // As for an interval (type 7), each order statistic within its 0.1 s bin.
      SetWaitPercentiles(
          [&waits](double p) { return waits.OrderQuantile(p) / sim::kTicksPerSecond; }, &total);
    }
    if (m.triage_waits.Count() > 0) {
      total.triage_wait_p90_s = m.triage_waits.OrderQuantile(0.9) / sim::kTicksPerSecond;
    }
    SetTriagePercentiles(static_cast<int>(c));
    m.queue_length.Advance(spec_.end);
  }
  for (GroupMeasures& g : measures_.groups) {
    g.online.Advance(spec_.end);
    g.busy.Advance(spec_.end);
    g.sessions.Advance(spec_.end);
    g.chatting.Advance(spec_.end);
  }
  measures_.events = events;
  measures_.contacts = arrivals;
  measures_.contact_records = contacts.records().size();
}

}  // namespace fccsim::model
