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

// A channel's service-level thresholds: its target's and the standard ones (at most five).
inline constexpr int kMaxThresholds = 6;

// What becomes of a channel's mental-health contacts (docs/model.md, "Mental-health triage").
struct MentalHealthSpec {
  double share = 0;
  double redirect_share = 0;
  double divert_probability = 0;
  std::optional<sim::Distribution> redirect_handling_s;
  std::optional<sim::Distribution> transfer_s;
  std::optional<sim::Distribution> fallback_s;
  sim::Duration max_wait = 0;
};

struct ChannelSpec {
  std::string name;
  bool chat = false;  // a Live Chat channel (docs/model.md, "Live Chat"); else voice
  int priority = 0;
  std::vector<double> weekly_volume;  // contacts per interval; index weekday*ipd + interval
  double daily_volume_cv = 0;
  std::vector<SurgeSpec> surges;
  sim::Distribution talk_s = sim::Distribution::Deterministic(0);
  std::optional<sim::Distribution> wrap_up_s;
  std::optional<sim::Distribution> patience_s;
  std::optional<MentalHealthSpec> mental_health;
  double deployment_probability = 0;
  sim::Duration short_abandon = 0;
  // The target. Thresholds in ticks; service levels counted exactly at each of them.
  sim::Duration target_threshold = 0;
  double target_fraction = 0;              // 0 = no service-level target
  double target_max_average_answer_s = 0;  // 0 = none
  // Every threshold a service level is reported at: the target's and the standard ones,
  // ascending, without repeats; thresholds[target_index] is the target's.
  std::vector<sim::Duration> thresholds;
  int target_index = 0;
  std::vector<int> standard_index;  // of each of ModelSpec::standard_thresholds_s
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
  // Live Chat (docs/model.md, "Live Chat"): sessions a handler holds at once, the slowdown
  // per extra session, and the blending rule.
  int max_sessions = 1;
  double slowdown = 0;
  bool drain_for_calls = false;
  bool chats = false;  // has a chat skill
};

// A shift on one day: handlers come on at `start` and go at `end`, off during the breaks.
// Shrinkage decides per replication which of `headcount` turn up: handler i of the shift
// turns up according to the i-th draw of the stream `absence_stream`, one per shift and day,
// so changing one shift's headcount changes no other shift's absences.
struct ShiftInstance {
  sim::Time start;
  sim::Time end;
  int group;
  int headcount;
  std::vector<std::pair<sim::Time, sim::Time>> breaks;  // absolute, inside [start, end)
  std::uint64_t absence_stream;
};

// A group's headcount table over the horizon: `rostered[i]` handlers in the interval starting
// at origin + (ModelSpec::table_first_interval + i) * interval. Handler slot j is rostered in
// an interval when j < rostered there, and is absent for a whole day according to the j-th
// draw of that day's stream (absence_streams, per day from ModelSpec::first_day).
struct GroupTable {
  int group;
  std::vector<int> rostered;
  std::vector<std::uint64_t> absence_streams;
};

// Handlers moved between groups while the centre runs (a major incident): at `time`, up to
// `handlers` of group `from` move to group `to`, idle ones at once (longest idle first), then
// busy ones as they finish. They keep their shifts. No scenario field gives moves yet.
struct GroupMove {
  sim::Time time;
  int from;
  int to;
  int handlers;
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
  std::int64_t table_first_interval = 0;  // the interval holding time 0 (<= 0)
  std::vector<GroupTable> tables;         // from a headcount table: one per group
  std::vector<GroupMove> moves;
  // The practitioners' group and their triage time; -1 without triage. Contacts transferred
  // to them wait in queue `triage_queue`, after the channels' queues.
  int triage_group = -1;
  bool any_drain = false;  // some group with a chat skill has blending DRAIN_FOR_CALLS
  std::optional<sim::Distribution> triage_s;
  int TriageQueue() const { return static_cast<int>(channels.size()); }
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

// The sampler of a scenario distribution. REQUIRES: `d` passed validation.
sim::Distribution ToDistribution(const fccsim::Distribution& d);

// The instances of `shift` (of group index `group`) over spec's horizon: every day from
// before the warm-up to the last day, on the shift's weekdays. REQUIRES: spec's horizon is
// set; `shift` passed validation.
std::vector<ShiftInstance> ExpandShift(const ModelSpec& spec, const fccsim::Shift& shift,
                                       int group);

// REQUIRES: `loaded` passed validation.
ModelSpec CompileScenario(const LoadedScenario& loaded);

// Stream names are unique by construction, but their 64-bit ids are hashes: an id that two
// streams of `spec` share, if any, so that the loader can refuse such a scenario rather than
// couple two sources of randomness.
std::optional<std::uint64_t> DuplicateStreamId(const ModelSpec& spec);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_SCENARIO_MODEL_SPEC_H_
