#ifndef FCCSIM_SIM_RANDOM_STREAM_H_
#define FCCSIM_SIM_RANDOM_STREAM_H_

// Named, reproducible streams of random numbers.
//
// A stream is identified by three 64-bit numbers: the run's seed, the replication index and a
// stream id naming the source of randomness (StreamId("arrivals/999")). The generator is the
// counter-based Philox4x64-10 of Random123 (Salmon et al., SC'11): a keyed bijection of a
// 256-bit counter. The layout, which results depend on and which must therefore never change:
//
//   key     = {seed, stream_id}
//   counter = {replication, block, 0, 0}    block = 0, 1, 2, ...
//
// Block b yields four 64-bit outputs, drawn in word order 0..3. Distinct triples therefore read
// disjoint blocks of the same keyed bijection (or of bijections under different keys), so streams
// are independent and none can overlap another, however many draws each takes. Adding a stream
// moves no other stream's draws, and replaying a replication with different staffing sees the
// same arrivals (common random numbers).
//
// A RandomStream is a small copyable value; a copy continues from the same position
// independently of the original. It is not thread-safe; give each thread its own streams.

#include <cstdint>
#include <string_view>

namespace fccsim::sim {

// A stable 64-bit stream id for a name: FNV-1a 64 over the bytes of `name`.
// Results depend on this function: it must never change (not even to a "better" hash), or every
// stored run becomes irreproducible. Distinct names used in one model must have distinct ids;
// the model should check this when it builds its streams (a 64-bit collision is improbable, but
// a silent one would couple two sources).
constexpr std::uint64_t StreamId(std::string_view name) {
  constexpr std::uint64_t kFnvOffsetBasis = 0xcbf29ce484222325ULL;
  constexpr std::uint64_t kFnvPrime = 0x00000100000001b3ULL;
  std::uint64_t hash = kFnvOffsetBasis;
  for (char c : name) {
    hash ^= static_cast<std::uint64_t>(static_cast<unsigned char>(c));
    hash *= kFnvPrime;
  }
  return hash;
}

// Maps 64 random bits to the open interval (0, 1): the midpoint of one of 2^52 equal cells,
// ((u >> 12) + 0.5) * 2^-52. Every result is exact, lies in [2^-53, 1 - 2^-53] (so log() of it
// and of 1 minus it are finite) and the set of results is symmetric about 1/2.
// Why 52 bits and not 53: (k + 0.5) * 2^-53 for k = 2^53 - 1 is not representable and rounds
// (to even) to exactly 1.0; with 52 bits every midpoint is representable.
constexpr double Uniform01FromBits(std::uint64_t u) {
  return (static_cast<double>(u >> 12) + 0.5) * 0x1.0p-52;
}

class RandomStream {
 public:
  RandomStream(std::uint64_t seed, std::uint64_t replication, std::uint64_t stream_id);

  // The next 64 uniformly distributed bits.
  // The buffered path is inline; the Philox block is computed out of line once per four draws,
  // which keeps Random123 out of this header (sim/ headers include only the standard library).
  std::uint64_t NextU64() {
    if (next_ == kBlockWords) Refill();
    return buffer_[next_++];
  }

  // A uniform variate in the open interval (0, 1), never 0 or 1; consumes one NextU64().
  double NextUniform01() { return Uniform01FromBits(NextU64()); }

 private:
  static constexpr int kBlockWords = 4;

  // Computes block `block_` into buffer_ and advances block_.
  void Refill();

  std::uint64_t seed_;
  std::uint64_t stream_id_;
  std::uint64_t replication_;
  std::uint64_t block_ = 0;  // index of the next block to compute; 2^64 blocks never run out
  std::uint64_t buffer_[kBlockWords] = {};
  int next_ = kBlockWords;  // index into buffer_ of the next output; kBlockWords = empty
};

}  // namespace fccsim::sim

#endif  // FCCSIM_SIM_RANDOM_STREAM_H_
