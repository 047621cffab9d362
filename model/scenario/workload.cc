#include "model/scenario/workload.h"

#include <cstdio>
#include <numeric>
#include <vector>

#include "model/scenario/scenario_validator.h"

namespace fccsim::model {
namespace {

constexpr int kMinutesPerDay = 1440;
constexpr int kMinutesPerWeek = 7 * kMinutesPerDay;

// Weekday index (0 = Monday) of report day 0.
int StartWeekday(const fccsim::Scenario& s) {
  const int w = s.horizon().start_weekday();
  return w == fccsim::WEEKDAY_UNSPECIFIED ? 0 : w - 1;
}

// Expected base contacts between minute `from` and minute `to` of the week (to may pass the
// week's end), from a weekly profile of `interval`-minute slots.
double VolumeBetween(const std::vector<double>& weekly, int interval, long long from,
                     long long to) {
  double volume = 0;
  for (long long t = from; t < to;) {
    const long long in_week = t % kMinutesPerWeek;
    const long long slot = in_week / interval;
    const long long slot_end = t + (slot + 1) * interval - in_week;
    const long long end = std::min(slot_end, to);
    volume += weekly[static_cast<std::size_t>(slot)] * static_cast<double>(end - t) / interval;
    t = end;
  }
  return volume;
}

}  // namespace

WorkEstimate EstimateWork(const LoadedScenario& loaded) {
  const fccsim::Scenario& s = loaded.scenario;
  const int interval = kMinutesPerDay / loaded.intervals_per_day;
  const double days = s.horizon().days() + s.horizon().warm_up_hours() / 24.0;
  WorkEstimate estimate;
  double busiest = -1;
  for (int c = 0; c < s.channels_size(); ++c) {
    const std::vector<double>& weekly = loaded.weekly_volume[c];
    const double per_week = std::accumulate(weekly.begin(), weekly.end(), 0.0);
    const double base = per_week * days / 7;
    // A surge of M > 1 adds M - 1 times the base callers of its window; one of M < 1 removes
    // some, which an upper estimate ignores.
    double added = 0;
    for (const fccsim::Surge& surge : s.channels(c).arrivals().surges()) {
      if (!(surge.multiplier() > 1)) continue;
      const long long start = (StartWeekday(s) + static_cast<long long>(surge.day()) % 7) *
                                  kMinutesPerDay +
                              *ParseClockMinutes(surge.start());
      added += (surge.multiplier() - 1) *
               VolumeBetween(weekly, interval, start, start + surge.duration_minutes());
    }
    estimate.contacts_per_replication += base + added;
    if (base + added > busiest) {
      busiest = base + added;
      estimate.busiest_channel = c;
      estimate.busiest_by_surge = added > base;
    }
  }
  estimate.interval_rows = static_cast<std::int64_t>(s.horizon().days()) *
                           loaded.intervals_per_day * (s.channels_size() + s.groups_size());
  return estimate;
}

std::optional<std::string> RunSizeProblem(const WorkEstimate& estimate,
                                          std::uint64_t replications) {
  const double total = estimate.contacts_per_replication * static_cast<double>(replications);
  if (!(total <= kMaxContactsPerRun)) {
    return std::to_string(replications) + " replications of " +
           FormatEstimate(estimate.contacts_per_replication) + " contacts each make " +
           FormatEstimate(total) + " contacts, more than the limit of " +
           FormatLimit(kMaxContactsPerRun) + " for one run: run fewer replications";
  }
  return std::nullopt;
}

std::string FormatEstimate(double x) { return "about " + FormatLimit(x); }

std::string FormatLimit(double x) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", x);
  return text;
}

}  // namespace fccsim::model
