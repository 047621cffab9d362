#include "model/sweep/sweep_run.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <sstream>

#include "model/centre/centre_run.h"
#include "model/results/result_source.h"
#include "model/results/results_io.h"
#include "model/scenario/input_file.h"
#include "sim/replication_runner.h"

namespace fccsim::model {
namespace {

// FNV-1a, 64 bits: a digest that is the same on every machine and build, to notice a
// change, not to resist one made on purpose.
struct Digest {
  std::uint64_t h = 14695981039346656037ull;
  void Add(std::string_view bytes) {
    for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
  }
  std::string Hex() const {
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(h));
    return text;
  }
};

std::string FileDigest(const std::string& path) {
  std::string bytes, error;
  Digest d;
  // A file that cannot be read digests as its error: it differs from any readable one.
  if (!ReadInputFile(path, std::size_t{1} << 30, &bytes, &error)) bytes = "unreadable: " + error;
  d.Add(bytes);
  return d.Hex();
}

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

std::string Part(const std::string& fingerprint, const std::string& name) {
  std::istringstream words(fingerprint);
  for (std::string word; words >> word;) {
    if (word.rfind(name + ":", 0) == 0) return word.substr(name.size() + 1);
  }
  return "";
}

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
  index.set_fingerprint("binary:" + FileDigest("/proc/self/exe") + " sweep:" + sweep_digest.Hex() +
                        " paths:" + paths_digest.Hex() + " inputs:" + input_digest.Hex() +
                        " seed:" + std::to_string(options.seed) +
                        " replications:" + std::to_string(options.replications));
  return index;
}

std::string ResumeProblem(const fccsim::SweepResult& previous, const fccsim::SweepResult& current) {
  for (const auto& [name, meaning] : kParts) {
    if (Part(previous.fingerprint(), name) != Part(current.fingerprint(), name)) {
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

SweepStatus RunSweepPoints(const LoadedSweep& sweep, const SweepRunOptions& options,
                           const std::string& dir, fccsim::SweepResult* index, std::string* error) {
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(dir) / "points", ec);
  if (ec) {
    *error = "could not create " + (std::filesystem::path(dir) / "points").string() + ": " +
             ec.message();
    return SweepStatus::kFailed;
  }
  const std::size_t total = static_cast<std::size_t>(index->points_size());
  std::size_t done = 0;
  for (const fccsim::SweepPoint& p : index->points()) done += p.done() ? 1 : 0;
  for (std::size_t p = 0; p < total; ++p) {
    fccsim::SweepPoint& point = *index->mutable_points(static_cast<int>(p));
    if (point.done()) continue;
    if (options.stop && options.stop()) return SweepStatus::kStopped;
    // Loaded again, not kept from the check before the sweep began: a sweep of thousands of
    // points need not hold thousands of scenarios.
    LoadedScenario loaded;
    const std::vector<Problem> problems =
        LoadScenario(sweep.base_path, &loaded, options.replications, sweep.points[p].overrides);
    if (HasErrors(problems)) {
      *error = "point " + std::to_string(p) + " (" + point.label() +
               "): its scenario changed while the sweep ran: " + problems.front().ToString();
      return SweepStatus::kFailed;
    }
    RunOptions run;
    run.replications = options.replications;
    run.seed = options.seed;
    run.threads = options.threads;
    if (options.fail_at && options.fail_at->first == p)
      run.fail_replication = options.fail_at->second;
    std::optional<RunOutcome> outcome;
    try {
      outcome.emplace(RunScenario(loaded, run));
    } catch (const sim::ReplicationError& e) {
      *error = "point " + std::to_string(p) + " (" + point.label() + "), replication " +
               std::to_string(e.replication()) + " (seed " + std::to_string(options.seed) +
               ") failed: " + e.what();
      return SweepStatus::kFailed;
    }
    // Each point's file is whole or absent, renamed into place on its own: a sweep stopped
    // at any moment keeps every point finished before.
    const std::string path = (std::filesystem::path(dir) / point.results_file()).string();
    OutputSet files;
    if (!WriteResults(*outcome, path, error, kDefaultResultBufferBytes, run.threads, &files) ||
        !files.Commit(error)) {
      return SweepStatus::kFailed;
    }
    FillMeasures(BuildRunResult(*outcome, /*with_intervals=*/false), &point);
    point.set_done(true);
    if (options.progress) options.progress(++done, total);
  }
  return SweepStatus::kDone;
}

}  // namespace fccsim::model
