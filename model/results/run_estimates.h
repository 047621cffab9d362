#ifndef FCCSIM_MODEL_RESULTS_RUN_ESTIMATES_H_
#define FCCSIM_MODEL_RESULTS_RUN_ESTIMATES_H_

// Estimates across replications of everything a run reports, accumulated one replication at a
// time, in replication order (so the same seed gives the same bits whatever the thread count),
// and the results messages built from them piece by piece, so that a long run's results can
// be written without ever being whole in memory. Memory follows the number of intervals,
// never the number of contacts, and grows with replications only by one row of headline
// measures per replication. Definitions are in docs/model.md:
//   - counts, percentiles and the share of intervals meeting the target: means of the
//     per-replication values, with Student-t intervals;
//   - service levels, ASA, the Home Office bands, the abandoned fraction and occupancy: ratios
//     of totals across replications, with delta-method intervals;
//   - the probability of meeting the target: the share of replications that meet it, with
//     its exact (Clopper-Pearson) interval.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/centre/replication_measures.h"
#include "model/proto/results.pb.h"
#include "model/scenario/model_spec.h"
#include "sim/moments.h"

namespace fccsim::model {

class RunEstimates {
 public:
  // REQUIRES: `spec` outlives this.
  explicit RunEstimates(const ModelSpec& spec);

  // REQUIRES: called in replication order, with measures of `spec`.
  void Add(const ReplicationMeasures& measures);
  // As Add, but may take the contents of *measures (leaving it empty, to be refilled), which
  // spares a copy: a run of one replication keeps that replication's measures as they are and
  // allocates no accumulators, which take several times their memory.
  void Take(ReplicationMeasures* measures);

  std::uint32_t replications() const { return static_cast<std::uint32_t>(n_); }

  // Everything accumulated so far, as bytes (model/results/run_estimates_state.cc), so that a
  // run interrupted after k replications can go on from k in another process of the same
  // build and end with the bits of a run never interrupted.
  void SaveState(std::string* out) const;
  // Becomes the estimates SaveState wrote, from a RunEstimates of the same spec with nothing
  // added. False (and these estimates unusable) when the bytes are not such a state.
  bool RestoreState(std::string_view bytes);
  int channels() const { return static_cast<int>(channels_.size()); }
  int groups() const { return static_cast<int>(groups_.size()); }
  int intervals() const { return spec_.reported_intervals; }

  // A channel's results without their intervals: name, summary and replications.
  // The const methods may be called from several threads at once.
  fccsim::ChannelResult ChannelHead(int c) const;
  // Sets every field of *row, whatever it held.
  void ChannelIntervalResult(int c, int k, fccsim::ChannelInterval* row) const;
  // A group's results without their intervals.
  fccsim::GroupResult GroupHead(int g) const;
  // Sets every field of *row, whatever it held.
  void GroupIntervalResult(int g, int k, fccsim::GroupInterval* row) const;

 private:
  // The mean of a per-replication value defined in only some replications (a percentile).
  struct PartialMean {
    std::int64_t n = 0;
    sim::Moments moments;
    void Add(double x);
  };
  // One IntervalCounts (an interval or the whole horizon) across replications.
  struct CountEstimates {
    sim::Moments offered, completed, abandoned, short_abandoned, in_service, waiting;
    sim::PairMoments level[kMaxThresholds];  // within / judged, per threshold
    sim::PairMoments asa, under_10s, from_10_to_60s, over_60s, abandoned_fraction;
    PartialMean p50, p90, p95, max;
    void Add(const IntervalCounts& counts, int thresholds, std::int64_t n);
  };
  // The triage measures of one IntervalCounts across replications.
  struct TriageEstimates {
    sim::Moments flagged, redirected, transferred, triaged, fallback, diverted, deployments,
        averted;
    sim::PairMoments wait;  // triage wait sum / triaged
    PartialMean wait_p90;   // over the horizon only
    void Add(const IntervalCounts& counts, std::int64_t n);
  };
  // A chat group's concurrency over one period across replications, from the time-weighted
  // means of its series there.
  struct ChatEstimates {
    sim::Moments sessions;
    sim::PairMoments concurrency;  // sessions / chatting
    sim::PairMoments capacity;     // busy - chatting + sessions / k, over online
    void Add(double sessions, double chatting, double busy, double online, int k,
             std::int64_t n);
  };
  struct ChannelEstimates {
    CountEstimates total;
    // Only for a chat channel: session time / sessions closed.
    bool chat = false;
    sim::PairMoments session_total;
    std::vector<sim::PairMoments> session_intervals;
    // Only for a channel with triage or deployments, so that others pay nothing for them.
    bool has_triage = false;
    TriageEstimates triage_total;
    std::vector<TriageEstimates> triage_intervals;
    std::vector<CountEstimates> intervals;
    std::vector<sim::Moments> queue_length;
    PartialMean intervals_meeting_target;  // in replications with an interval judged
    std::int64_t replications_judged = 0;  // with something the target judges
    std::int64_t replications_meeting_target = 0;
    std::vector<fccsim::ChannelReplication> replications;
  };
  struct GroupEstimates {
    sim::PairMoments occupancy;  // busy / online handler time over the horizon
    sim::Moments online;         // mean handlers online over the horizon
    std::vector<sim::PairMoments> interval_occupancy;
    std::vector<sim::Moments> interval_online, interval_busy;
    // Only for a group with a chat skill.
    bool chats = false;
    ChatEstimates chat_total;
    std::vector<ChatEstimates> chat_intervals;
    std::vector<fccsim::GroupReplication> replications;
  };

  // Whether one replication's measures have the shape of this spec's (a checkpoint's).
  bool FitsSpec(const ReplicationMeasures& m) const;
  void AddChannelTotals(int c, const ChannelMeasures& m);
  void AddGroupTotals(int g, const GroupMeasures& m);
  void AllocateIntervals();
  // The per-interval accumulators, with measures of replication n (counting from 1).
  void AddIntervals(const ReplicationMeasures& measures, std::int64_t n);
  template <class Message>
  void FillCounts(const ChannelSpec& ch, const CountEstimates& e, Message* out) const;
  void FillTriage(const TriageEstimates& e, fccsim::TriageMeasures* out) const;
  void FillChat(int g, const ChatEstimates& e, std::int64_t n, fccsim::ChatConcurrency* out) const;
  // Adds group g's period k (every period: k < 0) of one replication's measures.
  void AddChat(int g, const GroupMeasures& m, int k, std::int64_t n, ChatEstimates* e) const;
  void FillMean(const sim::Moments& m, std::int64_t n, fccsim::Estimate* e) const;
  void FillRatio(const sim::PairMoments& p, fccsim::Estimate* e) const;
  // The 95% Student-t quantile for n observations (n - 1 degrees of freedom), for
  // 2 <= n <= replications(), computed as replications arrive: Boost computes it
  // iteratively, and a year of intervals asks for it a million times. NaN for n < 2.
  double T95(std::int64_t n) const;

  const ModelSpec& spec_;
  std::int64_t n_ = 0;
  std::vector<ChannelEstimates> channels_;
  std::vector<GroupEstimates> groups_;
  // The first replication, while it is the only one; the accumulators per interval (in
  // channels_ and groups_) exist from the second on.
  ReplicationMeasures first_;
  std::vector<double> t95_;  // by degrees of freedom, from 0 (NaN)
};

// Whether a service level and an ASA meet a channel's target (each judged only when the
// target sets it): 1 or 0, or NaN when a measure the target needs is undefined.
double MeetsTarget(const ChannelSpec& ch, double service_level, double asa_s);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_RESULTS_RUN_ESTIMATES_H_
