#ifndef FCCSIM_SIM_TIME_WEIGHTED_H_
#define FCCSIM_SIM_TIME_WEIGHTED_H_

// The time-weighted average of a piecewise-constant quantity (a queue length, a count of busy
// servers): the value holds from one Set() to the next, and the accumulator integrates it
// over simulated time.
//
// Integral() is in value x seconds; Mean() is in the unit of the value. Both take the end of
// the observation window explicitly, because the current value keeps accruing until then.
//
// Precision. Each segment contributes value x ticks; a year is 3.2e13 ticks, so a segment's
// product is up to ~1e15 for everyday values and a run has tens of millions of segments. A
// plain double sum loses up to one rounding per segment, a relative error growing with the
// number of updates. The integral is instead kept as a compensated (Neumaier) sum of doubles:
// the error stays within a couple of roundings of the total whatever the number of segments,
// the arithmetic is plain IEEE double (same bits on every platform, unlike long double, which
// is 80-bit on x86-64, 128-bit software on AArch64 and 64-bit with MSVC), and it costs a few
// additions per Set(). An integer-valued quantity integrates exactly while the total stays
// below 2^53 value x ticks (a value of 100 for 2.8 years): every product and partial sum is then
// an integer a double holds exactly.
//
// Not thread-safe.

#include <algorithm>
#include <cmath>
#include <string>

#include "sim/check.h"
#include "sim/time.h"

namespace fccsim::sim {

class TimeWeighted {
 public:
  // Observation starts at `start` with `initial_value`.
  explicit TimeWeighted(Time start, double initial_value = 0)
      : start_(start), last_(start), value_(initial_value), max_(initial_value) {}

  // The quantity takes `value` from `now` on.
  // REQUIRES: now >= the time of the last Set() or Restart() (or the start).
  void Set(Time now, double value) {
    FCCSIM_CHECK(now >= last_, "time went backwards: Set at " + FormatTicks(now) +
                                   " after an update at " + FormatTicks(last_));
    Accumulate(value_ * static_cast<double>(now - last_));
    last_ = now;
    value_ = value;
    max_ = std::max(max_, value);
  }

  // Discards everything observed before `now` (a warm-up): the window restarts at `now` with
  // the current value, whose Max() is the current value.
  // REQUIRES: now >= the time of the last Set() or Restart() (or the start).
  void Restart(Time now) {
    FCCSIM_CHECK(now >= last_, "time went backwards: Restart at " + FormatTicks(now) +
                                   " after an update at " + FormatTicks(last_));
    start_ = now;
    last_ = now;
    sum_ = 0;
    compensation_ = 0;
    max_ = value_;
  }

  // The current value.
  double Value() const { return value_; }

  // The start of the observation window (the construction time or the last Restart()).
  Time start() const { return start_; }

  // The integral of the value from start() to `until`, in value x seconds.
  // REQUIRES: until >= the time of the last Set() or Restart().
  double Integral(Time until) const {
    return IntegralTicks(until) / static_cast<double>(kTicksPerSecond);
  }

  // The average value over [start(), until).
  // REQUIRES: until > start(); until >= the time of the last Set() or Restart().
  double Mean(Time until) const {
    FCCSIM_CHECK(until > start_, "mean over an empty window: until " + FormatTicks(until) +
                                     " is not after the start " + FormatTicks(start_));
    return IntegralTicks(until) / static_cast<double>(until - start_);
  }

  // The largest value held at any time in the window (including the current value).
  double Max() const { return max_; }

 private:
  // Neumaier's variant of Kahan summation: also correct when the term exceeds the sum.
  void Accumulate(double term) {
    const double t = sum_ + term;
    if (std::fabs(sum_) >= std::fabs(term)) {
      compensation_ += (sum_ - t) + term;
    } else {
      compensation_ += (term - t) + sum_;
    }
    sum_ = t;
  }

  // Value x ticks from start_ to until.
  double IntegralTicks(Time until) const {
    FCCSIM_CHECK(until >= last_, "integral up to " + FormatTicks(until) +
                                     " before the last update at " + FormatTicks(last_));
    TimeWeighted copy = *this;
    copy.Accumulate(value_ * static_cast<double>(until - last_));
    return copy.sum_ + copy.compensation_;
  }

  Time start_;
  Time last_;  // time of the last Set() or Restart()
  double value_;
  double max_;
  double sum_ = 0;           // value x ticks since start_, up to last_
  double compensation_ = 0;  // rounding lost from sum_, added back on reading
};

}  // namespace fccsim::sim

#endif  // FCCSIM_SIM_TIME_WEIGHTED_H_
