#ifndef FCCSIM_MODEL_CLI_TEST_HOOKS_H_
#define FCCSIM_MODEL_CLI_TEST_HOOKS_H_

// Failures the command-line tests inject, to check how a command reports a replication that
// throws and what it keeps: FCCSIM_TEST_FAIL_REPLICATION=R makes replication R of `run`, of
// each of `plan --simulate`'s simulations and of `compare` throw, =P:R replication R of point P
// of `sweep`, =any every replication of `plan` and `compare`.
// Unset (or not of that form) in normal use.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <utility>

namespace fccsim::model {

struct InjectedFailure {
  std::optional<std::size_t> point;  // set by the P:R form
  std::uint64_t replication = 0;
  bool any = false;  // =any: every replication (plan and compare)
};

// With FCCSIM_TEST_FAIL_RANK=K too, only the process of rank K of an mpirun fails: a test
// then knows that process ran replications.
std::optional<InjectedFailure> InjectedFailureFromEnvironment();

// For plan and compare: whether a replication fails, from the hooks above; empty when unset.
std::function<bool(std::uint64_t)> InjectedReplicationFailures();

// FCCSIM_TEST_KILL_RANK=K:N: the process of rank K of an mpirun is killed (SIGKILL) as it
// starts a task of a sweep after N others (a machine lost).
std::optional<std::pair<int, std::uint64_t>> InjectedDeathFromEnvironment();

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_CLI_TEST_HOOKS_H_
