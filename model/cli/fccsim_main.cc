// The `fccsim` command line: `fccsim <command> [options]`, with --help for each command.
// Exit status: 0 ok, 2 bad input or usage (the message on stderr; nothing written), 1 failure
// while running, 128 + N on signal N (130 Ctrl-C, 143 SIGTERM; `run` and `sweep` keep the work
// done on a first signal; no temporary file is left and each results file is whole or
// untouched). The summary table goes to stdout; progress goes to stderr, and only when
// stderr is a terminal, so scripts and pipes see the table alone.

#include <malloc.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <limits>
#include <map>
#include <optional>
#include <streambuf>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "model/centre/centre_run.h"
#include "model/cli/compare_command.h"
#include "model/cli/erlang_command.h"
#include "model/cli/interrupt.h"
#include "model/cli/output_paths.h"
#include "model/cli/plan_command.h"
#include "model/cli/process_agreement.h"
#include "model/cli/run_checkpoint.h"
#include "model/cli/sweep_command.h"
#include "model/cli/test_hooks.h"
#include "model/proto/results.pb.h"
#include "model/results/result_csv.h"
#include "model/results/results_io.h"
#include "model/results/summary_table.h"
#include "model/scenario/parse_number.h"
#include "model/scenario/scenario_loader.h"
#include "model/scenario/workload.h"
#include "sim/process_group.h"
#include "sim/replication_runner.h"

namespace {

namespace fs = std::filesystem;
using fccsim::model::LoadedScenario;
using fccsim::model::Problem;

constexpr int kOk = 0;
constexpr int kFailure = 1;
constexpr int kBadInput = 2;
constexpr unsigned kMaxThreads = 4096;

constexpr char kUsage[] =
    "usage: fccsim <command> [options]\n"
    "\n"
    "A simulator and capacity planner for a police Force Contact Centre (999, 101, ...).\n"
    "\n"
    "commands:\n"
    "  run       simulate a scenario and write its results (protobuf, optionally CSV)\n"
    "  validate  check a scenario and the CSV tables it names, reporting every problem\n"
    "  erlang    quick analytic answers for one queue: Erlang C, Erlang A, Erlang B\n"
    "  plan      the staffing a scenario's demand needs per interval, against its roster\n"
    "  compare   a scenario against variants on common random numbers: paired differences\n"
    "  sweep     a scenario at every point of a grid of overrides; resumable\n"
    "\n"
    "`fccsim <command> --help` describes a command.\n"
    "Exit status: 0 ok, 2 bad input or usage (nothing is written), 1 failure while running.\n";

constexpr char kRunUsage[] =
    "usage: fccsim run SCENARIO -o RESULTS.pb [--replications N] [--threads T] [--seed S]\n"
    "                  [--csv DIR] [--strict] [--resume] [--set PATH=VALUE]...\n"
    "\n"
    "Loads and validates SCENARIO (protobuf text format, see model/proto/scenario.proto),\n"
    "simulates it, writes the results and prints a summary table.\n"
    "  -o, --output FILE   where to write the results (RunResult protobuf); required. Written\n"
    "                      to a temporary file and renamed, so FILE is whole or untouched;\n"
    "                      with --csv, FILE and the CSV files are renamed together.\n"
    "  --replications N    independent replications, N >= 1 (default: the scenario's\n"
    "                      run.replications, itself 10 by default)\n"
    "  --seed S            the random seed, 0 to 2^64-1 (default: the scenario's run.seed)\n"
    "  --threads T         worker threads; 0 = every core (default 0). Results are identical\n"
    "                      bit for bit whatever T is.\n"
    "  --csv DIR           also write the result tables as CSV into DIR (created if missing):\n"
    "                      channel_summary, channel_intervals, channel_replications,\n"
    "                      group_summary, group_intervals, group_replications\n"
    "  --strict            refuse the scenario if it has warnings (implausible values)\n"
    "  --resume            finish the run interrupted into FILE: go on from the replications\n"
    "                      it holds (FILE.resume) to the bytes of a run never interrupted;\n"
    "                      refused if the binary, the scenario, a table, an override, the\n"
    "                      seed or the number of replications changed\n"
    "  --set PATH=VALUE    change one field of SCENARIO for this run, e.g.\n"
    "                      --set 'roster.shifts[name=\"999 late 1\"].headcount=10' or\n"
    "                      --set 'channels[0].arrivals.daily_volume_cv=0.05'; repeatable, in\n"
    "                      order; checked as the file is (docs/model.md, \"Overrides\")\n"
    "Neither FILE nor a CSV file may be the scenario or a table it reads: such a run is\n"
    "refused before it starts.\n"
    "Exit status: 0 ok; 2 bad input (every problem listed, nothing written); 1 a replication\n"
    "or a write failed; 130 or 143 interrupted (Ctrl-C, SIGTERM): no replication starts any\n"
    "more, and those done (replications 0 to k-1) are written, marked interrupted, with the\n"
    "checkpoint FILE.resume that --resume goes on from; a second signal stops at once, FILE\n"
    "whole or untouched.\n"
    "The results are written before the summary is printed: a reader of stdout that stops\n"
    "early (| head) cuts the summary short, and the status is still 0.\n"
    "Under mpirun (mpirun -n K fccsim run ...), the replications are spread over the K\n"
    "processes, T threads each, and FILE holds the same bytes (docs/model.md, \"Across\n"
    "processes and machines\").\n";

constexpr char kValidateUsage[] =
    "usage: fccsim validate [--strict] [--set PATH=VALUE]... SCENARIO...\n"
    "\n"
    "Loads each SCENARIO and the CSV tables it names and checks everything a run would,\n"
    "without simulating. Prints every problem as `file:line:col: field.path: message` on\n"
    "stderr, or `SCENARIO: ok`. A warning (`... field.path: warning: message`) marks a value\n"
    "that is allowed but implausible, such as a talk time of two seconds.\n"
    "  --strict   treat warnings as errors\n"
    "  --set PATH=VALUE  check each SCENARIO with this field changed, as fccsim run --set\n"
    "Exit status: 0 all valid, 2 any error (or, under --strict, any warning).\n";

bool IsHelp(const std::string& arg) { return arg == "--help" || arg == "-h"; }

bool HasHelp(const std::vector<std::string>& args) {
  for (const std::string& arg : args) {
    if (IsHelp(arg)) return true;
  }
  return false;
}

int UsageError(const std::string& command, const std::string& message) {
  std::cerr << "fccsim" << (command.empty() ? "" : " " + command) << ": " << message
            << "\n(see fccsim " << (command.empty() ? "" : command + " ") << "--help)\n";
  return kBadInput;
}

// Strict: decimal digits only (from_chars refuses signs and spaces for unsigned types), the
// whole string, within [min, max].
bool ParseUnsigned(const std::string& text, std::uint64_t min, std::uint64_t max,
                   std::uint64_t* out) {
  const std::optional<std::uint64_t> value = fccsim::model::ParseWhole<std::uint64_t>(text);
  if (!value || *value < min || *value > max) return false;
  *out = *value;
  return true;
}

// Prints every problem on stderr; true when the scenario may be used: no errors, and under
// --strict no warnings either.
bool PrintProblems(const std::vector<Problem>& problems, bool strict) {
  for (const Problem& p : problems) std::cerr << p.ToString() << '\n';
  if (fccsim::model::HasErrors(problems)) return false;
  if (strict && !problems.empty()) {
    std::cerr << "fccsim: warnings are errors under --strict\n";
    return false;
  }
  return true;
}

int Validate(const std::vector<std::string>& args) {
  if (HasHelp(args)) {
    std::cout << kValidateUsage;
    return kOk;
  }
  bool strict = false;
  std::vector<std::string> paths, overrides;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--strict") {
      strict = true;
    } else if (arg == "--set" || arg.rfind("--set=", 0) == 0) {
      if (arg == "--set" && i + 1 >= args.size()) {
        return UsageError("validate", "--set needs a value");
      }
      overrides.push_back(arg == "--set" ? args[++i] : arg.substr(6));
    } else if (arg.size() > 1 && arg[0] == '-') {
      return UsageError("validate", "unknown option " + arg);
    } else {
      paths.push_back(arg);
    }
  }
  if (paths.empty()) return UsageError("validate", "no scenario file given");
  int status = kOk;
  for (const std::string& path : paths) {
    LoadedScenario loaded;
    const std::vector<Problem> problems =
        fccsim::model::LoadScenario(path, &loaded, std::nullopt, overrides);
    if (PrintProblems(problems, strict)) {
      std::cout << path << ": ok";
      if (!problems.empty()) {
        std::cout << " (" << problems.size() << " warning" << (problems.size() == 1 ? "" : "s")
                  << ")";
      }
      std::cout << '\n';
    } else {
      status = kBadInput;
    }
  }
  return status;
}

// The options of `fccsim run`, as given.
struct RunArgs {
  std::string scenario;
  std::string output;
  std::string csv_dir;
  std::map<std::string, std::string> numbers;  // "replications", "threads", "seed"
  std::vector<std::string> overrides;           // --set, in order
  bool strict = false;
  bool resume = false;
};

// Returns kOk or the exit code of a usage error (already reported).
int ParseRunArgs(const std::vector<std::string>& args, RunArgs* run) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.empty() || arg[0] != '-' || arg == "-") {
      if (!run->scenario.empty()) {
        return UsageError(
            "run", "more than one scenario given (\"" + run->scenario + "\" and \"" + arg + "\")");
      }
      run->scenario = arg;
      continue;
    }
    if (arg == "--strict" || arg == "--resume") {
      (arg == "--strict" ? run->strict : run->resume) = true;
      continue;
    }
    std::string name = arg;
    std::string value;
    bool has_value = false;
    if (const std::size_t equals = arg.find('=');
        arg.rfind("--", 0) == 0 && equals != std::string::npos) {
      name = arg.substr(0, equals);
      value = arg.substr(equals + 1);
      has_value = true;
    }
    if (name == "--output") name = "-o";
    if (name != "-o" && name != "--csv" && name != "--replications" && name != "--threads" &&
        name != "--seed" && name != "--set") {
      return UsageError("run", "unknown option " + name);
    }
    if (!has_value) {
      if (i + 1 >= args.size()) return UsageError("run", name + " needs a value");
      value = args[++i];
    }
    if (value.empty()) return UsageError("run", name + " needs a value");
    if (name == "--set") {
      run->overrides.push_back(value);
      continue;
    }
    std::string* slot = name == "-o"      ? &run->output
                        : name == "--csv" ? &run->csv_dir
                                          : &run->numbers[name.substr(2)];
    if (!slot->empty()) return UsageError("run", name + " given twice");
    *slot = value;
  }
  if (run->scenario.empty()) return UsageError("run", "no scenario file given");
  if (run->output.empty()) return UsageError("run", "-o RESULTS.pb is required");
  return kOk;
}

// The files a run writes besides -o: the CSV tables, when asked for.
std::vector<fs::path> CsvOutputs(const RunArgs& run) {
  std::vector<fs::path> paths;
  if (run.csv_dir.empty()) return paths;
  for (const std::string& name : fccsim::model::ResultCsvFileNames()) {
    paths.push_back(fs::path(run.csv_dir) / name);
  }
  return paths;
}

// Refuses, before a possibly long run, destinations that cannot be written.
int CheckDestinations(const RunArgs& run) {
  std::string problem = fccsim::model::OutputFileProblem("-o", run.output);
  if (problem.empty()) {  // where an interrupted run's checkpoint goes
    problem = fccsim::model::OutputFileProblem("-o", run.output + fccsim::model::kCheckpointSuffix);
  }
  if (problem.empty() && !run.csv_dir.empty()) {
    problem = fccsim::model::OutputFolderProblem("--csv", run.csv_dir, "-o", run.output);
  }
  std::vector<std::pair<std::string, fs::path>> outputs = {
      {"-o", run.output}, {"-o", run.output + fccsim::model::kCheckpointSuffix}};
  for (const fs::path& csv : CsvOutputs(run)) outputs.emplace_back("--csv", csv);
  if (problem.empty()) problem = fccsim::model::OutputClash(outputs, {});
  return problem.empty() ? kOk : UsageError("run", problem);
}

// Refuses outputs that would replace a file the scenario was read from.
int CheckInputsKept(const RunArgs& run, const std::vector<std::string>& inputs) {
  std::vector<std::pair<std::string, fs::path>> outputs = {
      {"-o", run.output}, {"-o", run.output + fccsim::model::kCheckpointSuffix}};
  for (const fs::path& csv : CsvOutputs(run)) outputs.emplace_back("--csv", csv);
  const std::string problem = fccsim::model::OutputClash(outputs, inputs);
  return problem.empty() ? kOk : UsageError("run", problem);
}

// The status once the results are written and the summary printed. A reader of stdout gone
// early (`| head`) cut the summary short, which is no failure: the results are whole. Any
// other failure to write it is.
int SummaryStatus(const std::string& output) {
  if (std::cout.good()) return kOk;
  if (errno == EPIPE) return kOk;
  std::cerr << "fccsim: could not print the summary (" << std::generic_category().message(errno)
            << "); the results are in " << output << '\n';
  return kFailure;
}

// An interrupted run's checkpoint goes with its results; a finished run's results replace
// any checkpoint an earlier, interrupted run left.
bool WriteCheckpointIfInterrupted(const fccsim::model::RunOutcome& outcome,
                                  const LoadedScenario& loaded,
                                  const fccsim::model::RunOptions& options, const std::string& path,
                                  fccsim::model::OutputSet* outputs, std::string* error) {
  if (!outcome.Header().interrupted()) {
    outputs->Replaces(path);
    return true;
  }
  std::string state;
  outcome.SaveState(&state);
  return fccsim::model::WriteCheckpoint(
      path, fccsim::model::CheckpointFingerprint(loaded, options.seed, options.replications), state,
      outputs, error);
}

int Run(const std::vector<std::string>& args) {
  if (HasHelp(args)) {
    std::cout << kRunUsage;
    return kOk;
  }
  RunArgs run;
  if (const int status = ParseRunArgs(args, &run); status != kOk) return status;

  // Numbers are checked before the scenario is read, so a typo costs nothing.
  std::uint64_t replications = 0, threads = 0, seed = 0;
  const auto& numbers = run.numbers;
  if (numbers.count("replications") &&
      !ParseUnsigned(numbers.at("replications"), 1, fccsim::model::kMaxReplications,
                     &replications)) {
    return UsageError("run", "--replications must be a whole number from 1 to " +
                                 std::to_string(fccsim::model::kMaxReplications) + " (got \"" +
                                 numbers.at("replications") + "\")");
  }
  if (numbers.count("threads") && !ParseUnsigned(numbers.at("threads"), 0, kMaxThreads, &threads)) {
    return UsageError("run", "--threads must be a whole number from 0 (every core) to " +
                                 std::to_string(kMaxThreads) + " (got \"" + numbers.at("threads") +
                                 "\")");
  }
  if (numbers.count("seed") &&
      !ParseUnsigned(numbers.at("seed"), 0, std::numeric_limits<std::uint64_t>::max(), &seed)) {
    return UsageError("run", "--seed must be a whole number from 0 to 2^64-1 (got \"" +
                                 numbers.at("seed") + "\")");
  }
  // Under mpirun every process reads the scenario; process 0 alone checks the outputs, and
  // all start only if all can (model/cli/process_agreement.h).
  fccsim::sim::ProcessGroup& group = fccsim::sim::ProcessGroup::World();
  const bool first = group.rank() == 0;
  int status = first ? CheckDestinations(run) : kOk;
  std::string problem;
  LoadedScenario loaded;
  const std::optional<std::uint64_t> replications_given =
      numbers.count("replications") ? std::optional(replications) : std::nullopt;
  if (status == kOk) {
    const std::vector<Problem> problems =
        fccsim::model::LoadScenario(run.scenario, &loaded, replications_given, run.overrides);
    if (!PrintProblems(problems, run.strict)) {
      status = kBadInput;
      problem = problems.empty() ? "warnings are errors under --strict" : problems[0].ToString();
    }
  }
  if (status == kOk && first) status = CheckInputsKept(run, loaded.input_files);
  fccsim::model::RunOptions options;
  options.replications = numbers.count("replications") ? static_cast<std::uint32_t>(replications)
                                                       : loaded.scenario.run().replications();
  options.seed = numbers.count("seed") ? seed : loaded.scenario.run().seed();
  options.threads = static_cast<unsigned>(threads);
  const std::string checkpoint = run.output + fccsim::model::kCheckpointSuffix;
  if (status == kOk && first && run.resume) {
    std::string why;
    if (!fccsim::model::ReadCheckpoint(
            checkpoint,
            fccsim::model::CheckpointFingerprint(loaded, options.seed, options.replications),
            &options.resume_from, &why)) {
      status = UsageError("run", "cannot resume " + run.output + ": " + why);
    }
  }
  status = fccsim::model::AgreeToStart(group, status, problem,
                                       group.size() > 1  // digests cost a moment: alone, skip
                                           ? fccsim::model::RunFingerprint(loaded.input_files, args)
                                           : std::string(),
                                       "run", std::cerr);
  if (status != kOk) return status;

  if (const auto failure = fccsim::model::InjectedFailureFromEnvironment();
      failure && !failure->point && !failure->any) {
    options.fail_replication = failure->replication;
  }

  const bool progress = isatty(STDERR_FILENO) != 0;
  const auto started = std::chrono::steady_clock::now();
  if (progress) {
    std::cerr << "fccsim: running " << run.scenario << ": " << options.replications
              << " replication" << (options.replications == 1 ? "" : "s") << ", seed "
              << options.seed << ", "
              << (options.threads == 0 ? std::string("every core")
                                       : std::to_string(options.threads) + " thread" +
                                             (options.threads == 1 ? "" : "s"))
              << " ..." << std::endl;
  }

  // The first Ctrl-C or SIGTERM stops starting replications; those done are written, marked
  // interrupted. A second one exits at once (interrupt.h).
  fccsim::model::StopOnFirstSignal();
  options.stop = [] { return fccsim::model::StopRequested() != 0; };
  std::optional<fccsim::model::RunOutcome> outcome;
  try {
    outcome = fccsim::model::RunScenarioOnGroup(group, loaded, options);
  } catch (const fccsim::sim::ReplicationError& e) {
    std::cerr << "fccsim: replication " << e.replication() << " failed (seed " << options.seed
              << "): " << e.what() << '\n';
    return kFailure;
  } catch (const std::invalid_argument& e) {  // a checkpoint that read well but does not fit
    return UsageError("run", "cannot resume " + run.output + ": " + e.what());
  }
  if (!first) return kOk;  // process 0 writes the results
  const std::uint32_t done = outcome->Header().replications();
  if (done == 0) {
    std::cerr << "fccsim: stopped by a signal before any replication was done; nothing "
                 "written\n";
    return 128 + fccsim::model::StopRequested();
  }

  // The results and the CSV tables are renamed into place together: a run that fails or is
  // interrupted while writing them leaves every one of them as it was.
  std::string error;
  fccsim::model::OutputSet outputs;
  if (!fccsim::model::WriteResults(*outcome, run.output, &error,
                                   fccsim::model::kDefaultResultBufferBytes, options.threads,
                                   &outputs) ||
      (!run.csv_dir.empty() &&
       !fccsim::model::WriteResultCsvs(*outcome, run.csv_dir, &error, &outputs)) ||
      !WriteCheckpointIfInterrupted(*outcome, loaded, options, checkpoint, &outputs, &error) ||
      !outputs.Commit(&error)) {
    std::cerr << "fccsim: " << error << '\n';
    return kFailure;
  }
  if (progress) {
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.1f", took.count());
    std::cerr << "fccsim: done in " << seconds << " s; results in " << run.output
              << (run.csv_dir.empty() ? "" : ", CSV files in " + run.csv_dir) << '\n';
  }
  std::cout << fccsim::model::FormatSummaryTable(
                   fccsim::model::BuildRunResult(*outcome, /*with_intervals=*/false))
            << std::flush;
  if (const int signal = fccsim::model::StopRequested(); signal != 0) {
    if (outcome->Header().interrupted()) {
      std::cerr << "fccsim: stopped by a signal: the results in " << run.output << " are of "
                << done << " of " << options.replications
                << " replications (marked interrupted); the same command with --resume "
                   "finishes the run\n";
    }
    return 128 + signal;
  }
  return SummaryStatus(run.output);
}

int Dispatch(const std::vector<std::string>& args) {
  if (args.empty()) return UsageError("", "no command given");
  const std::string& command = args[0];
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (IsHelp(command)) {
    std::cout << kUsage;
    return kOk;
  }
  if (command == "help") {  // `fccsim help run` reads like `fccsim run --help`
    if (rest.empty()) return Dispatch({"--help"});
    return Dispatch({rest[0], "--help"});
  }
  // Under mpirun, `run`, `sweep`, `plan` and `compare` share their work; any other command is
  // the first process's alone.
  if (fccsim::sim::ProcessGroup::World().rank() != 0 && command != "run" && command != "sweep" &&
      command != "plan" && command != "compare") {
    return kOk;
  }
  if (command == "run") return Run(rest);
  if (command == "validate") return Validate(rest);
  if (command == "erlang") return fccsim::model::RunErlangCommand(rest, std::cout, std::cerr);
  if (command == "plan") return fccsim::model::RunPlanCommand(rest, std::cout, std::cerr);
  if (command == "sweep") return fccsim::model::RunSweepCommand(rest, std::cout, std::cerr);
  if (command == "compare") return fccsim::model::RunCompareCommand(rest, std::cout, std::cerr);
  return UsageError("", "unknown command \"" + command + "\"");
}

// A stream buffer that takes everything and keeps nothing.
class NullBuffer : public std::streambuf {
 protected:
  int overflow(int c) override { return traits_type::not_eof(c); }
  std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};

}  // namespace

int main(int argc, char** argv) {
  // Memory freed by one replication is wanted again by the next, on the same or another
  // thread: keep it in the process rather than hand it back to the system and take fresh,
  // zeroed pages again (about 12 us a page on a virtual machine). Allocations up to 32 MiB come
  // from the heap so that they are reused too.
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  fccsim::model::ExitCleanlyOnSignals();
  // After the signal mask is set, which MPI's own threads then inherit.
  try {
    fccsim::sim::ProcessGroup::Join(&argc, &argv);
  } catch (const std::exception& e) {  // every process says so: none has joined a group
    std::fprintf(stderr, "fccsim: %s\n", e.what());
    return kFailure;
  }
  // Under mpirun, the first process alone prints: the others' problems reach it, and a
  // summary or a problem printed by every process would be printed K times.
  if (fccsim::sim::ProcessGroup::World().rank() != 0) {
    // Never destroyed: the streams are flushed at exit, after every static is gone.
    static NullBuffer* const null = new NullBuffer;
    std::cout.rdbuf(null);
    std::cerr.rdbuf(null);
  }
  try {
    return Dispatch(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fccsim: %s\n", e.what());
    // The other processes of an mpirun may be waiting on this one: end them all.
    if (fccsim::sim::ProcessGroup::World().size() > 1) fccsim::sim::ProcessGroup::World().Abort(1);
    return kFailure;
  }
}
