#ifndef FCCSIM_MODEL_CENTRE_MEASURES_CODEC_H_
#define FCCSIM_MODEL_CENTRE_MEASURES_CODEC_H_

// One replication's measures as bytes and back, so that a replication simulated by one
// process can be reduced into the run's estimates by another (fccsim under mpirun) exactly as
// if simulated there: decoding gives the measures bit for bit. Both processes must be the same
// build (the bytes are the values' own, sim/byte_codec.h).

#include <string>
#include <string_view>

#include "model/centre/replication_measures.h"

namespace fccsim::model {

// Replaces *out with the bytes of `measures`, reusing its memory.
void EncodeMeasures(const ReplicationMeasures& measures, std::string* out);

// Becomes the measures EncodeMeasures wrote, reusing the memory *measures holds (a slot that
// served an earlier replication). False when the bytes are not such measures.
bool DecodeMeasures(std::string_view bytes, ReplicationMeasures* measures);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_CENTRE_MEASURES_CODEC_H_
