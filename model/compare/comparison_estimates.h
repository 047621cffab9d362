#ifndef FCCSIM_MODEL_COMPARE_COMPARISON_ESTIMATES_H_
#define FCCSIM_MODEL_COMPARE_COMPARISON_ESTIMATES_H_

// One variant against the base, replication by replication: replication r of both ran on the
// same random numbers, so each measure's difference is estimated from the paired replications
// (sim/paired_moments.h), overall and per reported interval. Channels and groups are paired
// by name. Memory follows the intervals, never the contacts or the replications.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "model/centre/replication_measures.h"
#include "model/proto/compare.pb.h"
#include "model/scenario/model_spec.h"
#include "sim/paired_moments.h"

namespace fccsim::model {

// Why replications of `variant` cannot be paired with those of `base` interval by interval
// (a different reporting grid: days, interval length, weekday of day 0); "" when they can.
std::string ComparisonGridProblem(const ModelSpec& base, const ModelSpec& variant);

class ComparisonEstimates {
 public:
  // REQUIRES: both outlive this, and ComparisonGridProblem(base, variant) is "".
  ComparisonEstimates(const ModelSpec& base, const ModelSpec& variant);

  // REQUIRES: called in replication order, with replication r of the base and of the
  // variant, both from the same seed.
  void Add(const ReplicationMeasures& base, const ReplicationMeasures& variant);

  std::int64_t replications() const { return n_; }

  // Sets the channels, groups and the names in only one of the two; not `variant`.
  void Fill(fccsim::VariantComparison* out) const;

 private:
  // The measures of ChannelDifferences, in its field order.
  static constexpr std::size_t kChannelMeasures = 7;
  using ChannelMoments = std::array<sim::PairedRatioMoments, kChannelMeasures>;
  using GroupMoments = std::array<sim::PairedRatioMoments, 2>;
  struct ChannelPair {
    int base = 0, variant = 0;
    ChannelMoments overall;
    std::vector<ChannelMoments> intervals;
  };
  struct GroupPair {
    int base = 0, variant = 0;
    GroupMoments overall;
    std::vector<GroupMoments> intervals;
  };

  void FillChannel(const ChannelMoments& m, const double t[2],
                   fccsim::ChannelDifferences* out) const;
  void FillGroup(const GroupMoments& m, const double t[2], fccsim::GroupDifferences* out) const;

  const ModelSpec& base_;
  const ModelSpec& variant_;
  std::int64_t n_ = 0;
  std::vector<ChannelPair> channels_;
  std::vector<GroupPair> groups_;
};

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_COMPARE_COMPARISON_ESTIMATES_H_
