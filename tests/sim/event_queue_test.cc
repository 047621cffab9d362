// One suite run against every event-queue implementation.

#include <cstdint>
#include <map>
#include <random>
#include <unordered_map>
#include <vector>

#include <gtest/gtest.h>

#include "sim/event_queue.h"
#include "sim/radix_heap_queue.h"

namespace fccsim::sim {
namespace {

template <class Q>
class EventQueueTest : public ::testing::Test {};

// Add each new implementation here; the whole suite then runs against it.
using Queues = ::testing::Types<RadixHeapQueue<std::uint64_t>>;
TYPED_TEST_SUITE(EventQueueTest, Queues);

static_assert(EventQueue<RadixHeapQueue<std::uint64_t>>);

template <class Q>
std::vector<std::pair<Time, std::uint64_t>> Drain(Q& q) {
  std::vector<std::pair<Time, std::uint64_t>> out;
  while (!q.Empty()) {
    auto e = q.Pop();
    out.emplace_back(e.time, e.payload);
  }
  return out;
}

TYPED_TEST(EventQueueTest, EqualTimesPopInInsertionOrder) {
  TypeParam q;
  q.Push(5, 1);
  q.Push(3, 2);
  q.Push(5, 3);
  q.Push(3, 4);
  q.Push(0, 5);
  q.Push(5, 6);
  q.Push(3, 7);
  using V = std::vector<std::pair<Time, std::uint64_t>>;
  EXPECT_EQ(Drain(q), (V{{0, 5}, {3, 2}, {3, 4}, {3, 7}, {5, 1}, {5, 3}, {5, 6}}));
}

TYPED_TEST(EventQueueTest, EqualTimesPushedWhilePoppingStayFifo) {
  TypeParam q;
  q.Push(10, 1);
  q.Push(10, 2);
  EXPECT_EQ(q.Pop().payload, 1u);
  q.Push(10, 3);  // same time as the one just popped: after the pending 2
  q.Push(20, 4);
  q.Push(10, 5);
  using V = std::vector<std::pair<Time, std::uint64_t>>;
  EXPECT_EQ(Drain(q), (V{{10, 2}, {10, 3}, {10, 5}, {20, 4}}));
}

TYPED_TEST(EventQueueTest, PopNotAfterStopsAtTheLimitAndKeepsTheRest) {
  TypeParam q;
  QueuedEvent<std::uint64_t> e{};
  EXPECT_FALSE(q.PopNotAfter(100, &e));  // empty
  q.Push(5, 1);
  q.Push(10, 2);
  q.Push(10, 3);
  q.Push(11, 4);
  EXPECT_FALSE(q.PopNotAfter(4, &e));
  ASSERT_TRUE(q.PopNotAfter(10, &e));
  EXPECT_EQ(e.time, 5);
  EXPECT_EQ(e.payload, 1u);
  ASSERT_TRUE(q.PopNotAfter(10, &e));
  EXPECT_EQ(e.payload, 2u);
  ASSERT_TRUE(q.PopNotAfter(10, &e));
  EXPECT_EQ(e.payload, 3u);
  EXPECT_FALSE(q.PopNotAfter(10, &e));
  EXPECT_EQ(q.Size(), 1u);
  q.Push(10, 5);  // at the time of the last pop: still allowed, and first
  ASSERT_TRUE(q.PopNotAfter(20, &e));
  EXPECT_EQ(e.payload, 5u);
}

TYPED_TEST(EventQueueTest, CancelIsAlwaysSafe) {
  TypeParam q;
  EXPECT_FALSE(q.Cancel(EventHandle{}));  // default handle
  EventHandle a = q.Push(1, 1);
  EventHandle b = q.Push(2, 2);
  EventHandle c = q.Push(3, 3);
  EXPECT_TRUE(q.Cancel(b));
  EXPECT_FALSE(q.Cancel(b));  // twice
  EXPECT_EQ(q.Size(), 2u);
  EXPECT_EQ(q.Pop().payload, 1u);
  EXPECT_FALSE(q.Cancel(a));  // after it fired
  EventHandle d = q.Push(4, 4);  // may reuse a freed slot: old handles must not reach it
  EXPECT_FALSE(q.Cancel(a));
  EXPECT_FALSE(q.Cancel(b));
  EXPECT_EQ(q.Pop().payload, 3u);
  EXPECT_FALSE(q.Cancel(c));
  EXPECT_TRUE(q.Cancel(d));
  EXPECT_TRUE(q.Empty());
}

TYPED_TEST(EventQueueTest, CancelledMinimumIsSkipped) {
  TypeParam q;
  EventHandle a = q.Push(1, 1);
  q.Push(1, 2);
  q.Push(7, 3);
  EXPECT_EQ(q.TopTime(), 1);
  EXPECT_TRUE(q.Cancel(a));
  EXPECT_EQ(q.TopTime(), 1);
  EXPECT_EQ(q.Pop().payload, 2u);
  EXPECT_EQ(q.TopTime(), 7);
}

TYPED_TEST(EventQueueTest, PushBelowPeekedTopIsServedFirst) {
  // A simulator peeks at the next event, stops before it, and may then schedule earlier ones.
  TypeParam q;
  q.Push(10, 1);
  EXPECT_EQ(q.Pop().payload, 1u);
  q.Push(1000, 2);
  q.Push(1000, 3);
  q.Push(1 << 20, 4);
  EXPECT_EQ(q.TopTime(), 1000);
  q.Push(20, 5);
  q.Push(1000, 6);
  q.Push(20, 7);
  EXPECT_EQ(q.TopTime(), 20);
  using V = std::vector<std::pair<Time, std::uint64_t>>;
  EXPECT_EQ(Drain(q), (V{{20, 5}, {20, 7}, {1000, 2}, {1000, 3}, {1000, 6}, {1 << 20, 4}}));
}

TYPED_TEST(EventQueueTest, HandlesTheWholeRangeOfTime) {
  TypeParam q;
  const Time big = std::numeric_limits<Time>::max();
  const Time small = std::numeric_limits<Time>::min();
  q.Push(big, 1);
  q.Push(0, 2);
  q.Push(small, 3);
  q.Push(-1, 4);
  q.Push(big, 5);
  using V = std::vector<std::pair<Time, std::uint64_t>>;
  EXPECT_EQ(Drain(q), (V{{small, 3}, {-1, 4}, {0, 2}, {big, 1}, {big, 5}}));
}

TYPED_TEST(EventQueueTest, CancelChurnDoesNotPileUp) {
  // Abandonment timers: most are cancelled soon after they are pushed.
  TypeParam q;
  std::vector<EventHandle> live;
  for (int i = 0; i < 10; ++i) live.push_back(q.Push(1'000'000'000 + i, i));
  std::size_t worst = 0;
  for (int i = 0; i < 1'000'000; ++i) {
    EventHandle h = q.Push(1000 + i % 977, 100 + i);
    ASSERT_TRUE(q.Cancel(h));
    worst = std::max(worst, q.PhysicalSize());
  }
  EXPECT_EQ(q.Size(), 10u);
  EXPECT_LE(worst, 2 * q.Size() + TypeParam::kSlack + 1);
  EXPECT_EQ(Drain(q).size(), 10u);
}

TYPED_TEST(EventQueueTest, MatchesMultimapOracleOverRandomOperations) {
  // std::multimap keeps equal keys in insertion order, so begin() is exactly the contract.
  TypeParam q;
  std::multimap<Time, std::uint64_t> oracle;
  std::map<std::uint64_t, std::multimap<Time, std::uint64_t>::iterator> where;
  std::unordered_map<std::uint64_t, EventHandle> handles;
  std::vector<EventHandle> stale;
  std::mt19937_64 rng(20261122);
  Time now = 0;
  std::uint64_t next_id = 0;
  for (int op = 0; op < 100'000; ++op) {
    // A peek may move the structure's notion of "now" ahead; later pushes may still go below it.
    if (!oracle.empty() && rng() % 10 == 0) {
      ASSERT_EQ(q.TopTime(), oracle.begin()->first);
    }
    const std::uint64_t r = rng() % 100;
    if (r < 45 || oracle.empty()) {
      // Small increments make ties frequent; an occasional huge one exercises high buckets.
      const Time t = now + (rng() % 50 == 0 ? static_cast<Time>(rng() % (1ull << 40))
                                            : static_cast<Time>(rng() % 8));
      const std::uint64_t id = next_id++;
      handles[id] = q.Push(t, id);
      where[id] = oracle.emplace(t, id);
    } else if (r < 80) {
      ASSERT_EQ(q.TopTime(), oracle.begin()->first);
      auto e = q.Pop();
      ASSERT_EQ(e.time, oracle.begin()->first);
      ASSERT_EQ(e.payload, oracle.begin()->second);
      now = e.time;
      stale.push_back(handles[e.payload]);
      where.erase(e.payload);
      handles.erase(e.payload);
      oracle.erase(oracle.begin());
    } else if (r < 97) {
      // Cancel a random pending event.
      auto it = where.begin();
      std::advance(it, static_cast<long>(rng() % std::min<std::size_t>(where.size(), 16)));
      const std::uint64_t id = it->first;
      ASSERT_TRUE(q.Cancel(handles[id]));
      stale.push_back(handles[id]);
      oracle.erase(it->second);
      where.erase(it);
      handles.erase(id);
    } else if (!stale.empty()) {
      ASSERT_FALSE(q.Cancel(stale[rng() % stale.size()]));
    }
    ASSERT_EQ(q.Size(), oracle.size());
  }
  while (!oracle.empty()) {
    auto e = q.Pop();
    ASSERT_EQ(e.time, oracle.begin()->first);
    ASSERT_EQ(e.payload, oracle.begin()->second);
    oracle.erase(oracle.begin());
  }
  EXPECT_TRUE(q.Empty());
}

TYPED_TEST(EventQueueTest, LongRunsOfSimultaneousEventsStayFifo) {
  // A major incident: thousands of events at one instant, popped while more arrive then.
  TypeParam q;
  std::uint64_t next = 0, expected = 0;
  for (int i = 0; i < 20'000; ++i) q.Push(500, next++);
  for (int i = 0; i < 40'000; ++i) {
    auto e = q.Pop();
    ASSERT_EQ(e.time, 500);
    ASSERT_EQ(e.payload, expected++);
    if (i < 20'000) q.Push(500, next++);
  }
  EXPECT_TRUE(q.Empty());
}

TYPED_TEST(EventQueueTest, MadeUpHandlesCancelNothing) {
  TypeParam q;
  EventHandle h = q.Push(1, 1);
  q.Pop();
  EXPECT_FALSE(q.Cancel(EventHandle{h.slot, h.generation + 1}));  // even: released slot
  EXPECT_FALSE(q.Cancel(EventHandle{h.slot, h.generation + 2}));
  EXPECT_TRUE(q.Empty());
  EXPECT_EQ(q.Size(), 0u);
}

TYPED_TEST(EventQueueTest, PushBeforeLastPoppedTimeDies) {
  TypeParam q;
  q.Push(100, 1);
  q.Pop();
  EXPECT_DEATH(q.Push(99, 2), "before the last popped event");
}

}  // namespace
}  // namespace fccsim::sim
