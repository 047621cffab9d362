#include "model/cli/sweep_command.h"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <vector>

#include "model/cli/interrupt.h"
#include "model/cli/output_paths.h"
#include "model/cli/process_agreement.h"
#include "model/cli/test_hooks.h"
#include "model/scenario/parse_number.h"
#include "model/scenario/scenario_loader.h"
#include "model/scenario/workload.h"
#include "model/sweep/sweep_output.h"
#include "model/sweep/sweep_run.h"
#include "model/sweep/sweep_spec.h"

namespace fccsim::model {
namespace {

namespace fs = std::filesystem;

constexpr char kUsage[] =
    "usage: fccsim sweep SWEEP -o DIR [--resume] [--replications N] [--seed S] [--threads T]\n"
    "                    [--set PATH=VALUE]... [--strict]\n"
    "\n"
    "Runs the base scenario a sweep file names at each of its points (model/proto/sweep.proto:\n"
    "a grid of values of one or more fields, or points listed, each the base with overrides),\n"
    "all on common random numbers: every point sees the same callers, so differences between\n"
    "points are the changes', not chance's. Writes into DIR each point's results\n"
    "(points/point_NNNN.pb, as fccsim run writes them), the index sweep.pb, and the headline\n"
    "measures per point in sweep.csv (channels) and sweep_groups.csv (groups); prints them.\n"
    "Definitions: docs/model.md, \"Sweeps\".\n"
    "  -o, --output DIR    the sweep's folder (created if missing); one holding another\n"
    "                      sweep is refused unless --resume\n"
    "  --resume            finish the sweep DIR holds: run only the points not yet done;\n"
    "                      refused if the binary, the sweep, a scenario or a table changed\n"
    "  --replications N    replications of each point (default: the sweep's replications,\n"
    "                      else the base's run.replications)\n"
    "  --seed S            the seed of every point (default: the sweep's seed, else the\n"
    "                      base's run.seed)\n"
    "  --threads T         worker threads, 0 = every core (default 0); same bytes whatever T\n"
    "  --set PATH=VALUE    a change to every point, after the sweep's own set (repeatable)\n"
    "  --strict            refuse a point whose scenario has warnings\n"
    "Progress, with an estimate of the time left, goes to stderr when it is a terminal.\n"
    "Under mpirun (mpirun -n K fccsim sweep ...), every point's replications are spread over\n"
    "the K processes, T threads each, and DIR holds the same bytes (docs/model.md, \"Across\n"
    "processes and machines\").\n"
    "A first Ctrl-C or SIGTERM stops the sweep after the points being run, and writes the\n"
    "index of the points done (interrupted: true); a second one stops at once. Every point's\n"
    "results are written as it finishes, so a sweep stopped in any way keeps them.\n"
    "Exit status: 0 ok; 2 bad input (every problem listed, nothing written); 1 a replication\n"
    "or a write failed (points done kept); 130 or 143 interrupted (points done kept).\n";

struct SweepArgs {
  std::string sweep, dir;
  std::map<std::string, std::string> numbers;
  std::vector<std::string> overrides;
  bool resume = false, strict = false;
};

std::string Parse(const std::vector<std::string>& args, SweepArgs* s) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.empty() || arg[0] != '-' || arg == "-") {
      if (!s->sweep.empty()) return "more than one sweep file given";
      s->sweep = arg;
      continue;
    }
    if (arg == "--resume" || arg == "--strict") {
      (arg == "--resume" ? s->resume : s->strict) = true;
      continue;
    }
    std::string name = arg, value;
    bool has_value = false;
    if (const std::size_t eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      has_value = true;
    }
    if (name == "--output") name = "-o";
    if (name != "-o" && name != "--replications" && name != "--seed" && name != "--threads" &&
        name != "--set") {
      return "unknown option " + name;
    }
    if (!has_value) {
      if (i + 1 >= args.size()) return name + " needs a value";
      value = args[++i];
    }
    if (value.empty()) return name + " needs a value";
    if (name == "--set") {
      s->overrides.push_back(value);
      continue;
    }
    std::string* slot = name == "-o" ? &s->dir : &s->numbers[name.substr(2)];
    if (!slot->empty()) return name + " given twice";
    *slot = value;
  }
  if (s->sweep.empty()) return "no sweep file given";
  if (s->dir.empty()) return "-o DIR is required";
  return "";
}

// Temporary files of this sweep's outputs that a sweep killed outright (SIGKILL, a machine
// lost) left behind: they would never be renamed into place, and they would make the folder
// differ from an uninterrupted sweep's.
void RemoveTemporaries(const std::string& dir, const fccsim::SweepResult& index) {
  std::vector<fs::path> outputs;
  for (const std::string& name : SweepIndexFileNames()) outputs.push_back(fs::path(dir) / name);
  for (const fccsim::SweepPoint& p : index.points()) {
    outputs.push_back(fs::path(dir) / p.results_file());
  }
  std::set<std::string> prefixes;
  for (const fs::path& o : outputs) prefixes.insert(o.filename().string() + ".tmp-");
  std::error_code ec;
  for (const fs::path& folder : {fs::path(dir), fs::path(dir) / "points"}) {
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      const auto prefix = prefixes.upper_bound(name);
      if (prefix != prefixes.begin() && name.rfind(*std::prev(prefix), 0) == 0 &&
          it->is_regular_file(ec)) {
        fs::remove(it->path(), ec);
      }
    }
  }
}

std::string Duration(double seconds) {
  const long s = static_cast<long>(seconds + 0.5);
  if (s < 60) return std::to_string(s) + " s";
  if (s < 3600) return std::to_string(s / 60) + " min " + std::to_string(s % 60) + " s";
  return std::to_string(s / 3600) + " h " + std::to_string(s % 3600 / 60) + " min";
}

void InjectFailures(SweepRunOptions* options) {
  if (const auto failure = InjectedFailureFromEnvironment(); failure && failure->point) {
    options->fail_at = std::pair{*failure->point, failure->replication};
  }
  options->die_at = InjectedDeathFromEnvironment();
}

// A process of an mpirun other than the first: it waits for the first's word, checks that it
// runs the same build on the same files, then takes tasks until the first says the sweep is
// over. Everything it would print, the first prints.
int ServeSweep(sim::ProcessGroup& group, const std::vector<std::string>& args, std::ostream& err) {
  const std::optional<std::string> word = StartGate::Wait(group);
  if (!word) return 0;  // the first process said why
  std::vector<std::string> lines;
  std::istringstream in(*word);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  SweepRunOptions options;
  options.replications = static_cast<std::uint32_t>(std::stoul(lines.at(0)));
  options.seed = std::stoull(lines.at(1));
  options.threads = static_cast<unsigned>(std::stoul(lines.at(2)));
  const std::vector<std::string> inputs(lines.begin() + 3, lines.end());
  SweepArgs a;
  Parse(args, &a);  // as the first process did, without a problem
  LoadedSweep sweep;
  const std::vector<Problem> problems = LoadSweep(a.sweep, a.overrides, &sweep);
  const int status = HasErrors(problems) ? 2 : 0;
  if (AgreeToStart(group, status, status == 0 ? "" : problems.front().ToString(),
                   RunFingerprint(inputs, args), "sweep", err) != 0) {
    return 0;  // the first process says why, and ends with the status
  }
  StopOnFirstSignal();  // the first process decides when to stop
  InjectFailures(&options);
  fccsim::SweepResult index;  // the first process's is the one that counts
  std::string error;
  RunSweepPoints(group, sweep, options, a.dir, &index, &error);
  return 0;
}

}  // namespace

int RunSweepCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  // Under mpirun, process 0 checks everything and writes every file; the others wait for its
  // word, then take tasks (model/cli/process_agreement.h).
  sim::ProcessGroup& group = sim::ProcessGroup::World();
  if (group.rank() != 0) return ServeSweep(group, args, err);
  StartGate gate(group);
  for (const std::string& arg : args) {
    if (arg == "--help" || arg == "-h") {
      out << kUsage;
      return 0;
    }
  }
  const auto usage_error = [&err](const std::string& message) {
    err << "fccsim sweep: " << message << "\n(see fccsim sweep --help)\n";
    return 2;
  };
  SweepArgs a;
  if (const std::string problem = Parse(args, &a); !problem.empty()) return usage_error(problem);
  std::map<std::string, std::uint64_t> numbers;
  for (const auto& [name, max] : std::map<std::string, std::uint64_t>{
           {"replications", kMaxReplications}, {"seed", UINT64_MAX}, {"threads", 4096}}) {
    const auto it = a.numbers.find(name);
    if (it == a.numbers.end()) continue;
    const std::uint64_t min = name == "replications" ? 1 : 0;
    const std::optional<std::uint64_t> n = ParseWhole<std::uint64_t>(it->second);
    if (!n || *n < min || *n > max) {
      return usage_error("--" + name + " must be a whole number from " + std::to_string(min) +
                         " to " + std::to_string(max) + " (got \"" + it->second + "\")");
    }
    numbers[name] = *n;
  }
  if (fs::exists(a.dir) && !fs::is_directory(a.dir)) {
    return usage_error("-o " + a.dir + " is not a folder");
  }
  const bool has_index = fs::exists(fs::path(a.dir) / kSweepIndexFile);
  if (has_index && !a.resume) {
    return usage_error(a.dir +
                       " holds a sweep already: --resume to finish it, or give another "
                       "folder");
  }
  if (!has_index && a.resume) return usage_error(a.dir + " holds no sweep to resume");
  // Points of an earlier sweep whose index is gone would read as this one's on a resume.
  if (!has_index && fs::is_directory(fs::path(a.dir) / "points") &&
      !fs::is_empty(fs::path(a.dir) / "points")) {
    return usage_error((fs::path(a.dir) / "points").string() +
                       " holds results of another sweep: give another folder");
  }

  LoadedSweep sweep;
  std::vector<Problem> problems = LoadSweep(a.sweep, a.overrides, &sweep);
  for (const Problem& p : problems) err << p.ToString() << '\n';
  if (HasErrors(problems)) return 2;

  // Every point's scenario is checked before any runs; the first point's run settings are
  // the defaults.
  SweepRunOptions options;
  std::vector<std::string> inputs;
  bool ok = true;
  const std::optional<std::uint64_t> replications =
      numbers.count("replications")    ? std::optional(numbers["replications"])
      : sweep.sweep.has_replications() ? std::optional<std::uint64_t>(sweep.sweep.replications())
                                       : std::nullopt;
  // A problem every point shares (a warning of the base) is printed once, at the first.
  std::set<std::string> printed;
  for (std::size_t p = 0; p < sweep.points.size(); ++p) {
    LoadedScenario loaded;
    problems = LoadScenario(sweep.base_path, &loaded, replications, sweep.points[p].overrides);
    bool named = false;
    for (const Problem& problem : problems) {
      if (!printed.insert(problem.ToString()).second) continue;
      if (!named) err << "fccsim sweep: point " << p << " (" << sweep.points[p].label << "):\n";
      named = true;
      err << "  " << problem.ToString() << '\n';
    }
    if (HasErrors(problems) || (a.strict && !problems.empty())) {
      ok = false;
      continue;
    }
    for (const std::string& f : loaded.input_files) {
      if (std::find(inputs.begin(), inputs.end(), f) == inputs.end()) inputs.push_back(f);
    }
    if (p == 0) {
      options.replications = replications ? static_cast<std::uint32_t>(*replications)
                                          : loaded.scenario.run().replications();
      options.seed = numbers.count("seed")    ? numbers["seed"]
                     : sweep.sweep.has_seed() ? sweep.sweep.seed()
                                              : loaded.scenario.run().seed();
    }
  }
  if (!ok) {
    if (a.strict) err << "fccsim: warnings are errors under --strict\n";
    return 2;
  }
  options.threads = numbers.count("threads") ? static_cast<unsigned>(numbers["threads"]) : 0;
  // The sweep file itself is fingerprinted as read (a comment added to it changes nothing),
  // and may not be replaced by an output either.
  fccsim::SweepResult index = NewSweepIndex(sweep, options, inputs);
  inputs.push_back(a.sweep);
  std::vector<std::pair<std::string, fs::path>> outputs;
  for (const std::string& name : SweepIndexFileNames())
    outputs.emplace_back("-o", fs::path(a.dir) / name);
  for (const fccsim::SweepPoint& p : index.points()) {
    outputs.emplace_back("-o", fs::path(a.dir) / p.results_file());
  }
  if (const std::string clash = OutputClash(outputs, inputs); !clash.empty()) {
    return usage_error(clash);
  }
  // A path in the way of a write, refused now rather than by the write, after points ran: the
  // points' folder a file, or an output (a point's results) a folder.
  std::error_code path_ec;
  if (const fs::path points = fs::path(a.dir) / "points";
      fs::exists(points, path_ec) && !fs::is_directory(points, path_ec)) {
    return usage_error("-o " + a.dir + ": " + points.string() +
                       " is not a folder, and the points' results go in it; remove it or give "
                       "another folder");
  }
  for (const auto& [option, path] : outputs) {
    const fs::file_status status = fs::status(path, path_ec);
    if (fs::exists(status) && !fs::is_regular_file(status)) {
      return usage_error(option + " " + a.dir + ": " + path.string() +
                         (fs::is_directory(status) ? " is a folder" : " is not a regular file") +
                         ", where a file is written; remove it or give another folder");
    }
  }
  std::string error;
  if (a.resume) {
    fccsim::SweepResult previous;
    if (!ReadSweepIndex(a.dir, &previous, &error)) return usage_error("cannot resume: " + error);
    if (const std::string why = ResumeProblem(previous, index); !why.empty()) {
      return usage_error("cannot resume the sweep in " + a.dir + ": " + why +
                         " (run it into another folder)");
    }
    RemoveTemporaries(a.dir, index);
    FindPointsDone(a.dir, &index);
  }

  // Every process must run this same build on the same files, with these settings.
  std::string word = std::to_string(options.replications) + '\n' + std::to_string(options.seed) +
                     '\n' + std::to_string(options.threads);
  for (const std::string& path : inputs) word += '\n' + path;
  gate.Open(word);
  const std::string fingerprint = group.size() > 1 ? RunFingerprint(inputs, args) : "";
  if (const int status = AgreeToStart(group, 0, "", fingerprint, "sweep", err); status != 0) {
    return status;
  }

  // The index is written first, marked interrupted, so that a sweep killed outright (a dead
  // machine) can still be resumed; then again whenever the sweep stops.
  const auto write_index = [&](bool interrupted) {
    index.set_interrupted(interrupted);
    index.set_complete(kSweepComplete);
    OutputSet files;
    std::error_code ec;
    fs::create_directories(a.dir, ec);
    if (ec) {
      error = "could not create " + a.dir + ": " + ec.message();
      return false;
    }
    return WriteSweepIndex(index, a.dir, &files, &error) && files.Commit(&error);
  };
  if (!write_index(true)) {
    err << "fccsim sweep: " << error << '\n';
    if (group.size() > 1) group.Abort(1);  // the others wait for tasks
    return 1;
  }
  StopOnFirstSignal();
  options.stop = [] { return StopRequested() != 0; };
  InjectFailures(&options);
  if (isatty(STDERR_FILENO) != 0) {
    const auto started = std::chrono::steady_clock::now();
    std::size_t first = 0;
    for (const fccsim::SweepPoint& p : index.points()) first += p.done() ? 1 : 0;
    err << "fccsim sweep: " << index.points_size() << " points x " << options.replications
        << " replications" << (first > 0 ? ", " + std::to_string(first) + " already done" : "")
        << " ..." << std::endl;
    options.progress = [&err, started, first](std::size_t done, std::size_t total) {
      const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
      const double left =
          took.count() / static_cast<double>(done - first) * static_cast<double>(total - done);
      err << "\rfccsim sweep: " << done << " of " << total << " points, " << Duration(took.count())
          << " so far, about " << Duration(left) << " left   " << (done == total ? "\n" : "")
          << std::flush;
    };
  }
  const SweepStatus status =
      RunSweepPoints(sim::ProcessGroup::World(), sweep, options, a.dir, &index, &error);
  const std::string failure = error;
  if (!write_index(status != SweepStatus::kDone)) {
    err << "fccsim sweep: " << error << '\n';
    return 1;
  }
  int done = 0;
  for (const fccsim::SweepPoint& p : index.points()) done += p.done() ? 1 : 0;
  if (status == SweepStatus::kFailed) {
    err << "fccsim sweep: " << failure << "\nfccsim sweep: " << done << " of "
        << index.points_size() << " points done and kept in " << a.dir << '\n';
    return 1;
  }
  out << FormatSweepSummary(index) << std::flush;
  if (status == SweepStatus::kStopped) {
    err << "\nfccsim sweep: stopped by a signal: " << done << " of " << index.points_size()
        << " points done and kept in " << a.dir << "; the same command with --resume finishes it\n";
    return 128 + StopRequested();
  }
  if (!out.good() && errno != EPIPE) {
    err << "fccsim sweep: could not print the summary; the sweep is in " << a.dir << '\n';
    return 1;
  }
  return 0;
}

}  // namespace fccsim::model
