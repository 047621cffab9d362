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
  std::optional<double> target;  // or: the fewest agents meeting this share within threshold_s

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

Question ReadQueueQuestion(const Inputs& in) {
  const std::string context = "(see fccsim erlang --help)";
  in.OnlyAllow({"calls-per-hour", "aht-s", "agents", "target", "answer-within-s", "patience-s"},
               "without --erlang-b");
  in.Require("calls-per-hour", context);
  in.Require("aht-s", context);
  if (in.Has("agents") == in.Has("target")) {
    throw InputError(
        "give either --agents (the figures for that staffing) or --target (the "
        "fewest agents meeting it) " +
        context);
  }
  if (in.Has("target")) in.Require("answer-within-s", "with --target");

  Question q;
  q.calls_per_hour =
      in.PositiveNumber("calls-per-hour", kMaxCallsPerHour,
                        "a number of calls above 0 and at most " + Plain(kMaxCallsPerHour));
  q.aht_s = in.Seconds("aht-s");
  if (in.Has("answer-within-s")) {
    q.threshold_s = in.Number("answer-within-s", 0, kMaxSeconds,
                              "a number of seconds from 0 to " + Plain(kMaxSeconds));
  }
  if (in.Has("patience-s")) q.patience_s = in.Seconds("patience-s");
  if (in.Has("agents")) q.agents = in.WholeNumber("agents", kMaxAgents);
  if (in.Has("target")) {
    q.target = in.PositiveNumber(
        "target", kMaxTarget,
        "a fraction above 0 and at most " + Plain(kMaxTarget) + ", e.g. 0.8 for 80%");
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

void AnswerQueueQuestion(const Question& q, std::ostream& out) {
  const double a = q.offered_erlangs();
  out << "Offered load: " << Plain(q.calls_per_hour) << " calls/h x " << Plain(q.aht_s)
      << " s mean handling = " << Fixed(a, 2) << " Erlangs\n";
  std::vector<Column> columns;
  std::string agents_row = "agents";
  if (q.target) {
    out << "Target: " << Plain(100 * *q.target) << "% answered within " << Plain(q.threshold_s)
        << " s\n";
    agents_row = "agents needed";
    columns.push_back(ErlangCColumn(
        q, ServersForErlangCServiceLevel(q.rate_per_s(), q.aht_s, q.threshold_s, *q.target)));
    if (q.patience_s) {
      columns.push_back(
          ErlangAColumn(q, ServersForErlangAServiceLevel(q.rate_per_s(), q.aht_s, *q.patience_s,
                                                         q.threshold_s, *q.target)));
    }
  } else {
    columns.push_back(ErlangCColumn(q, *q.agents));
    if (q.patience_s) columns.push_back(ErlangAColumn(q, *q.agents));
  }
  out << '\n';
  PrintTable(out,
             {agents_row, "occupancy", "P(wait)", "P(abandon)", "ASA, answered calls (s)",
              "answered within " + Plain(q.threshold_s) + " s"},
             columns);
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
         "       fccsim erlang --calls-per-hour X --aht-s S --target F --answer-within-s T\n"
         "                     [--patience-s P]\n"
         "       fccsim erlang --erlang-b (--erlangs A | --calls-per-hour X --aht-s S) --lines N\n"
         "\n"
         "Quick analytic answers for one queue in steady state (no simulation).\n"
         "  --calls-per-hour X   arrival rate (Poisson)\n"
         "  --aht-s S            mean handling time per call in seconds, talk plus wrap-up\n"
         "                       (exponential in Erlang C and A)\n"
         "  --agents N           staffing: print the figures for N agents\n"
         "  --target F           or the fewest agents answering the share F (e.g. 0.8)\n"
         "                       within --answer-within-s\n"
         "  --answer-within-s T  the service-level threshold in seconds (default 20)\n"
         "  --patience-s P       mean caller patience (exponential): adds Erlang A, where\n"
         "                       callers abandon; its service level counts abandons as failures\n"
         "  --erlang-b           the loss system instead: the share of calls finding all\n"
         "                       --lines busy, for a load of --erlangs A\n"
         "Figures: offered load, occupancy, P(wait), P(abandon), ASA of answered calls and the\n"
         "share answered within the threshold. Exit status 0, or 2 on bad input.\n"
         "Example: fccsim erlang --calls-per-hour 120 --aht-s 180 --target 0.8 "
         "--answer-within-s 20\n";
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
