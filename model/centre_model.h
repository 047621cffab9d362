#ifndef FCCSIM_MODEL_CENTRE_MODEL_H_
#define FCCSIM_MODEL_CENTRE_MODEL_H_

// One replication of the contact centre: arrivals, routing, handling, abandonment and
// rostered staffing, with the raw counts and series the KPIs are computed from. The rules are
// written down for planners in docs/model.md; the comments in centre_model.cc say where.

#include <cstdint>
#include <string>
#include <vector>

#include "model/centre_spec.h"
#include "sim/histogram.h"
#include "sim/interval_series.h"
#include "sim/tally.h"

namespace fccsim::model {

// Counts cover contacts arriving in the reported horizon [origin, end).
struct ChannelStats {
  std::int64_t offered = 0;
  std::int64_t answered = 0;            // handled to completion before the end
  std::int64_t abandoned = 0;           // waited at least short_abandon
  std::int64_t short_abandoned = 0;
  std::int64_t in_service_at_end = 0;
  std::int64_t waiting_at_end = 0;
  // answered_within[k]: answered with wait <= thresholds[k]; thresholds = {target, standard...}
  std::vector<std::int64_t> answered_within;
  std::int64_t answered_under_10s = 0;  // Home Office bands: [0,10), [10,60), [60,inf) s
  std::int64_t answered_10_to_60s = 0;
  std::int64_t answered_60s_or_more = 0;
  sim::Tally wait_s;                    // waits of answered contacts
  sim::Histogram wait_histogram{sim::kTicksPerSecond, 4 * 3600 * sim::kTicksPerSecond};
  // Per reported interval, by the interval the contact arrived in.
  std::vector<std::int64_t> interval_offered, interval_answered, interval_abandoned,
      interval_short_abandoned, interval_within_target;
  std::vector<double> interval_wait_sum_s;  // over answered contacts
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

// Thresholds at which each channel counts answered contacts: its target first, then the
// spec's standard thresholds.
std::vector<sim::Duration> Thresholds(const ModelSpec& spec, int channel);

// Deterministic in (spec, seed, replication). REQUIRES: spec from CompileScenario.
// With `trace`, appends one line per decision ("12.345 arrive 999#3 -> 999 only"), for tests.
ReplicationStats SimulateCentre(const ModelSpec& spec, std::uint64_t seed,
                                 std::uint64_t replication,
                                 std::vector<std::string>* trace = nullptr);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_CENTRE_MODEL_H_
