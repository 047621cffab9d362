#include "model/plan/plan_output.h"

#include <cstdio>
#include <filesystem>
#include <system_error>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include "model/results/csv_cells.h"

namespace fccsim::model {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

constexpr char kChannelsCsv[] = "plan_channels.csv";
constexpr char kGroupsCsv[] = "plan_groups.csv";

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

std::string Fixed(double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return buf;
}

// A column `width` wide; a longer text is kept whole, a space apart from the next.
std::string Pad(std::string text, std::size_t width, bool left) {
  if (text.size() >= width) return left ? text + " " : " " + text;
  const std::string fill(width - text.size(), ' ');
  return left ? text + fill : fill + text;
}

}  // namespace

std::vector<std::string> PlanCsvFileNames() { return {kChannelsCsv, kGroupsCsv}; }

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
    for (const auto& [name, text] : {std::pair{kChannelsCsv, &channels}, {kGroupsCsv, &groups}}) {
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
                    Fixed(100 * plan.shrinkage(), 0) + "%" +
                    (plan.max_occupancy() < 1
                         ? ", occupancy at most " + Fixed(100 * plan.max_occupancy(), 0) + "%"
                         : std::string()) +
                    "\n\n";
  out += Pad("Channel", 12, true) + Pad("Method", 36, true) + Pad("Agent-hours", 12, false) +
         Pad("Peak agents", 13, false) + "\n";
  for (const fccsim::ChannelPlan& c : plan.channels()) {
    out += Pad(c.name(), 12, true) + Pad(c.method(), 36, true) +
           Pad(Fixed(c.agent_hours(), 1), 12, false) +
           Pad(std::to_string(c.peak_agents()), 13, false) + "\n";
  }
  out += "\n" + Pad("Group", 16, true) + Pad("Required h", 12, false) +
         Pad("Scheduled h", 13, false) + Pad("Intervals short", 17, false) +
         Pad("Break share", 13, false) + "\n";
  for (const fccsim::GroupPlan& g : plan.groups()) {
    out += Pad(g.name(), 16, true) + Pad(Fixed(g.required_hours(), 1), 12, false) +
           Pad(Fixed(g.scheduled_hours(), 1), 13, false) +
           Pad(std::to_string(g.intervals_short()) + " of " +
                   std::to_string(g.intervals_size()),
               17, false) +
           Pad(Fixed(100 * g.break_share(), 1) + "%", 13, false) + "\n";
  }
  if (plan.has_simulation()) {
    const fccsim::SimulationSummary& sim = plan.simulation();
    out += "\n" + Pad("Group", 16, true) + Pad("Analytic h", 12, false) +
           Pad("Simulated h", 13, false) + Pad("Change", 10, false) + "\n";
    for (const fccsim::GroupPlan& g : plan.groups()) {
      const double change = g.simulated_hours() - g.required_hours();
      // The practitioners are not planned: the simulation gives them the roster's staffing.
      const bool practitioners = g.name() == plan.scenario().triage().group();
      out += Pad(g.name(), 16, true) +
             Pad(practitioners ? "-" : Fixed(g.required_hours(), 1), 12, false) +
             Pad(Fixed(g.simulated_hours(), 1), 13, false) +
             Pad(practitioners ? "(roster)" : (change >= 0 ? "+" : "") + Fixed(change, 1), 10,
                 false) +
             "\n";
    }
    out += "\nStaffing by simulation: " + std::to_string(sim.simulations()) +
           " simulations of " + std::to_string(sim.replications()) + " replications, " +
           (sim.converged() ? "converged" : "NOT converged (the rounds ran out)") +
           ". The analytic staffing, simulated, missed the target in " +
           std::to_string(sim.erlang_misses()) + " of " + std::to_string(sim.judged_intervals()) +
           " channel-intervals.\n";
  }
  out += "\nOn duty, handler-hours over the horizon: required by the analytic staffing of each\n"
         "interval (a queue in steady state; docs/model.md, \"Staffing requirements\"), shared\n"
         "among groups as the roster staffs them; scheduled by the scenario's roster, less\n"
         "shrinkage and breaks.\n";
  return out;
}

}  // namespace fccsim::model
