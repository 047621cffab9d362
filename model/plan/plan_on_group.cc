#include "model/plan/plan_on_group.h"

#include <cstdint>
#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "model/centre/replication_farm.h"
#include "sim/byte_codec.h"

namespace fccsim::model {
namespace {

// A request's first byte.
constexpr char kEnd = 'E';
constexpr char kSimulate = 'S';

// What travels is the case, not the model: the other processes compile it from their own
// loaded scenario (the same files, checked before the start).
std::string EncodeCase(const PlanCase& what) {
  std::string bytes;
  sim::ByteWriter w(&bytes);
  w.Put(kSimulate);
  w.Put(static_cast<std::uint8_t>(what.scenario != nullptr));
  if (what.scenario) w.PutBytes(what.scenario->SerializeAsString());
  w.Put(static_cast<std::uint8_t>(what.on_duty != nullptr));
  if (what.on_duty) {
    w.Put(static_cast<std::uint64_t>(what.on_duty->size()));
    for (const std::vector<int>& group : *what.on_duty) w.PutVector(group);
  }
  return bytes;
}

struct DecodedCase {
  std::optional<fccsim::Scenario> scenario;
  std::optional<std::vector<std::vector<int>>> on_duty;
  PlanCase view() const { return {scenario ? &*scenario : nullptr, on_duty ? &*on_duty : nullptr}; }
};

bool DecodeCase(std::string_view bytes, DecodedCase* out) {
  sim::ByteReader r(bytes);
  char kind = 0;
  std::uint8_t has = 0;
  if (!r.Get(&kind) || kind != kSimulate || !r.Get(&has)) return false;
  if (has) {
    std::string scenario;
    if (!r.GetSizedBytes(&scenario) || !out->scenario.emplace().ParseFromString(scenario)) {
      return false;
    }
  }
  if (!r.Get(&has)) return false;
  if (has) {
    std::uint64_t groups = 0;
    if (!r.Get(&groups) || groups > bytes.size()) return false;
    out->on_duty.emplace(groups);
    for (std::vector<int>& group : *out->on_duty) r.GetVector(&group);
  }
  return r.ok() && r.AtEnd();
}

// Every process's part of one simulation: each takes replications as its threads free up;
// process 0 adds them to *estimates in replication order (others pass null).
void FarmSimulation(sim::ProcessGroup& group, const ModelSpec& spec,
                    const SimulatedStaffingOptions& options, TargetEstimates* estimates) {
  FarmedReplications job;
  job.specs = {&spec};
  job.seed = options.seed;
  job.count = options.replications;
  job.threads = options.threads;
  job.fail = options.fail_replication;
  FarmReplications(group, job, [&](std::uint64_t r, std::vector<ReplicationMeasures>* measures) {
    estimates->Add((*measures)[0], r);
  });
}

}  // namespace

GroupPlanSimulator::~GroupPlanSimulator() {
  // Unwinding an exception, the others may be inside a collective of the farm's rather than
  // waiting for a request: no broadcast, main ends the whole job.
  if (group_.size() > 1 && std::uncaught_exceptions() == 0) {
    group_.BroadcastBytes(std::string(1, kEnd));
  }
}

std::vector<std::vector<SimulatedInterval>> GroupPlanSimulator::Simulate(
    const ModelSpec& spec, const PlanCase& what, const SimulatedStaffingOptions& options) {
  if (group_.size() == 1) return SimulateTargets(spec, options);
  group_.BroadcastBytes(EncodeCase(what));
  TargetEstimates estimates(spec);
  FarmSimulation(group_, spec, options, &estimates);
  return estimates.Judge(options.replications, options.confidence);
}

void ServePlanSimulations(sim::ProcessGroup& group, const LoadedScenario& loaded,
                          const SimulatedStaffingOptions& options) {
  for (;;) {
    const std::string request = group.BroadcastBytes("");
    if (request.empty() || request[0] == kEnd) return;
    DecodedCase what;
    // Process 0 wrote it with this same build: a request that does not read is a fault no
    // input can cause, and the whole job must end rather than wait.
    if (!DecodeCase(request, &what)) {
      throw std::runtime_error("a simulation request from process 0 came damaged");
    }
    // A replication failing here is process 0's to report: it ends the plan next.
    FarmSimulation(group, CompileCase(loaded, what.view()), options, nullptr);
  }
}

ModelSpec CompileCase(const LoadedScenario& loaded, const PlanCase& what) {
  ModelSpec spec;
  if (what.scenario) {
    LoadedScenario changed = loaded;
    changed.scenario = *what.scenario;
    spec = CompileScenario(changed);
  } else {
    spec = CompileScenario(loaded);
  }
  return what.on_duty ? WithStaffing(spec, *what.on_duty) : spec;
}

}  // namespace fccsim::model
