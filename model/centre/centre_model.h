#ifndef FCCSIM_MODEL_CENTRE_CENTRE_MODEL_H_
#define FCCSIM_MODEL_CENTRE_CENTRE_MODEL_H_

// One replication of the contact centre: the components (demand, roster, handlers, routing,
// contacts, outcomes) wired together by the simulator's events. The rules are written down
// for planners in docs/model.md.

#include <cstdint>
#include <string>
#include <vector>

#include "model/centre/replication_measures.h"
#include "model/scenario/model_spec.h"
#include "sim/event_trace.h"

namespace fccsim::model {

// Simulates one replication into *measures (overwritten; its memory is reused, so a run can
// keep one per worker). Deterministic in (spec, seed, replication). REQUIRES: spec from
// CompileScenario. With `trace`, appends one line per decision ("12.345 arrive 999#3 -> 999
// only"), for tests.
void SimulateCentre(const ModelSpec& spec, std::uint64_t seed, std::uint64_t replication,
                    ReplicationMeasures* measures, std::vector<std::string>* trace = nullptr);

// The event queue's operations during that replication, to replay against other queues
// (bench/queue_trace_bench.cc).
sim::EventTrace RecordCentreEvents(const ModelSpec& spec, std::uint64_t seed,
                                   std::uint64_t replication);

// The same, into fresh measures.
ReplicationMeasures SimulateCentre(const ModelSpec& spec, std::uint64_t seed,
                                   std::uint64_t replication,
                                   std::vector<std::string>* trace = nullptr);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_CENTRE_CENTRE_MODEL_H_
