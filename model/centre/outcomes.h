#ifndef FCCSIM_MODEL_CENTRE_OUTCOMES_H_
#define FCCSIM_MODEL_CENTRE_OUTCOMES_H_

// Outcomes: what became of each contact and how busy each group was, gathered into one
// replication's measures as the centre reports them. Knows nothing of how contacts are routed
// or handled; the centre tells it each outcome as it happens.

#include <cstdint>
#include <vector>

#include "model/centre/contact.h"
#include "model/scenario/model_spec.h"
#include "sim/interval_series.h"
#include "sim/time.h"

namespace fccsim::model {

// What happened to the contacts that arrived in one reported interval. Every contact has
// exactly one outcome; waits are kept (not just counted) so that any measure, at any
// threshold, can be computed exactly from them.
struct IntervalOutcomes {
  std::int64_t offered = 0;
  std::int64_t abandoned = 0;             // gave up after waiting at least short_abandon
  std::int64_t short_abandoned = 0;
  std::vector<double> answered_waits_s;   // handled to completion by the end
  std::vector<double> in_service_waits_s; // answered, still being handled at the end
  std::vector<double> waiting_s;          // still waiting at the end: how long so far
};

struct ChannelStats {
  std::vector<IntervalOutcomes> intervals;  // per reported interval, by arrival
  sim::IntervalSeries queue_length{0, 1, 0};
};

struct GroupStats {
  sim::IntervalSeries online{0, 1, 0};
  sim::IntervalSeries busy{0, 1, 0};
};

struct ReplicationStats {
  std::vector<ChannelStats> channels;
  std::vector<GroupStats> groups;
  std::uint64_t events = 0;
  std::uint64_t contacts = 0;  // all arrivals, warm-up included
};

class Outcomes {
 public:
  // REQUIRES: `spec` outlives this.
  explicit Outcomes(const ModelSpec& spec);

  void Offered(const Contact& c);
  // Handled to completion (reported when the handler finishes).
  void Answered(const Contact& c);
  void Abandoned(const Contact& c, sim::Time now);
  void QueueLength(int channel, sim::Time now, int waiting);
  void GroupCounts(int group, sim::Time now, int online, int busy);

  // The replication's measures, with every contact still in the centre at `spec.end` counted
  // as waiting or in service. Call once, at the end.
  ReplicationStats Finish(const ContactTable& contacts, std::uint64_t events);

 private:
  // Logged in one sequence per channel and sorted into intervals at the end: appending to
  // hundreds of per-interval vectors as calls finish cost more than the whole queue.
  struct AnsweredWait {
    int interval;
    double wait_s;
  };
  IntervalOutcomes& Of(const Contact& c);

  const ModelSpec& spec_;
  ReplicationStats stats_;
  std::vector<std::vector<AnsweredWait>> answered_log_;  // per channel, in completion order
};

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_CENTRE_OUTCOMES_H_
