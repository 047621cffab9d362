#include "model/plan/target_estimates.h"

#include <cmath>
#include <limits>

#include "sim/confidence_interval.h"
#include "sim/random_stream.h"

namespace fccsim::model {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

TargetEstimates::TargetEstimates(const ModelSpec& spec)
    : spec_(spec),
      sums_(spec.channels.size(),
            std::vector<Sums>(static_cast<std::size_t>(spec.reported_intervals))) {}

void TargetEstimates::Add(const ReplicationMeasures& m, std::uint64_t r) {
  for (std::size_t c = 0; c < spec_.channels.size(); ++c) {
    const int t = spec_.channels[c].target_index;
    for (std::size_t k = 0; k < sums_[c].size(); ++k) {
      const IntervalCounts& n = m.channels[c].intervals[k];
      Sums& s = sums_[c][k];
      const double within = n.within[static_cast<std::size_t>(t)];
      const double judged = n.Judged(t);
      const double wait_s = sim::SecondsFromTicks(n.wait_sum);
      const double answered = n.answered;
      s.within += within;
      s.judged += judged;
      s.wait_s += wait_s;
      s.answered += answered;
      const auto count = static_cast<std::int64_t>(r) + 1;
      s.level.Add(within, judged, count);
      s.wait.Add(wait_s, answered, count);
    }
  }
}

std::vector<std::vector<SimulatedInterval>> TargetEstimates::Judge(std::uint32_t replications,
                                                                   double confidence) const {
  std::vector<std::vector<SimulatedInterval>> out(spec_.channels.size());
  const auto n = static_cast<std::int64_t>(replications);
  const double t = n >= 2 ? sim::StudentTQuantile(0.95, n - 1) : kNaN;
  // The one-sided bound at `confidence` is a two-sided interval's at 2 * confidence - 1.
  const double t_bound =
      confidence > 0.5 && n >= 2 ? sim::StudentTQuantile(2 * confidence - 1, n - 1) : 0;
  const auto half_width = [&](const sim::PairMoments& p, double quantile) {
    const auto ci = sim::RatioIntervalWithT(p, n, quantile);
    return ci ? ci->half_width : kNaN;
  };
  for (std::size_t c = 0; c < spec_.channels.size(); ++c) {
    const ChannelSpec& ch = spec_.channels[c];
    out[c].resize(sums_[c].size());
    for (std::size_t k = 0; k < sums_[c].size(); ++k) {
      const Sums& s = sums_[c][k];
      SimulatedInterval& at = out[c][k];
      at.service_level = ch.target_fraction > 0 && s.judged > 0 ? s.within / s.judged : kNaN;
      at.average_answer_s = s.answered > 0 ? s.wait_s / s.answered : kNaN;
      // Margins of the one-sided bounds: 0 when judged by the estimate (or NaN, which
      // judges nothing, where the measure is undefined).
      const double level_margin = t_bound > 0 ? half_width(s.level, t_bound) : 0;
      const double wait_margin = t_bound > 0 ? half_width(s.wait, t_bound) : 0;
      at.meets = !(at.service_level - level_margin < ch.target_fraction) &&
                 !(ch.target_max_average_answer_s > 0 &&
                   at.average_answer_s + wait_margin > ch.target_max_average_answer_s);
      at.service_level_ci95 = std::isnan(at.service_level) ? kNaN : half_width(s.level, t);
      at.average_answer_ci95 = std::isnan(at.average_answer_s) ? kNaN : half_width(s.wait, t);
      at.uncertain =
          at.meets &&
          (at.service_level - at.service_level_ci95 < ch.target_fraction ||
           (ch.target_max_average_answer_s > 0 &&
            at.average_answer_s + at.average_answer_ci95 > ch.target_max_average_answer_s));
    }
  }
  return out;
}

}  // namespace fccsim::model
