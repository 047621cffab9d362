#ifndef FCCSIM_MODEL_CENTRE_DEMAND_H_
#define FCCSIM_MODEL_CENTRE_DEMAND_H_

// Demand: when contacts of each channel arrive, and what each brings with it (patience,
// handling time). Owns the random streams of both, so that nothing else in the centre (a
// change of staffing, routing or rostering) can move a caller (common random numbers).
//
// Arrivals form a non-homogeneous Poisson process per channel whose rate is piecewise constant
// between interval and surge boundaries: the interval's volume times the day's busyness factor
// times the multipliers of the surges in force. One unit exponential per arrival is spent
// against the integrated rate, segment by segment, so arrivals are exact at boundaries and a
// zero-volume interval never has one.

#include <cstdint>
#include <vector>

#include "model/centre/contact.h"
#include "model/scenario/model_spec.h"
#include "sim/random_stream.h"
#include "sim/time.h"

namespace fccsim::model {

// What an arriving contact brings: drawn when it arrives, whatever then happens to it.
struct ContactDraws {
  sim::Duration patience = kUnlimited;
  sim::Duration handling = 0;
};

class Demand {
 public:
  // REQUIRES: `spec` outlives this.
  Demand(const ModelSpec& spec, std::uint64_t seed, std::uint64_t replication);

  // The time of channel c's next arrival, or kNoArrival when it has none before spec.end.
  // Each call continues from the previous arrival of the channel.
  static constexpr sim::Time kNoArrival = -1;
  sim::Time NextArrival(int c);

  // The draws of the contact arriving now on channel c. REQUIRES: one call per arrival.
  ContactDraws Draw(int c);

 private:
  struct ChannelStreams {
    sim::RandomStream arrivals, patience, talk, wrap_up;
  };

  double RatePerTick(int c, sim::Time t) const;
  sim::Time NextBoundary(int c, sim::Time t) const;

  const ModelSpec& spec_;
  std::vector<ChannelStreams> streams_;
  std::int64_t first_day_ = 0;
  std::vector<std::vector<double>> busyness_;  // per channel, per day from first_day_
  std::vector<sim::Time> position_;            // per channel: its last arrival
};

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_CENTRE_DEMAND_H_
