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

void RandomStream::Refill() {
  // The round count is spelled out rather than taken from Random123's default, which a build
  // flag (PHILOX4x64_DEFAULT_ROUNDS) could change.
  using Philox = r123::Philox4x64_R<10>;
  const Philox::key_type key = {{seed_, stream_id_}};
  const Philox::ctr_type counter = {{replication_, block_, substream_[0], substream_[1]}};
  const Philox::ctr_type out = Philox()(counter, key);
  for (int i = 0; i < kBlockWords; ++i) buffer_[i] = out.v[i];
  ++block_;
  next_ = 0;
}

}  // namespace fccsim::sim
