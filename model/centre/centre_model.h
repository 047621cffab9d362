#ifndef FCCSIM_MODEL_CENTRE_CENTRE_MODEL_H_
#define FCCSIM_MODEL_CENTRE_CENTRE_MODEL_H_

// One replication of the contact centre: arrivals, routing, handling, abandonment and
// rostered staffing, with the raw counts and series the KPIs are computed from. The rules are
// written down for planners in docs/model.md; the comments in centre_model.cc say where.

#include <cstdint>
#include <string>
#include <vector>

#include "model/scenario/model_spec.h"
#include "sim/interval_series.h"

namespace fccsim::model {

// What happened to the contacts that arrived in one reported interval. Every contact has
// exactly one outcome; waits are kept (not just counted) so that any measure, at any
// threshold, can be computed exactly from them.
struct IntervalOutcomes {
  std::int64_t offered = 0;
  std::int64_t abandoned = 0;             // gave up after waiting at least short_abandon
  std::int64_t short_abandoned = 0;
  std::vector<double> answered_waits_s;   // handled to completion by the end
  std::vector<double> in_service_waits_s; // answered, still being handled at the end
  std::vector<double> waiting_s;          // still waiting at the end: how long so far
};

struct ChannelStats {
  std::vector<IntervalOutcomes> intervals;  // per reported interval, by arrival
  sim::IntervalSeries queue_length{0, 1, 0};
};

struct GroupStats {
  sim::IntervalSeries online{0, 1, 0};
  sim::IntervalSeries busy{0, 1, 0};
};

struct ReplicationStats {
  std::vector<ChannelStats> channels;
  std::vector<GroupStats> groups;
  std::uint64_t events = 0;
  std::uint64_t contacts = 0;  // all arrivals, warm-up included
};

// Deterministic in (spec, seed, replication). REQUIRES: spec from CompileScenario.
// With `trace`, appends one line per decision ("12.345 arrive 999#3 -> 999 only"), for tests.
ReplicationStats SimulateCentre(const ModelSpec& spec, std::uint64_t seed,
                                 std::uint64_t replication,
                                 std::vector<std::string>* trace = nullptr);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_CENTRE_CENTRE_MODEL_H_
