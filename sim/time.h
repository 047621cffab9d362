#ifndef FCCSIM_SIM_TIME_H_
#define FCCSIM_SIM_TIME_H_

// Simulated time: a signed 64-bit count of ticks of one microsecond since the start of a run.
//
// Integer ticks never drift: every quarter-hour boundary of a simulated year (or a century)
// is an exact integer, and adding durations is associative. One microsecond resolves any
// wait a planner reads (targets are whole seconds) and leaves room for about 292,000 years.
// Conversions from floating-point seconds round to the nearest tick and are checked: NaN,
// infinities, values beyond the range, and negative values where a duration is expected are
// errors, never a silent wrap.

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

namespace fccsim::sim {

using Time = std::int64_t;      // ticks since the start of the run
using Duration = std::int64_t;  // ticks

inline constexpr Time kTicksPerSecond = 1'000'000;
inline constexpr Time kTicksPerMinute = 60 * kTicksPerSecond;
inline constexpr Time kTicksPerHour = 60 * kTicksPerMinute;
inline constexpr Time kTicksPerDay = 24 * kTicksPerHour;
inline constexpr Time kTicksPerWeek = 7 * kTicksPerDay;

enum class Sign { kNonNegative, kAny };

// The outcome of a checked conversion: `error` is empty on success and otherwise says why
// (e.g. "not a finite number (got nan)").
struct TicksOrError {
  Time ticks = 0;
  std::string error;
  bool ok() const { return error.empty(); }
};

// Converts seconds to ticks, rounding half away from zero. Never aborts.
TicksOrError TryTicksFromSeconds(double seconds, Sign sign = Sign::kNonNegative);

// As above for inner code whose input was validated at the edge.
// REQUIRES: TryTicksFromSeconds(seconds, Sign::kAny).ok(); aborts with the value otherwise.
// Inline with a fast path: models convert every sampled duration.
Time TicksFromSecondsChecked(double seconds);

// std::round(x) as an integer, inline: without SSE4.1 (the baseline the build keeps, so that
// results do not depend on the machine) std::round is a call into libm, paid for every
// sampled duration. The truncation is exact, and so is x minus it (for |x| >= 2^52, x is
// already whole), so the result is std::round's, half away from zero.
// REQUIRES: |x| < 2^63.
inline std::int64_t RoundToInteger(double x) {
  const auto whole = static_cast<std::int64_t>(x);  // toward zero
  const double fraction = x - static_cast<double>(whole);
  return whole + (fraction >= 0.5) - (fraction <= -0.5);
}

inline Time TicksFromSeconds(double seconds) {
  const double ticks = seconds * static_cast<double>(kTicksPerSecond);
  // NaN fails the comparison too; everything else out of the fast range takes the full check.
  // Just below 2^63, ticks rounds to at most 2^63 - 1024: representable.
  if (std::fabs(ticks) < 9223372036854775808.0) [[likely]] return RoundToInteger(ticks);
  return TicksFromSecondsChecked(seconds);
}

// For a duration drawn from a distribution: its parameters are validated, but not every draw
// of a long tail, so a draw beyond `cap` ticks (or NaN) counts as `cap`, and simulated time
// can never overflow. Equal to TicksFromSeconds below the cap.
inline Duration TicksFromSecondsAtMost(double seconds, Duration cap) {
  const double ticks = seconds * static_cast<double>(kTicksPerSecond);
  if (!(ticks < static_cast<double>(cap))) return cap;  // NaN too
  // Below the cap, rounding cannot go past it: the cap is whole.
  if (ticks > -9223372036854775808.0) [[likely]] return RoundToInteger(ticks);
  return std::numeric_limits<Duration>::min();  // no draw is this negative; never undefined
}

constexpr double SecondsFromTicks(Time ticks) {
  return static_cast<double>(ticks) / static_cast<double>(kTicksPerSecond);
}

// Index of the interval of `interval_ticks` containing `t` (floor division, also for t < 0).
// REQUIRES: interval_ticks > 0.
constexpr std::int64_t IntervalIndex(Time t, Duration interval_ticks) {
  std::int64_t q = t / interval_ticks;
  return (t % interval_ticks < 0) ? q - 1 : q;
}

// Human-readable time for messages, e.g. "3d 04:15:00.000250".
std::string FormatTicks(Time t);

}  // namespace fccsim::sim

#endif  // FCCSIM_SIM_TIME_H_
