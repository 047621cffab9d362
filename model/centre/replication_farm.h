#ifndef FCCSIM_MODEL_CENTRE_REPLICATION_FARM_H_
#define FCCSIM_MODEL_CENTRE_REPLICATION_FARM_H_

// Replications of the centre spread over every thread of every process of a group
// (sim/task_farm.h): each task simulates one replication of one or more scenarios on the same
// random numbers, its measures travel to process 0 as bytes (measures_codec.h), and process 0
// takes them in replication order, so what it reduces is the same bits as one process's.
// Serves `run`, `compare` and the planner's simulations under mpirun.

#include <cstdint>
#include <functional>
#include <vector>

#include "model/centre/replication_measures.h"
#include "model/scenario/model_spec.h"
#include "sim/process_group.h"

namespace fccsim::model {

struct FarmedReplications {
  std::vector<const ModelSpec*> specs;  // each replication simulates every one, in turn
  std::uint64_t seed = 1;
  std::uint64_t first = 0;  // replications first .. first + count - 1
  std::uint64_t count = 0;
  unsigned threads = 0;  // on this process; 0 = every core it may run on
  // A test hook: a replication for which it is true throws instead of running.
  std::function<bool(std::uint64_t)> fail;
  // On process 0, before each replication is handed out: true hands out no more.
  std::function<bool()> stop;
};

// On process 0: replication r's measures, one per spec, in replication order. May swap them.
using TakeReplication = std::function<void(std::uint64_t r, std::vector<ReplicationMeasures>*)>;

// Every process of `group` calls it with the same job; `take` is called on process 0 only.
// Returns, on process 0, how many replications were taken (a prefix, fewer when `stop` turned
// true); 0 elsewhere. Throws sim::ReplicationError, naming the lowest failed replication, once
// those before it are taken.
std::uint64_t FarmReplications(sim::ProcessGroup& group, const FarmedReplications& job,
                               const TakeReplication& take);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_CENTRE_REPLICATION_FARM_H_
