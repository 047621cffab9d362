#include "model/plan/scheduled.h"

#include <algorithm>

namespace fccsim::model {
namespace {

sim::Duration Overlap(sim::Time a0, sim::Time a1, sim::Time b0, sim::Time b1) {
  return std::max<sim::Duration>(0, std::min(a1, b1) - std::max(a0, b0));
}

}  // namespace

std::vector<std::vector<ScheduledInterval>> ScheduledStaffing(const ModelSpec& spec) {
  const auto intervals = static_cast<std::size_t>(spec.reported_intervals);
  std::vector<std::vector<ScheduledInterval>> out(spec.groups.size(),
                                                  std::vector<ScheduledInterval>(intervals));
  const double length = static_cast<double>(spec.interval);
  const double present = 1 - spec.shrinkage;
  for (const ShiftInstance& shift : spec.shifts) {
    auto& group = out[static_cast<std::size_t>(shift.group)];
    const std::int64_t first = std::max<std::int64_t>(0, (shift.start - spec.origin) / spec.interval);
    for (std::int64_t k = first; k < spec.reported_intervals; ++k) {
      const sim::Time start = spec.origin + k * spec.interval;
      if (start >= shift.end) break;
      const sim::Time end = start + spec.interval;
      const sim::Duration covered = Overlap(start, end, shift.start, shift.end);
      sim::Duration on_break = 0;
      for (const auto& [from, to] : shift.breaks) on_break += Overlap(start, end, from, to);
      ScheduledInterval& at = group[static_cast<std::size_t>(k)];
      at.rostered += shift.headcount * static_cast<double>(covered) / length;
      at.on_duty += shift.headcount * present * static_cast<double>(covered - on_break) / length;
    }
  }
  for (const GroupTable& table : spec.tables) {
    auto& group = out[static_cast<std::size_t>(table.group)];
    for (std::size_t k = 0; k < intervals; ++k) {
      const std::int64_t i = static_cast<std::int64_t>(k) - spec.table_first_interval;
      if (i < 0 || i >= static_cast<std::int64_t>(table.rostered.size())) continue;
      const double rostered = table.rostered[static_cast<std::size_t>(i)];
      group[k].rostered += rostered;
      group[k].on_duty += rostered * present;
    }
  }
  return out;
}

double BreakShare(const ModelSpec& spec, int group) {
  double shift_time = 0, break_time = 0;
  for (const ShiftInstance& shift : spec.shifts) {
    if (shift.group != group) continue;
    shift_time += static_cast<double>(shift.headcount) * static_cast<double>(shift.end - shift.start);
    for (const auto& [from, to] : shift.breaks) {
      break_time += static_cast<double>(shift.headcount) * static_cast<double>(to - from);
    }
  }
  return shift_time > 0 ? break_time / shift_time : 0;
}

}  // namespace fccsim::model
