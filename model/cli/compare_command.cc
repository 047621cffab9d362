#include "model/cli/compare_command.h"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <utility>

#include "model/cli/output_paths.h"
#include "model/cli/process_agreement.h"
#include "model/cli/test_hooks.h"
#include "model/compare/compare_output.h"
#include "model/compare/compare_run.h"
#include "model/scenario/parse_number.h"
#include "model/scenario/scenario_loader.h"
#include "model/scenario/workload.h"
#include "sim/process_group.h"
#include "sim/replication_runner.h"

namespace fccsim::model {
namespace {

constexpr char kUsage[] =
    "usage: fccsim compare BASE [--set PATH=VALUE]... -o COMPARISON.pb\n"
    "                      [VARIANT [--set PATH=VALUE]...]...\n"
    "                      [--variant LABEL [--set PATH=VALUE]...]...\n"
    "                      [--replications N] [--seed S] [--threads T] [--csv DIR] [--strict]\n"
    "\n"
    "Runs the scenario BASE and each variant on common random numbers: replication r of\n"
    "every one sees the same callers (arrival times, patience, talk times, absences), so a\n"
    "difference is the change's and not chance's. Prints, per variant, each channel's and\n"
    "group's measures over the horizon, base against variant, the difference with its paired\n"
    "95% interval, and whether it is significant (the interval excludes zero); writes them,\n"
    "per interval too, to COMPARISON.pb (model/proto/compare.proto). Definitions:\n"
    "docs/model.md, \"Comparisons\".\n"
    "  VARIANT             a scenario file to compare with BASE; --set options after it,\n"
    "                      up to the next variant, change it alone\n"
    "  --variant LABEL     a variant that is BASE with the --set options after it, up to the\n"
    "                      next --variant, e.g. --variant 'two more late' --set\n"
    "                      'roster.shifts[name=\"999 late 1\"].headcount=7'\n"
    "  --set PATH=VALUE    before any variant: a change to BASE and every variant (as\n"
    "                      fccsim run --set); after one: a change of that variant only\n"
    "  -o, --output FILE   where to write the comparison; required; whole or untouched\n"
    "  --replications N    replications of each scenario, N >= 2 for intervals (default:\n"
    "                      BASE's run.replications)\n"
    "  --seed S            the random seed of every scenario (default: BASE's run.seed)\n"
    "  --threads T         worker threads, 0 = every core (default 0); same bytes whatever T\n"
    "  --csv DIR           also write comparison.csv and comparison_intervals.csv into DIR\n"
    "  --strict            refuse a scenario with warnings\n"
    "Channels and groups are paired by name; the scenarios must report the same days of the\n"
    "same intervals. Every scenario runs with BASE's seed and replications, whatever its own\n"
    "file says.\n"
    "Under mpirun (mpirun -n K fccsim compare ...), the replications are spread over the K\n"
    "processes, T threads each, and the files hold the same bytes (docs/model.md, \"Across\n"
    "processes and machines\").\n"
    "Exit status: 0 ok; 2 bad input (every problem listed, nothing written); 1 a replication\n"
    "or a write failed; 130 or 143 interrupted, FILE whole or untouched.\n";

// Bytes per interval row (a channel or group in one interval) and variant, for the size
// check: the paired accumulators of a channel's seven measures (16 doubles each), and the
// row three times over (in the message, serialised, and in the CSV table: about 400 bytes
// each), all in memory at once before the files are written.
constexpr double kBytesPerComparedRow = 7 * 16 * 8 + 3 * 400;

struct Variant {
  std::string label;
  std::string path;                    // empty: BASE with `overrides`
  std::vector<std::string> overrides;  // its own, after the common ones
};

struct CompareArgs {
  std::string base, output, csv_dir;
  std::map<std::string, std::string> numbers;  // "replications", "seed", "threads"
  std::vector<std::string> common;             // --set before any --variant
  std::vector<Variant> variants;
  bool strict = false;
};

std::string Parse(const std::vector<std::string>& args, CompareArgs* c) {
  // The variant (a file, or --variant) the --set options belong to, once one is given.
  std::optional<std::size_t> open;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.empty() || arg[0] != '-' || arg == "-") {
      if (c->base.empty()) {
        c->base = arg;
      } else {
        open = c->variants.size();
        c->variants.push_back({std::filesystem::path(arg).stem().string(), arg, {}});
      }
      continue;
    }
    if (arg == "--strict") {
      c->strict = true;
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
    if (name != "-o" && name != "--csv" && name != "--replications" && name != "--seed" &&
        name != "--threads" && name != "--set" && name != "--variant") {
      return "unknown option " + name;
    }
    if (!has_value) {
      if (i + 1 >= args.size()) return name + " needs a value";
      value = args[++i];
    }
    if (value.empty()) return name + " needs a value";
    if (name == "--set") {
      (open ? c->variants[*open].overrides : c->common).push_back(value);
    } else if (name == "--variant") {
      open = c->variants.size();
      c->variants.push_back({value, "", {}});
    } else {
      std::string* slot = name == "-o"      ? &c->output
                          : name == "--csv" ? &c->csv_dir
                                            : &c->numbers[name.substr(2)];
      if (!slot->empty()) return name + " given twice";
      *slot = value;
    }
  }
  if (c->base.empty()) return "no scenario file given";
  if (c->variants.empty()) {
    return "nothing to compare: give a VARIANT file or --variant LABEL with --set options";
  }
  std::set<std::string> labels = {std::filesystem::path(c->base).stem().string()};
  for (Variant& v : c->variants) {
    if (v.path.empty() && v.overrides.empty()) {
      return "--variant \"" + v.label + "\" has no --set after it: it would be the base";
    }
    // A file's label is its name; a clash (two files of one name) takes the path instead.
    if (!v.path.empty() && labels.count(v.label)) v.label = v.path;
    if (!labels.insert(v.label).second) return "two variants are labelled \"" + v.label + "\"";
  }
  if (c->output.empty()) return "-o COMPARISON.pb is required";
  return "";
}

std::string NumberProblem(const CompareArgs& c, CompareOptions* options,
                          std::optional<std::uint64_t>* replications,
                          std::optional<std::uint64_t>* seed) {
  const auto number = [&c](const char* name, std::uint64_t min, std::uint64_t max,
                           std::optional<std::uint64_t>* value) {
    const auto it = c.numbers.find(name);
    if (it == c.numbers.end()) return std::string();
    const std::optional<std::uint64_t> n = ParseWhole<std::uint64_t>(it->second);
    if (!n || *n < min || *n > max) {
      return "--" + std::string(name) + " must be a whole number from " + std::to_string(min) +
             " to " + std::to_string(max) + " (got \"" + it->second + "\")";
    }
    *value = *n;
    return std::string();
  };
  std::optional<std::uint64_t> threads;
  for (const std::string& p :
       {number("replications", 1, kMaxReplications, replications),
        number("seed", 0, UINT64_MAX, seed), number("threads", 0, 4096, &threads)}) {
    if (!p.empty()) return p;
  }
  if (threads) options->threads = static_cast<unsigned>(*threads);
  return "";
}

// Loads the base and every variant, reporting every problem of every one to `err`; false if
// any is an error (or, under --strict, a warning).
bool LoadCompared(const CompareArgs& c, std::optional<std::uint64_t> replications,
                  std::ostream& err, LoadedScenario* base, std::vector<LoadedScenario>* loaded) {
  const auto load = [&](const std::string& path, const std::vector<std::string>& own,
                        LoadedScenario* into) {
    std::vector<std::string> overrides = c.common;
    overrides.insert(overrides.end(), own.begin(), own.end());
    const std::vector<Problem> problems = LoadScenario(path, into, replications, overrides);
    for (const Problem& p : problems) err << p.ToString() << '\n';
    return !HasErrors(problems) && !(c.strict && !problems.empty());
  };
  bool ok = load(c.base, {}, base);
  loaded->resize(c.variants.size());
  for (std::size_t v = 0; v < c.variants.size(); ++v) {
    const Variant& variant = c.variants[v];
    ok = load(variant.path.empty() ? c.base : variant.path, variant.overrides, &(*loaded)[v]) && ok;
  }
  return ok;
}

// Every file the comparison reads.
std::vector<std::string> Inputs(const LoadedScenario& base,
                                const std::vector<LoadedScenario>& loaded) {
  std::vector<std::string> inputs = base.input_files;
  for (const LoadedScenario& l : loaded) {
    inputs.insert(inputs.end(), l.input_files.begin(), l.input_files.end());
  }
  return inputs;
}

std::vector<ComparedInput> VariantInputs(const CompareArgs& c,
                                         const std::vector<LoadedScenario>& loaded) {
  std::vector<ComparedInput> inputs;
  for (std::size_t v = 0; v < c.variants.size(); ++v) {
    inputs.push_back({c.variants[v].label, &loaded[v]});
  }
  return inputs;
}

// A process of an mpirun other than the first: once the first has checked everything, it
// checks that it runs the same build on the same files, then takes replications until the
// comparison is done. Everything it would print, the first prints.
int ServeCompare(sim::ProcessGroup& group, const std::vector<std::string>& args,
                 std::ostream& err) {
  const std::optional<std::string> word = StartGate::Wait(group);
  if (!word) return 0;  // the first process said why
  CompareOptions options;
  std::istringstream in(*word);
  in >> options.replications >> options.seed >> options.threads;
  options.fail_replication = InjectedReplicationFailures();
  CompareArgs c;
  Parse(args, &c);  // as the first process did, without a problem
  CompareOptions unused;
  std::optional<std::uint64_t> replications, seed;
  NumberProblem(c, &unused, &replications, &seed);
  LoadedScenario base;
  std::vector<LoadedScenario> loaded;
  const int status = LoadCompared(c, replications, err, &base, &loaded) ? 0 : 2;
  if (AgreeToStart(group, status, status == 0 ? "" : "a scenario does not load",
                   RunFingerprint(Inputs(base, loaded), args), "compare", err) != 0) {
    return 0;  // the first process says why, and ends with the status
  }
  RunComparison(group, {std::filesystem::path(c.base).stem().string(), &base},
                VariantInputs(c, loaded), options);
  return 0;
}

}  // namespace

int RunCompareCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  // Under mpirun, process 0 checks everything and writes; the others wait for its word, then
  // take replications (model/cli/process_agreement.h).
  sim::ProcessGroup& group = sim::ProcessGroup::World();
  if (group.rank() != 0) return ServeCompare(group, args, err);
  StartGate gate(group);
  for (const std::string& arg : args) {
    if (arg == "--help" || arg == "-h") {
      out << kUsage;
      return 0;
    }
  }
  const auto usage_error = [&err](const std::string& message) {
    err << "fccsim compare: " << message << "\n(see fccsim compare --help)\n";
    return 2;
  };
  CompareArgs c;
  if (const std::string problem = Parse(args, &c); !problem.empty()) return usage_error(problem);
  CompareOptions options;
  std::optional<std::uint64_t> replications, seed;
  if (const std::string p = NumberProblem(c, &options, &replications, &seed); !p.empty()) {
    return usage_error(p);
  }
  std::string problem = OutputFileProblem("-o", c.output);
  if (problem.empty() && !c.csv_dir.empty()) {
    problem = OutputFolderProblem("--csv", c.csv_dir, "-o", c.output);
  }
  std::vector<std::pair<std::string, std::filesystem::path>> outputs = {{"-o", c.output}};
  if (!c.csv_dir.empty()) {
    for (const std::string& name : ComparisonCsvFileNames()) {
      outputs.emplace_back("--csv", std::filesystem::path(c.csv_dir) / name);
    }
  }
  if (problem.empty()) problem = OutputClash(outputs, {});
  if (!problem.empty()) return usage_error(problem);

  // Every scenario is loaded and checked, and every problem of every one reported, before
  // anything runs.
  LoadedScenario base;
  std::vector<LoadedScenario> loaded;
  if (!LoadCompared(c, replications, err, &base, &loaded)) {
    if (c.strict) err << "fccsim: warnings are errors under --strict\n";
    return 2;
  }
  const std::vector<std::string> inputs = Inputs(base, loaded);
  if (problem = OutputClash(outputs, inputs); !problem.empty()) return usage_error(problem);

  const ComparedInput base_input{std::filesystem::path(c.base).stem().string(), &base};
  const std::vector<ComparedInput> variant_inputs = VariantInputs(c, loaded);
  if (problem = ComparisonProblem(base_input, variant_inputs); !problem.empty()) {
    err << "fccsim compare: " << problem << '\n';
    return 2;
  }
  options.replications =
      replications ? static_cast<std::uint32_t>(*replications) : base.scenario.run().replications();
  options.seed = seed ? *seed : base.scenario.run().seed();
  const WorkEstimate work = EstimateWork(base);
  if (work.interval_rows * kBytesPerComparedRow * static_cast<double>(c.variants.size()) >
      kMaxResultBytes) {
    err << "fccsim compare: " << c.base << ": " << work.interval_rows
        << " interval rows (days x intervals x channels and groups) for each of "
        << c.variants.size() << " variants would take a comparison of over "
        << static_cast<int>(kMaxResultBytes / (1 << 20))
        << " MiB; compare fewer variants at once, or over a shorter horizon\n";
    return 2;
  }

  options.fail_replication = InjectedReplicationFailures();
  // Every process must run this same build on the same files, with these settings.
  gate.Open(std::to_string(options.replications) + ' ' + std::to_string(options.seed) + ' ' +
            std::to_string(options.threads));
  if (const int status = AgreeToStart(
          group, 0, "", group.size() > 1 ? RunFingerprint(inputs, args) : "", "compare", err);
      status != 0) {
    return status;
  }

  const bool progress = isatty(STDERR_FILENO) != 0;
  const auto started = std::chrono::steady_clock::now();
  if (progress) {
    err << "fccsim compare: " << 1 + c.variants.size() << " scenarios x " << options.replications
        << " replications, seed " << options.seed << " ..." << std::endl;
  }
  fccsim::ComparisonResult result;
  try {
    result = *RunComparison(group, base_input, variant_inputs, options);
  } catch (const sim::ReplicationError& e) {
    err << "fccsim compare: replication " << e.replication() << " failed (seed " << options.seed
        << "): " << e.cause() << '\n';
    return 1;
  }
  OutputSet files;
  std::string error;
  if (!WriteComparison(result, c.output, c.csv_dir, &files, &error) || !files.Commit(&error)) {
    err << "fccsim compare: " << error << '\n';
    return 1;
  }
  if (progress) {
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    err << "fccsim compare: done in " << took.count() << " s; comparison in " << c.output << '\n';
  }
  out << FormatComparisonSummary(result) << std::flush;
  if (!out.good() && errno != EPIPE) {
    err << "fccsim compare: could not print the summary; the comparison is in " << c.output << '\n';
    return 1;
  }
  return 0;
}

}  // namespace fccsim::model
