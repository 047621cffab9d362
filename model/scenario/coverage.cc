#include "model/scenario/coverage.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>

#include "model/scenario/weekday_names.h"

namespace fccsim::model {
namespace {


// Per group, per reported interval: whether anyone is rostered in it.
std::vector<std::vector<bool>> Rostered(const ModelSpec& spec) {
  const int intervals = spec.reported_intervals;
  std::vector<std::vector<bool>> rostered(spec.groups.size(), std::vector<bool>(intervals));
  for (const ShiftInstance& shift : spec.shifts) {
    if (shift.headcount <= 0 || shift.end <= spec.origin) continue;
    const std::int64_t first = std::max<std::int64_t>(0, (shift.start - spec.origin) / spec.interval);
    // The interval holding the shift's last instant.
    const std::int64_t last = (shift.end - 1 - spec.origin) / spec.interval;
    for (std::int64_t i = first; i <= last && i < intervals; ++i) rostered[shift.group][i] = true;
  }
  for (const GroupTable& table : spec.tables) {
    for (std::size_t k = 0; k < table.rostered.size(); ++k) {
      const std::int64_t i = spec.table_first_interval + static_cast<std::int64_t>(k);
      if (i >= 0 && i < intervals && table.rostered[k] > 0) rostered[table.group][i] = true;
    }
  }
  return rostered;
}

// The reported intervals in which the channel's callers arrive and nobody `covers` them.
struct Gaps {
  int count = 0;
  int first = -1;

  // "in 48 intervals, the first on day 0 (Mon) at 00:00"
  std::string Describe(const ModelSpec& spec) const {
    const int day = first / spec.intervals_per_day;
    const int minutes =
        static_cast<int>(first % spec.intervals_per_day * (spec.interval / sim::kTicksPerMinute));
    return "in " + std::to_string(count) + " interval" + (count == 1 ? "" : "s") +
           ", the first on day " + std::to_string(day) + " (" +
           std::string(kWeekdayShort[(spec.start_weekday + day) % kDaysPerWeek]) + ") at " +
           FormatClockMinutes(minutes);
  }
};

template <class Covered>
Gaps FindGaps(const ModelSpec& spec, const ChannelSpec& channel, const Covered& covered) {
  Gaps gaps;
  for (int i = 0; i < spec.reported_intervals; ++i) {
    const sim::Time start = spec.origin + static_cast<sim::Time>(i) * spec.interval;
    if (!(channel.weekly_volume[spec.WeeklySlot(start)] > 0) || covered(i)) continue;
    if (gaps.first < 0) gaps.first = i;
    ++gaps.count;
  }
  return gaps;
}

// A channel that transfers to practitioners, with callers arriving when none is rostered:
// every transfer then holds its call handler for max_wait_s and falls back.
void CheckPractitioners(const ModelSpec& spec, const fccsim::Scenario& scenario,
                        const std::vector<std::vector<bool>>& rostered, int c,
                        const FieldRef& root, std::vector<Problem>* problems) {
  const ChannelSpec& channel = spec.channels[static_cast<std::size_t>(c)];
  if (!channel.mental_health || spec.triage_group < 0 ||
      !(channel.mental_health->share > 0 && channel.mental_health->redirect_share < 1)) {
    return;
  }
  // A group never rostered is warned about as such.
  const std::vector<bool>& on = rostered[static_cast<std::size_t>(spec.triage_group)];
  if (std::none_of(on.begin(), on.end(), [](bool b) { return b; })) return;
  const Gaps gaps =
      FindGaps(spec, channel, [&on](int i) { return on[static_cast<std::size_t>(i)]; });
  if (gaps.count == 0) return;
  problems->push_back(root.Child("channels", c).Child("mental_health").Warning(
      "callers arrive when no practitioner (group \"" + scenario.triage().group() +
      "\") is rostered, " + gaps.Describe(spec) +
      ": their transfers hold the call handler for max_wait_s and fall back"));
}

}  // namespace

void CheckCoverage(const ModelSpec& spec, const fccsim::Scenario& scenario, const FieldRef& root,
                   std::vector<Problem>* problems) {
  const std::vector<std::vector<bool>> rostered = Rostered(spec);
  for (std::size_t c = 0; c < spec.channels.size(); ++c) {
    const ChannelSpec& channel = spec.channels[c];
    const Gaps gaps = FindGaps(spec, channel, [&](int i) {
      return std::any_of(channel.routing_groups.begin(), channel.routing_groups.end(),
                         [&](int g) { return rostered[g][i]; });
    });
    CheckPractitioners(spec, scenario, rostered, static_cast<int>(c), root, problems);
    if (gaps.count == 0) continue;
    const std::string message = "callers arrive when no group with skill \"" + channel.name +
                                "\" is rostered, " + gaps.Describe(spec);
    const FieldRef field = root.Child("channels", static_cast<int>(c));
    if (scenario.channels(static_cast<int>(c)).has_patience()) {
      problems->push_back(field.Warning(message + ": they wait for the next shift, or abandon"));
    } else {
      problems->push_back(field.Error(
          message + ": with no patience given they never abandon, and wait for the next shift; "
                    "roster the gap, or give the channel a patience"));
    }
  }
}

}  // namespace fccsim::model
