#ifndef FCCSIM_MODEL_SCENARIO_MODEL_SPEC_H_
#define FCCSIM_MODEL_SCENARIO_MODEL_SPEC_H_

// A scenario compiled into the plain tables the simulation reads: immutable, shared by all
// replications. Simulation time 0 is the start of the warm-up; day 0 of the report starts at
// `origin`. Semantics are written down for planners in docs/model.md.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/scenario/scenario_loader.h"
#include "sim/samplers.h"
#include "sim/time.h"

namespace fccsim::model {

struct SurgeSpec {
  sim::Time start;  // simulation time
  sim::Time end;
  double multiplier;
};

// The ids of a channel's random streams for one day (see docs/model.md, "Randomness"):
// each day's callers depend on nothing but that day's demand.
struct ChannelDayStreams {
  std::uint64_t arrivals;        // the day's arrival times
  std::uint64_t contacts;        // substream {i, lane}: the i-th arrival's draws
  std::uint64_t surge_arrivals;  // callers added by surges, a process of their own
  std::uint64_t surge_contacts;
  std::uint64_t busyness;        // the day's busyness factor
};

struct ChannelSpec {
  std::string name;
  int priority = 0;
  std::vector<double> weekly_volume;  // contacts per interval; index weekday*ipd + interval
  double daily_volume_cv = 0;
  std::vector<SurgeSpec> surges;
  sim::Distribution talk_s = sim::Distribution::Deterministic(0);
  std::optional<sim::Distribution> wrap_up_s;
  std::optional<sim::Distribution> patience_s;
  sim::Duration short_abandon = 0;
  // The target. Thresholds in ticks; service levels counted exactly at each of them.
  sim::Duration target_threshold = 0;
  double target_fraction = 0;
  double target_max_average_answer_s = 0;  // 0 = none
  // Groups that may take an arriving contact, most specialised (fewest skills) first, ties in
  // file order.
  std::vector<int> routing_groups;
  // Per day from ModelSpec::first_day to the last day.
  std::vector<ChannelDayStreams> day_streams;
};

struct GroupSpec {
  std::string name;
  int skill_count = 0;
  // Channels in the order a freed handler looks at them: by channel priority, ties in the
  // group's order of skills.
  std::vector<int> service_order;
};

// A shift on one day: handlers come on at `start` and go at `end`, off during the breaks.
// Shrinkage decides per replication how many of `headcount` turn up: handler i of the shift
// turns up according to the i-th draw of the stream named `absence_stream`, one per shift and
// day, so changing one shift's headcount changes no other shift's absences.
struct ShiftInstance {
  sim::Time start;
  sim::Time end;
  int group;
  int headcount;
  std::vector<std::pair<sim::Time, sim::Time>> breaks;  // absolute, inside [start, end)
  std::string absence_stream;
};

// One interval of a headcount table: `rostered` handlers of `group` from `start`.
struct TablePeriod {
  sim::Time start;  // clamped to 0 for the first period of the warm-up
  int group;
  int rostered;
  std::string absence_stream;  // one per group and interval, like shifts
};

struct ModelSpec {
  std::string name;
  int days = 0;
  int intervals_per_day = 0;
  sim::Duration interval = 0;
  int start_weekday = 0;            // of day 0; 0 = Monday
  sim::Time origin = 0;             // start of day 0 = length of the warm-up
  sim::Time end = 0;                // end of the reported horizon
  std::int64_t first_day = 0;       // the day holding time 0: negative with a warm-up
  int reported_intervals = 0;       // days * intervals_per_day
  std::vector<ChannelSpec> channels;
  std::vector<GroupSpec> groups;
  std::vector<ShiftInstance> shifts;  // every instance overlapping [0, end)
  double shrinkage = 0;
  std::vector<TablePeriod> table;     // from a headcount table, by group then time
  // Thresholds (seconds) at which every channel's service level is reported, besides its target.
  std::vector<double> standard_thresholds_s;

  // Weekday (0 = Monday) of the day containing simulation time t, warm-up included.
  int WeekdayAt(sim::Time t) const;
  // Index into a weekly profile (weekday * intervals_per_day + interval of the day) of the
  // interval containing simulation time t, warm-up included.
  std::size_t WeeklySlot(sim::Time t) const;
  // Index of the reported interval containing t, or -1 outside the reported horizon.
  int ReportedInterval(sim::Time t) const;
  // The start of day `day` (day 0 starts at origin), in simulation time.
  sim::Time DayStart(std::int64_t day) const { return origin + day * sim::kTicksPerDay; }
};

// REQUIRES: `loaded` passed validation.
ModelSpec CompileScenario(const LoadedScenario& loaded);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_SCENARIO_MODEL_SPEC_H_
