#ifndef FCCSIM_MODEL_ANALYTICS_MMC_QUEUE_H_
#define FCCSIM_MODEL_ANALYTICS_MMC_QUEUE_H_

// The simplest contact centre: one channel, Poisson arrivals at a constant rate, `servers`
// identical handlers, exponential handling times, first come first served, no abandonment.
// Erlang C is exact for it, so it checks the engine end to end independently of the centre
// model, which shares none of its code.

#include <cstdint>

#include "sim/histogram.h"
#include "sim/tally.h"

namespace fccsim::model {

struct MmcParams {
  int servers = 1;
  double arrival_rate_per_s = 0;
  double mean_handle_s = 0;
  double warm_up_s = 0;  // arrivals before this are simulated but not counted
  double horizon_s = 0;  // arrivals from warm-up to here are counted
};

// What one replication saw of the contacts that arrived after the warm-up and were answered
// before the horizon (those still waiting at the horizon are counted apart).
struct MmcReplication {
  std::int64_t offered = 0;
  std::int64_t waited = 0;          // found every handler busy
  std::int64_t unanswered_at_horizon = 0;
  sim::Tally wait_s;                // of answered contacts
  sim::Histogram wait_ticks{1'000'000, 3600 * std::int64_t{1'000'000}};  // 1 s bins to 1 h
  double occupancy = 0;             // busy handler time / available handler time, after warm-up
};

// REQUIRES: servers >= 1, rates and times finite and positive, warm_up_s < horizon_s.
// Deterministic in (params, seed, replication).
MmcReplication SimulateMmc(const MmcParams& params, std::uint64_t seed, std::uint64_t replication);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_ANALYTICS_MMC_QUEUE_H_
