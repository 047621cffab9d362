#include "model/analytics/mmc_queue.h"

#include <deque>
#include <string>

#include "sim/check.h"
#include "sim/random_stream.h"
#include "sim/samplers.h"
#include "sim/simulator.h"
#include "sim/time_weighted.h"

namespace fccsim::model {
namespace {

using sim::Time;

class MmcModel {
 public:
  MmcModel(const MmcParams& p, std::uint64_t seed, std::uint64_t replication)
      : params_(p),
        interarrival_(sim::Distribution::Exponential(1.0 / p.arrival_rate_per_s)),
        handle_(sim::Distribution::Exponential(p.mean_handle_s)),
        arrival_stream_(seed, replication, sim::StreamId("mmc/arrivals")),
        handle_stream_(seed, replication, sim::StreamId("mmc/handling")),
        warm_up_(sim::TicksFromSeconds(p.warm_up_s)),
        horizon_(sim::TicksFromSeconds(p.horizon_s)),
        idle_(p.servers),
        busy_(0, 0) {}

  MmcReplication Run() {
    ScheduleNextArrival();
    sim_.RunUntil(warm_up_);
    busy_.Restart(warm_up_);
    sim_.RunUntil(horizon_);
    for (Time arrived : waiting_) {
      if (arrived >= warm_up_) ++result_.unanswered_at_horizon;
    }
    result_.occupancy = busy_.Mean(horizon_) / params_.servers;
    return result_;
  }

 private:
  void ScheduleNextArrival() {
    const Time gap = sim::TicksFromSeconds(interarrival_.Sample(arrival_stream_));
    if (sim_.Now() + gap >= horizon_) return;
    sim_.Schedule(gap, [this] { OnArrival(); });
  }

  void OnArrival() {
    const Time now = sim_.Now();
    const bool counted = now >= warm_up_;
    if (counted) ++result_.offered;
    if (idle_ > 0) {
      StartService(now);
    } else {
      if (counted) ++result_.waited;
      waiting_.push_back(now);
    }
    ScheduleNextArrival();
  }

  void StartService(Time arrived) {
    --idle_;
    busy_.Set(sim_.Now(), params_.servers - idle_);
    if (arrived >= warm_up_) {
      const Time wait = sim_.Now() - arrived;
      result_.wait_s.Add(sim::SecondsFromTicks(wait));
      result_.wait_ticks.Add(wait);
    }
    sim_.Schedule(sim::TicksFromSeconds(handle_.Sample(handle_stream_)), [this] { OnComplete(); });
  }

  void OnComplete() {
    ++idle_;
    busy_.Set(sim_.Now(), params_.servers - idle_);
    if (!waiting_.empty()) {
      const Time arrived = waiting_.front();
      waiting_.pop_front();
      StartService(arrived);
    }
  }

  MmcParams params_;
  sim::Distribution interarrival_;
  sim::Distribution handle_;
  sim::RandomStream arrival_stream_;
  sim::RandomStream handle_stream_;
  Time warm_up_;
  Time horizon_;
  sim::Simulator sim_;
  int idle_;
  std::deque<Time> waiting_;  // arrival times, first come first served
  sim::TimeWeighted busy_;
  MmcReplication result_;
};

}  // namespace

MmcReplication SimulateMmc(const MmcParams& params, std::uint64_t seed, std::uint64_t replication) {
  FCCSIM_CHECK(params.servers >= 1, "servers must be >= 1 (got " +
                                        std::to_string(params.servers) + ")");
  FCCSIM_CHECK(params.arrival_rate_per_s > 0 && params.mean_handle_s > 0,
               "rates must be positive");
  FCCSIM_CHECK(params.warm_up_s >= 0 && params.warm_up_s < params.horizon_s,
               "need 0 <= warm-up < horizon");
  return MmcModel(params, seed, replication).Run();
}

}  // namespace fccsim::model
