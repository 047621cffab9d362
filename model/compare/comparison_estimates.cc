#include "model/compare/comparison_estimates.h"

#include <cmath>
#include <utility>

#include "model/results/interval_keys.h"
#include "model/scenario/weekday_names.h"
#include "sim/confidence_interval.h"
#include "sim/time.h"

namespace fccsim::model {
namespace {

// A measure of one replication as (numerator, denominator): a ratio of totals across the
// replications, or a mean per replication with denominator 1.
using Pair = std::pair<double, double>;

// Each ChannelDifferences measure of one interval (or the horizon), in its field order, as
// run_estimates.cc defines it: a channel whose target sets no service level (an ASA target
// alone) has none, NaN.
std::array<Pair, 7> ChannelValues(const ChannelSpec& ch, const IntervalCounts& k) {
  const double nan = std::nan("");
  const Pair level =
      ch.target_fraction > 0
          ? Pair{k.within[static_cast<std::size_t>(ch.target_index)], k.Judged(ch.target_index)}
          : Pair{nan, nan};
  return {{{k.offered, 1},
           {k.completed, 1},
           {k.abandoned, 1},
           level,
           {sim::SecondsFromTicks(k.wait_sum), k.answered},
           {k.abandoned + k.short_abandoned, k.offered},
           {k.deployments, 1}}};
}

template <std::size_t N>
void AddValues(const std::array<Pair, N>& base, const std::array<Pair, N>& variant, std::int64_t n,
               std::array<sim::PairedRatioMoments, N>* moments) {
  for (std::size_t i = 0; i < N; ++i) {
    (*moments)[i].Add(base[i].first, base[i].second, variant[i].first, variant[i].second, n);
  }
}

// Occupancy (busy over online handler time) and handlers online, over the horizon (k < 0)
// or in interval k.
std::array<Pair, 2> GroupValues(const GroupMeasures& m, int k) {
  double busy = 0, online = 0;
  if (k >= 0) {
    busy = m.busy.Mean(static_cast<std::size_t>(k));
    online = m.online.Mean(static_cast<std::size_t>(k));
  } else {
    // As run_estimates.cc: the means of the per-interval means.
    for (std::size_t i = 0; i < m.online.size(); ++i) {
      busy += m.busy.Mean(i);
      online += m.online.Mean(i);
    }
    const double intervals = static_cast<double>(m.online.size());
    busy /= intervals;
    online /= intervals;
  }
  return {{{busy, online}, {online, 1}}};
}

void FillDifference(const sim::PairedRatioMoments& m, std::int64_t n, const double t[2],
                    fccsim::Difference* out) {
  const sim::PairedDifference d = sim::PairedRatioDifference(m, n, t[0], t[1]);
  out->set_base(d.base);
  out->set_variant(d.variant);
  out->set_difference(d.difference);
  if (d.paired_half_width && std::isfinite(*d.paired_half_width)) {
    out->set_ci95_half_width(*d.paired_half_width);
    out->set_significant(std::fabs(d.difference) > *d.paired_half_width);
  }
  if (d.unpaired_half_width && std::isfinite(*d.unpaired_half_width)) {
    out->set_unpaired_ci95_half_width(*d.unpaired_half_width);
  }
}

}  // namespace

std::string ComparisonGridProblem(const ModelSpec& base, const ModelSpec& variant) {
  const auto minutes = [](const ModelSpec& s) {
    return std::to_string(s.interval / sim::kTicksPerMinute);
  };
  if (base.interval != variant.interval) {
    return "its intervals are " + minutes(variant) + " minutes, the base's " + minutes(base) +
           ": intervals cannot be paired";
  }
  if (base.days != variant.days) {
    return "it reports " + std::to_string(variant.days) + " days, the base " +
           std::to_string(base.days) + ": intervals cannot be paired";
  }
  if (base.start_weekday != variant.start_weekday) {
    return "its day 0 is a " + std::string(kWeekdayLong[variant.start_weekday]) +
           ", the base's a " + std::string(kWeekdayLong[base.start_weekday]) +
           ": days cannot be paired";
  }
  return "";
}

ComparisonEstimates::ComparisonEstimates(const ModelSpec& base, const ModelSpec& variant)
    : base_(base), variant_(variant) {
  const auto intervals = static_cast<std::size_t>(base.reported_intervals);
  for (std::size_t b = 0; b < base.channels.size(); ++b) {
    for (std::size_t v = 0; v < variant.channels.size(); ++v) {
      if (base.channels[b].name != variant.channels[v].name) continue;
      ChannelPair pair;
      pair.base = static_cast<int>(b);
      pair.variant = static_cast<int>(v);
      pair.intervals.resize(intervals);
      channels_.push_back(std::move(pair));
    }
  }
  for (std::size_t b = 0; b < base.groups.size(); ++b) {
    for (std::size_t v = 0; v < variant.groups.size(); ++v) {
      if (base.groups[b].name != variant.groups[v].name) continue;
      GroupPair pair;
      pair.base = static_cast<int>(b);
      pair.variant = static_cast<int>(v);
      pair.intervals.resize(intervals);
      groups_.push_back(std::move(pair));
    }
  }
}

void ComparisonEstimates::Add(const ReplicationMeasures& base, const ReplicationMeasures& variant) {
  ++n_;
  for (ChannelPair& pair : channels_) {
    const ChannelSpec& bs = base_.channels[static_cast<std::size_t>(pair.base)];
    const ChannelSpec& vs = variant_.channels[static_cast<std::size_t>(pair.variant)];
    const ChannelMeasures& bm = base.channels[static_cast<std::size_t>(pair.base)];
    const ChannelMeasures& vm = variant.channels[static_cast<std::size_t>(pair.variant)];
    AddValues(ChannelValues(bs, bm.total), ChannelValues(vs, vm.total), n_, &pair.overall);
    for (std::size_t k = 0; k < pair.intervals.size(); ++k) {
      AddValues(ChannelValues(bs, bm.intervals[k]), ChannelValues(vs, vm.intervals[k]), n_,
                &pair.intervals[k]);
    }
  }
  for (GroupPair& pair : groups_) {
    const GroupMeasures& bm = base.groups[static_cast<std::size_t>(pair.base)];
    const GroupMeasures& vm = variant.groups[static_cast<std::size_t>(pair.variant)];
    AddValues(GroupValues(bm, -1), GroupValues(vm, -1), n_, &pair.overall);
    for (std::size_t k = 0; k < pair.intervals.size(); ++k) {
      const int i = static_cast<int>(k);
      AddValues(GroupValues(bm, i), GroupValues(vm, i), n_, &pair.intervals[k]);
    }
  }
}

void ComparisonEstimates::FillChannel(const ChannelMoments& m, const double t[2],
                                      fccsim::ChannelDifferences* out) const {
  fccsim::Difference* fields[kChannelMeasures] = {
      out->mutable_offered(),          out->mutable_answered(),
      out->mutable_abandoned(),        out->mutable_service_level(),
      out->mutable_average_answer_s(), out->mutable_abandoned_fraction(),
      out->mutable_deployments()};
  for (std::size_t i = 0; i < kChannelMeasures; ++i) FillDifference(m[i], n_, t, fields[i]);
}

void ComparisonEstimates::FillGroup(const GroupMoments& m, const double t[2],
                                    fccsim::GroupDifferences* out) const {
  FillDifference(m[0], n_, t, out->mutable_occupancy());
  FillDifference(m[1], n_, t, out->mutable_mean_handlers_online());
}

void ComparisonEstimates::Fill(fccsim::VariantComparison* out) const {
  // Paired (n - 1 degrees of freedom) and unpaired (2n - 2).
  const double t[2] = {n_ >= 2 ? sim::StudentTQuantile(0.95, n_ - 1) : std::nan(""),
                       n_ >= 2 ? sim::StudentTQuantile(0.95, 2 * n_ - 2) : std::nan("")};
  for (const ChannelPair& pair : channels_) {
    fccsim::ChannelComparison* c = out->add_channels();
    c->set_name(base_.channels[static_cast<std::size_t>(pair.base)].name);
    FillChannel(pair.overall, t, c->mutable_overall());
    for (std::size_t k = 0; k < pair.intervals.size(); ++k) {
      fccsim::ChannelIntervalComparison* row = c->add_intervals();
      SetIntervalKeys(base_, static_cast<int>(k), row);
      FillChannel(pair.intervals[k], t, row->mutable_differences());
    }
  }
  for (const GroupPair& pair : groups_) {
    fccsim::GroupComparison* g = out->add_groups();
    g->set_name(base_.groups[static_cast<std::size_t>(pair.base)].name);
    FillGroup(pair.overall, t, g->mutable_overall());
    for (std::size_t k = 0; k < pair.intervals.size(); ++k) {
      fccsim::GroupIntervalComparison* row = g->add_intervals();
      SetIntervalKeys(base_, static_cast<int>(k), row);
      FillGroup(pair.intervals[k], t, row->mutable_differences());
    }
  }
  // Names in one only: channels and groups, each way round.
  const auto only_in = [](const auto& from, const auto& other, auto* names) {
    for (const auto& item : from) {
      bool found = false;
      for (const auto& o : other) found = found || o.name == item.name;
      if (!found) names->Add(std::string(item.name));
    }
  };
  only_in(base_.channels, variant_.channels, out->mutable_channels_only_in_base());
  only_in(variant_.channels, base_.channels, out->mutable_channels_only_in_variant());
  only_in(base_.groups, variant_.groups, out->mutable_groups_only_in_base());
  only_in(variant_.groups, base_.groups, out->mutable_groups_only_in_variant());
}

}  // namespace fccsim::model
