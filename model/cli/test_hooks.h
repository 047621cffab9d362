#ifndef FCCSIM_MODEL_CLI_TEST_HOOKS_H_
#define FCCSIM_MODEL_CLI_TEST_HOOKS_H_

// Failures the command-line tests inject, to check how a command reports a replication that
// throws and what it keeps: FCCSIM_TEST_FAIL_REPLICATION=R makes replication R of `run` (and
// of each of `plan --simulate`'s simulations) throw, =P:R replication R of point P of `sweep`.
// Unset (or not of that form) in normal use.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>

namespace fccsim::model {

struct InjectedFailure {
  std::optional<std::size_t> point;  // set by the P:R form
  std::uint64_t replication = 0;
};

std::optional<InjectedFailure> InjectedFailureFromEnvironment();

// FCCSIM_TEST_KILL_RANK=K:N: the process of rank K of an mpirun is killed (SIGKILL) as it
// starts a task of a sweep after N others (a machine lost).
std::optional<std::pair<int, std::uint64_t>> InjectedDeathFromEnvironment();

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_CLI_TEST_HOOKS_H_
