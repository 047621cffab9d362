#ifndef FCCSIM_MODEL_CLI_TEST_HOOKS_H_
#define FCCSIM_MODEL_CLI_TEST_HOOKS_H_

// Failures the command-line tests inject, to check how a command reports a replication that
// throws and what it keeps: FCCSIM_TEST_FAIL_REPLICATION=R makes replication R of `run`
// throw, =P:R replication R of point P of `sweep`. Unset (or not of that form) in normal use.

#include <cstddef>
#include <cstdint>
#include <optional>

namespace fccsim::model {

struct InjectedFailure {
  std::optional<std::size_t> point;  // set by the P:R form
  std::uint64_t replication = 0;
};

std::optional<InjectedFailure> InjectedFailureFromEnvironment();

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_CLI_TEST_HOOKS_H_
