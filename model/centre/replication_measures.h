#ifndef FCCSIM_MODEL_CENTRE_REPLICATION_MEASURES_H_
#define FCCSIM_MODEL_CENTRE_REPLICATION_MEASURES_H_

// What one replication measured, reduced as it ran: counts per channel and reported interval,
// time-weighted series, and a fine histogram of waits per channel. Its size follows the number
// of intervals, never the number of contacts. Definitions are in docs/model.md.

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <vector>

#include "model/scenario/model_spec.h"
#include "sim/histogram.h"
#include "sim/interval_series.h"
#include "sim/time.h"

namespace fccsim::model {

// The contacts of one channel that arrived in one interval (or the whole horizon), by outcome.
// Every contact has exactly one: offered = completed + in service at the end (answered -
// completed) + abandoned + short_abandoned + waiting_at_end.
struct IntervalCounts {
  std::int32_t offered = 0;
  std::int32_t answered = 0;   // answered, finished by the end or not: every known wait
  std::int32_t completed = 0;  // answered and finished by the end
  std::int32_t abandoned = 0;  // after waiting at least short_abandon
  std::int32_t short_abandoned = 0;
  std::int32_t waiting_at_end = 0;
  std::int32_t under_10s = 0;  // answered after waiting less than 10 s
  std::int32_t under_60s = 0;
  // Per threshold i of the channel: answered after waiting at most thresholds[i], and still
  // waiting at the end after waiting more than thresholds[i] (a certain miss).
  std::array<std::int32_t, kMaxThresholds> within{};
  std::array<std::int32_t, kMaxThresholds> waiting_beyond{};
  std::int64_t wait_sum = 0;  // ticks, over answered contacts
  std::int64_t wait_max = 0;  // ticks; meaningful when answered > 0
  // Answered contacts flagged as mental-health related, by what became of them, and police
  // deployments (docs/model.md, "Mental-health triage"). flagged = redirected + triaged +
  // fallback + those whose talk or hold was still going on at the end; diverted <= triaged.
  std::int32_t flagged = 0;
  std::int32_t redirected = 0;   // at first contact (Right Care, Right Person)
  std::int32_t transferred = 0;  // offered to a practitioner
  std::int32_t triaged = 0;      // picked up by a practitioner
  std::int32_t fallback = 0;     // no practitioner in time: the call handler dealt with it
  std::int32_t diverted = 0;     // triaged and diverted from deployment
  std::int32_t deployments = 0;
  std::int32_t deployments_averted = 0;  // would have been deployed: diverted or redirected
  std::int64_t triage_wait_sum = 0;      // ticks from transfer to pick-up, over triaged
  std::int64_t session_sum = 0;  // a chat channel's: ticks from answer to close, over completed
  // The 90th percentile of the practitioner waits: exact for an interval, from the 0.1 s
  // histogram for the whole horizon; NaN when none was triaged.
  double triage_wait_p90_s = std::numeric_limits<double>::quiet_NaN();
  // Wait percentiles of the answered contacts: exact for an interval, from the 0.1 s
  // histogram for the whole horizon; NaN when none was answered.
  double wait_p50_s = std::numeric_limits<double>::quiet_NaN();
  double wait_p90_s = std::numeric_limits<double>::quiet_NaN();
  double wait_p95_s = std::numeric_limits<double>::quiet_NaN();

  // Contacts judged at threshold i: answered, abandoned (not short), and certain misses.
  std::int32_t Judged(int i) const {
    return answered + abandoned + waiting_beyond[static_cast<std::size_t>(i)];
  }
  std::int32_t InServiceAtEnd() const { return answered - completed; }
  // Adds k's counts, wait sum and longest wait; not its percentiles, which do not add.
  void AddCounts(const IntervalCounts& k) {
    offered += k.offered;
    answered += k.answered;
    completed += k.completed;
    abandoned += k.abandoned;
    short_abandoned += k.short_abandoned;
    waiting_at_end += k.waiting_at_end;
    under_10s += k.under_10s;
    under_60s += k.under_60s;
    for (std::size_t i = 0; i < within.size(); ++i) {
      within[i] += k.within[i];
      waiting_beyond[i] += k.waiting_beyond[i];
    }
    wait_sum += k.wait_sum;
    if (k.answered > 0) wait_max = std::max(wait_max, k.wait_max);
    flagged += k.flagged;
    redirected += k.redirected;
    transferred += k.transferred;
    triaged += k.triaged;
    fallback += k.fallback;
    diverted += k.diverted;
    deployments += k.deployments;
    deployments_averted += k.deployments_averted;
    triage_wait_sum += k.triage_wait_sum;
    session_sum += k.session_sum;
  }
  std::int32_t Unresolved() const { return offered - answered - abandoned - short_abandoned; }
};

struct ChannelMeasures {
  std::vector<IntervalCounts> intervals;  // per reported interval, by arrival
  IntervalCounts total;                   // the whole reported horizon
  sim::IntervalSeries queue_length{0, 1, 0};
  sim::Histogram waits{1, 1};             // answered waits over the horizon, in ticks
  // Practitioner waits over the horizon, in ticks: only for a channel that transfers.
  sim::Histogram triage_waits{1, 1};
};

struct GroupMeasures {
  sim::IntervalSeries online{0, 1, 0};
  sim::IntervalSeries busy{0, 1, 0};  // handlers with any work (a call, or a chat session)
  // Only for a group with a chat skill: chat sessions open, and handlers holding at least one.
  sim::IntervalSeries sessions{0, 1, 0};
  sim::IntervalSeries chatting{0, 1, 0};
};

// Reused from one replication to the next (SimulateCentre overwrites it), so that a run's
// replications after the first allocate nothing new.
struct ReplicationMeasures {
  std::vector<ChannelMeasures> channels;
  std::vector<GroupMeasures> groups;
  std::uint64_t events = 0;
  std::uint64_t contacts = 0;  // all arrivals, warm-up included
  std::uint64_t contact_records = 0;  // records allocated: the most contacts in the centre at once
};

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_CENTRE_REPLICATION_MEASURES_H_
