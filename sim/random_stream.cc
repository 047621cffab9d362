#include "sim/random_stream.h"

#include <Random123/philox.h>

namespace fccsim::sim {

std::string StreamName(std::initializer_list<std::string_view> parts) {
  std::string name;
  bool first = true;
  for (std::string_view part : parts) {
    if (!first) name += '/';
    first = false;
    for (char c : part) {
      if (c == '%') {
        name += "%25";
      } else if (c == '/') {
        name += "%2F";
      } else {
        name += c;
      }
    }
  }
  return name;
}

namespace {

// Block `block` of stream (seed, replication, stream_id, substream). The round count is
// spelled out rather than taken from Random123's default, which a build flag
// (PHILOX4x64_DEFAULT_ROUNDS) could change.
std::array<std::uint64_t, 4> Block(std::uint64_t seed, std::uint64_t replication,
                                   std::uint64_t stream_id, std::array<std::uint64_t, 2> substream,
                                   std::uint64_t block) {
  using Philox = r123::Philox4x64_R<10>;
  const Philox::key_type key = {{seed, stream_id}};
  const Philox::ctr_type counter = {{replication, block, substream[0], substream[1]}};
  const Philox::ctr_type out = Philox()(counter, key);
  return {out.v[0], out.v[1], out.v[2], out.v[3]};
}

}  // namespace

std::array<std::uint64_t, 4> RandomStream::FirstBlock(std::uint64_t seed, std::uint64_t replication,
                                                      std::uint64_t stream_id,
                                                      std::array<std::uint64_t, 2> substream) {
  return Block(seed, replication, stream_id, substream, 0);
}

void RandomStream::Refill() {
  const std::array<std::uint64_t, 4> block =
      Block(seed_, replication_, stream_id_, substream_, block_);
  for (int i = 0; i < kBlockWords; ++i) buffer_[i] = block[static_cast<std::size_t>(i)];
  ++block_;
  next_ = 0;
}

}  // namespace fccsim::sim
