#include "sim/random_stream.h"

#include <Random123/philox.h>

namespace fccsim::sim {

RandomStream::RandomStream(std::uint64_t seed, std::uint64_t replication, std::uint64_t stream_id)
    : seed_(seed), stream_id_(stream_id), replication_(replication) {}

void RandomStream::Refill() {
  // The round count is spelled out rather than taken from Random123's default, which a build
  // flag (PHILOX4x64_DEFAULT_ROUNDS) could change.
  using Philox = r123::Philox4x64_R<10>;
  const Philox::key_type key = {{seed_, stream_id_}};
  const Philox::ctr_type counter = {{replication_, block_, 0, 0}};
  const Philox::ctr_type out = Philox()(counter, key);
  for (int i = 0; i < kBlockWords; ++i) buffer_[i] = out.v[i];
  ++block_;
  next_ = 0;
}

}  // namespace fccsim::sim
