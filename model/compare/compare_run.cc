#include "model/compare/compare_run.h"

#include <memory>
#include <vector>

#include "model/centre/centre_model.h"
#include "model/centre/replication_farm.h"
#include "model/compare/comparison_estimates.h"
#include "model/scenario/model_spec.h"
#include "sim/replication_runner.h"
#include "sim/time.h"

namespace fccsim::model {
namespace {

// The scenario as run: with the comparison's seed and replications, which every scenario
// runs with whatever its file says.
void Describe(const ComparedInput& input, const CompareOptions& options,
              fccsim::ComparedScenario* out) {
  out->set_label(input.label);
  out->set_path(input.loaded->path);
  for (const std::string& o : input.loaded->overrides) out->add_overrides(o);
  *out->mutable_scenario() = input.loaded->scenario;
  out->mutable_scenario()->mutable_run()->set_seed(options.seed);
  out->mutable_scenario()->mutable_run()->set_replications(options.replications);
}

void FailIfAsked(const CompareOptions& options, std::uint64_t r) {
  if (options.fail_replication && options.fail_replication(r)) {
    throw std::runtime_error("failure injected by a test");
  }
}

}  // namespace

std::string ComparisonProblem(const ComparedInput& base,
                              const std::vector<ComparedInput>& variants) {
  const ModelSpec base_spec = CompileScenario(*base.loaded);
  for (const ComparedInput& v : variants) {
    const std::string problem = ComparisonGridProblem(base_spec, CompileScenario(*v.loaded));
    if (!problem.empty()) return "variant \"" + v.label + "\" (" + v.loaded->path + "): " + problem;
  }
  return "";
}

std::optional<fccsim::ComparisonResult> RunComparison(sim::ProcessGroup& group,
                                                      const ComparedInput& base,
                                                      const std::vector<ComparedInput>& variants,
                                                      const CompareOptions& options) {
  // specs[0] is the base's, specs[1 + v] variant v's.
  std::vector<std::unique_ptr<ModelSpec>> specs;
  specs.push_back(std::make_unique<ModelSpec>(CompileScenario(*base.loaded)));
  for (const ComparedInput& v : variants) {
    specs.push_back(std::make_unique<ModelSpec>(CompileScenario(*v.loaded)));
  }
  std::vector<std::unique_ptr<ComparisonEstimates>> estimates;
  for (std::size_t v = 1; v < specs.size(); ++v) {
    estimates.push_back(std::make_unique<ComparisonEstimates>(*specs[0], *specs[v]));
  }
  // Replication r's measures of every scenario, in replication order.
  const auto add = [&estimates](const std::vector<ReplicationMeasures>& measures) {
    for (std::size_t v = 0; v < estimates.size(); ++v) {
      estimates[v]->Add(measures[0], measures[v + 1]);
    }
  };

  // A replication is one task, simulating every scenario in turn on the same random numbers.
  if (group.size() == 1) {
    // Slots as in centre_run.cc, one set of measures per scenario.
    const unsigned threads = sim::WorkerThreads(options.threads, options.replications);
    const unsigned window = 2 * threads;
    std::vector<std::vector<ReplicationMeasures>> slots(
        window, std::vector<ReplicationMeasures>(specs.size()));
    sim::RunReplicationsInOrder(
        options.replications, threads, window,
        [&](std::uint64_t r) {
          FailIfAsked(options, r);
          for (std::size_t s = 0; s < specs.size(); ++s) {
            SimulateCentre(*specs[s], options.seed, r, &slots[r % window][s]);
          }
        },
        [&](std::uint64_t r) { add(slots[r % window]); });
  } else {
    FarmedReplications job;
    for (const auto& spec : specs) job.specs.push_back(spec.get());
    job.seed = options.seed;
    job.count = options.replications;
    job.threads = options.threads;
    job.fail = options.fail_replication;
    FarmReplications(group, job, [&](std::uint64_t, std::vector<ReplicationMeasures>* measures) {
      add(*measures);
    });
    if (group.rank() != 0) return std::nullopt;
  }

  fccsim::ComparisonResult result;
  result.set_software_version(FCCSIM_VERSION);
  result.set_seed(options.seed);
  result.set_replications(options.replications);
  const ModelSpec& grid = *specs[0];
  result.set_interval_minutes(static_cast<std::uint32_t>(grid.interval / sim::kTicksPerMinute));
  result.set_days(static_cast<std::uint32_t>(grid.days));
  result.set_start_weekday(static_cast<fccsim::Weekday>(grid.start_weekday + 1));
  Describe(base, options, result.mutable_base());
  for (std::size_t v = 0; v < variants.size(); ++v) {
    fccsim::VariantComparison* out = result.add_variants();
    Describe(variants[v], options, out->mutable_variant());
    estimates[v]->Fill(out);
  }
  result.set_complete(kComparisonComplete);
  return result;
}

fccsim::ComparisonResult RunComparison(const ComparedInput& base,
                                       const std::vector<ComparedInput>& variants,
                                       const CompareOptions& options) {
  return *RunComparison(sim::ProcessGroup::Alone(), base, variants, options);
}

}  // namespace fccsim::model
