#include "model/centre/roster.h"

#include <algorithm>

#include "sim/random_stream.h"

namespace fccsim::model {
namespace {

using sim::Time;

// Adds the changes of one source: on over each of `periods` (sorted, disjoint), clipped to
// [0, end); the last change within the horizon is marked last.
void AddPeriods(int source, const std::vector<std::pair<Time, Time>>& periods, Time end,
                std::vector<StaffingChange>* changes) {
  const std::size_t first = changes->size();
  for (auto [from, to] : periods) {
    from = std::max<Time>(from, 0);
    to = std::min(to, end);
    if (from >= to) continue;
    changes->push_back({from, source, true, false});
    if (to < end) changes->push_back({to, source, false, false});
  }
  if (changes->size() > first && !changes->back().on) changes->back().last = true;
}

void AddShifts(const ModelSpec& spec, std::uint64_t seed, std::uint64_t replication,
               RosterPlan* plan) {
  for (const ShiftInstance& shift : spec.shifts) {
    sim::RandomStream absence(seed, replication, shift.absence_stream);
    int present = 0;
    for (int i = 0; i < shift.headcount; ++i) present += absence.NextUniform01() >= spec.shrinkage;
    if (present == 0) continue;
    std::vector<std::pair<Time, Time>> periods;
    Time on = shift.start;
    for (const auto& [break_start, break_end] : shift.breaks) {
      periods.emplace_back(on, break_start);
      on = break_end;
    }
    periods.emplace_back(on, shift.end);
    const int source = static_cast<int>(plan->sources.size());
    plan->sources.push_back({shift.group, present});
    AddPeriods(source, periods, spec.end, &plan->changes);
  }
}

// Slot j of a table is on in an interval when rostered there and present that day.
void AddTable(const ModelSpec& spec, const GroupTable& table, std::uint64_t seed,
              std::uint64_t replication, RosterPlan* plan) {
  const int slots = table.rostered.empty()
                        ? 0
                        : *std::max_element(table.rostered.begin(), table.rostered.end());
  // present[d][j]: slot j turns up on day spec.first_day + d.
  std::vector<std::vector<bool>> present;
  for (std::uint64_t stream : table.absence_streams) {
    sim::RandomStream absence(seed, replication, stream);
    std::vector<bool> day(static_cast<std::size_t>(slots));
    for (int j = 0; j < slots; ++j) day[static_cast<std::size_t>(j)] =
        absence.NextUniform01() >= spec.shrinkage;
    present.push_back(std::move(day));
  }
  for (int j = 0; j < slots; ++j) {
    std::vector<std::pair<Time, Time>> periods;
    for (std::size_t i = 0; i < table.rostered.size(); ++i) {
      const Time start = spec.origin + (spec.table_first_interval + static_cast<Time>(i)) *
                                           spec.interval;
      const std::int64_t day = sim::IntervalIndex(std::max<Time>(start, 0) - spec.origin,
                                                  sim::kTicksPerDay) - spec.first_day;
      const bool on = j < table.rostered[i] && present[static_cast<std::size_t>(day)]
                                                      [static_cast<std::size_t>(j)];
      if (!on) continue;
      if (!periods.empty() && periods.back().second == start) {
        periods.back().second = start + spec.interval;
      } else {
        periods.emplace_back(start, start + spec.interval);
      }
    }
    if (periods.empty()) continue;
    const int source = static_cast<int>(plan->sources.size());
    plan->sources.push_back({table.group, 1});
    AddPeriods(source, periods, spec.end, &plan->changes);
  }
}

}  // namespace

RosterPlan BuildRoster(const ModelSpec& spec, std::uint64_t seed, std::uint64_t replication) {
  RosterPlan plan;
  AddShifts(spec, seed, replication, &plan);
  for (const GroupTable& table : spec.tables) AddTable(spec, table, seed, replication, &plan);
  std::stable_sort(plan.changes.begin(), plan.changes.end(),
                   [](const StaffingChange& a, const StaffingChange& b) {
                     return a.time < b.time || (a.time == b.time && a.on && !b.on);
                   });
  return plan;
}

}  // namespace fccsim::model
