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
//   counter = {replication, block, substream[0], substream[1]}    block = 0, 1, 2, ...
//
// Block b yields four 64-bit outputs, drawn in word order 0..3. Distinct (seed, replication,
// stream id, substream) tuples therefore read disjoint blocks of the same keyed bijection (or
// of bijections under different keys), so streams are independent and none can overlap
// another, however many draws each takes. Adding a stream moves no other stream's draws, and
// replaying a replication with different staffing sees the same arrivals (common random
// numbers).
//
// Substreams give a family of streams under one id at no cost: a model draws the attributes
// of the i-th entity from substream {i, lane}, so each entity's draws depend on nothing but
// its own index, whatever was drawn for any other. The plain stream is substream {0, 0}; a
// model must not use both the plain stream and substreams of one id.
//
// A RandomStream is a small copyable value; a copy continues from the same position
// independently of the original. It is not thread-safe; give each thread its own streams.

#include <array>
#include <cstdint>
#include <initializer_list>
#include <string>
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

// A stream name built from parts, "arrivals/999/3": the parts joined by '/', with every '%'
// and '/' inside a part written as %25 and %2F. Distinct lists of parts therefore always give
// distinct names (a channel called "a/b" cannot make its streams those of another), so names
// built from unique parts are unique by construction.
std::string StreamName(std::initializer_list<std::string_view> parts);

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
  RandomStream(std::uint64_t seed, std::uint64_t replication, std::uint64_t stream_id,
               std::array<std::uint64_t, 2> substream = {0, 0})
      : seed_(seed), stream_id_(stream_id), replication_(replication), substream_(substream) {}

  // A stream whose first draw is `first`, given, and which then continues with the blocks of
  // its own (seed, replication, stream id, substream) from block 0. For a family of streams
  // that each need one draw almost always and more only now and then: one block computed
  // elsewhere hands each its first word, and only a stream that needs more computes its own.
  // `first` must come from a block no stream of the family reads otherwise.
  static RandomStream StartingWith(std::uint64_t first, std::uint64_t seed,
                                   std::uint64_t replication, std::uint64_t stream_id,
                                   std::array<std::uint64_t, 2> substream) {
    RandomStream stream(seed, replication, stream_id, substream);
    stream.buffer_[kBlockWords - 1] = first;
    stream.next_ = kBlockWords - 1;
    return stream;
  }

  // The first four words of stream (seed, replication, stream_id, substream): what the first
  // four NextU64() of a new such stream return, computed straight into the result, for a
  // caller that wants a whole block at once (a contact's first draws, see StartingWith).
  static std::array<std::uint64_t, 4> FirstBlock(std::uint64_t seed, std::uint64_t replication,
                                                 std::uint64_t stream_id,
                                                 std::array<std::uint64_t, 2> substream);

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
  std::array<std::uint64_t, 2> substream_;
  std::uint64_t block_ = 0;  // index of the next block to compute; 2^64 blocks never run out
  std::uint64_t buffer_[kBlockWords] = {};
  int next_ = kBlockWords;  // index into buffer_ of the next output; kBlockWords = empty
};

}  // namespace fccsim::sim

#endif  // FCCSIM_SIM_RANDOM_STREAM_H_
