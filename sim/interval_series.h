#ifndef FCCSIM_SIM_INTERVAL_SERIES_H_
#define FCCSIM_SIM_INTERVAL_SERIES_H_

// The integral of a piecewise-constant quantity (queue length, servers busy) over each of a
// run of equal reporting intervals, for per-interval time-weighted means. Time before the
// first interval or after the last contributes nothing.

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "sim/byte_codec.h"
#include "sim/check.h"
#include "sim/time.h"

namespace fccsim::sim {

class IntervalSeries {
 public:
  // Intervals [origin + k*length, origin + (k+1)*length) for k in [0, count).
  // REQUIRES: length > 0.
  IntervalSeries(Time origin, Duration length, std::size_t count)
      : origin_(origin), length_(length), integral_(count, 0.0) {
    FCCSIM_CHECK(length > 0, "interval length must be positive (got " + std::to_string(length) +
                                 ")");
  }

  // Starts over as IntervalSeries(origin, length, count) would, reusing the memory already
  // held (a replication after another costs no fresh allocation).
  // REQUIRES: length > 0.
  void Reset(Time origin, Duration length, std::size_t count) {
    FCCSIM_CHECK(length > 0, "interval length must be positive (got " + std::to_string(length) +
                                 ")");
    origin_ = origin;
    length_ = length;
    integral_.assign(count, 0.0);
    last_time_ = std::numeric_limits<Time>::min();
    current_ = 0;
    current_end_ = std::numeric_limits<Time>::min();
    value_ = 0;
  }

  // The quantity takes `value` from `now` on. REQUIRES: now >= the previous update.
  // Setting the value it already has changes nothing, so costs nothing: time is accounted
  // for lazily, at the next change or at Advance().
  void Set(Time now, double value) {
    if (value == value_) {
      FCCSIM_CHECK(now >= last_time_, "time went backwards: " + FormatTicks(now) + " < " +
                                          FormatTicks(last_time_));
      return;
    }
    Advance(now);
    value_ = value;
  }
  double value() const { return value_; }

  // Accounts for time up to `now` (call once at the end of a run).
  void Advance(Time now) {
    FCCSIM_CHECK(now >= last_time_, "time went backwards: " + FormatTicks(now) + " < " +
                                        FormatTicks(last_time_));
    // Most updates fall in the same interval as the previous one: no division needed.
    if (now < current_end_ && last_time_ >= current_end_ - length_) {
      integral_[current_] += value_ * static_cast<double>(now - last_time_);
      last_time_ = now;
      return;
    }
    AdvanceAcrossIntervals(now);
  }

  // Time-weighted mean over interval k. REQUIRES: Advance() has passed its end.
  double Mean(std::size_t k) const { return integral_[k] / static_cast<double>(length_); }
  std::size_t size() const { return integral_.size(); }

  // Writes the whole state, for ReadFrom in another process of the same build.
  void AppendTo(ByteWriter* out) const {
    out->Put(origin_);
    out->Put(length_);
    out->PutVector(integral_);
    out->Put(last_time_);
    out->Put<std::uint64_t>(current_);
    out->Put(current_end_);
    out->Put(value_);
  }

  // Becomes the series AppendTo wrote, reusing its memory. False when the bytes are not such
  // a series.
  bool ReadFrom(ByteReader* in) {
    std::uint64_t current = 0;
    if (!in->Get(&origin_) || !in->Get(&length_) || !in->GetVector(&integral_) ||
        !in->Get(&last_time_) || !in->Get(&current) || !in->Get(&current_end_) ||
        !in->Get(&value_) || length_ <= 0 || (current > 0 && current >= integral_.size())) {
      return false;
    }
    current_ = static_cast<std::size_t>(current);
    return true;
  }

 private:
  // The slow path of Advance, out of line so that the updates of the event loop, which are
  // inlined, stay small: the interval or intervals from last_time_ to now.
  [[gnu::noinline]] void AdvanceAcrossIntervals(Time now) {
    Time t = last_time_ < origin_ ? origin_ : last_time_;
    const Time end_of_series = origin_ + length_ * static_cast<Time>(integral_.size());
    const Time until = now < end_of_series ? now : end_of_series;
    while (t < until) {
      const std::int64_t k = (t - origin_) / length_;
      const Time boundary = origin_ + (k + 1) * length_;
      const Time stop = boundary < until ? boundary : until;
      // Integer tick counts times the value: exact for integral values up to 2^53 value-ticks
      // per interval, far beyond a day of any queue.
      integral_[static_cast<std::size_t>(k)] += value_ * static_cast<double>(stop - t);
      t = stop;
      current_ = static_cast<std::size_t>(k);
      current_end_ = boundary;
    }
    last_time_ = now;
  }

  Time origin_;
  Duration length_;
  std::vector<double> integral_;  // value x ticks
  Time last_time_ = std::numeric_limits<Time>::min();  // updates may start before origin
  // The interval the last update fell in, [current_end_ - length_, current_end_); an empty
  // range until then.
  std::size_t current_ = 0;
  Time current_end_ = std::numeric_limits<Time>::min();
  double value_ = 0;
};

}  // namespace fccsim::sim

#endif  // FCCSIM_SIM_INTERVAL_SERIES_H_
