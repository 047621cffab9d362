#include "model/sweep/sweep_output.h"

#include <cmath>
#include <filesystem>
#include <utility>

#include "model/results/csv_cells.h"
#include "model/results/text_table.h"
#include "model/scenario/input_file.h"
#include "model/sweep/sweep_run.h"

namespace fccsim::model {
namespace {

constexpr char kChannelsCsv[] = "sweep.csv";
constexpr char kGroupsCsv[] = "sweep_groups.csv";
// An index holds a few hundred bytes per point and channel: ample for kMaxSweepPoints.
constexpr std::size_t kMaxIndexBytes = std::size_t{256} << 20;

std::string Cells(const fccsim::Estimate& e) {
  return CsvNumber(e.mean()) + "," +
         (e.has_ci95_half_width() ? CsvNumber(e.ci95_half_width()) : std::string());
}

// point, label and the axis values of a point's rows.
std::string Keys(const fccsim::SweepResult& index, const fccsim::SweepPoint& p) {
  std::string keys = std::to_string(p.index()) + "," + CsvText(p.label());
  for (int a = 0; a < index.axes_size(); ++a) {
    keys += "," + (a < p.values_size() ? CsvText(p.values(a)) : std::string());
  }
  return keys + ",";
}

std::pair<std::string, std::string> Tables(const fccsim::SweepResult& index) {
  std::string axes;
  for (const std::string& a : index.axes()) axes += "," + CsvText(a);
  std::string channels = "point,label" + axes +
                         ",channel,offered,offered_ci95,service_level,service_level_ci95,"
                         "average_answer_s,average_answer_s_ci95,abandoned_fraction,"
                         "abandoned_fraction_ci95,wait_p90_s,wait_p90_s_ci95,target_verdict,"
                         "probability_target_met\n";
  std::string groups = "point,label" + axes + ",group,occupancy,occupancy_ci95\n";
  for (const fccsim::SweepPoint& p : index.points()) {
    if (!p.done()) continue;
    const std::string keys = Keys(index, p);
    for (const fccsim::PointChannel& c : p.channels()) {
      channels += keys + CsvText(c.name()) + "," + Cells(c.offered()) + "," +
                  Cells(c.service_level()) + "," + Cells(c.average_answer_s()) + "," +
                  Cells(c.abandoned_fraction()) + "," + Cells(c.wait_p90_s()) + "," +
                  fccsim::TargetVerdict_Name(c.target_verdict()) + "," +
                  CsvNumber(c.probability_target_met().estimate()) + "\n";
    }
    for (const fccsim::PointGroup& g : p.groups()) {
      groups += keys + CsvText(g.name()) + "," + Cells(g.occupancy()) + "\n";
    }
  }
  return {channels, groups};
}

std::string Percent(const fccsim::Estimate& e) {
  if (!std::isfinite(e.mean())) return "-";
  std::string text = FixedN(100 * e.mean(), 1) + "%";
  if (e.has_ci95_half_width()) text += " ±" + FixedN(100 * e.ci95_half_width(), 1);
  return text;
}

std::string Verdict(fccsim::TargetVerdict v) {
  switch (v) {
    case fccsim::TARGET_MET:
      return "met";
    case fccsim::TARGET_MISSED:
      return "missed";
    case fccsim::TARGET_NOT_SETTLED:
      return "not settled";
    default:
      return "-";
  }
}

}  // namespace

std::vector<std::string> SweepIndexFileNames() {
  return {kSweepIndexFile, kChannelsCsv, kGroupsCsv};
}

bool WriteSweepIndex(const fccsim::SweepResult& index, const std::string& dir, OutputSet* outputs,
                     std::string* error) {
  const auto [channels, groups] = Tables(index);
  const std::string bytes = index.SerializeAsString();
  for (const auto& [name, text] :
       {std::pair{kSweepIndexFile, &bytes}, {kChannelsCsv, &channels}, {kGroupsCsv, &groups}}) {
    AtomicFile file(outputs);
    const std::string path = (std::filesystem::path(dir) / name).string();
    if (!file.Open(path, error) || !file.Append(*text, error) || !file.Commit(error)) {
      return false;
    }
  }
  return true;
}

bool ReadSweepIndex(const std::string& dir, fccsim::SweepResult* index, std::string* error) {
  const std::string path = (std::filesystem::path(dir) / kSweepIndexFile).string();
  std::string bytes, why;
  if (!ReadInputFile(path, kMaxIndexBytes, &bytes, &why)) {
    *error = path + ": " + why;
    return false;
  }
  if (!index->ParseFromString(bytes) || index->complete() != kSweepComplete) {
    *error = path + ": not a sweep index, or cut short";
    return false;
  }
  return true;
}

std::string FormatSweepSummary(const fccsim::SweepResult& index) {
  int done = 0;
  for (const fccsim::SweepPoint& p : index.points()) done += p.done() ? 1 : 0;
  std::string name = index.sweep().name().empty() ? index.sweep_path() : index.sweep().name();
  std::string out = "Sweep \"" + name + "\": " + std::to_string(done) + " of " +
                    std::to_string(index.points_size()) + " points, " +
                    std::to_string(index.replications()) + " replications each on common " +
                    "random numbers, seed " + std::to_string(index.seed()) + "\n\n";
  TextTable table({{"Point", Align::kRight},
                   {"Label", Align::kLeft},
                   {"Channel", Align::kLeft},
                   {"Service level", Align::kRight},
                   {"ASA", Align::kRight},
                   {"Abandoned", Align::kRight},
                   {"Target", Align::kLeft}});
  for (const fccsim::SweepPoint& p : index.points()) {
    if (!p.done()) continue;
    for (const fccsim::PointChannel& c : p.channels()) {
      table.AddRow({std::to_string(p.index()), p.label(), c.name(), Percent(c.service_level()),
                    FixedN(c.average_answer_s().mean(), 1) + " s", Percent(c.abandoned_fraction()),
                    Verdict(c.target_verdict())});
    }
  }
  return out + table.Render();
}

}  // namespace fccsim::model
