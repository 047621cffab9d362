#include "model/plan/plan_output.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iomanip>
#include <sstream>
#include <system_error>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include "model/results/csv_cells.h"
#include "model/results/text_table.h"

namespace fccsim::model {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

constexpr char kChannelsCsv[] = "plan_channels.csv";
constexpr char kGroupsCsv[] = "plan_groups.csv";
constexpr char kShiftsCsv[] = "plan_shifts.csv";

// One row per planned shift, for a WFM system: what a roster's shift says, and its cost.
std::string ShiftsTable(const fccsim::ShiftPlan& shifts) {
  std::string text =
      "pattern,name,group,weekday,start,length_minutes,breaks,headcount,cost_per_shift,cost\n";
  for (const fccsim::PlannedShift& p : shifts.planned()) {
    const fccsim::Shift& s = p.shift();
    std::string breaks;  // "after+length" minutes, ";" between
    for (const fccsim::Break& b : s.breaks()) {
      breaks += (breaks.empty() ? "" : ";") + std::to_string(b.after_minutes()) + "+" +
                std::to_string(b.length_minutes());
    }
    const std::string weekday = s.weekdays().empty() ? std::string("every day")
                                                     : fccsim::Weekday_Name(s.weekdays(0));
    text += CsvText(p.pattern()) + "," + CsvText(s.name()) + "," + CsvText(s.group()) + "," +
            weekday + "," + s.start() + "," + std::to_string(s.length_minutes()) + "," +
            CsvText(breaks) + "," + std::to_string(s.headcount()) + "," + CsvNumber(p.cost()) +
            "," + CsvNumber(p.cost() * s.headcount()) + "\n";
  }
  return text;
}

// The cells of a message of scalars, in schema order; an optional field not set is empty.
void Cells(const Message& m, std::string* line) {
  const Descriptor* type = m.GetDescriptor();
  const Reflection* r = m.GetReflection();
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* f = type->field(i);
    *line += ',';
    if (f->has_presence() && !r->HasField(m, f)) continue;
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_DOUBLE: *line += CsvNumber(r->GetDouble(m, f)); break;
      case FieldDescriptor::CPPTYPE_UINT32: *line += std::to_string(r->GetUInt32(m, f)); break;
      case FieldDescriptor::CPPTYPE_ENUM: *line += r->GetEnum(m, f)->name(); break;
      case FieldDescriptor::CPPTYPE_STRING: *line += CsvText(r->GetString(m, f)); break;
      default: break;  // plan.proto's rows hold no other kind (its test checks)
    }
  }
}

std::string Header(const std::string& first, const Descriptor* type) {
  std::string line = first;
  for (int i = 0; i < type->field_count(); ++i) line += "," + type->field(i)->name();
  return line + "\n";
}

template <class Owner, class Rows>
std::string Table(const std::string& first, const Descriptor* row_type, const Owner& owners,
                  const Rows& rows_of) {
  std::string text = Header(first, row_type);
  for (const auto& owner : owners) {
    for (const auto& row : rows_of(owner)) {
      std::string line = CsvText(owner.name());
      Cells(row, &line);
      text += line + "\n";
    }
  }
  return text;
}

std::string Percent(double part, double whole) {
  return whole > 0 ? FixedN(100 * part / whole, 1) + "%" : "-";
}

// How the simulation judged whether an interval meets its target.
std::string JudgedBy(const fccsim::SimulationSummary& sim) {
  if (!(sim.confidence() > 0.5)) return " by the estimate";
  std::ostringstream percent;  // as many digits as it has, up to 6 (99.9999)
  percent << std::setprecision(6) << 100 * sim.confidence();
  return " at " + percent.str() + "% confidence (one-sided bound)";
}

// The scenario's roster topped up instead, and what the plan saves against it.
std::string FormatTopUp(const fccsim::ShiftPlan& shifts) {
  const fccsim::RosterTopUp& top = shifts.topped_up();
  std::string out = "Topped up instead (the scenario's shifts, each keeping its handlers): ";
  if (top.solves() == 0) return out + "not solved: " + top.unverified_reason() + ".\n";
  const auto gained = std::count_if(top.shifts().begin(), top.shifts().end(),
                                    [](const fccsim::ToppedUpShift& s) { return s.added() > 0; });
  out += FixedN(top.paid_hours_per_week(), 1) + " paid hours a week (" + FixedN(top.fte(), 1) +
         " FTE), " + FixedN(top.added_paid_hours_per_week(), 1) + " h added on " +
         std::to_string(gained) + " shift-days" +
         (top.proven_optimal() ? "" : " (" + top.status() + ")") + ", ";
  out += top.verified() ? std::string("meeting every target")
                        : "still missing the target in " +
                              std::to_string(top.verification_misses()) +
                              " channel-intervals (" + top.unverified_reason() + ")";
  // A saving is like for like only when both meet every target.
  if (!top.verified() || !shifts.verified()) {
    return out + "; not compared: " + (shifts.verified() ? "it" : "the planned roster") +
           " does not meet every target.\n";
  }
  const double saved = top.paid_hours_per_week() - shifts.paid_hours_per_week();
  out += "; the plan " + std::string(saved >= 0 ? "saves " : "costs ") +
         FixedN(std::abs(saved), 1) + " h a week against it (" +
         Percent(std::abs(saved), top.paid_hours_per_week()) + (saved >= 0 ? "" : " more") +
         ").\n";
  return out;
}

std::string FormatShiftSummary(const fccsim::PlanResult& plan) {
  const fccsim::ShiftPlan& shifts = plan.shifts();
  // Per pattern: shifts a week, and paid hours.
  TextTable table({{"Pattern", Align::kLeft},
                   {"Group", Align::kLeft},
                   {"Shifts a week", Align::kRight},
                   {"Paid h a week", Align::kRight},
                   {"Cost", Align::kRight}});
  for (const fccsim::ShiftPattern& pattern : plan.scenario().planning().patterns()) {
    std::uint64_t count = 0;
    double hours = 0, cost = 0;
    for (const fccsim::PlannedShift& p : shifts.planned()) {
      if (p.pattern() != pattern.name()) continue;
      count += p.shift().headcount();
      hours += p.shift().headcount() * p.shift().length_minutes() / 60.0;
      cost += p.shift().headcount() * p.cost();
    }
    table.AddRow({pattern.name(), pattern.group(), std::to_string(count), FixedN(hours, 1),
                  FixedN(cost, 1)});
  }
  const double fte_hours = plan.scenario().planning().hours_per_fte();
  std::string out = "Shift plan: " + shifts.solver() + ", " + shifts.status() +
                    (shifts.proven_optimal() ? std::string()
                                             : " (cost within " + FixedN(100 * shifts.gap(), 2) +
                                                   "% of the least possible)") +
                    ", " +
                    std::to_string(shifts.solves()) + " solve" +
                    (shifts.solves() == 1 ? "" : "s") + " over " +
                    std::to_string(shifts.candidates()) + " candidate shifts, covering the " +
                    shifts.requirement() + " requirement\n" + table.Render();
  out += "Planned: " + FixedN(shifts.paid_hours_per_week(), 1) + " paid hours a week (" +
         FixedN(shifts.fte(), 1) + " FTE at " + FixedN(fte_hours, 1) + " h), cost " +
         FixedN(shifts.cost(), 1) + "; the scenario's roster of these groups: " +
         FixedN(shifts.roster_paid_hours_per_week(), 1) + " h (" +
         FixedN(shifts.roster_fte(), 1) + " FTE).\n";
  if (shifts.uncovered_need() > 0) {
    out += "Uncovered: " + std::to_string(shifts.uncovered_need()) +
           " handler-intervals of need lie where no pattern of the group reaches (first: " +
           shifts.first_uncovered() + ").\n";
  }
  if (plan.has_simulation()) {
    out += std::string("Simulated: the planned roster ") +
           (shifts.verified() ? "meets every target" + JudgedBy(plan.simulation()) + " (" +
                                    std::to_string(shifts.uncertain_intervals()) +
                                    " channel-intervals whose 95% interval reaches past the target)"
                              : "misses the target in " +
                                    std::to_string(shifts.verification_misses()) +
                                    " channel-intervals: " + shifts.unverified_reason()) +
           "; the scenario's roster misses it in " + std::to_string(shifts.roster_misses()) +
           " of " + std::to_string(shifts.judged_intervals()) + " channel-intervals (" +
           Percent(shifts.roster_misses(), shifts.judged_intervals()) + ").\n";
    out += FormatTopUp(shifts);
  } else {
    out += "Not verified by simulation: add --simulate.\n";
  }
  return out;
}

}  // namespace

std::vector<std::string> PlanCsvFileNames() { return {kChannelsCsv, kGroupsCsv, kShiftsCsv}; }

bool WritePlan(const fccsim::PlanResult& plan, const std::string& path, const std::string& csv_dir,
               OutputSet* outputs, std::string* error) {
  std::string bytes;
  if (!plan.SerializeToString(&bytes)) {
    *error = "could not serialise the plan";
    return false;
  }
  AtomicFile file(outputs);
  if (!file.Open(path, error) || !file.Append(bytes, error) || !file.Commit(error)) return false;
  if (!csv_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(csv_dir, ec);
    if (ec) {
      *error = "could not create " + csv_dir + ": " + ec.message();
      return false;
    }
    const std::string channels = Table(
        "channel", fccsim::ChannelRequirement::descriptor(), plan.channels(),
        [](const fccsim::ChannelPlan& c) -> const auto& { return c.intervals(); });
    const std::string groups = Table(
        "group", fccsim::GroupRequirement::descriptor(), plan.groups(),
        [](const fccsim::GroupPlan& g) -> const auto& { return g.intervals(); });
    const std::string shifts = ShiftsTable(plan.shifts());
    for (const auto& [name, text] : {std::pair{kChannelsCsv, &channels}, {kGroupsCsv, &groups},
                                     {kShiftsCsv, &shifts}}) {
      if (text == &shifts && !plan.has_shifts()) continue;
      AtomicFile table(outputs);
      const std::string table_path = (std::filesystem::path(csv_dir) / name).string();
      if (!table.Open(table_path, error) || !table.Append(*text, error) || !table.Commit(error)) {
        return false;
      }
    }
  }
  return true;
}

std::string FormatPlanSummary(const fccsim::PlanResult& plan) {
  std::string name = plan.scenario().name();
  if (name.empty()) name = plan.scenario_path();
  std::string out = "Plan \"" + name + "\": " + std::to_string(plan.days()) + " days of " +
                    std::to_string(plan.interval_minutes()) + "-minute intervals; shrinkage " +
                    FixedN(100 * plan.shrinkage(), 0) + "%" +
                    (plan.max_occupancy() < 1
                         ? ", occupancy at most " + FixedN(100 * plan.max_occupancy(), 0) + "%"
                         : std::string()) +
                    "\n\n";
  TextTable channels({{"Channel", Align::kLeft},
                      {"Method", Align::kLeft},
                      {"Agent-hours", Align::kRight},
                      {"Peak agents", Align::kRight}});
  for (const fccsim::ChannelPlan& c : plan.channels()) {
    channels.AddRow({c.name(), c.method(), FixedN(c.agent_hours(), 1),
                     std::to_string(c.peak_agents())});
  }
  out += channels.Render();
  TextTable groups({{"Group", Align::kLeft},
                    {"Required h", Align::kRight},
                    {"Scheduled h", Align::kRight},
                    {"Intervals short", Align::kRight},
                    {"Break share", Align::kRight}});
  for (const fccsim::GroupPlan& g : plan.groups()) {
    groups.AddRow({g.name(), FixedN(g.required_hours(), 1), FixedN(g.scheduled_hours(), 1),
                   std::to_string(g.intervals_short()) + " of " +
                       std::to_string(g.intervals_size()),
                   FixedN(100 * g.break_share(), 1) + "%"});
  }
  out += "\n" + groups.Render();
  if (plan.has_simulation()) {
    const fccsim::SimulationSummary& sim = plan.simulation();
    TextTable simulated({{"Group", Align::kLeft},
                         {"Analytic h", Align::kRight},
                         {"Simulated h", Align::kRight},
                         {"Change", Align::kRight}});
    for (const fccsim::GroupPlan& g : plan.groups()) {
      const double change = g.simulated_hours() - g.required_hours();
      // The practitioners are not planned: the simulation gives them the roster's staffing.
      const bool practitioners = g.name() == plan.scenario().triage().group();
      simulated.AddRow({g.name(), practitioners ? "-" : FixedN(g.required_hours(), 1),
                        FixedN(g.simulated_hours(), 1),
                        practitioners ? "(roster)" : (change >= 0 ? "+" : "") + FixedN(change, 1)});
    }
    out += "\n" + simulated.Render();
    out += "\nStaffing by simulation: " + std::to_string(sim.simulations()) +
           " simulations of " + std::to_string(sim.replications()) + " replications, " +
           (sim.converged() ? "converged" : "NOT converged (the rounds ran out)") +
           "; targets judged" + JudgedBy(sim) + "; " + std::to_string(sim.uncertain_intervals()) +
           " channel-intervals meet the target but their 95% interval reaches past it. "
           "The analytic staffing, simulated, missed the target in " +
           std::to_string(sim.erlang_misses()) + " of " + std::to_string(sim.judged_intervals()) +
           " channel-intervals.\n";
  }
  if (plan.has_shifts()) out += "\n" + FormatShiftSummary(plan);
  out += "\nOn duty, handler-hours over the horizon: required by the analytic staffing of each\n"
         "interval (a queue in steady state; docs/model.md, \"Staffing requirements\"), shared\n"
         "among groups as the roster staffs them; scheduled by the scenario's roster, less\n"
         "shrinkage and breaks.\n";
  return out;
}

}  // namespace fccsim::model
