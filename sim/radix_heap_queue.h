#ifndef FCCSIM_SIM_RADIX_HEAP_QUEUE_H_
#define FCCSIM_SIM_RADIX_HEAP_QUEUE_H_

// An event queue built on a radix heap (Ahuja, Mehlhorn, Orlin and Tarjan) over base-16
// digits, with a sorted front. It exploits that simulated time never goes backwards.
//
// `last_` is a lower bound on every key outside the front. A key lives in the bucket named by
// (the highest hex digit in which it differs from last_, its own value of that digit); bucket
// order is key order. The front is a short sorted run holding every pending key up to
// `front_last_`, consumed from `front_head_`. When it runs dry, the lowest non-empty bucket
// refills it:
//  - a small bucket (at most kSortLimit entries) is insertion-sorted into the front, and its
//    whole key range becomes the front's range, so later pushes into that range are inserted
//    in order instead of cascading;
//  - a large one moves last_ up to the bucket's lower bound (its shared higher digits, lower
//    digits zero); entries equal to it form the front and the rest fall into lower digits.
//    This is the classic radix-heap step, except that the classic one moves to the minimum,
//    which costs a pass over the bucket to find.
// An entry falls at most 16 times, in a hold model about twice, so push and pop cost
// amortised O(1) sequential work on 16-byte entries instead of a binary heap's O(log n)
// scattered comparisons. Measured against std::priority_queue in bench/event_queue_bench.cc.
//
// FIFO for equal times without a sequence number: equal keys always share a bucket, buckets
// are appended to and redistributed in order, the sort is stable and an insertion into the
// front goes after equal keys.
//
// Cancellation is lazy: a cancelled entry stays where it is, its slot marked, and is skipped
// when it reaches the head of the front. When cancelled entries outnumber live ones (plus
// kSlack) every bucket is filtered in one pass, so the physical size stays within
// 2 * Size() + kSlack + 1 at an amortised O(1) cost per cancel.

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>

#include "sim/check.h"
#include "sim/event_queue.h"
#include "sim/slot_table.h"
#include "sim/time.h"
#include "sim/trivial_vector.h"

namespace fccsim::sim {

template <class PayloadT>
class RadixHeapQueue {
 public:
  using Payload = PayloadT;
  static constexpr std::size_t kSlack = 64;

  [[gnu::always_inline]] EventHandle Push(Time t, Payload payload) {
    const std::uint64_t key = KeyOf(t);
    FCCSIM_CHECK(key >= last_popped_, "push at " + FormatTicks(t) +
                                          " before the last popped event at " +
                                          FormatTicks(TimeOf(last_popped_)));
    if (key < last_) [[unlikely]] Lower(key);
    EventHandle h = slots_.Allocate(std::move(payload));
    Insert(Entry{key, h.slot});
    ++live_;
    return h;
  }

  bool Cancel(EventHandle h) {
    if (!slots_.Matches(h)) return false;
    slots_.MarkCancelled(h.slot);
    --live_;
    ++dead_;
    if (dead_ > live_ + kSlack) Purge();
    return true;
  }

  bool Empty() const { return live_ == 0; }
  std::size_t Size() const { return live_; }
  std::size_t PhysicalSize() const { return live_ + dead_; }

  // REQUIRES: !Empty().
  [[gnu::always_inline]] Time TopTime() {
    FCCSIM_CHECK(live_ > 0, "TopTime() of an empty queue");
    SettleFront();
    return TimeOf(front_[front_head_].key);
  }

  [[gnu::always_inline]] bool PopNotAfter(Time t, QueuedEvent<Payload>* out) {
    if (live_ == 0) return false;
    SettleFront();
    if (front_[front_head_].key > KeyOf(t)) return false;
    // Field by field, straight from the slot: assigning a whole QueuedEvent went through a
    // temporary on the stack, and reading it back at other widths than it was written
    // stalled the store forwarding of every event (a twentieth of the Erlang-A run's time).
    const Entry e = TakeFrontEntry();
    out->time = TimeOf(e.key);
    slots_.TakeInto(e.slot, &out->payload);
    return true;
  }

  // REQUIRES: !Empty().
  [[gnu::always_inline]] QueuedEvent<Payload> Pop() {
    FCCSIM_CHECK(live_ > 0, "Pop() of an empty queue");
    SettleFront();
    return TakeFront();
  }

 private:
  // REQUIRES: SettleFront() made the head of the front a live entry.
  [[gnu::always_inline]] QueuedEvent<Payload> TakeFront() {
    const Entry e = TakeFrontEntry();
    return QueuedEvent<Payload>{TimeOf(e.key), slots_.Take(e.slot)};
  }

  struct Entry {
    std::uint64_t key;
    std::uint32_t slot;
  };
  // The head entry of the front, taken off it; its slot is still to be taken.
  [[gnu::always_inline]] Entry TakeFrontEntry() {
    const Entry e = front_[front_head_++];
    --live_;
    last_popped_ = e.key;
    return e;
  }
  using Run = TrivialVector<Entry>;
  // Hex digits, measured against 5, 6 and 8 bits (bench/event_queue_bench.cc and
  // bench/queue_trace_bench.cc): wider digits mean fewer falls but more, emptier buckets; 8
  // bits gained up to 10% at 16 and 10^6 pending on the hold model and lost on the
  // gmp_baseline trace, 5 and 6 gained nowhere.
  static constexpr int kDigitBits = 4;
  static constexpr int kDigitValues = 1 << kDigitBits;
  static constexpr int kBuckets = (64 / kDigitBits) * kDigitValues;
  static constexpr int kMaskWords = kBuckets / 64;
  // Chosen on the hold model (bench/event_queue_bench.cc) among 0, 1, 4, 8 and 16: sorting
  // buckets of up to 8 was fastest or within noise of it at every size from 16 to 10^6.
  static constexpr std::size_t kSortLimit = 8;
  static constexpr std::size_t kFrontLimit = 2 * kSortLimit;
  static constexpr std::size_t kPrefetchLimit = kDigitValues * kSortLimit;

  // Order-preserving map from signed time to unsigned key, so negative times work too.
  static std::uint64_t KeyOf(Time t) {
    return static_cast<std::uint64_t>(t) ^ (std::uint64_t{1} << 63);
  }
  static Time TimeOf(std::uint64_t key) {
    return static_cast<Time>(key ^ (std::uint64_t{1} << 63));
  }

  // REQUIRES: key > last_ (so key ^ last_ is not zero and the count below is defined).
  // Unsigned throughout, so that the digit's index is a mask rather than a signed division.
  int BucketOf(std::uint64_t key) const { return BucketOf(key, last_); }
  // With last_ passed in: a loop that appends to buckets keeps it in a register (the compiler
  // cannot, since an entry's key written through a pointer might be last_ as far as it knows).
  static int BucketOf(std::uint64_t key, std::uint64_t last) {
    static_assert(kDigitValues == 1 << kDigitBits && kDigitBits == 4);
    const unsigned top_bit = 63u ^ static_cast<unsigned>(__builtin_clzll(key ^ last));
    const unsigned shift = top_bit & ~3u;  // the digit's lowest bit: digit * kDigitBits
    // digit * kDigitValues = shift * 4, and the digit's value, side by side.
    return static_cast<int>((shift << 2) | ((key >> shift) & (kDigitValues - 1)));
  }

  void MarkNonEmpty(int b) { nonempty_[b >> 6] |= std::uint64_t{1} << (b & 63); }
  void MarkEmpty(int b) { nonempty_[b >> 6] &= ~(std::uint64_t{1} << (b & 63)); }
  int LowestNonEmpty() const {
    int w = 0;
    while (nonempty_[w] == 0) ++w;
    return w * 64 + std::countr_zero(nonempty_[w]);
  }

  // REQUIRES: e.key >= last_.
  void Insert(const Entry& e) {
    if (e.key <= front_last_) {
      InsertIntoFront(e);
      return;
    }
    AppendToBucket(BucketOf(e.key), e);
  }

  void AppendToBucket(int b, const Entry& e) {
    Run& bucket = buckets_[b];
    if (bucket.empty()) MarkNonEmpty(b);
    bucket.push_back(e);
  }

  // Keeps the front sorted, after any equal keys. Usually an append: events pushed for "now"
  // arrive in time order.
  void InsertIntoFront(const Entry& e) {
    if (front_.size() == front_.capacity() && 2 * front_head_ >= front_.size()) {
      // Drop the consumed prefix rather than grow; only when it is at least half, so that the
      // copy is paid for by the pops that consumed it.
      front_.erase_front(front_head_);
      front_head_ = 0;
    }
    if (front_.size() == front_head_ || front_.back().key <= e.key) {
      front_.push_back(e);
    } else {
      // Shift the later entries up one by one: the run is short, and a library memmove call
      // costs more than the moves themselves.
      front_.push_back(front_.back());  // by value: safe if the front grows
      std::size_t pos = front_.size() - 2;
      while (pos > front_head_ && front_[pos - 1].key > e.key) {
        front_[pos] = front_[pos - 1];
        --pos;
      }
      front_[pos] = e;
    }
    if (front_.size() - front_head_ > kFrontLimit) [[unlikely]] Spill();
  }

  // Shrinks the front's range so that it keeps about kSortLimit entries; the rest go back to
  // the buckets. They belong below every other bucket: their keys lie in the range of the
  // bucket the front came from, so relative to last_ they fall into lower digits. A run of
  // equal keys is never split, so a burst of simultaneous events may exceed the limit.
  void Spill() {
    std::size_t keep = front_head_ + kSortLimit;
    const std::uint64_t new_last = front_[keep - 1].key;
    if (front_.back().key == new_last) return;  // one run of simultaneous events: nothing to split
    while (keep < front_.size() && front_[keep].key == new_last) ++keep;
    if (keep == front_.size()) return;
    front_last_ = new_last;
    for (std::size_t i = keep; i < front_.size(); ++i) {
      AppendToBucket(BucketOf(front_[i].key), front_[i]);
    }
    front_.truncate(keep);
  }

  // Makes the head of the front a live entry. REQUIRES: live_ > 0.
  // The common case, a live head already there, is checked inline: three pops in four find
  // one (Erlang-A), and the call would cost about as much as the check.
  [[gnu::always_inline]] void SettleFront() {
    if (front_head_ < front_.size() && (dead_ == 0 || slots_.IsPending(front_[front_head_].slot)))
        [[likely]] {
      return;
    }
    SettleFrontSlow();
  }
  [[gnu::noinline]] void SettleFrontSlow() {
    for (;;) {
      while (front_head_ < front_.size()) {
        const std::uint32_t slot = front_[front_head_].slot;
        if (dead_ == 0 || slots_.IsPending(slot)) [[likely]] return;
        slots_.Release(slot);
        --dead_;
        ++front_head_;
      }
      Refill();
    }
  }

  // Cancelled entries move like live ones: checking them here would cost a random access per
  // move, and a cancelled entry in the front is harmless (it is skipped at the head).
  // Inlined into the pops: most refills take a small bucket, and a call with the registers the
  // falling loop needs saved and restored cost a sixth of such a refill.
  // REQUIRES: the front is exhausted and some bucket is non-empty.
  [[gnu::always_inline]] void Refill() {
    front_.clear();
    front_head_ = 0;
    const int b = LowestNonEmpty();
    Run& from = buckets_[b];
    MarkEmpty(b);
    if (from.size() > kSortLimit) [[unlikely]] {
      Fall(b);
      return;
    }
    front_.swap(from);  // exchanges buffers: no copy, no allocation
    SortFront();
    const int shift = (b / kDigitValues) * kDigitBits;
    const std::uint64_t low_digits = (std::uint64_t{1} << shift) - 1;
    last_ = front_[0].key;
    front_last_ = last_ | low_digits;  // the bucket's whole range: same higher digits
    for (const Entry& e : front_) slots_.Prefetch(e.slot);
  }

  // Empties the large bucket b, marked empty already, into lower digits and the front.
  [[gnu::noinline]] void Fall(int b) {
    Run& from = buckets_[b];
    // The bucket's lower bound (its shared higher digits, lower digits zero) is at most every
    // key in it and above every key outside the front, so it serves as the new last_ without
    // a pass to find the minimum; entries fall into lower digits exactly as below the minimum.
    const int shift = (b / kDigitValues) * kDigitBits;
    const std::uint64_t low = from[0].key & ~((std::uint64_t{1} << shift) - 1);
    last_ = low;
    front_last_ = low;
    // A bucket this small falls into buckets small enough to be sorted into the front next: its
    // entries are popped within the next few dozen pops. Fetching their payloads now hides
    // the slot table's cache misses behind those pops; prefetching in the front itself is too
    // late to hide them (measured at 10^6 pending).
    if (from.size() <= kPrefetchLimit) {
      for (const Entry& e : from) slots_.Prefetch(e.slot);
    }
    for (const Entry& e : from) {
      if (e.key == low) {
        slots_.Prefetch(e.slot);
        front_.push_back(e);
      } else {
        AppendToBucket(BucketOf(e.key, low), e);
      }
    }
    from.clear();
  }

  // Stable insertion sort: the front is short and often nearly sorted already.
  void SortFront() {
    for (std::size_t i = 1; i < front_.size(); ++i) {
      const Entry e = front_[i];
      std::size_t j = i;
      while (j > 0 && front_[j - 1].key > e.key) {
        front_[j] = front_[j - 1];
        --j;
      }
      front_[j] = e;
    }
  }

  // Lowers last_ to `key`, which is below every pending key (a peek refilled the front beyond
  // the present and a push came in between). With d the highest digit in which the old and new
  // last_ differ, entries at digits >= d keep their bucket (their digit value is their own);
  // the front and the lower digits are re-bucketed.
  void Lower(std::uint64_t key) {
    const int digit = (std::bit_width(last_ ^ key) - 1) / kDigitBits;
    scratch_.clear();
    scratch_.append(front_.begin() + front_head_, front_.end());
    front_.clear();
    front_head_ = 0;
    for (int b = 0; b < digit * kDigitValues; ++b) {
      scratch_.append(buckets_[b].begin(), buckets_[b].end());
      buckets_[b].clear();
      MarkEmpty(b);
    }
    last_ = key;
    front_last_ = key;
    for (const Entry& e : scratch_) Insert(e);
  }

  // Drops every cancelled entry, keeping the order of the rest.
  void Purge() {
    auto filter = [this](Run& v, std::size_t from) {
      std::size_t out = 0;
      for (std::size_t in = from; in < v.size(); ++in) {
        if (slots_.IsPending(v[in].slot)) {
          v[out++] = v[in];
        } else {
          slots_.Release(v[in].slot);
        }
      }
      v.truncate(out);
    };
    filter(front_, front_head_);
    front_head_ = 0;
    for (int w = 0; w < kMaskWords; ++w) {
      for (std::uint64_t bits = nonempty_[w]; bits != 0; bits &= bits - 1) {
        const int b = w * 64 + std::countr_zero(bits);
        filter(buckets_[b], 0);
        if (buckets_[b].empty()) MarkEmpty(b);
      }
    }
    dead_ = 0;
  }

  Run front_;  // sorted; entries before front_head_ are gone
  std::size_t front_head_ = 0;
  std::uint64_t front_last_ = 0;  // every pending key <= this is in the front
  std::uint64_t last_ = 0;        // lower bound on the keys in buckets_
  std::uint64_t last_popped_ = 0;
  std::array<Run, kBuckets> buckets_;
  std::array<std::uint64_t, kMaskWords> nonempty_{};  // bit b set iff buckets_[b] has entries
  Run scratch_;
  std::size_t live_ = 0;
  std::size_t dead_ = 0;
  SlotTable<Payload> slots_;
};

}  // namespace fccsim::sim

#endif  // FCCSIM_SIM_RADIX_HEAP_QUEUE_H_
