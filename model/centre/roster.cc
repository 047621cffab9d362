#include "model/centre/roster.h"

#include <algorithm>
#include <string>

#include "sim/random_stream.h"

namespace fccsim::model {

using sim::Time;

std::vector<StaffingChange> BuildStaffingChanges(const ModelSpec& spec, std::uint64_t seed,
                                                 std::uint64_t replication) {
  std::vector<StaffingChange> changes;
  auto turn_up = [&](const std::string& stream_name, int rostered) {
    sim::RandomStream absence(seed, replication, sim::StreamId(stream_name));
    int present = 0;
    for (int i = 0; i < rostered; ++i) present += absence.NextUniform01() >= spec.shrinkage;
    return present;
  };
  for (std::size_t i = 0; i < spec.shifts.size(); ++i) {
    const ShiftInstance& shift = spec.shifts[i];
    const int present = turn_up(shift.absence_stream, shift.headcount);
    if (present == 0) continue;
    const int source = static_cast<int>(i);
    auto add_on_period = [&](Time from, Time to) {
      from = std::max<Time>(from, 0);
      to = std::min(to, spec.end);
      if (from >= to) return;
      changes.push_back({from, shift.group, present, source});
      if (to < spec.end) changes.push_back({to, shift.group, -present, source});
    };
    Time on = shift.start;
    for (const auto& [break_start, break_end] : shift.breaks) {
      add_on_period(on, break_start);
      on = break_end;
    }
    add_on_period(on, shift.end);
  }
  // A headcount table is one source per group: its handlers change by the difference.
  std::vector<int> table_present(spec.groups.size(), 0);
  for (const TablePeriod& period : spec.table) {
    const int present = turn_up(period.absence_stream, period.rostered);
    int& current = table_present[static_cast<std::size_t>(period.group)];
    if (present != current) {
      changes.push_back({period.start, period.group, present - current,
                         static_cast<int>(spec.shifts.size()) + period.group});
    }
    current = present;
  }
  std::stable_sort(changes.begin(), changes.end(),
                   [](const StaffingChange& a, const StaffingChange& b) {
                     return a.time < b.time || (a.time == b.time && a.delta > b.delta);
                   });
  return changes;
}

}  // namespace fccsim::model
