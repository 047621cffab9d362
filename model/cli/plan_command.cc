#include "model/cli/plan_command.h"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <optional>
#include <sstream>

#include "model/cli/output_paths.h"
#include "model/cli/process_agreement.h"
#include "model/cli/test_hooks.h"
#include "model/plan/plan_on_group.h"
#include "model/plan/plan_output.h"
#include "model/plan/requirements.h"
#include "model/plan/roster_writer.h"
#include "model/scenario/model_spec.h"
#include "model/scenario/parse_number.h"
#include "model/scenario/planning_validator.h"
#include "model/scenario/scenario_loader.h"
#include "model/scenario/workload.h"
#include "sim/process_group.h"
#include "sim/replication_runner.h"

namespace fccsim::model {
namespace {

// Each simulation of the search runs this many replications at most: a search runs tens.
constexpr std::uint64_t kMaxPlanReplications = 1000;

constexpr char kUsage[] =
    "usage: fccsim plan SCENARIO -o PLAN.pb [--csv DIR] [--max-occupancy M] [--strict]\n"
    "                   [--simulate [--replications N] [--seed S] [--threads T]\n"
    "                               [--confidence C]]\n"
    "                   [--roster DIR] [--time-limit-s T] [--gap G] [--max-solves N]\n"
    "                   [--set PATH=VALUE]...\n"
    "\n"
    "The staffing the scenario's demand needs, per channel and interval, by the analytic\n"
    "staffing of each interval taken as a queue in steady state with its expected demand\n"
    "(Erlang C; Erlang A for a channel with a patience; chats on sessions), each channel's\n"
    "target met; per group, its share of its channels' needs, on duty and rostered (grossed\n"
    "up for the roster's shrinkage and its shifts' breaks), against what the scenario's\n"
    "roster puts on duty. Definitions: docs/model.md, \"Staffing requirements\".\n"
    "  -o, --output FILE   where to write the plan (PlanResult protobuf, model/proto/plan.proto);\n"
    "                      required; whole or untouched\n"
    "  --csv DIR           also write plan_channels.csv and plan_groups.csv into DIR (and,\n"
    "                      with shift patterns, plan_shifts.csv); a file of these names\n"
    "                      (or --roster's) an earlier plan left there and this one does\n"
    "                      not write is removed, so that the folder holds one plan\n"
    "  --max-occupancy M   at most the share M (in (0, 1]) of agents' time busy (default 1)\n"
    "  --strict            refuse the scenario if it has warnings\n"
    "  --set PATH=VALUE    change one field of SCENARIO for this plan, as fccsim run --set\n"
    "                      (repeatable; docs/model.md, \"Overrides\")\n"
    "  --simulate          also staff by simulation: from the analytic requirement, raise\n"
    "                      and lower the handlers on duty per group and interval, simulating\n"
    "                      the whole centre on common random numbers, until every channel\n"
    "                      meets its target in every interval (docs/model.md, \"Staffing by\n"
    "                      simulation\"); and simulate the analytic staffing, to show where\n"
    "                      Erlang is wrong\n"
    "  --replications N    replications per simulation (default 10)\n"
    "  --seed S            the random seed (default: the scenario's run.seed)\n"
    "  --threads T         worker threads, 0 = every core (default 0); same plan whatever T\n"
    "  --confidence C      an interval meets its target when the one-sided bound at\n"
    "                      confidence C across the replications does (service level's lower\n"
    "                      bound, ASA's upper bound; C from 0.5 to below 1, e.g. 0.9); default\n"
    "                      0.5, by the estimate alone. Needs --replications of at least 2\n"
    "  --roster DIR        also write the staffing found as a scenario ready to run in DIR:\n"
    "                      with shift patterns, planned.textproto with the planned shifts\n"
    "                      (and with --simulate topped_up.textproto, the roster topped up);\n"
    "                      else (with --simulate) planned.textproto and\n"
    "                      planned_headcount.csv, the staffing by simulation on duty (nobody\n"
    "                      absent). fccsim run on it with the same seed and replications\n"
    "                      reproduces the plan's simulated figures\n"
    "\n"
    "With shift patterns in the scenario (planning; docs/model.md, \"Shift scheduling\"), the\n"
    "plan also chooses the least-cost roster of them covering each planned group's need\n"
    "(the staffing by simulation with --simulate, else the analytic one, grossed up for\n"
    "shrinkage), an integer programme solved by COIN-OR CBC; with --simulate it simulates\n"
    "that roster and, where a channel misses its target, raises the need and solves again;\n"
    "and, to compare, tops up the scenario's own shifts the same way (each keeps its\n"
    "handlers; the fewest paid hours added).\n"
    "  --time-limit-s T    each group's solve stops after T seconds with its best roster, not\n"
    "                      proven optimal (default 60; the plan then may depend on the machine)\n"
    "  --gap G             each group's solve stops once its roster costs at most the share G\n"
    "                      more than the least possible (default 0.0001)\n"
    "  --max-solves N      with --simulate, at most N solves to verify the roster (default\n"
    "                      30, from 1 to 100); one still missing a target then is reported\n"
    "                      as not verified\n"
    "Under mpirun (mpirun -n K fccsim plan --simulate ...), each simulation's replications are\n"
    "spread over the K processes, T threads each; process 0 solves and writes the same plan\n"
    "(docs/model.md, \"Across processes and machines\").\n"
    "Exit status: 0 ok; 2 bad input (every problem listed, nothing written); 1 a write or a\n"
    "simulation's replication failed (nothing written).\n";

struct PlanArgs {
  std::string scenario, output, csv_dir, max_occupancy, replications, seed, threads, roster,
      time_limit, gap, confidence, max_solves;
  std::vector<std::string> overrides;  // --set, in order
  bool strict = false;
  bool simulate = false;
};

// "" when the arguments are good, else the problem.
std::string Parse(const std::vector<std::string>& args, PlanArgs* plan) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.empty() || arg[0] != '-' || arg == "-") {
      if (!plan->scenario.empty()) return "more than one scenario given";
      plan->scenario = arg;
      continue;
    }
    if (arg == "--strict" || arg == "--simulate") {
      (arg == "--strict" ? plan->strict : plan->simulate) = true;
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
    std::string* slot = name == "-o"                ? &plan->output
                        : name == "--csv"           ? &plan->csv_dir
                        : name == "--max-occupancy" ? &plan->max_occupancy
                        : name == "--replications"  ? &plan->replications
                        : name == "--seed"          ? &plan->seed
                        : name == "--threads"       ? &plan->threads
                        : name == "--roster"        ? &plan->roster
                        : name == "--time-limit-s"  ? &plan->time_limit
                        : name == "--max-solves"    ? &plan->max_solves
                        : name == "--gap"           ? &plan->gap
                        : name == "--confidence"    ? &plan->confidence
                                                    : nullptr;
    if (slot == nullptr && name != "--set") return "unknown option " + name;
    if (!has_value) {
      if (i + 1 >= args.size()) return name + " needs a value";
      value = args[++i];
    }
    if (value.empty()) return name + " needs a value";
    if (slot == nullptr) {  // --set, repeatable
      plan->overrides.push_back(value);
      continue;
    }
    if (!slot->empty()) return name + " given twice";
    *slot = value;
  }
  if (!plan->simulate && !(plan->replications + plan->seed + plan->threads + plan->confidence +
                           plan->max_solves)
                              .empty()) {
    return "--replications, --seed, --threads, --confidence and --max-solves apply to "
           "--simulate";
  }
  if (plan->scenario.empty()) return "no scenario file given";
  if (plan->output.empty()) return "-o PLAN.pb is required";
  return "";
}

// A process of an mpirun other than the first: once the first has checked everything and
// starts simulating, it checks that it runs the same build on the same files, then takes
// replications of each simulation the first asks for, until the plan is over.
int ServePlan(sim::ProcessGroup& group, const std::vector<std::string>& args, std::ostream& err) {
  const std::optional<std::string> word = StartGate::Wait(group);
  if (!word) return 0;  // the first process plans alone, or stopped and said why
  std::istringstream in(*word);
  SimulatedStaffingOptions simulation;
  in >> simulation.replications >> simulation.seed >> simulation.threads;
  simulation.fail_replication = InjectedReplicationFailures();
  PlanArgs plan_args;
  Parse(args, &plan_args);  // as the first process did, without a problem
  LoadedScenario loaded;
  const std::vector<Problem> problems =
      LoadScenario(plan_args.scenario, &loaded, std::nullopt, plan_args.overrides);
  const int status = HasErrors(problems) ? 2 : 0;
  if (AgreeToStart(group, status, status == 0 ? "" : problems.front().ToString(),
                   RunFingerprint(loaded.input_files, args), "plan", err) != 0) {
    return 0;  // the first process says why, and ends with the status
  }
  ServePlanSimulations(group, loaded, simulation);
  return 0;
}

}  // namespace

int RunPlanCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  // Under mpirun, process 0 plans and writes; with --simulate, the others take replications
  // of its simulations (model/plan/plan_on_group.h).
  sim::ProcessGroup& group = sim::ProcessGroup::World();
  if (group.rank() != 0) return ServePlan(group, args, err);
  StartGate gate(group);
  for (const std::string& arg : args) {
    if (arg == "--help" || arg == "-h") {
      out << kUsage;
      return 0;
    }
  }
  const auto usage_error = [&err](const std::string& message) {
    err << "fccsim plan: " << message << "\n(see fccsim plan --help)\n";
    return 2;
  };
  PlanArgs plan_args;
  const std::string parse_problem = Parse(args, &plan_args);
  // Only the simulations are shared: without them the other processes have nothing to wait for.
  if (!plan_args.simulate) gate.Close();
  if (!parse_problem.empty()) return usage_error(parse_problem);
  // A number option: unset leaves *value; else it must parse whole and pass `ok`, or the
  // problem is `rule`.
  const auto real = [](const std::string& text, const char* flag, const char* rule,
                       bool (*ok)(double), double* value) {
    if (text.empty()) return std::string();
    const std::optional<double> x = ParseWhole<double>(text);
    if (!x || !ok(*x)) return std::string(flag) + " must be " + rule + " (got \"" + text + "\")";
    *value = *x;
    return std::string();
  };
  PlanOptions options;
  ShiftPlanOptions shifts;
  for (const std::string& problem : {
           real(plan_args.max_occupancy, "--max-occupancy",
                "a fraction above 0 and at most 1, e.g. 0.85",
                [](double m) { return m > 0 && m <= 1; }, &options.max_occupancy),
           real(plan_args.time_limit, "--time-limit-s",
                "a number of seconds above 0 and at most 86400",
                [](double t) { return t > 0 && t <= 86400; }, &shifts.solve.time_limit_s),
           real(plan_args.gap, "--gap", "a fraction from 0 to below 1, e.g. 0.01",
                [](double g) { return g >= 0 && g < 1; }, &shifts.solve.relative_gap)}) {
    if (!problem.empty()) return usage_error(problem);
  }
  SimulatedStaffingOptions simulation;
  if (const std::string p = real(plan_args.confidence, "--confidence",
                                 "a probability from 0.5 to below 1, e.g. 0.9",
                                 [](double c) { return c >= 0.5 && c < 1; },
                                 &simulation.confidence);
      !p.empty()) {
    return usage_error(p);
  }
  const auto number = [&](const std::string& text, const char* flag, std::uint64_t min,
                          std::uint64_t max, std::uint64_t* value) {
    const std::optional<std::uint64_t> n = ParseWhole<std::uint64_t>(text);
    if (!n || *n < min || *n > max) {
      return std::string(flag) + " must be a whole number from " + std::to_string(min) +
             " to " + std::to_string(max) + " (got \"" + text + "\")";
    }
    *value = *n;
    return std::string();
  };
  std::uint64_t value = 0;
  if (!plan_args.replications.empty()) {
    if (auto p = number(plan_args.replications, "--replications", 1, kMaxPlanReplications, &value);
        !p.empty()) {
      return usage_error(p);
    }
    simulation.replications = static_cast<std::uint32_t>(value);
  }
  if (!plan_args.max_solves.empty()) {
    if (auto p = number(plan_args.max_solves, "--max-solves", 1, 100, &value); !p.empty()) {
      return usage_error(p);
    }
    shifts.max_solves = static_cast<int>(value);
  }
  if (simulation.confidence > 0.5 && simulation.replications < 2) {
    return usage_error("--confidence above 0.5 needs --replications of at least 2: one "
                       "replication has no spread to bound");
  }
  if (!plan_args.threads.empty()) {
    if (auto p = number(plan_args.threads, "--threads", 0, 4096, &value); !p.empty()) {
      return usage_error(p);
    }
    simulation.threads = static_cast<unsigned>(value);
  }
  std::optional<std::uint64_t> seed;
  if (!plan_args.seed.empty()) {
    if (auto p = number(plan_args.seed, "--seed", 0, UINT64_MAX, &value); !p.empty()) {
      return usage_error(p);
    }
    seed = value;
  }
  std::string problem = OutputFileProblem("-o", plan_args.output);
  if (problem.empty() && !plan_args.csv_dir.empty()) {
    problem = OutputFolderProblem("--csv", plan_args.csv_dir, "-o", plan_args.output);
  }
  std::vector<std::pair<std::string, std::filesystem::path>> outputs = {{"-o", plan_args.output}};
  if (!plan_args.csv_dir.empty()) {
    for (const std::string& name : PlanCsvFileNames()) {
      outputs.emplace_back("--csv", std::filesystem::path(plan_args.csv_dir) / name);
    }
  }
  if (!plan_args.roster.empty()) {
    if (problem.empty()) {
      problem = OutputFolderProblem("--roster", plan_args.roster, "-o", plan_args.output);
    }
    for (const std::string& name : PlannedScenarioFileNames()) {
      outputs.emplace_back("--roster", std::filesystem::path(plan_args.roster) / name);
    }
  }
  if (problem.empty()) problem = OutputClash(outputs, {});
  if (!problem.empty()) return usage_error(problem);

  LoadedScenario loaded;
  const std::vector<Problem> problems =
      LoadScenario(plan_args.scenario, &loaded, std::nullopt, plan_args.overrides);
  for (const Problem& p : problems) err << p.ToString() << '\n';
  if (HasErrors(problems)) return 2;
  if (plan_args.strict && !problems.empty()) {
    err << "fccsim: warnings are errors under --strict\n";
    return 2;
  }
  if (problem = OutputClash(outputs, loaded.input_files); !problem.empty()) {
    return usage_error(problem);
  }
  const bool has_patterns = loaded.scenario.planning().patterns_size() > 0;
  if (!has_patterns && !(plan_args.time_limit + plan_args.gap + plan_args.max_solves).empty()) {
    return usage_error("--time-limit-s, --gap and --max-solves apply to a scenario with shift "
                       "patterns (planning)");
  }
  if (!has_patterns && !plan_args.simulate && !plan_args.roster.empty()) {
    return usage_error("--roster needs --simulate, or shift patterns in the scenario (planning)");
  }
  if (has_patterns) {
    if (const std::string too_big = ProgrammeSizeProblem(loaded.scenario); !too_big.empty()) {
      err << "fccsim plan: " << plan_args.scenario << ": " << too_big << '\n';
      return 2;
    }
  }
  const ModelSpec spec = CompileScenario(loaded);
  if (has_patterns) {
    if (isatty(STDERR_FILENO) != 0) {
      shifts.progress = [&err](const std::string& what, int n, const std::string& status,
                               double cost, std::optional<int> misses) {
        err << "fccsim plan: " << what << " " << n << ": " << status << ", cost " << cost;
        if (misses) err << "; simulated: " << *misses << " channel-intervals missing";
        err << '\n';
      };
    }
    options.shifts = shifts;
  }
  const auto started = std::chrono::steady_clock::now();
  if (plan_args.simulate) {
    simulation.seed = seed ? *seed : loaded.scenario.run().seed();
    simulation.fail_replication = InjectedReplicationFailures();
    if (isatty(STDERR_FILENO) != 0) {  // progress for a person watching, not for a pipe
      simulation.progress = [&err](int n, int handler_intervals, int misses) {
        err << "fccsim plan: simulation " << n << ": " << handler_intervals
            << " handler-intervals on duty, " << misses << " channel-intervals missing\n";
      };
    }
    options.simulation = simulation;
    // The search simulates the horizon up to max_rounds times: bounded as one run of that
    // many replications would be.
    if (const auto too_much = RunSizeProblem(
            EstimateWork(loaded),
            static_cast<std::uint64_t>(simulation.replications) * simulation.max_rounds)) {
      err << "fccsim plan: " << plan_args.scenario << ": --simulate runs up to "
          << simulation.max_rounds << " simulations of " << simulation.replications
          << " replications: " << *too_much << '\n';
      return 2;
    }
  }
  // Declared before the gate opens: however the plan ends, the others hear that it is over.
  std::optional<GroupPlanSimulator> on_group;
  if (plan_args.simulate && group.size() > 1) {
    gate.Open(std::to_string(simulation.replications) + ' ' + std::to_string(simulation.seed) +
              ' ' + std::to_string(simulation.threads));
    if (const int status =
            AgreeToStart(group, 0, "", RunFingerprint(loaded.input_files, args), "plan", err);
        status != 0) {
      return status;
    }
    on_group.emplace(group);
    options.simulation->simulator = &*on_group;
  }
  fccsim::PlanResult plan;
  std::string error;
  try {
    if (!PlanRequirements(loaded, spec, options, &plan, &error)) {
      err << "fccsim plan: " << plan_args.scenario << ": " << error << '\n';
      return 2;
    }
  } catch (const sim::ReplicationError& e) {
    err << "fccsim plan: replication " << e.replication() << " of a simulation failed (seed "
        << options.simulation->seed << "): " << e.cause() << "; nothing written\n";
    return 1;
  }
  // The plan, its tables and the planned scenario are renamed into place together.
  OutputSet files;
  // A table or scenario an earlier plan wrote into these folders, that this one does not
  // (no shift patterns, no --simulate), goes: the folders hold this plan alone.
  for (const auto& [flag, path] : outputs) {
    if (flag != "-o") files.Replaces(path.string());
  }
  bool written = WritePlan(plan, plan_args.output, plan_args.csv_dir, &files, &error);
  if (written && !plan_args.roster.empty() && plan.has_shifts()) {
    std::vector<fccsim::Shift> planned;
    for (const fccsim::PlannedShift& p : plan.shifts().planned()) planned.push_back(p.shift());
    written = WritePlannedShiftScenario(loaded, WithPlannedShifts(loaded.scenario, planned),
                                        plan_args.roster, &files, &error);
    if (written && plan.shifts().topped_up().shifts_size() > 0) {
      std::vector<fccsim::Shift> topped;
      for (const fccsim::ToppedUpShift& s : plan.shifts().topped_up().shifts()) {
        topped.push_back(s.shift());
      }
      written = WriteToppedUpScenario(loaded, WithPlannedShifts(loaded.scenario, topped),
                                      plan_args.roster, &files, &error);
    }
  } else if (written && !plan_args.roster.empty()) {
    std::vector<std::vector<int>> on_duty;
    for (const fccsim::GroupPlan& g : plan.groups()) {
      on_duty.emplace_back();
      for (const fccsim::GroupRequirement& row : g.intervals()) {
        on_duty.back().push_back(static_cast<int>(row.simulated_on_duty()));
      }
    }
    written = WritePlannedScenario(loaded, spec, on_duty, plan_args.roster, &files, &error);
  }
  if (!written || !files.Commit(&error)) {
    err << "fccsim plan: " << error << '\n';
    return 1;
  }
  out << FormatPlanSummary(plan) << std::flush;
  if (plan_args.simulate && isatty(STDERR_FILENO) != 0) {
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    err << "fccsim plan: done in " << took.count() << " s\n";
  }
  // A reader gone early (| head) cut the summary short: no failure, the plan is whole.
  if (!out.good() && errno != EPIPE) {
    err << "fccsim plan: could not print the summary; the plan is in " << plan_args.output
        << '\n';
    return 1;
  }
  return 0;
}

}  // namespace fccsim::model
