#ifndef FCCSIM_MODEL_SCENARIO_WORKLOAD_H_
#define FCCSIM_MODEL_SCENARIO_WORKLOAD_H_

// How much work a scenario asks for, estimated before anything is simulated, and the limits
// past which a run is refused rather than left to run out of memory or time. The limits are
// generous for a contact centre (a year of a large force's calls is about 1.4 million
// contacts) and are documented in docs/model.md ("Limits").

#include <cstdint>
#include <optional>
#include <string>

#include "model/scenario/scenario_loader.h"

namespace fccsim::model {

// Expected contacts in one replication, warm-up included: memory follows the contacts in the
// system, which in an understaffed centre without abandonment can be all of them, at about
// 190 bytes each (measured: 2e7 waiting took 3.8 GB), in every replication running at once.
inline constexpr double kMaxContactsPerReplication = 2e7;
// Expected contacts over all replications: time follows them (a few million a second).
inline constexpr double kMaxContactsPerRun = 5e9;
// Reported intervals x (channels + groups): each is a row of per-interval measures, held in
// memory by every replication running and written to the results.
inline constexpr std::int64_t kMaxIntervalRows = 4'000'000;
inline constexpr std::uint32_t kMaxReplications = 1'000'000;
// Shifts over the horizon, each day a shift works counted once plus once per break: every one
// is compiled into a record of about 100 bytes before anything runs.
inline constexpr double kMaxShiftInstances = 2e6;
// The results file: protobuf readers (C++ and Python alike) refuse a message over 2 GiB, so
// a run whose results could exceed this, with room to spare, is refused before it starts.
inline constexpr double kMaxResultBytes = 1.5 * (1 << 30);

struct WorkEstimate {
  double contacts_per_replication = 0;
  // The channel with the most expected contacts, and whether its surges add most of them.
  int busiest_channel = 0;
  bool busiest_by_surge = false;
  std::int64_t interval_rows = 0;
  double shift_instances = 0;  // breaks counted as instances too
  // Upper bounds on the bytes of the results: the interval rows, and per replication the
  // replication rows of every channel and group.
  double interval_result_bytes = 0;
  double replication_result_bytes = 0;
};

// REQUIRES: `loaded` holds a scenario that passed validation (weekly_volume filled in).
WorkEstimate EstimateWork(const LoadedScenario& loaded);

// What is wrong, if anything, with running `replications` replications of work `estimate`:
// the text of a problem naming the estimate and the limit.
std::optional<std::string> RunSizeProblem(const WorkEstimate& estimate,
                                          std::uint64_t replications);

// Upper bounds on the size of the results of `replications` replications, and what is wrong
// with it if it is too large.
double ResultBytes(const WorkEstimate& estimate, std::uint64_t replications);
std::optional<std::string> ResultSizeProblem(const WorkEstimate& estimate,
                                             std::uint64_t replications);

// "about 1.23e+09" as estimates are quoted, and "5e+09" as limits are.
std::string FormatEstimate(double x);
std::string FormatLimit(double x);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_SCENARIO_WORKLOAD_H_
