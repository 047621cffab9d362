#ifndef FCCSIM_MODEL_RESULTS_CENTRE_KPIS_H_
#define FCCSIM_MODEL_RESULTS_CENTRE_KPIS_H_

// Turns the outcomes of each replication into the KPIs of results.proto: each measure is
// computed per replication, exactly, from the waits of its contacts, then averaged across
// replications with a 95% Student-t interval. Definitions are in docs/model.md. A measure
// undefined in a replication (a service level with no contact to judge) is left out of that
// measure's average; one undefined in every replication is NaN.

#include <vector>

#include "model/centre/outcomes.h"
#include "model/scenario/model_spec.h"
#include "model/proto/results.pb.h"

namespace fccsim::model {

// All the outcomes of several intervals as one.
IntervalOutcomes PoolOutcomes(const std::vector<IntervalOutcomes>& intervals);

// Contacts answered within `threshold_s` (including those still in service at the end) over
// all contacts judged: answered, in service at the end, abandoned (not short), and those
// still waiting at the end who have already waited longer than the threshold. NaN if none.
double ServiceLevel(const IntervalOutcomes& o, double threshold_s);

// Linear interpolation between order statistics (the usual "type 7" quantile). NaN if empty.
// REQUIRES: `sorted` ascending, 0 <= p <= 1.
double Quantile(const std::vector<double>& sorted, double p);

// Fills channels, groups, replications, days, interval_minutes and start_weekday.
// `replications` must be in replication order.
void SummariseReplications(const ModelSpec& spec, const std::vector<ReplicationStats>& replications,
                           fccsim::RunResult* result);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_RESULTS_CENTRE_KPIS_H_
