#include "model/sweep/sweep_run.h"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>

#include "model/centre/centre_model.h"
#include "model/centre/centre_run.h"
#include "model/centre/measures_codec.h"
#include "model/results/result_source.h"
#include "model/results/results_io.h"
#include "model/scenario/file_digest.h"
#include "sim/replication_runner.h"
#include "sim/task_farm.h"

namespace fccsim::model {
namespace {

// The parts of a fingerprint, in order, with what a difference in each means.
constexpr const char* kParts[][2] = {
    {"binary", "the fccsim binary is another build"},
    {"sweep", "the sweep file changed"},
    {"paths",
     "the sweep file is given by another path (the results record the base scenario's path "
     "as reached from it): give it as when the sweep began"},
    {"inputs", "a scenario or a table it reads changed"},
    {"seed", "the seed differs"},
    {"replications", "the number of replications differs"}};

void FillMeasures(const fccsim::RunResult& result, fccsim::SweepPoint* point) {
  point->clear_channels();
  point->clear_groups();
  for (const fccsim::ChannelResult& c : result.channels()) {
    fccsim::PointChannel* out = point->add_channels();
    const fccsim::ChannelSummary& s = c.summary();
    out->set_name(c.name());
    *out->mutable_offered() = s.offered();
    *out->mutable_service_level() = s.service_level();
    *out->mutable_average_answer_s() = s.average_answer_s();
    *out->mutable_abandoned_fraction() = s.abandoned_fraction();
    *out->mutable_wait_p90_s() = s.wait_p90_s();
    out->set_target_verdict(s.target_verdict());
    *out->mutable_probability_target_met() = s.probability_target_met();
  }
  for (const fccsim::GroupResult& g : result.groups()) {
    fccsim::PointGroup* out = point->add_groups();
    out->set_name(g.name());
    *out->mutable_occupancy() = g.occupancy();
  }
}

// points/point_0007.pb: zero-padded to at least four digits, so that names sort as points.
std::string PointFile(std::size_t index, std::size_t count) {
  const std::size_t width = std::max<std::size_t>(4, std::to_string(count - 1).size());
  std::string digits = std::to_string(index);
  digits.insert(0, width - std::min(width, digits.size()), '0');
  return "points/point_" + digits + ".pb";
}

}  // namespace

fccsim::SweepResult NewSweepIndex(const LoadedSweep& sweep, const SweepRunOptions& options,
                                  const std::vector<std::string>& inputs) {
  fccsim::SweepResult index;
  index.set_software_version(FCCSIM_VERSION);
  index.set_sweep_path(sweep.path);
  *index.mutable_sweep() = sweep.sweep;
  index.set_base_path(sweep.base_path);
  index.set_seed(options.seed);
  index.set_replications(options.replications);
  for (const std::string& name : sweep.axis_names) index.add_axes(name);
  for (std::size_t p = 0; p < sweep.points.size(); ++p) {
    const SweepPointPlan& plan = sweep.points[p];
    fccsim::SweepPoint* point = index.add_points();
    point->set_index(static_cast<std::uint32_t>(p));
    point->set_label(plan.label);
    for (const std::string& v : plan.values) point->add_values(v);
    for (const std::string& o : plan.overrides) point->add_overrides(o);
    point->set_results_file(PointFile(p, sweep.points.size()));
  }
  Digest sweep_digest, input_digest, paths_digest;
  paths_digest.Add(sweep.path + '\n' + sweep.base_path);
  sweep_digest.Add(sweep.sweep.SerializeAsString());
  for (const std::string& o :
       sweep.points.empty() ? std::vector<std::string>{} : sweep.points.front().overrides) {
    sweep_digest.Add(o);  // --set on the command line: every point has them
  }
  for (const std::string& path : inputs) input_digest.Add(FileDigest(path));
  index.set_fingerprint("binary:" + BinaryDigest() + " sweep:" + sweep_digest.Hex() +
                        " paths:" + paths_digest.Hex() + " inputs:" + input_digest.Hex() +
                        " seed:" + std::to_string(options.seed) +
                        " replications:" + std::to_string(options.replications));
  return index;
}

std::string ResumeProblem(const fccsim::SweepResult& previous, const fccsim::SweepResult& current) {
  for (const auto& [name, meaning] : kParts) {
    if (FingerprintPart(previous.fingerprint(), name) !=
        FingerprintPart(current.fingerprint(), name)) {
      return std::string(meaning) + " since the sweep began";
    }
  }
  if (previous.points_size() != current.points_size()) {
    return "the sweep has another number of points since it began";
  }
  return "";
}

void FindPointsDone(const std::string& dir, fccsim::SweepResult* index) {
  for (fccsim::SweepPoint& point : *index->mutable_points()) {
    fccsim::RunResult result;
    std::string error;
    const std::string path = (std::filesystem::path(dir) / point.results_file()).string();
    if (!std::filesystem::is_regular_file(path) || !ReadResults(path, &result, &error)) continue;
    const bool same =
        result.seed() == index->seed() && result.replications() == index->replications() &&
        result.overrides_size() == point.overrides_size() &&
        std::equal(result.overrides().begin(), result.overrides().end(), point.overrides().begin());
    if (!same) continue;
    FillMeasures(result, &point);
    point.set_done(true);
  }
}

namespace {

// The scenario and compiled model of each point a process is working on, loaded on first
// need and dropped once later points are wanted: a sweep of thousands of points need not
// hold thousands of models. Loaded again, not kept from the check before the sweep began.
class PointModels {
 public:
  struct Model {
    LoadedScenario loaded;
    std::shared_ptr<const ModelSpec> spec;
  };

  PointModels(const LoadedSweep& sweep, std::uint32_t replications, std::size_t keep)
      : sweep_(sweep), replications_(replications), keep_(keep) {}

  // Throws std::runtime_error when the point's scenario no longer loads.
  std::shared_ptr<const Model> Get(std::size_t point) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (const auto it = models_.find(point); it != models_.end()) return it->second;
    auto model = std::make_shared<Model>();
    const std::vector<Problem> problems = LoadScenario(
        sweep_.base_path, &model->loaded, replications_, sweep_.points[point].overrides);
    if (HasErrors(problems)) {
      throw std::runtime_error("its scenario changed while the sweep ran: " +
                               problems.front().ToString());
    }
    model->spec = std::make_shared<ModelSpec>(CompileScenario(model->loaded));
    // Tasks are handed out in order, so the lowest point held is the one done with first.
    if (models_.size() >= keep_) models_.erase(models_.begin());
    return models_.emplace(point, std::move(model)).first->second;
  }

 private:
  const LoadedSweep& sweep_;
  const std::uint32_t replications_;
  const std::size_t keep_;
  std::mutex mutex_;
  std::map<std::size_t, std::shared_ptr<const Model>> models_;
};

// Rank 0's list of the points to run, on every process.
std::vector<std::uint32_t> PointsToRun(sim::ProcessGroup& group, const fccsim::SweepResult& index,
                                       bool any) {
  std::string bytes;
  if (group.rank() == 0 && any) {
    for (const fccsim::SweepPoint& p : index.points()) {
      if (p.done()) continue;
      const std::uint32_t i = p.index();
      bytes.append(reinterpret_cast<const char*>(&i), sizeof i);
    }
  }
  bytes = group.BroadcastBytes(bytes);
  std::vector<std::uint32_t> points(bytes.size() / sizeof(std::uint32_t));
  if (!points.empty()) std::memcpy(points.data(), bytes.data(), points.size() * sizeof points[0]);
  return points;
}

}  // namespace

SweepStatus RunSweepPoints(sim::ProcessGroup& group, const LoadedSweep& sweep,
                           const SweepRunOptions& options, const std::string& dir,
                           fccsim::SweepResult* index, std::string* error) {
  // Process 0 writes every file. Should it not be able to, it gives the others no point, so
  // that they end with it.
  bool can_write = true;
  if (group.rank() == 0) {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(dir) / "points", ec);
    if (ec) {
      *error = "could not create " + (std::filesystem::path(dir) / "points").string() + ": " +
               ec.message();
      can_write = false;
    }
  }
  const std::vector<std::uint32_t> todo = PointsToRun(group, *index, can_write);
  const std::uint64_t reps = options.replications;
  const std::size_t total = sweep.points.size();
  std::size_t done = total - todo.size();
  sim::FarmOptions farm;
  farm.threads = options.threads;
  const unsigned threads = sim::WorkerThreads(farm.threads, todo.size() * reps);
  // Tasks are handed out in order, at most two per thread ahead of the one being folded: the
  // points of those, and one more.
  PointModels models(sweep, options.replications, 2 * threads + 3);
  std::vector<ReplicationMeasures> scratch(threads);
  std::atomic<std::uint64_t> started{0};  // tasks this process began, for options.die_at

  // Process 0 folds the replications of one point at a time, into that point's estimates.
  std::shared_ptr<const PointModels::Model> model;
  std::unique_ptr<RunEstimates> estimates;
  ReplicationMeasures slot;
  const auto fold = [&](std::uint64_t task, std::string_view bytes) {
    const std::size_t p = todo[task / reps];
    const std::uint64_t r = task % reps;
    if (r == 0) {
      model = models.Get(p);
      estimates = std::make_unique<RunEstimates>(*model->spec);
    }
    if (!DecodeMeasures(bytes, &slot)) {
      throw std::runtime_error("point " + std::to_string(p) + ", replication " + std::to_string(r) +
                               ": its measures came back damaged from another process");
    }
    estimates->Take(&slot);
    if (r + 1 < reps) return;
    // Each point's file is whole or absent, renamed into place on its own: a sweep stopped
    // at any moment keeps every point finished before.
    RunOptions run;
    run.replications = options.replications;
    run.seed = options.seed;
    run.threads = options.threads;
    RunOutcome outcome(RunHeader(model->loaded, *model->spec, run, options.replications),
                       model->spec, std::move(estimates));
    fccsim::SweepPoint& point = *index->mutable_points(static_cast<int>(p));
    const std::string path = (std::filesystem::path(dir) / point.results_file()).string();
    OutputSet files;
    std::string why;
    if (!WriteResults(outcome, path, &why, kDefaultResultBufferBytes, run.threads, &files) ||
        !files.Commit(&why)) {
      throw std::runtime_error(why);
    }
    FillMeasures(BuildRunResult(outcome, /*with_intervals=*/false), &point);
    point.set_done(true);
    ++done;
    if (options.progress) options.progress(done, total);
  };
  try {
    sim::FarmTasks(
        group, todo.size() * reps, farm,
        [&](std::uint64_t task, unsigned thread, std::string* bytes) {
          const std::size_t p = todo[task / reps];
          const std::uint64_t r = task % reps;
          if (options.die_at && options.die_at->first == group.rank() &&
              options.die_at->second == started++) {
            std::raise(SIGKILL);
          }
          if (options.fail_at && options.fail_at->first == p && options.fail_at->second == r) {
            throw std::runtime_error("replication " + std::to_string(r) +
                                     ": failure injected by a test");
          }
          SimulateCentre(*models.Get(p)->spec, options.seed, r, &scratch[thread]);
          EncodeMeasures(scratch[thread], bytes);
        },
        fold,
        // Once asked to stop, the points begun are finished, and no other begun.
        [&](std::uint64_t next) { return next % reps == 0 && options.stop && options.stop(); });
  } catch (const sim::TaskFailed& e) {
    const std::size_t p = todo[e.task() / reps];
    *error = "point " + std::to_string(p) + " (" + sweep.points[p].label + "), replication " +
             std::to_string(e.task() % reps) + " (seed " + std::to_string(options.seed) +
             ") failed: " + e.what();
    return SweepStatus::kFailed;
  } catch (const std::exception& e) {
    *error = e.what();
    return SweepStatus::kFailed;
  }
  if (!can_write) return SweepStatus::kFailed;
  return done == total ? SweepStatus::kDone : SweepStatus::kStopped;
}

}  // namespace fccsim::model
