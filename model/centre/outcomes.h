#ifndef FCCSIM_MODEL_CENTRE_OUTCOMES_H_
#define FCCSIM_MODEL_CENTRE_OUTCOMES_H_

// Outcomes: what became of each contact and how busy each group was, reduced into one
// replication's measures as the centre reports them, so that nothing waits for the end of the
// run to be sorted and memory never grows with the number of contacts. Knows nothing of how
// contacts are routed or handled.
//
// Each interval's wait percentiles are exact: the positive waits of its answered contacts are
// held only until every contact of the interval is answered or gone, then reduced and dropped
// (its zero waits are known from its count of answered contacts).
// Practitioner waits, far fewer, are held to the end of the replication.

#include <cstdint>
#include <utility>
#include <vector>

#include "model/centre/contact.h"
#include "model/centre/replication_measures.h"
#include "model/scenario/model_spec.h"
#include "sim/histogram.h"
#include "sim/time.h"

namespace fccsim::model {

class Outcomes {
 public:
  // Gathers into *measures, whose previous contents are overwritten but whose memory is
  // reused. REQUIRES: `spec` and `measures` outlive this.
  Outcomes(const ModelSpec& spec, ReplicationMeasures* measures);

  void Offered(const Contact& c, sim::Time now);
  // Answered now (its wait is known from here on, whether or not it finishes by the end).
  void Answered(const Contact& c, sim::Time now);
  // Finished by its handler.
  void Completed(const Contact& c);
  void Abandoned(const Contact& c, sim::Time now);
  // Mental-health triage and deployments (docs/model.md, "Mental-health triage").
  void FateDecided(const Contact& c);  // flagged, redirected
  void Transferred(const Contact& c);
  void Triaged(const Contact& c, sim::Duration wait);
  void FellBack(const Contact& c);
  // The contact's handling is over: counts its deployment, or the deployment averted.
  void Resolved(const Contact& c, bool triaged);
  // A chat session closed at `now` (after Completed).
  void SessionClosed(const Contact& c, sim::Time now);
  // The four below run at nearly every event, so they are defined here, to be inlined.
  void QueueLength(int channel, sim::Time now, int waiting) {
    measures_.channels[static_cast<std::size_t>(channel)].queue_length.Set(now, waiting);
  }
  void GroupCounts(int group, sim::Time now, int online, int busy) {
    measures_.groups[static_cast<std::size_t>(group)].online.Set(now, online);
    GroupBusy(group, now, busy);
  }
  // The busy count alone, when no handler of the group can have come or gone.
  void GroupBusy(int group, sim::Time now, int busy) {
    measures_.groups[static_cast<std::size_t>(group)].busy.Set(now, busy);
  }
  // A chat group's open sessions, and its handlers holding at least one.
  void GroupSessions(int group, sim::Time now, int sessions, int chatting) {
    GroupMeasures& g = measures_.groups[static_cast<std::size_t>(group)];
    g.sessions.Set(now, sessions);
    g.chatting.Set(now, chatting);
  }

  // Completes the replication's measures, counting the contacts still waiting in `contacts`
  // at spec.end. Call once, at the end.
  void Finish(const ContactTable& contacts, std::uint64_t events, std::uint64_t arrivals);

 private:
  // The answered waits of one channel's intervals that may still receive some (from interval
  // `first` on), in the order answered: few intervals are open at once, so closing one scans
  // little, and answering is one append.
  struct OpenWaits {
    int first = 0;
    sim::Time first_end = 0;  // of interval `first`; the greatest Time once all are closed
    std::vector<std::pair<int, sim::Duration>> waits;  // (interval, wait), positive waits only
    std::vector<sim::Duration> closing;                // scratch: the waits of `first`
  };

  IntervalCounts& Of(const Contact& c);
  // Reduces and drops the waits of every interval of channel c that is over by `now` and has
  // no contact left waiting. Checked at each arrival (which is when time has moved on), so an
  // interval's waits are held a little past its last contact's answer, never longer.
  void CloseIntervals(int c, sim::Time now);
  void CloseFirst(int c);
  // Each interval's exact 90th percentile of channel c's practitioner waits, at the end.
  void SetTriagePercentiles(int c);

  const ModelSpec& spec_;
  ReplicationMeasures& measures_;
  std::vector<OpenWaits> open_;  // per channel
  // Per channel, the (interval, wait) of every contact triaged in the replication: few (a
  // share of a share of the contacts), so held to its end rather than closed as they go.
  std::vector<std::vector<std::pair<int, sim::Duration>>> triage_waits_;
};

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_CENTRE_OUTCOMES_H_
