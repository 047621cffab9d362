#ifndef FCCSIM_MODEL_CLI_RUN_CHECKPOINT_H_
#define FCCSIM_MODEL_CLI_RUN_CHECKPOINT_H_

// What `fccsim run` leaves beside the results of a run interrupted after k of N replications
// (RESULTS.pb.resume): the estimates of replications 0..k-1 and the fingerprint of what it
// ran, so that `fccsim run ... --resume` goes on from replication k and ends with the bytes of
// a run never interrupted, and refuses, saying why, to go on with another build, another
// scenario or table, other overrides, another seed or another number of replications.

#include <string>
#include <vector>

#include "model/results/atomic_file.h"
#include "model/scenario/scenario_loader.h"

namespace fccsim::model {

inline constexpr char kCheckpointSuffix[] = ".resume";

// The fingerprint of a run of `loaded` with this seed and number of replications.
std::string CheckpointFingerprint(const LoadedScenario& loaded, std::uint64_t seed,
                                  std::uint32_t replications);

// Adds the checkpoint file `path` to `set`. False with *error set on failure.
bool WriteCheckpoint(const std::string& path, const std::string& fingerprint,
                     const std::string& state, OutputSet* set, std::string* error);

// The estimates a checkpoint holds, if it is one whose fingerprint is `fingerprint`; otherwise
// false with *error saying why (no checkpoint, not one, or what changed since).
bool ReadCheckpoint(const std::string& path, const std::string& fingerprint, std::string* state,
                    std::string* error);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_CLI_RUN_CHECKPOINT_H_
