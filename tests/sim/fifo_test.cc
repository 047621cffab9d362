#include "sim/fifo.h"

#include <deque>

#include <gtest/gtest.h>

#include "sim/random_stream.h"

namespace fccsim::sim {
namespace {

TEST(Fifo, StartsEmpty) {
  Fifo<int> q;
  EXPECT_TRUE(q.empty());
  EXPECT_EQ(q.size(), 0u);
}

// Against std::deque through random pushes and pops, so that the ring wraps and grows with
// entries on both sides of its end.
TEST(Fifo, TakesValuesOutInTheOrderTheyWentIn) {
  Fifo<int> q;
  std::deque<int> oracle;
  RandomStream random(1, 0, 0);
  int next = 0;
  for (int step = 0; step < 20000; ++step) {
    // Pushes a little more often than it pops for the first half, then the reverse.
    const std::uint64_t push_share = step < 10000 ? 55 : 45;
    if (oracle.empty() || random.NextU64() % 100 < push_share) {
      q.push_back(next);
      oracle.push_back(next);
      ++next;
    } else {
      ASSERT_EQ(q.front(), oracle.front()) << "step " << step;
      q.pop_front();
      oracle.pop_front();
    }
    ASSERT_EQ(q.size(), oracle.size());
    ASSERT_EQ(q.empty(), oracle.empty());
  }
  while (!oracle.empty()) {
    ASSERT_EQ(q.front(), oracle.front());
    q.pop_front();
    oracle.pop_front();
  }
  EXPECT_TRUE(q.empty());
}

}  // namespace
}  // namespace fccsim::sim
