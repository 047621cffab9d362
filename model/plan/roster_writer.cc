#include "model/plan/roster_writer.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include <google/protobuf/text_format.h>

#include "model/plan/simulated_staffing.h"
#include "model/results/atomic_file.h"
#include "model/results/csv_cells.h"
#include "model/scenario/scenario_validator.h"
#include "model/scenario/weekday_names.h"

namespace fccsim::model {
namespace {

namespace fs = std::filesystem;

constexpr char kScenarioFile[] = "planned.textproto";
constexpr char kTableFile[] = "planned_headcount.csv";
constexpr char kToppedUpFile[] = "topped_up.textproto";

// The weekly table: [group][weekly slot], each slot the most of the reported intervals at
// that time of the week, and a slot the horizon never reaches takes that of the warm-up rule
// (StaffingInterval), as the verifying simulation did.
std::vector<std::vector<int>> WeeklyTable(const ModelSpec& spec,
                                          const std::vector<std::vector<int>>& on_duty) {
  const auto slots = static_cast<std::size_t>(7 * spec.intervals_per_day);
  std::vector<std::vector<int>> table(spec.groups.size(), std::vector<int>(slots, -1));
  for (std::int64_t k = spec.table_first_interval; k < spec.reported_intervals; ++k) {
    const std::size_t slot = spec.WeeklySlot(spec.origin + k * spec.interval);
    const auto at = static_cast<std::size_t>(StaffingInterval(spec, k));
    for (std::size_t g = 0; g < spec.groups.size(); ++g) {
      table[g][slot] = std::max(table[g][slot], on_duty[g][at]);
    }
  }
  for (std::size_t g = 0; g < spec.groups.size(); ++g) {
    for (std::size_t slot = 0; slot < slots; ++slot) {
      if (table[g][slot] < 0) {  // a weekday the horizon does not reach: day 0's time
        const auto of_day = static_cast<std::int64_t>(slot % static_cast<std::size_t>(spec.intervals_per_day));
        table[g][slot] = on_duty[g][static_cast<std::size_t>(StaffingInterval(spec, of_day))];
      }
    }
  }
  return table;
}

std::string TableText(const ModelSpec& spec, const std::vector<std::vector<int>>& table) {
  std::string text = "weekday,start";
  for (const GroupSpec& g : spec.groups) text += "," + CsvText(g.name);
  text += "\n";
  const int minutes = static_cast<int>(spec.interval / sim::kTicksPerMinute);
  for (int day = 0; day < 7; ++day) {
    for (int i = 0; i < spec.intervals_per_day; ++i) {
      text += std::string(kWeekdayShort[day]) + "," + FormatClockMinutes(i * minutes);
      const auto slot = static_cast<std::size_t>(day * spec.intervals_per_day + i);
      for (const auto& group : table) text += "," + std::to_string(group[slot]);
      text += "\n";
    }
  }
  return text;
}

// `csv` (relative to the original scenario's folder) as the planned scenario in `dir` must
// name it.
std::string Rebase(const std::string& csv, const fs::path& from, const fs::path& dir) {
  std::error_code ec;
  const fs::path file = fs::absolute(from / csv, ec);
  if (ec) return csv;
  const fs::path relative = fs::relative(file, fs::absolute(dir, ec), ec);
  return ec || relative.empty() ? file.string() : relative.string();
}

}  // namespace

std::vector<std::string> PlannedScenarioFileNames() {
  return {kScenarioFile, kTableFile, kToppedUpFile};
}

namespace {

// Writes `planned`, its tables rebased from the original scenario's folder to `dir`, and
// `extra` files into `dir`.
bool WriteScenarioFiles(const LoadedScenario& loaded, fccsim::Scenario planned,
                        const std::string& dir, const std::string& file_name,
                        const std::vector<std::pair<std::string, std::string>>& extra,
                        OutputSet* outputs, std::string* error) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    *error = "could not create " + dir + ": " + ec.message();
    return false;
  }
  const fs::path from = fs::path(loaded.path).parent_path();
  for (fccsim::Channel& channel : *planned.mutable_channels()) {
    if (channel.arrivals().has_table()) {
      fccsim::IntervalTable* table = channel.mutable_arrivals()->mutable_table();
      table->set_csv(Rebase(table->csv(), from, dir));
    }
  }
  fccsim::Roster* roster = planned.mutable_roster();
  if (!roster->headcount_csv().empty() && roster->headcount_csv() != kTableFile) {
    roster->set_headcount_csv(Rebase(roster->headcount_csv(), from, dir));
  }
  std::string text;
  if (!google::protobuf::TextFormat::PrintToString(planned, &text)) {
    *error = "could not print the planned scenario";
    return false;
  }
  text = "# proto-file: model/proto/scenario.proto\n# proto-message: fccsim.Scenario\n" + text;
  std::vector<std::pair<std::string, std::string>> files = {{file_name, text}};
  files.insert(files.end(), extra.begin(), extra.end());
  for (const auto& [name, contents] : files) {
    AtomicFile file(outputs);
    if (!file.Open((fs::path(dir) / name).string(), error) || !file.Append(contents, error) ||
        !file.Commit(error)) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool WritePlannedScenario(const LoadedScenario& loaded, const ModelSpec& spec,
                          const std::vector<std::vector<int>>& on_duty, const std::string& dir,
                          OutputSet* outputs, std::string* error) {
  fccsim::Scenario planned = loaded.scenario;
  planned.set_name(planned.name() + " (planned)");
  planned.set_description("The staffing found by fccsim plan --simulate for " + loaded.path +
                          ", on duty: nobody absent, no breaks.");
  fccsim::Roster* roster = planned.mutable_roster();
  roster->clear_shifts();
  roster->set_headcount_csv(kTableFile);
  roster->set_shrinkage(0);
  return WriteScenarioFiles(loaded, std::move(planned), dir, kScenarioFile,
                            {{kTableFile, TableText(spec, WeeklyTable(spec, on_duty))}}, outputs,
                            error);
}

bool WritePlannedShiftScenario(const LoadedScenario& loaded, const fccsim::Scenario& planned,
                               const std::string& dir, OutputSet* outputs, std::string* error) {
  fccsim::Scenario out = planned;
  out.set_name(out.name() + " (planned shifts)");
  out.set_description("The shifts fccsim plan chose from the patterns of " + loaded.path + ".");
  return WriteScenarioFiles(loaded, std::move(out), dir, kScenarioFile, {}, outputs, error);
}

bool WriteToppedUpScenario(const LoadedScenario& loaded, const fccsim::Scenario& topped_up,
                           const std::string& dir, OutputSet* outputs, std::string* error) {
  fccsim::Scenario out = topped_up;
  out.set_name(out.name() + " (roster topped up)");
  out.set_description("The roster of " + loaded.path +
                      " with the handlers fccsim plan added to its shifts.");
  return WriteScenarioFiles(loaded, std::move(out), dir, kToppedUpFile, {}, outputs, error);
}

}  // namespace fccsim::model
