#include "model/plan/simulated_staffing.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>
#include <string>

#include "model/centre/centre_model.h"
#include "sim/random_stream.h"
#include "sim/replication_runner.h"

namespace fccsim::model {
namespace {

using Staffing = std::vector<std::vector<int>>;
using Measures = std::vector<std::vector<SimulatedInterval>>;

Measures Simulate(const ModelSpec& base, const Staffing& on_duty,
                  const SimulatedStaffingOptions& options) {
  PlanCase what;
  what.on_duty = &on_duty;
  return SimulateCase(WithStaffing(base, on_duty), what, options);
}

}  // namespace

ModelSpec WithStaffing(const ModelSpec& base, const Staffing& on_duty) {
  ModelSpec spec = base;
  spec.shifts.clear();
  spec.moves.clear();
  spec.tables.clear();
  spec.shrinkage = 0;
  for (std::size_t g = 0; g < spec.groups.size(); ++g) {
    GroupTable table;
    table.group = static_cast<int>(g);
    for (std::int64_t k = spec.table_first_interval; k < spec.reported_intervals; ++k) {
      table.rostered.push_back(on_duty[g][static_cast<std::size_t>(StaffingInterval(spec, k))]);
    }
    for (std::int64_t day = spec.first_day; day < spec.days; ++day) {
      table.absence_streams.push_back(sim::StreamId(
          sim::StreamName({"absence", "plan", spec.groups[g].name, std::to_string(day)})));
    }
    spec.tables.push_back(std::move(table));
  }
  return spec;
}

Measures SimulateCase(const ModelSpec& spec, const PlanCase& what,
                      const SimulatedStaffingOptions& options) {
  return options.simulator ? options.simulator->Simulate(spec, what, options)
                           : SimulateTargets(spec, options);
}

Measures SimulateTargets(const ModelSpec& spec, const SimulatedStaffingOptions& options) {
  TargetEstimates estimates(spec);
  const unsigned threads = sim::WorkerThreads(options.threads, options.replications);
  const unsigned window = 2 * threads;
  std::vector<ReplicationMeasures> slots(window);
  sim::RunReplicationsInOrder(
      options.replications, threads, window,
      [&](std::uint64_t r) {
        if (options.fail_replication && options.fail_replication(r))
          throw std::runtime_error("failure injected by a test");
        SimulateCentre(spec, options.seed, r, &slots[r % window]);
      },
      [&](std::uint64_t r) { estimates.Add(slots[r % window], r); });
  return estimates.Judge(options.replications, options.confidence);
}

namespace {

// Whether channel c has room to spare in interval k: its service level a quarter of the way
// from the target to 100%, its ASA at most three quarters of its ceiling (or nothing to
// judge). Only handlers whose every channel has room there and in the next interval are tried
// out, so that most removals hold; a handler whose channels are just above target there is
// not tried, so the result may be a handler above the least in such intervals.
bool Slack(const ChannelSpec& ch, const SimulatedInterval& at) {
  const bool level = !(at.service_level < ch.target_fraction + (1 - ch.target_fraction) / 4);
  const bool asa = !(ch.target_max_average_answer_s > 0 &&
                     at.average_answer_s > 0.75 * ch.target_max_average_answer_s);
  return level && asa;
}

bool AnyMiss(const Measures& m) {
  for (const auto& channel : m) {
    for (const SimulatedInterval& at : channel) {
      if (!at.meets) return true;
    }
  }
  return false;
}

// Adds a handler wherever a channel misses, to the most specialised group answering it (the
// first a contact of the channel is offered to), so that shared handlers are not piled up
// where a specialist does.
void Raise(const ModelSpec& spec, const Measures& m, Staffing* on_duty) {
  for (std::size_t c = 0; c < m.size(); ++c) {
    const std::vector<int>& groups = spec.channels[c].routing_groups;
    for (std::size_t k = 0; k < m[c].size(); ++k) {
      if (!m[c][k].meets && !groups.empty()) ++(*on_duty)[static_cast<std::size_t>(groups[0])][k];
    }
  }
}

}  // namespace

bool Judged(const ChannelSpec& ch, const SimulatedInterval& at) {
  return !std::isnan(at.service_level) ||
         (ch.target_max_average_answer_s > 0 && !std::isnan(at.average_answer_s));
}

std::int64_t StaffingInterval(const ModelSpec& spec, std::int64_t k) {
  if (k >= 0) return k;
  const std::int64_t per_day = spec.intervals_per_day;
  const std::int64_t period = spec.days >= 7 ? 7 * per_day : per_day;
  const std::int64_t at = k + period * ((-k + period - 1) / period);
  return std::min<std::int64_t>(at, spec.reported_intervals - 1);
}

SimulatedStaffing StaffBySimulation(const ModelSpec& spec, const Staffing& first_guess,
                                    const SimulatedStaffingOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  SimulatedStaffing out;
  Staffing on_duty = first_guess;
  // The last staffing seen to meet every target, kept for when the rounds run out.
  Staffing meeting;
  Measures meeting_measures;
  const auto simulate = [&](const Staffing& s) {
    ++out.simulations;
    Measures m = Simulate(spec, s, options);
    if (options.progress) {
      int handler_intervals = 0, misses = 0;
      for (const auto& group : s) {
        for (int n : group) handler_intervals += n;
      }
      for (const auto& channel : m) {
        for (const SimulatedInterval& at : channel) misses += !at.meets;
      }
      options.progress(out.simulations, handler_intervals, misses);
    }
    if (!AnyMiss(m)) {
      meeting = s;
      meeting_measures = m;
    }
    return m;
  };
  // Raises until nothing misses; false when the rounds ran out first.
  const auto raise = [&](Measures* m) {
    while (AnyMiss(*m)) {
      if (out.simulations >= options.max_rounds) return false;
      Raise(spec, *m, &on_duty);
      *m = simulate(on_duty);
    }
    return true;
  };

  Measures m = simulate(on_duty);
  out.first = m;
  bool meets = raise(&m);
  // Lowering, on alternate intervals so that a miss points at one removal: taking a handler
  // out at k shows at k, and at k + 1 through the queue it leaves.
  const std::size_t groups = spec.groups.size();
  const auto intervals = static_cast<std::size_t>(spec.reported_intervals);
  std::vector<std::vector<bool>> needed(groups, std::vector<bool>(intervals, false));
  int quiet_rounds = 0;  // consecutive parities with nothing left to try
  bool limited = false;  // stopped by the rounds: on_duty may not be what m measured
  for (std::size_t parity = 0; meets && quiet_rounds < 2; parity ^= 1) {
    std::vector<std::pair<std::size_t, std::size_t>> removed;
    for (std::size_t g = 0; g < groups; ++g) {
      if (static_cast<int>(g) == spec.triage_group) continue;
      for (std::size_t k = parity; k < intervals; k += 2) {
        if (on_duty[g][k] == 0 || needed[g][k]) continue;
        bool room = true;
        for (int c : spec.groups[g].service_order) {
          const ChannelSpec& ch = spec.channels[static_cast<std::size_t>(c)];
          const auto& at = m[static_cast<std::size_t>(c)];
          room = room && Slack(ch, at[k]) && (k + 1 == intervals || Slack(ch, at[k + 1]));
        }
        if (room) removed.emplace_back(g, k);
      }
    }
    if (removed.empty()) {
      ++quiet_rounds;
      continue;
    }
    quiet_rounds = 0;
    if (out.simulations >= options.max_rounds) {
      limited = true;
      break;
    }
    for (const auto& [g, k] : removed) --on_duty[g][k];
    Measures lower = simulate(on_duty);
    if (!AnyMiss(lower)) {
      m = std::move(lower);
      continue;
    }
    // Put back the removals that explain a miss: in the missing channel's groups, at the
    // interval of the miss or the one before; they are needed.
    const auto near_a_miss = [&](const Measures& after, std::size_t reach, bool any_group) {
      std::vector<std::vector<bool>> near(groups, std::vector<bool>(intervals, false));
      for (std::size_t c = 0; c < after.size(); ++c) {
        for (std::size_t k = 0; k < intervals; ++k) {
          if (after[c][k].meets) continue;
          for (std::size_t g = 0; g < groups; ++g) {
            const auto& mine = spec.channels[c].routing_groups;
            if (!any_group && std::find(mine.begin(), mine.end(), static_cast<int>(g)) == mine.end()) {
              continue;
            }
            for (std::size_t back = 0; back <= reach && back <= k; ++back) near[g][k - back] = true;
          }
        }
      }
      return near;
    };
    const auto restore = near_a_miss(lower, 1, false);
    std::vector<std::pair<std::size_t, std::size_t>> kept;
    for (const auto& [g, k] : removed) {
      if (restore[g][k]) {
        ++on_duty[g][k];
        needed[g][k] = true;
      } else {
        kept.emplace_back(g, k);
      }
    }
    // Undoes the rest of the round, back to a staffing that met every target, and never tries
    // again the removals near a miss in `after` (all of them if none is near).
    const auto undo = [&](const Measures& after) {
      const auto wider = near_a_miss(after, 2, true);
      bool blamed = false;
      for (const auto& [g, k] : kept) {
        ++on_duty[g][k];
        if (wider[g][k]) needed[g][k] = blamed = true;
      }
      if (!blamed) {
        for (const auto& [g, k] : kept) needed[g][k] = true;
      }
    };
    if (kept.size() == removed.size()) {  // nothing put back: simulating again would repeat
      undo(lower);
      continue;
    }
    if (out.simulations >= options.max_rounds) {
      limited = true;
      break;
    }
    Measures again = simulate(on_duty);
    if (!AnyMiss(again)) {
      m = std::move(again);
      continue;
    }
    // Some other removal shows further on (a queue carried over longer, a channel answered
    // through another).
    undo(again);
  }
  out.converged = meets && !limited && quiet_rounds >= 2;
  if ((!meets || limited) && !meeting.empty()) {
    on_duty = std::move(meeting);
    m = std::move(meeting_measures);
  }
  out.on_duty = std::move(on_duty);
  out.final = std::move(m);
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return out;
}

}  // namespace fccsim::model
