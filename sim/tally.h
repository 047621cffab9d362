#ifndef FCCSIM_SIM_TALLY_H_
#define FCCSIM_SIM_TALLY_H_

// A running summary of observations: count, sum, mean, sample variance, minimum and maximum,
// in constant memory.
//
// The mean and variance use Welford's update, which stays accurate when the observations share
// a large offset (1e9 + small noise), where the textbook sum-of-squares formula cancels to
// garbage. Merge combines two summaries with the parallel formula of Chan, Golub and LeVeque,
// so per-replication tallies can be pooled. Merging is plain floating-point arithmetic: the
// same tallies merged in the same order give the same bits, whatever the thread count.
//
// Undefined statistics are NaN, never a made-up number: Mean(), Min() and Max() of an empty
// tally, and Variance() and StdDev() with fewer than two observations. Sum() of an empty
// tally is 0.
//
// Not thread-safe; give each thread (replication) its own tally and merge afterwards.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace fccsim::sim {

class Tally {
 public:
  Tally() = default;

  void Add(double x) {
    ++count_;
    sum_ += x;
    const double delta = x - mean_;
    mean_ += delta / static_cast<double>(count_);
    m2_ += delta * (x - mean_);
    min_ = std::min(min_, x);
    max_ = std::max(max_, x);
  }

  // Afterwards *this summarises the observations of both tallies, as if they had been added
  // to one tally (up to rounding). Merging an empty tally leaves *this bit for bit unchanged.
  void Merge(const Tally& other) {
    if (other.count_ == 0) return;
    if (count_ == 0) {
      *this = other;
      return;
    }
    const double n_a = static_cast<double>(count_);
    const double n_b = static_cast<double>(other.count_);
    const double n = n_a + n_b;
    const double delta = other.mean_ - mean_;
    // Read every field of `other` before writing: `other` may be *this.
    const double m2 = m2_ + other.m2_ + delta * delta * (n_a * n_b / n);
    const double sum = sum_ + other.sum_;
    const double min = std::min(min_, other.min_);
    const double max = std::max(max_, other.max_);
    mean_ += delta * (n_b / n);
    m2_ = m2;
    sum_ = sum;
    min_ = min;
    max_ = max;
    count_ += other.count_;
  }

  std::int64_t Count() const { return count_; }
  double Sum() const { return sum_; }
  double Mean() const { return count_ > 0 ? mean_ : kNaN; }

  // Sample variance (divisor n - 1).
  double Variance() const {
    return count_ > 1 ? m2_ / static_cast<double>(count_ - 1) : kNaN;
  }
  double StdDev() const { return std::sqrt(Variance()); }
  double Min() const { return count_ > 0 ? min_ : kNaN; }
  double Max() const { return count_ > 0 ? max_ : kNaN; }

 private:
  static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

  std::int64_t count_ = 0;
  double sum_ = 0;
  double mean_ = 0;
  double m2_ = 0;  // sum of squared deviations from the running mean
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
};

}  // namespace fccsim::sim

#endif  // FCCSIM_SIM_TALLY_H_
