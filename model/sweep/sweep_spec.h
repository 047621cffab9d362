#ifndef FCCSIM_MODEL_SWEEP_SWEEP_SPEC_H_
#define FCCSIM_MODEL_SWEEP_SWEEP_SPEC_H_

// Reading a sweep file (model/proto/sweep.proto, protobuf text format) and expanding it into
// its points: the grid of its axes (every combination, the first axis varying slowest), then
// the points it lists. Each point is the base scenario with overrides (--set PATH=VALUE):
// the sweep's own `set`, then the axes' values or the listed point's `set`.

#include <cstdint>
#include <string>
#include <vector>

#include "model/proto/sweep.pb.h"
#include "model/scenario/scenario_loader.h"

namespace fccsim::model {

inline constexpr std::size_t kMaxSweepPoints = 10000;

struct SweepPointPlan {
  std::string label;
  std::vector<std::string> values;     // per axis; empty for a listed point
  std::vector<std::string> overrides;  // all of them, in the order applied
};

struct LoadedSweep {
  std::string path;       // as given
  fccsim::Sweep sweep;    // as read
  std::string base_path;  // the base scenario, relative to the sweep file's folder
  std::vector<std::string> axis_names;
  std::vector<SweepPointPlan> points;
};

// Every problem of the sweep file itself (`file:line:col: field: message`); when there is
// none, *out holds it expanded. `overrides` (--set on the command line) apply to every
// point after the sweep's own `set`. The points' scenarios are not loaded here.
std::vector<Problem> LoadSweep(const std::string& path, const std::vector<std::string>& overrides,
                               LoadedSweep* out);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_SWEEP_SWEEP_SPEC_H_
