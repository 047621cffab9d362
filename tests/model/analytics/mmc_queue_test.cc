// The engine end to end against Erlang C, which is exact for M/M/c: the simulated means must
// fall within their 99% confidence intervals of the formulas.

#include "model/analytics/mmc_queue.h"

#include <gtest/gtest.h>

#include "model/analytics/erlang.h"
#include "sim/confidence_interval.h"

namespace fccsim::model {
namespace {

TEST(MmcQueue, AgreesWithErlangCWithinConfidenceIntervals) {
  MmcParams p;
  p.servers = 10;
  p.mean_handle_s = 180;
  p.arrival_rate_per_s = 8.5 / p.mean_handle_s;  // 85% occupancy
  p.warm_up_s = 3600;
  p.horizon_s = p.warm_up_s + 400 * 3600;
  sim::Tally p_wait, asa, sl20, occupancy;
  for (std::uint64_t r = 0; r < 20; ++r) {
    const MmcReplication rep = SimulateMmc(p, 2026, r);
    ASSERT_GT(rep.offered, 60'000);
    EXPECT_LT(rep.unanswered_at_horizon, 100);
    p_wait.Add(static_cast<double>(rep.waited) / static_cast<double>(rep.offered));
    asa.Add(rep.wait_s.Mean());
    sl20.Add(rep.wait_ticks.FractionAtMost(20'000'000));
    occupancy.Add(rep.occupancy);
  }
  const double a = p.arrival_rate_per_s * p.mean_handle_s;
  auto expect_within = [](const sim::Tally& t, double exact, const char* what) {
    const auto ci = sim::StudentTInterval(t, 0.99);
    ASSERT_TRUE(ci.has_value());
    EXPECT_NEAR(ci->mean, exact, ci->half_width) << what;
    // The interval must be informative, not just wide.
    EXPECT_LT(ci->half_width, 0.1 * exact) << what;
  };
  expect_within(p_wait, ErlangC(p.servers, a), "P(wait)");
  expect_within(asa, ErlangCAsa(p.servers, p.arrival_rate_per_s, p.mean_handle_s), "ASA");
  expect_within(sl20, ErlangCServiceLevel(p.servers, p.arrival_rate_per_s, p.mean_handle_s, 20),
                "service level at 20 s");
  expect_within(occupancy, a / p.servers, "occupancy");
}

TEST(MmcQueue, SameSeedAndReplicationGiveTheSameResult) {
  MmcParams p{4, 3.0 / 100, 100, 600, 20'000};
  const MmcReplication a = SimulateMmc(p, 7, 3);
  const MmcReplication b = SimulateMmc(p, 7, 3);
  const MmcReplication c = SimulateMmc(p, 7, 4);
  EXPECT_EQ(a.offered, b.offered);
  EXPECT_EQ(a.wait_s.Sum(), b.wait_s.Sum());
  EXPECT_EQ(a.occupancy, b.occupancy);
  EXPECT_NE(a.wait_s.Sum(), c.wait_s.Sum());
}

}  // namespace
}  // namespace fccsim::model
