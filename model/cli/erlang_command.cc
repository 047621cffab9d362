#include "model/cli/erlang_command.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <exception>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/analytics/erlang.h"
#include "model/analytics/staffing.h"
#include "model/cli/erlang_batch.h"
#include "model/scenario/parse_number.h"

namespace fccsim::model {
namespace {

// Bounds that keep every model/erlang.h call inside its contract and quick: the staffing
// searches stop near a + 50 sqrt(a) + 100 agents, and Erlang A keeps about as many states as
// callers could be waiting (at most arrivals per second x mean patience beyond the agents).
constexpr long long kMaxAgents = 100'000;
constexpr double kMaxOfferedErlangs = 100'000;
constexpr double kMaxPatientCallers = 1'000'000;
constexpr double kMinSeconds = 0.001;
constexpr double kMaxSeconds = 1e7;  // about 116 days
constexpr double kMaxCallsPerHour = 1e9;
constexpr double kMaxTarget = 0.9999;

constexpr char kPrefix[] = "fccsim erlang: ";

struct FlagSpec {
  const char* name;
  bool is_switch;  // takes no value
};

constexpr FlagSpec kFlags[] = {
    {"calls-per-hour", false}, {"aht-s", false},           {"agents", false},
    {"target", false},         {"answer-within-s", false}, {"patience-s", false},
    {"erlang-b", true},        {"erlangs", false},         {"lines", false},
    {"max-asa-s", false},      {"max-occupancy", false},   {"shrinkage", false},
    {"break-share", false},    {"short-abandon-s", false}, {"batch", false},
    {"interval-minutes", false}, {"calls-column", false},
};

const FlagSpec* FindFlag(std::string_view name) {
  for (const FlagSpec& spec : kFlags) {
    if (name == spec.name) return &spec;
  }
  return nullptr;
}

// Up to 10 significant digits, no trailing zeros: echoes an input as the user would write it.
std::string Plain(double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.10g", value);
  return buf;
}

std::string Fixed(double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return buf;
}

std::string Percent(double fraction) { return Fixed(100 * fraction, 2) + "%"; }

// A failed check: the message for `err`, and the exit code 2.
class InputError {
 public:
  explicit InputError(std::string message) : message_(std::move(message)) {}
  const std::string& message() const { return message_; }

 private:
  std::string message_;
};

class Inputs {
 public:
  // Throws InputError.
  explicit Inputs(const std::vector<std::string>& args) {
    for (std::size_t i = 0; i < args.size(); ++i) {
      const std::string& arg = args[i];
      if (arg.size() < 3 || arg.compare(0, 2, "--") != 0) {
        throw InputError("unexpected argument \"" + arg + "\" (every input is a --flag)");
      }
      const std::size_t equals = arg.find('=');
      const std::string name = arg.substr(2, equals == std::string::npos ? equals : equals - 2);
      const FlagSpec* spec = FindFlag(name);
      if (spec == nullptr) throw InputError("unknown flag --" + name);
      if (values_.count(name) != 0) throw InputError("--" + name + " given twice");
      if (spec->is_switch) {
        if (equals != std::string::npos) throw InputError("--" + name + " takes no value");
        values_[name] = "";
        continue;
      }
      if (equals != std::string::npos) {
        values_[name] = arg.substr(equals + 1);
      } else if (i + 1 < args.size() && args[i + 1].compare(0, 2, "--") != 0) {
        values_[name] = args[++i];
      } else {
        throw InputError("--" + name + " needs a value");
      }
    }
  }

  bool Has(const std::string& name) const { return values_.count(name) != 0; }

  // The value of a number flag, checked to lie in [min, max]; `range` says so in words.
  // REQUIRES: Has(name).
  double Number(const std::string& name, double min, double max, const std::string& range) const {
    const std::string& text = values_.at(name);
    const std::optional<double> value = ParseWhole<double>(text);
    if (!value || !std::isfinite(*value) || *value < min || *value > max) {
      throw InputError("--" + name + " must be " + range + " (got \"" + text + "\")");
    }
    return *value;
  }

  double PositiveNumber(const std::string& name, double max, const std::string& range) const {
    const double value = Number(name, 0, max, range);
    if (!(value > 0))
      throw InputError("--" + name + " must be " + range + " (got \"" + values_.at(name) + "\")");
    return value;
  }

  double Seconds(const std::string& name) const {
    return Number(name, kMinSeconds, kMaxSeconds,
                  "a number of seconds from " + Plain(kMinSeconds) + " to " + Plain(kMaxSeconds));
  }

  int WholeNumber(const std::string& name, long long max) const {
    const std::string& text = values_.at(name);
    const std::optional<long long> value = ParseWhole<long long>(text);
    if (!value || *value < 1 || *value > max) {
      throw InputError("--" + name + " must be a whole number from 1 to " + std::to_string(max) +
                       " (got \"" + text + "\")");
    }
    return static_cast<int>(*value);
  }

  // Refuses any flag not in `allowed`, naming the first one met (in flag-name order).
  void OnlyAllow(const std::vector<std::string>& allowed, const std::string& context) const {
    for (const auto& [name, value] : values_) {
      bool ok = false;
      for (const std::string& a : allowed) ok = ok || a == name;
      if (!ok) throw InputError("--" + name + " does not apply " + context);
    }
  }

  const std::string& Text(const std::string& name) const { return values_.at(name); }

  void Require(const std::string& name, const std::string& context) const {
    if (!Has(name)) throw InputError("--" + name + " is required " + context);
  }

 private:
  std::map<std::string, std::string> values_;
};

// The rows of the figures table: agents, occupancy, P(wait), P(abandon), ASA, service level.
constexpr std::size_t kFigureRows = 6;

// One column of the figures table.
struct Column {
  std::string heading;
  std::vector<std::string> cells;  // one per row
};

void PrintTable(std::ostream& out, const std::vector<std::string>& rows,
                const std::vector<Column>& columns) {
  constexpr int kLabelWidth = 28;
  constexpr int kColumnWidth = 14;
  auto pad_left = [](const std::string& s, int width) {
    return s.size() >= static_cast<std::size_t>(width) ? s : std::string(width - s.size(), ' ') + s;
  };
  out << std::string(kLabelWidth, ' ');
  for (const Column& c : columns) out << pad_left(c.heading, kColumnWidth);
  out << '\n';
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::string line = rows[r];
    line.resize(std::max(line.size() + 1, static_cast<std::size_t>(kLabelWidth)), ' ');
    for (const Column& c : columns) line += pad_left(c.cells[r], kColumnWidth);
    out << line << '\n';
  }
}

struct Question {
  double calls_per_hour = 0;
  double aht_s = 0;
  double threshold_s = 20;
  std::optional<double> patience_s;
  std::optional<int> agents;     // figures for this many agents
  // Or: the fewest agents meeting the target (a share within threshold_s, an ASA ceiling).
  bool staff = false;
  StaffingTarget target;
  double shrinkage = 0;
  double break_share = 0;

  double rate_per_s() const { return calls_per_hour / 3600; }
  double offered_erlangs() const { return rate_per_s() * aht_s; }
};

Column ErlangCColumn(const Question& q, int agents) {
  Column c{"Erlang C", {std::to_string(agents)}};
  const double a = q.offered_erlangs();
  if (a >= agents) {
    c.cells.resize(kFigureRows, "unstable");
    return c;
  }
  const double lambda = q.rate_per_s();
  c.cells.push_back(Percent(ErlangCOccupancy(agents, lambda, q.aht_s)));
  c.cells.push_back(Percent(ErlangC(agents, a)));
  c.cells.push_back("-");
  c.cells.push_back(Fixed(ErlangCAsa(agents, lambda, q.aht_s), 2));
  c.cells.push_back(Percent(ErlangCServiceLevel(agents, lambda, q.aht_s, q.threshold_s)));
  return c;
}

Column ErlangAColumn(const Question& q, int agents) {
  const ErlangA model(agents, q.rate_per_s(), q.aht_s, *q.patience_s);
  return Column{"Erlang A",
                {std::to_string(agents), Percent(model.occupancy()), Percent(model.p_wait()),
                 Percent(model.p_abandon()), Fixed(model.asa_answered_s(), 2),
                 Percent(model.PAnsweredWithin(q.threshold_s))}};
}

// The parts of a staffing target and its gross-up, shared by one question and --batch.
// REQUIRES: a target was asked for (--target or --max-asa-s).
void ReadTarget(const Inputs& in, StaffingTarget* target, double* shrinkage,
                double* break_share) {
  if (in.Has("target")) {
    in.Require("answer-within-s", "with --target");
    target->fraction = in.PositiveNumber(
        "target", kMaxTarget,
        "a fraction above 0 and at most " + Plain(kMaxTarget) + ", e.g. 0.8 for 80%");
  }
  if (in.Has("answer-within-s")) {
    target->answer_within_s = in.Number("answer-within-s", 0, kMaxSeconds,
                                        "a number of seconds from 0 to " + Plain(kMaxSeconds));
  }
  if (in.Has("max-asa-s")) target->max_asa_s = in.Seconds("max-asa-s");
  if (in.Has("max-occupancy")) {
    target->max_occupancy =
        in.PositiveNumber("max-occupancy", 1, "a fraction above 0 and at most 1, e.g. 0.85");
  }
  if (in.Has("short-abandon-s")) {
    target->short_abandon_s = in.Number("short-abandon-s", 0, kMaxSeconds,
                                        "a number of seconds from 0 to " + Plain(kMaxSeconds));
  }
  const std::string share = "a fraction from 0 to below 1, e.g. 0.3 for 30%";
  if (in.Has("shrinkage")) *shrinkage = in.Number("shrinkage", 0, 0.99, share);
  if (in.Has("break-share")) *break_share = in.Number("break-share", 0, 0.99, share);
}

const std::vector<std::string> kTargetFlags = {"target",        "answer-within-s", "max-asa-s",
                                               "max-occupancy", "short-abandon-s", "shrinkage",
                                               "break-share"};

Question ReadQueueQuestion(const Inputs& in) {
  const std::string context = "(see fccsim erlang --help)";
  std::vector<std::string> allowed = {"calls-per-hour", "aht-s", "agents", "patience-s"};
  allowed.insert(allowed.end(), kTargetFlags.begin(), kTargetFlags.end());
  in.OnlyAllow(allowed, "without --erlang-b or --batch");
  in.Require("calls-per-hour", context);
  in.Require("aht-s", context);
  const bool staff = in.Has("target") || in.Has("max-asa-s");
  if (in.Has("agents") == staff) {
    throw InputError(
        "give either --agents (the figures for that staffing) or a target, --target or "
        "--max-asa-s (the fewest agents meeting it) " +
        context);
  }
  if (!staff) {
    for (const char* flag : {"max-occupancy", "short-abandon-s", "shrinkage", "break-share"}) {
      if (in.Has(flag)) throw InputError(std::string("--") + flag + " applies to a target");
    }
  }

  Question q;
  q.staff = staff;
  // With a target, an interval with no calls is a fair question: nobody is needed.
  const std::string calls_range =
      "a number of calls " + std::string(staff ? "from 0" : "above 0") + " and at most " +
      Plain(kMaxCallsPerHour);
  q.calls_per_hour = staff ? in.Number("calls-per-hour", 0, kMaxCallsPerHour, calls_range)
                           : in.PositiveNumber("calls-per-hour", kMaxCallsPerHour, calls_range);
  q.aht_s = in.Seconds("aht-s");
  if (in.Has("patience-s")) q.patience_s = in.Seconds("patience-s");
  if (in.Has("agents")) q.agents = in.WholeNumber("agents", kMaxAgents);
  if (staff) {
    ReadTarget(in, &q.target, &q.shrinkage, &q.break_share);
    q.threshold_s = q.target.fraction > 0 ? q.target.answer_within_s : q.threshold_s;
  } else if (in.Has("answer-within-s")) {
    q.threshold_s = in.Number("answer-within-s", 0, kMaxSeconds,
                              "a number of seconds from 0 to " + Plain(kMaxSeconds));
  }
  if (q.offered_erlangs() > kMaxOfferedErlangs) {
    throw InputError(
        "the offered load, --calls-per-hour x --aht-s / 3600 = " + Plain(q.offered_erlangs()) +
        " Erlangs, is above the " + Plain(kMaxOfferedErlangs) + " this command handles");
  }
  if (q.patience_s && q.rate_per_s() * *q.patience_s > kMaxPatientCallers) {
    throw InputError("--patience-s " + Plain(*q.patience_s) +
                     " is too long for Erlang A at this load (calls per second x patience = " +
                     Plain(q.rate_per_s() * *q.patience_s) + ", at most " +
                     Plain(kMaxPatientCallers) + "); leave it out for Erlang C");
  }
  return q;
}

// The target in words: "80% answered within 20 s, ASA at most 30 s, occupancy at most 85%".
std::string TargetText(const StaffingTarget& t) {
  std::vector<std::string> parts;
  if (t.fraction > 0) {
    parts.push_back(Plain(100 * t.fraction) + "% answered within " + Plain(t.answer_within_s) +
                    " s");
  }
  if (t.max_asa_s > 0) parts.push_back("ASA at most " + Plain(t.max_asa_s) + " s");
  if (t.max_occupancy < 1) parts.push_back("occupancy at most " + Plain(100 * t.max_occupancy) + "%");
  std::string text;
  for (const std::string& p : parts) text += (text.empty() ? "" : ", ") + p;
  return text;
}

void AnswerQueueQuestion(const Question& q, std::ostream& out) {
  const double a = q.offered_erlangs();
  out << "Offered load: " << Plain(q.calls_per_hour) << " calls/h x " << Plain(q.aht_s)
      << " s mean handling = " << Fixed(a, 2) << " Erlangs\n";
  std::vector<Column> columns;
  std::vector<std::string> rows = {"agents",    "occupancy", "P(wait)", "P(abandon)",
                                   "ASA, answered calls (s)",
                                   "answered within " + Plain(q.threshold_s) + " s"};
  if (q.staff) {
    out << "Target: " << TargetText(q.target) << "\n";
    if (q.calls_per_hour == 0) {
      out << "\nNo calls: nobody is needed on duty.\n";
      return;
    }
    rows[0] = "agents needed";
    const StaffingLoad load{q.rate_per_s(), q.aht_s, q.patience_s};
    std::vector<Staffing> answers = {StaffErlangC(load, q.target)};
    columns.push_back(ErlangCColumn(q, answers.back().agents));
    if (q.patience_s) {
      answers.push_back(StaffErlangA(load, q.target));
      columns.push_back(ErlangAColumn(q, answers.back().agents));
    }
    if (q.target.short_abandon_s > 0 && q.patience_s) {
      // The service level as fccsim measures it: short abandons are not judged.
      rows.push_back("within, short abandons out");
      columns[0].cells.push_back(columns[0].cells.back());
      columns[1].cells.push_back(Percent(answers[1].service_level));
    }
    rows.push_back("set by");
    for (std::size_t i = 0; i < columns.size(); ++i) {
      columns[i].cells.push_back(BindingName(answers[i].binding));
    }
    if (q.shrinkage > 0 || q.break_share > 0) {
      rows.push_back("rostered (gross-up)");
      for (std::size_t i = 0; i < columns.size(); ++i) {
        columns[i].cells.push_back(Fixed(Rostered(answers[i].agents, q.shrinkage, q.break_share), 2));
      }
    }
  } else {
    columns.push_back(ErlangCColumn(q, *q.agents));
    if (q.patience_s) columns.push_back(ErlangAColumn(q, *q.agents));
  }
  out << '\n';
  PrintTable(out, rows, columns);
  out << '\n';
  if (q.agents && a >= *q.agents) {
    out << "Erlang C: " << Fixed(a, 2) << " Erlangs offered to " << *q.agents
        << " agents is more work than they can do:\n"
           "          the queue grows without limit and every caller waits longer than the last.\n";
  } else {
    out << "Erlang C: callers never abandon; every caller is answered.\n";
  }
  if (q.patience_s) {
    out << "Erlang A: each caller abandons after an exponential patience, mean "
        << Plain(*q.patience_s)
        << " s;\n"
           "          \"answered within\" is a share of all offered calls, abandons counting as "
           "failures.\n";
  }
  if (q.shrinkage > 0 || q.break_share > 0) {
    out << "Rostered: agents / ((1 - shrinkage " << Plain(q.shrinkage) << ") x (1 - break share "
        << Plain(q.break_share) << ")), handlers to roster for that many on duty.\n";
  }
}

int AnswerBatch(const Inputs& in, std::ostream& out, std::ostream& err) {
  std::vector<std::string> allowed = {"batch", "calls-column", "interval-minutes", "aht-s",
                                      "patience-s"};
  allowed.insert(allowed.end(), kTargetFlags.begin(), kTargetFlags.end());
  in.OnlyAllow(allowed, "with --batch");
  if (!in.Has("target") && !in.Has("max-asa-s")) {
    throw InputError("with --batch give a target: --target and --answer-within-s, or --max-asa-s");
  }
  ErlangBatchOptions options;
  options.path = in.Text("batch");
  if (in.Has("calls-column")) options.calls_column = in.Text("calls-column");
  if (in.Has("interval-minutes")) {
    options.interval_minutes = in.WholeNumber("interval-minutes", 1440);
  }
  if (in.Has("aht-s")) options.aht_s = in.Seconds("aht-s");
  if (in.Has("patience-s")) options.patience_s = in.Seconds("patience-s");
  ReadTarget(in, &options.target, &options.shrinkage, &options.break_share);
  return RunErlangBatch(options, out, err);
}

int AnswerErlangB(const Inputs& in, std::ostream& out) {
  in.OnlyAllow({"erlang-b", "erlangs", "lines", "calls-per-hour", "aht-s"}, "with --erlang-b");
  in.Require("lines", "with --erlang-b");
  const bool from_rate = in.Has("calls-per-hour") || in.Has("aht-s");
  if (in.Has("erlangs") == from_rate) {
    throw InputError("with --erlang-b give either --erlangs or both --calls-per-hour and --aht-s");
  }
  double erlangs = 0;
  if (from_rate) {
    in.Require("calls-per-hour", "with --aht-s");
    in.Require("aht-s", "with --calls-per-hour");
    const double calls_per_hour =
        in.PositiveNumber("calls-per-hour", kMaxCallsPerHour,
                          "a number of calls above 0 and at most " + Plain(kMaxCallsPerHour));
    erlangs = calls_per_hour / 3600 * in.Seconds("aht-s");
  } else {
    erlangs = in.PositiveNumber("erlangs", kMaxOfferedErlangs,
                                "a load above 0 and at most " + Plain(kMaxOfferedErlangs));
  }
  const int lines = in.WholeNumber("lines", kMaxAgents);
  const double blocking = ErlangB(lines, erlangs);
  out << "Erlang B: " << Fixed(erlangs, 2) << " Erlangs offered to " << lines << " lines\n";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6g", blocking);
  out << "blocking probability: " << buf << " (" << Percent(blocking)
      << " of calls find every line busy and are lost)\n";
  return 0;
}

}  // namespace

std::string ErlangCommandUsage() {
  return "usage: fccsim erlang --calls-per-hour X --aht-s S --agents N\n"
         "                     [--answer-within-s T] [--patience-s P]\n"
         "       fccsim erlang --calls-per-hour X --aht-s S TARGET [--patience-s P] [GROSS-UP]\n"
         "       fccsim erlang --batch FILE.csv TARGET [--calls-column NAME]\n"
         "                     [--interval-minutes M] [--aht-s S] [--patience-s P] [GROSS-UP]\n"
         "       fccsim erlang --erlang-b (--erlangs A | --calls-per-hour X --aht-s S) --lines N\n"
         "\n"
         "Quick analytic answers for a queue in steady state (no simulation).\n"
         "  --calls-per-hour X   arrival rate (Poisson)\n"
         "  --aht-s S            mean handling time per call in seconds, talk plus wrap-up\n"
         "                       (exponential in Erlang C and A)\n"
         "  --agents N           staffing: print the figures for N agents\n"
         "  --patience-s P       mean caller patience (exponential): adds Erlang A, where\n"
         "                       callers abandon; its service level counts abandons as failures\n"
         "TARGET: the fewest agents on duty meeting every part given:\n"
         "  --target F --answer-within-s T   the share F (e.g. 0.8) answered within T seconds\n"
         "  --max-asa-s A        an average speed of answer of at most A seconds\n"
         "  --max-occupancy M    at most the share M of agents' time busy (offered load / M)\n"
         "  --short-abandon-s S  Erlang A: abandons within S s are not judged, as in fccsim run\n"
         "GROSS-UP: handlers to roster for the agents on duty, agents / ((1-s) (1-b)):\n"
         "  --shrinkage s        the share of rostered handlers absent (e.g. 0.3)\n"
         "  --break-share b      the share of time on duty spent on breaks\n"
         "--batch FILE.csv: the same for every row of a table with a column \"calls\" (calls\n"
         "  per interval; --calls-column names another, e.g. calls_999 of a scenario's table)\n"
         "  in intervals of --interval-minutes, default 15) and \"aht_s\" and \"patience_s\"\n"
         "  columns unless --aht-s and --patience-s give them; other columns are copied. Writes\n"
         "  CSV to stdout: ..., calls, aht_s, patience_s, erlangs, agents_erlang_c,\n"
         "  agents_erlang_a, agents, binding, rostered, service_level, asa_s, occupancy,\n"
         "  p_abandon. An interval with no calls needs nobody.\n"
         "  --erlang-b           the loss system instead: the share of calls finding all\n"
         "                       --lines busy, for a load of --erlangs A\n"
         "Exit status 0, or 2 on bad input (nothing written to stdout).\n"
         "Example: fccsim erlang --calls-per-hour 120 --aht-s 180 --target 0.8 "
         "--answer-within-s 20 --shrinkage 0.3\n";
}

int RunErlangCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  for (const std::string& arg : args) {
    if (arg == "--help" || arg == "-h") {
      out << ErlangCommandUsage();
      return 0;
    }
  }
  try {
    const Inputs in(args);
    if (args.empty()) throw InputError("nothing asked (see fccsim erlang --help)");
    if (in.Has("erlang-b")) return AnswerErlangB(in, out);
    if (in.Has("batch")) return AnswerBatch(in, out, err);
    AnswerQueueQuestion(ReadQueueQuestion(in), out);
    return 0;
  } catch (const InputError& e) {
    err << kPrefix << e.message() << '\n';
    return 2;
  } catch (const std::exception& e) {  // numerical failure inside Boost.Math, or out of memory
    err << kPrefix << "could not evaluate: " << e.what() << '\n';
    return 1;
  }
}

}  // namespace fccsim::model
