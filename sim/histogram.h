#ifndef FCCSIM_SIM_HISTOGRAM_H_
#define FCCSIM_SIM_HISTOGRAM_H_

// A histogram of non-negative integer values (typically waits in ticks) with a fixed integer
// bin width w, fine enough to answer "what fraction is at or under threshold T" for any T, and
// to give percentiles.
//
// Layout, with K = max_value / w:
//   bin 0      holds the value 0 (zero waits are common and are their own answer);
//   bin k      holds values in ((k-1)w, kw], for k = 1..K;
//   overflow   holds values above max_value; the largest value observed is kept exactly.
// Bins are closed on the right so that a value equal to a bin edge counts as "at most" that
// edge: CountAtMost(20 s) includes a wait of exactly 20 s.
//
// Exactness. CountAtMost(T) is exact when T < 0, when T is a multiple of w not above
// max_value, or when T >= Max(); CountAtMostIsExact(T) says which. Pick w to divide every
// threshold of interest (1 s bins answer any whole-second target exactly).
// FractionAtMost(T) answers any T: exact where CountAtMost is, otherwise it treats the values
// of the bin holding T as spread evenly over the bin's integers (linear interpolation), and
// values in the overflow as spread evenly over (max_value, Max()].
//
// Memory is one int64 per bin: 1 s bins up to 4 hours of 1 us ticks take 14,401 bins. The
// bins are a ZeroedArray, and nothing past the bin of Max() is ever written or read (the
// invariant below), so a histogram's pages past its largest value cost nothing.
// Binning uses integer arithmetic only. Not thread-safe; merge per-replication histograms.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <string>

#include "sim/byte_codec.h"
#include "sim/check.h"
#include "sim/type7_quantile.h"
#include "sim/zeroed_array.h"

namespace fccsim::sim {

class Histogram {
 public:
  // A guard against layouts that would silently take gigabytes (e.g. 1-tick bins over hours).
  static constexpr std::int64_t kMaxBins = std::int64_t{1} << 24;

  // REQUIRES: bin_width > 0; max_value a positive multiple of bin_width;
  //           max_value / bin_width <= kMaxBins.
  Histogram(std::int64_t bin_width, std::int64_t max_value)
      : bin_width_(bin_width), max_value_(max_value) {
    FCCSIM_CHECK(bin_width > 0,
                 "bin width must be positive (got " + std::to_string(bin_width) + ")");
    FCCSIM_CHECK(max_value > 0 && max_value % bin_width == 0,
                 "max value must be a positive multiple of the bin width " +
                     std::to_string(bin_width) + " (got " + std::to_string(max_value) + ")");
    FCCSIM_CHECK(max_value / bin_width <= kMaxBins,
                 "too many bins: " + std::to_string(max_value / bin_width) + " (limit " +
                     std::to_string(kMaxBins) + ")");
    bins_ = ZeroedArray<std::int64_t>(static_cast<std::size_t>(max_value / bin_width + 1));
  }

  // Empties the histogram, keeping its layout and memory.
  void Clear() {
    bins_.ZeroFirst(UsedBins());
    overflow_ = 0;
    count_ = 0;
    max_ = 0;
  }

  // REQUIRES: value >= 0.
  void Add(std::int64_t value) {
    FCCSIM_CHECK(value >= 0, "negative value " + std::to_string(value));
    ++count_;
    if (value > max_) max_ = value;
    if (value > max_value_) {
      ++overflow_;
    } else {
      ++bins_[static_cast<std::size_t>(BinOf(value))];
    }
  }

  // Adds the counts of `other`.
  // REQUIRES: other has the same bin width and max value.
  void Merge(const Histogram& other) {
    FCCSIM_CHECK(other.bin_width_ == bin_width_ && other.max_value_ == max_value_,
                 "merging histograms of different layouts: width " + std::to_string(bin_width_) +
                     " max " + std::to_string(max_value_) + " with width " +
                     std::to_string(other.bin_width_) + " max " + std::to_string(other.max_value_));
    for (std::size_t k = 0; k < other.UsedBins(); ++k) bins_[k] += other.bins_[k];
    overflow_ += other.overflow_;
    count_ += other.count_;
    if (other.max_ > max_) max_ = other.max_;
  }

  std::int64_t Count() const { return count_; }

  // The largest value added; 0 when empty (so that merging empty histograms changes nothing).
  std::int64_t Max() const { return max_; }

  // Whether CountAtMost(threshold) can be answered exactly from the bins.
  bool CountAtMostIsExact(std::int64_t threshold) const {
    return threshold < 0 || threshold >= max_ ||
           (threshold % bin_width_ == 0 && threshold <= max_value_);
  }

  // The number of values <= threshold.
  // REQUIRES: CountAtMostIsExact(threshold); use FractionAtMost() for other thresholds.
  std::int64_t CountAtMost(std::int64_t threshold) const {
    FCCSIM_CHECK(CountAtMostIsExact(threshold),
                 "count at most " + std::to_string(threshold) +
                     " is not exact: not a multiple of the bin width " +
                     std::to_string(bin_width_) + " within max value " +
                     std::to_string(max_value_) + " and below the maximum " +
                     std::to_string(max_));
    if (threshold < 0) return 0;
    if (threshold >= max_) return count_;
    return CumulativeThrough(threshold / bin_width_);
  }

  // The fraction of values <= threshold; NaN when empty. Exact where CountAtMost() is,
  // interpolated otherwise (see the top of this file).
  double FractionAtMost(std::int64_t threshold) const {
    if (count_ == 0) return std::numeric_limits<double>::quiet_NaN();
    const double n = static_cast<double>(count_);
    if (CountAtMostIsExact(threshold)) return static_cast<double>(CountAtMost(threshold)) / n;
    if (threshold > max_value_) {
      // max_value_ < threshold < max_: only overflow values straddle the threshold.
      const double share = static_cast<double>(threshold - max_value_) /
                           static_cast<double>(max_ - max_value_);
      return (static_cast<double>(count_ - overflow_) + static_cast<double>(overflow_) * share) /
             n;
    }
    // 0 < threshold < max_value_, not on a bin edge: it lies inside bin k = threshold / w + 1.
    const std::int64_t k = threshold / bin_width_ + 1;
    const double share = static_cast<double>(threshold - (k - 1) * bin_width_) /
                         static_cast<double>(bin_width_);
    const double below = static_cast<double>(CumulativeThrough(k - 1));
    return (below + static_cast<double>(bins_[static_cast<std::size_t>(k)]) * share) / n;
  }

  // The p-quantile: the value at or under which a fraction p of the values lie, reading each
  // bin ((k-1)w, kw] as values spread evenly over the interval and interpolating linearly
  // within the first bin whose cumulative count reaches p x Count(). Bin 0 gives 0. Results
  // are capped at Max(); a quantile that falls among the overflow values is Max().
  // p = 0 gives the lower edge of the first non-empty bin. NaN when empty.
  // REQUIRES: 0 <= p <= 1.
  double Quantile(double p) const {
    FCCSIM_CHECK(p >= 0 && p <= 1, "quantile outside [0, 1]: " + std::to_string(p));
    if (count_ == 0) return std::numeric_limits<double>::quiet_NaN();
    const double target = p * static_cast<double>(count_);
    std::int64_t below = 0;
    for (std::size_t k = 0; k < bins_.size(); ++k) {
      const std::int64_t in_bin = bins_[k];
      if (in_bin > 0 && static_cast<double>(below + in_bin) >= target) {
        if (k == 0) return 0;
        const double share = (target - static_cast<double>(below)) / static_cast<double>(in_bin);
        const std::int64_t lower_edge = (static_cast<std::int64_t>(k) - 1) * bin_width_;
        const double q = static_cast<double>(lower_edge) + share * static_cast<double>(bin_width_);
        return std::fmin(q, static_cast<double>(max_));
      }
      below += in_bin;
    }
    return static_cast<double>(max_);
  }

  // The p-quantile as linear interpolation between order statistics (the usual "type 7":
  // position p (n - 1) among the values sorted from 0), with each order statistic placed
  // within its bin: the j-th smallest of the c values of bin ((k-1)w, kw] at
  // (k-1)w + (j' + 0.5) w / c (j' its rank in the bin), 0 in bin 0, and the largest value
  // exactly Max(). So the result is within one bin width of the quantile of the exact values,
  // and 0 or Max() where those are. NaN when empty. REQUIRES: 0 <= p <= 1.
  double OrderQuantile(double p) const {
    FCCSIM_CHECK(p >= 0 && p <= 1, "quantile outside [0, 1]: " + std::to_string(p));
    if (count_ == 0) return std::numeric_limits<double>::quiet_NaN();
    return Type7Quantile(count_, p, [this](std::int64_t j) { return OrderStatistic(j); });
  }

  // The j-th smallest value (from 0), placed within its bin as OrderQuantile describes.
  // REQUIRES: 0 <= j < Count().
  double OrderStatistic(std::int64_t j) const {
    FCCSIM_CHECK(j >= 0 && j < count_, "order statistic " + std::to_string(j) + " of " +
                                           std::to_string(count_) + " values");
    if (j == count_ - 1) return static_cast<double>(max_);
    std::int64_t below = 0;
    for (std::size_t k = 0; k < bins_.size(); ++k) {
      const std::int64_t in_bin = bins_[k];
      if (j < below + in_bin) {
        if (k == 0) return 0;
        const double rank = static_cast<double>(j - below) + 0.5;
        return static_cast<double>((static_cast<std::int64_t>(k) - 1) * bin_width_) +
               rank / static_cast<double>(in_bin) * static_cast<double>(bin_width_);
      }
      below += in_bin;
    }
    // Among the overflow values, spread evenly over (max_value, Max()].
    const double rank = static_cast<double>(j - below) + 1;
    return static_cast<double>(max_value_) +
           rank / static_cast<double>(overflow_) * static_cast<double>(max_ - max_value_);
  }

  std::int64_t bin_width() const { return bin_width_; }
  std::int64_t max_value() const { return max_value_; }

  // The counts per bin, bin 0 first (see the layout at the top of this file).
  std::span<const std::int64_t> bins() const { return bins_.span(); }
  std::int64_t overflow() const { return overflow_; }

  // Writes the whole state, for ReadFrom in another process of the same build. Bins past the
  // last one counted are left out: most of a wait histogram's bins are empty.
  void AppendTo(ByteWriter* out) const {
    std::size_t used = UsedBins();
    while (used > 0 && bins_[used - 1] == 0) --used;
    for (const std::int64_t v : {bin_width_, max_value_, overflow_, count_, max_}) out->Put(v);
    out->Put<std::uint64_t>(used);
    for (std::size_t k = 0; k < used; ++k) out->Put(bins_[k]);
  }

  // Becomes the histogram AppendTo wrote, reusing its memory when the layout is the same.
  // False (the histogram left empty) when the bytes are not such a histogram.
  bool ReadFrom(ByteReader* in) {
    std::int64_t width = 0, max_value = 0, overflow = 0, count = 0, max = 0;
    std::uint64_t used = 0;
    if (!in->Get(&width) || !in->Get(&max_value) || !in->Get(&overflow) || !in->Get(&count) ||
        !in->Get(&max) || !in->Get(&used) || width <= 0 || max_value <= 0 ||
        max_value % width != 0 || max_value / width > kMaxBins || max < 0 ||
        used > static_cast<std::uint64_t>(BinOf(std::min(max, max_value), width) + 1)) {
      return false;
    }
    if (width == bin_width_ && max_value == max_value_) {
      Clear();
    } else {
      *this = Histogram(width, max_value);
    }
    for (std::size_t k = 0; k < used; ++k) {
      if (!in->Get(&bins_[k])) return false;
    }
    overflow_ = overflow;
    count_ = count;
    max_ = max;
    return true;
  }

 private:
  // REQUIRES: 0 <= value <= max_value_. Integer ceiling of value / w.
  std::int64_t BinOf(std::int64_t value) const { return BinOf(value, bin_width_); }
  static std::int64_t BinOf(std::int64_t value, std::int64_t width) {
    return value == 0 ? 0 : (value - 1) / width + 1;
  }

  // Invariant: every bin past the first UsedBins() is zero, since no value above Max() was
  // added (ReadFrom refuses bins past it).
  std::size_t UsedBins() const {
    return static_cast<std::size_t>(BinOf(std::min(max_, max_value_))) + 1;
  }

  // The number of values in bins 0..k.
  std::int64_t CumulativeThrough(std::int64_t k) const {
    std::int64_t total = 0;
    for (std::int64_t i = 0; i <= k; ++i) total += bins_[static_cast<std::size_t>(i)];
    return total;
  }

  std::int64_t bin_width_;
  std::int64_t max_value_;
  ZeroedArray<std::int64_t> bins_;
  std::int64_t overflow_ = 0;
  std::int64_t count_ = 0;
  std::int64_t max_ = 0;
};

}  // namespace fccsim::sim

#endif  // FCCSIM_SIM_HISTOGRAM_H_
