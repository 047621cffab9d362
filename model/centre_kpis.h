#ifndef FCCSIM_MODEL_CENTRE_KPIS_H_
#define FCCSIM_MODEL_CENTRE_KPIS_H_

// Turns the raw counts of each replication into the KPIs of results.proto: each measure is
// computed per replication, then averaged across replications with a 95% Student-t interval.
// Definitions are in docs/model.md. A measure undefined in a replication (a service level
// with nothing answered or abandoned) is left out of that measure's average; one undefined in
// every replication is NaN.

#include <vector>

#include "model/centre_model.h"
#include "model/centre_spec.h"
#include "model/proto/results.pb.h"

namespace fccsim::model {

// Fills channels, groups, replications, days, interval_minutes and start_weekday.
// `replications` must be in replication order.
void SummariseReplications(const ModelSpec& spec, const std::vector<ReplicationStats>& replications,
                           fccsim::RunResult* result);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_CENTRE_KPIS_H_
