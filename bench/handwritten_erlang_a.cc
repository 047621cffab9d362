// The hand-written Erlang-A baseline (bench/handwritten_erlang_a.h) as a whole process, so
// that bench/whole_process.py can time it beside `fccsim run` on the same case: 1 h of
// warm-up then 10 days, about 172,000 calls. The counts are printed so that none of the
// work can be optimised away.
//
// Usage: handwritten_erlang_a [SEED]   (SEED 0 to 2^64-1, default 1)

#include <charconv>
#include <cstdint>
#include <cstring>
#include <iostream>

#include "bench/handwritten_erlang_a.h"

int main(int argc, char** argv) {
  std::uint64_t seed = 1;
  if (argc > 2) {
    std::cerr << "usage: handwritten_erlang_a [SEED]\n";
    return 2;
  }
  if (argc == 2) {
    const char* end = argv[1] + std::strlen(argv[1]);
    const auto [ptr, ec] = std::from_chars(argv[1], end, seed);
    if (ec != std::errc() || ptr != end) {
      std::cerr << "handwritten_erlang_a: SEED must be a whole number 0 to 2^64-1 (got \""
                << argv[1] << "\")\n";
      return 2;
    }
  }
  constexpr double kWarmUpS = 3600.0, kEndS = kWarmUpS + 10 * 86400.0;
  const auto n = fccsim::bench::RunHandWrittenErlangA(seed, kWarmUpS, kEndS);
  std::cout << "offered " << n.offered << "\nanswered " << n.answered
            << "\nanswered_within_20s " << n.answered_within_20s << "\nabandoned "
            << n.abandoned << "\nmean_wait_answered_s "
            << (n.answered > 0 ? n.wait_sum_s / static_cast<double>(n.answered) : 0.0)
            << "\n";
  return 0;
}
