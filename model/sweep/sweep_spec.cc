#include "model/sweep/sweep_spec.h"

#include <google/protobuf/text_format.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <set>
#include <string_view>

#include "model/scenario/input_file.h"
#include "model/scenario/parse_errors.h"
#include "model/scenario/workload.h"

namespace fccsim::model {
namespace {

constexpr std::size_t kMaxSweepBytes = std::size_t{4} << 20;

// Where field `name` (element `index`, or -1) of the top-level message was written.
Problem At(const std::string& path, const google::protobuf::TextFormat::ParseInfoTree& tree,
           const char* name, int index, const std::string& field, const std::string& message) {
  const google::protobuf::FieldDescriptor* f = fccsim::Sweep::descriptor()->FindFieldByName(name);
  const google::protobuf::TextFormat::ParseLocation where = tree.GetLocation(f, index);
  return {path, where.line >= 0 ? where.line + 1 : 0, where.column >= 0 ? where.column + 1 : 0,
          field, message};
}

bool IsOverride(std::string_view text) {
  const std::size_t eq = text.find('=');
  return eq != std::string_view::npos && eq > 0;
}

// Every point runs with the sweep's one seed and number of replications (common random
// numbers; one index): an override of either at a point would be silently ignored.
bool SetsRunSettings(std::string_view path) {
  return path.rfind("run.seed", 0) == 0 || path.rfind("run.replications", 0) == 0 ||
         path == "run" || path.rfind("run=", 0) == 0;
}

constexpr char kRunSettings[] =
    "every point runs with the sweep's seed and replications: set them with the sweep's "
    "`seed` and `replications` (or --seed, --replications), not per point";

// Columns the tables have besides the axes'.
bool IsReservedName(const std::string& name) {
  static const std::set<std::string> kReserved = {
      "point",      "label",     "done",           "results_file",          "channel",
      "group",      "offered",   "service_level",  "average_answer_s",      "abandoned_fraction",
      "wait_p90_s", "occupancy", "target_verdict", "probability_target_met"};
  return kReserved.count(name) > 0 || name.ends_with("_ci95");
}

}  // namespace

std::vector<Problem> LoadSweep(const std::string& path, const std::vector<std::string>& overrides,
                               LoadedSweep* out) {
  std::vector<Problem> problems;
  std::string contents, error;
  if (!ReadInputFile(path, kMaxSweepBytes, &contents, &error)) {
    problems.push_back({path, 0, 0, "", "cannot read the sweep (" + error + ")"});
    return problems;
  }
  const std::string_view text = WithoutByteOrderMark(contents);
  if (const Utf8Error bad = FindInvalidUtf8(text); bad.line > 0) {
    problems.push_back({path, bad.line, bad.column, "", InvalidUtf8Message(bad, false)});
    return problems;
  }
  fccsim::Sweep sweep;
  google::protobuf::TextFormat::ParseInfoTree tree;
  {
    ParseErrorCollector collector(path, &problems, fccsim::Sweep::descriptor()->file());
    google::protobuf::TextFormat::Parser parser;
    parser.RecordErrorsTo(&collector);
    parser.WriteLocationsTo(&tree);
    if (!parser.ParseFromString(std::string(text), &sweep)) {
      if (problems.empty()) problems.push_back({path, 0, 0, "", "cannot parse the sweep"});
      return problems;
    }
  }
  if (sweep.base().empty()) {
    problems.push_back({path, 0, 0, "base", "the base scenario file is required"});
  }
  for (int i = 0; i < sweep.set_size(); ++i) {
    if (!IsOverride(sweep.set(i))) {
      problems.push_back(At(path, tree, "set", i, "set[" + std::to_string(i) + "]",
                            "expected PATH=VALUE (got \"" + sweep.set(i) + "\")"));
    } else if (SetsRunSettings(sweep.set(i))) {
      problems.push_back(At(path, tree, "set", i, "set[" + std::to_string(i) + "]", kRunSettings));
    }
  }
  for (const std::string& o : overrides) {
    if (SetsRunSettings(o)) problems.push_back({"--set " + o, 0, 0, "", kRunSettings});
  }
  std::set<std::string> names;
  // The grid's number of points, exact while it fits in 64 bits (64 axes of 2 values do not).
  std::uint64_t grid = sweep.axes_size() > 0 ? 1 : 0;
  bool uncountable = false;
  for (int i = 0; i < sweep.axes_size(); ++i) {
    const fccsim::Axis& axis = sweep.axes(i);
    const std::string field = "axes[" + std::to_string(i) + "]";
    if (axis.path().empty()) {
      problems.push_back(At(path, tree, "axes", i, field + ".path", "a field path is required"));
    } else if (SetsRunSettings(axis.path())) {
      problems.push_back(At(path, tree, "axes", i, field + ".path", kRunSettings));
    }
    if (axis.values_size() == 0) {
      problems.push_back(At(path, tree, "axes", i, field + ".values", "at least one value"));
    }
    const std::string name = axis.name().empty() ? axis.path() : axis.name();
    if (IsReservedName(name)) {
      problems.push_back(At(path, tree, "axes", i, field + ".name",
                            "\"" + name +
                                "\" names a column of the tables already: give the "
                                "axis another name"));
    } else if (!names.insert(name).second) {
      problems.push_back(At(path, tree, "axes", i, field,
                            "two axes are named \"" + name + "\" (give one a name)"));
    }
    const auto values = static_cast<std::uint64_t>(std::max(axis.values_size(), 1));
    if (grid > UINT64_MAX / values) uncountable = true;
    if (!uncountable) grid *= values;
  }
  for (int i = 0; i < sweep.points_size(); ++i) {
    const fccsim::Point& point = sweep.points(i);
    const std::string field = "points[" + std::to_string(i) + "]";
    if (point.label().empty()) {
      problems.push_back(At(path, tree, "points", i, field + ".label", "a label is required"));
    }
    for (int j = 0; j < point.set_size(); ++j) {
      if (!IsOverride(point.set(j))) {
        problems.push_back(At(path, tree, "points", i, field + ".set[" + std::to_string(j) + "]",
                              "expected PATH=VALUE (got \"" + point.set(j) + "\")"));
      } else if (SetsRunSettings(point.set(j))) {
        problems.push_back(
            At(path, tree, "points", i, field + ".set[" + std::to_string(j) + "]", kRunSettings));
      }
    }
  }
  const auto listed = static_cast<std::uint64_t>(sweep.points_size());
  if (grid > UINT64_MAX - listed) uncountable = true;
  const std::uint64_t count = uncountable ? UINT64_MAX : grid + listed;
  if (count == 0) {
    problems.push_back({path, 0, 0, "", "no point to run: give axes or points"});
  } else if (uncountable || count > kMaxSweepPoints) {
    // Uncountable: more than 2^64 - 1, which is 1.8e19.
    problems.push_back({path, 0, 0, "axes",
                        "the sweep has " +
                            (uncountable ? std::string("more than 10^19") : std::to_string(count)) +
                            " points; at most " + std::to_string(kMaxSweepPoints) +
                            " (split it into several sweeps)"});
  }
  if (sweep.has_replications() &&
      (sweep.replications() < 1 || sweep.replications() > kMaxReplications)) {
    problems.push_back({path, 0, 0, "replications",
                        "must be from 1 to " + std::to_string(kMaxReplications) + " (got " +
                            std::to_string(sweep.replications()) + ")"});
  }
  if (HasErrors(problems)) return problems;

  out->path = path;
  const std::filesystem::path base(sweep.base());
  out->base_path = base.is_absolute() ? base.string()
                                      : (std::filesystem::path(path).parent_path() / base).string();
  std::vector<std::string> common(sweep.set().begin(), sweep.set().end());
  common.insert(common.end(), overrides.begin(), overrides.end());
  for (const fccsim::Axis& axis : sweep.axes()) {
    out->axis_names.push_back(axis.name().empty() ? axis.path() : axis.name());
  }
  // The grid, as an odometer over the axes' values, the last axis turning fastest.
  std::vector<int> at(static_cast<std::size_t>(sweep.axes_size()), 0);
  for (std::uint64_t p = 0; p < grid; ++p) {
    SweepPointPlan point;
    point.overrides = common;
    for (int a = 0; a < sweep.axes_size(); ++a) {
      const fccsim::Axis& axis = sweep.axes(a);
      const std::string& value = axis.values(at[static_cast<std::size_t>(a)]);
      point.values.push_back(value);
      point.overrides.push_back(axis.path() + "=" + value);
      point.label +=
          (a == 0 ? "" : ", ") + out->axis_names[static_cast<std::size_t>(a)] + "=" + value;
    }
    for (int a = sweep.axes_size() - 1; a >= 0; --a) {
      if (++at[static_cast<std::size_t>(a)] < sweep.axes(a).values_size()) break;
      at[static_cast<std::size_t>(a)] = 0;
    }
    out->points.push_back(std::move(point));
  }
  for (const fccsim::Point& listed : sweep.points()) {
    SweepPointPlan point;
    point.label = listed.label();
    point.overrides = common;
    point.overrides.insert(point.overrides.end(), listed.set().begin(), listed.set().end());
    out->points.push_back(std::move(point));
  }
  out->sweep = std::move(sweep);
  return problems;
}

}  // namespace fccsim::model
