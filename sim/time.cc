#include "sim/time.h"

#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "sim/check.h"

namespace fccsim::sim {
namespace internal {

void CheckFailed(const char* file, int line, const char* condition, const std::string& message) {
  std::fprintf(stderr, "%s:%d: check failed: %s: %s\n", file, line, condition, message.c_str());
  std::fflush(stderr);
  std::abort();
}

}  // namespace internal

namespace {

std::string Describe(double seconds) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", seconds);
  return buf;
}

}  // namespace

TicksOrError TryTicksFromSeconds(double seconds, Sign sign) {
  if (!std::isfinite(seconds)) {
    return {0, "not a finite number (got " + Describe(seconds) + ")"};
  }
  if (sign == Sign::kNonNegative && seconds < 0) {
    return {0, "must not be negative (got " + Describe(seconds) + ")"};
  }
  const double ticks = std::round(seconds * static_cast<double>(kTicksPerSecond));
  // 2^63 is exactly representable; anything at or beyond it does not fit in Time.
  constexpr double kLimit = 9223372036854775808.0;
  if (!(ticks < kLimit && ticks >= -kLimit)) {
    return {0, "out of range for simulated time (got " + Describe(seconds) + " s)"};
  }
  return {static_cast<Time>(ticks), {}};
}

Time TicksFromSecondsChecked(double seconds) {
  TicksOrError r = TryTicksFromSeconds(seconds, Sign::kAny);
  FCCSIM_CHECK(r.ok(), "seconds to ticks: " + r.error);
  return r.ticks;
}

std::string FormatTicks(Time t) {
  const char* sign = t < 0 ? "-" : "";
  // Negate in unsigned arithmetic so that the most negative value does not overflow.
  std::uint64_t u = t < 0 ? 0 - static_cast<std::uint64_t>(t) : static_cast<std::uint64_t>(t);
  const std::uint64_t day = kTicksPerDay, hour = kTicksPerHour, minute = kTicksPerMinute,
                      second = kTicksPerSecond;
  char buf[96];
  std::snprintf(buf, sizeof buf, "%s%" PRIu64 "d %02" PRIu64 ":%02" PRIu64 ":%02" PRIu64 ".%06" PRIu64,
                sign, u / day, u % day / hour, u % hour / minute, u % minute / second, u % second);
  return buf;
}

}  // namespace fccsim::sim
