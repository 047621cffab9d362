#ifndef FCCSIM_MODEL_PLAN_PLAN_ON_GROUP_H_
#define FCCSIM_MODEL_PLAN_PLAN_ON_GROUP_H_

// The planner's simulations spread over the processes of an mpirun. Process 0 plans alone
// (its solver's answers, which a time limit makes differ from run to run, are the only ones
// that count) and, at each simulation, sends the others the PlanCase to simulate; every
// process then takes replications of it from the task farm (sim/task_farm.h), and process 0
// adds them up in replication order. The plan is the same bits as one process's.

#include <vector>

#include "model/plan/plan_simulator.h"
#include "model/plan/simulated_staffing.h"
#include "model/scenario/scenario_loader.h"
#include "sim/process_group.h"

namespace fccsim::model {

// On process 0.
class GroupPlanSimulator : public PlanSimulator {
 public:
  explicit GroupPlanSimulator(sim::ProcessGroup& group) : group_(group) {}
  GroupPlanSimulator(const GroupPlanSimulator&) = delete;
  GroupPlanSimulator& operator=(const GroupPlanSimulator&) = delete;
  // Tells the others the plan is over, however it ended but by an exception (then main ends
  // the whole job).
  ~GroupPlanSimulator() override;

  // Throws sim::ReplicationError if a replication failed on any process.
  std::vector<std::vector<SimulatedInterval>> Simulate(
      const ModelSpec& spec, const PlanCase& what,
      const SimulatedStaffingOptions& options) override;

 private:
  sim::ProcessGroup& group_;
};

// On every other process: simulates what process 0 sends until it says the plan is over.
// `loaded` and `options` (replications, seed, threads) are the same as process 0's.
void ServePlanSimulations(sim::ProcessGroup& group, const LoadedScenario& loaded,
                          const SimulatedStaffingOptions& options);

// The model `what` stands for, of the scenario as `loaded`.
ModelSpec CompileCase(const LoadedScenario& loaded, const PlanCase& what);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_PLAN_PLAN_ON_GROUP_H_
