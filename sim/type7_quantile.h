#ifndef FCCSIM_SIM_TYPE7_QUANTILE_H_
#define FCCSIM_SIM_TYPE7_QUANTILE_H_

// The p-quantile of n values as linear interpolation between order statistics at position
// p (n - 1), counting from 0: Hyndman and Fan's "type 7", the default of R and NumPy. One
// definition for exact values (sorted in a vector) and for values read from a histogram, so
// that an interval's percentile and the horizon's mean the same thing.

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace fccsim::sim {

// `nth(j)` returns the j-th smallest value (from 0) as a double.
// REQUIRES: n >= 1; 0 <= p <= 1.
template <class OrderStatistic>
double Type7Quantile(std::int64_t n, double p, const OrderStatistic& nth) {
  const double position = p * static_cast<double>(n - 1);
  const auto below = static_cast<std::int64_t>(std::floor(position));
  const std::int64_t above = std::min(below + 1, n - 1);
  const double lo = nth(below);
  const double hi = nth(above);
  return lo + (position - static_cast<double>(below)) * (hi - lo);
}

}  // namespace fccsim::sim

#endif  // FCCSIM_SIM_TYPE7_QUANTILE_H_
