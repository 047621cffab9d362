#include "model/cli/test_hooks.h"

#include <cstdlib>
#include <string>

#include "model/scenario/parse_number.h"
#include "sim/process_group.h"

namespace fccsim::model {

std::optional<InjectedFailure> InjectedFailureFromEnvironment() {
  const char* text = std::getenv("FCCSIM_TEST_FAIL_REPLICATION");
  if (text == nullptr) return std::nullopt;
  if (const char* rank = std::getenv("FCCSIM_TEST_FAIL_RANK");
      rank != nullptr && std::to_string(sim::ProcessGroup::World().rank()) != rank) {
    return std::nullopt;
  }
  const std::string hook = text;
  if (hook == "any") return InjectedFailure{std::nullopt, 0, true};
  const std::size_t colon = hook.find(':');
  InjectedFailure failure;
  if (colon != std::string::npos) {
    const auto point = ParseWhole<std::uint64_t>(hook.substr(0, colon));
    if (!point) return std::nullopt;
    failure.point = static_cast<std::size_t>(*point);
  }
  const auto replication =
      ParseWhole<std::uint64_t>(colon == std::string::npos ? hook : hook.substr(colon + 1));
  if (!replication) return std::nullopt;
  failure.replication = *replication;
  return failure;
}

std::function<bool(std::uint64_t)> InjectedReplicationFailures() {
  const std::optional<InjectedFailure> failure = InjectedFailureFromEnvironment();
  if (!failure || failure->point) return {};
  if (failure->any) return [](std::uint64_t) { return true; };
  return [r = failure->replication](std::uint64_t replication) { return replication == r; };
}

std::optional<std::pair<int, std::uint64_t>> InjectedDeathFromEnvironment() {
  const char* text = std::getenv("FCCSIM_TEST_KILL_RANK");
  if (text == nullptr) return std::nullopt;
  const std::string hook = text;
  const std::size_t colon = hook.find(':');
  if (colon == std::string::npos) return std::nullopt;
  const auto rank = ParseWhole<std::uint32_t>(hook.substr(0, colon));
  const auto task = ParseWhole<std::uint64_t>(hook.substr(colon + 1));
  if (!rank || !task || *rank > 1u << 20) return std::nullopt;
  return std::pair{static_cast<int>(*rank), *task};
}

}  // namespace fccsim::model
