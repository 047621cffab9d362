#include "sim/trivial_vector.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace fccsim::sim {
namespace {

struct Pair {
  std::uint64_t key;
  std::uint32_t id;
};

std::vector<std::uint64_t> Keys(const TrivialVector<Pair>& v) {
  std::vector<std::uint64_t> keys;
  for (const Pair& p : v) keys.push_back(p.key);
  return keys;
}

TEST(TrivialVector, AppendsKeepOrderAcrossGrowth) {
  TrivialVector<Pair> v;
  EXPECT_TRUE(v.empty());
  std::vector<std::uint64_t> expected;
  for (std::uint64_t k = 0; k < 1000; ++k) {
    v.push_back({k * 7, static_cast<std::uint32_t>(k)});
    expected.push_back(k * 7);
  }
  EXPECT_EQ(v.size(), 1000u);
  EXPECT_GE(v.capacity(), 1000u);
  EXPECT_EQ(Keys(v), expected);
  EXPECT_EQ(v[999].id, 999u);
  EXPECT_EQ(v.back().key, 999u * 7);
}

// The front of the queue appends a copy of its own last entry; growth must not read freed
// memory (the value is taken before the buffer moves).
TEST(TrivialVector, PushingItsOwnElementSurvivesGrowth) {
  TrivialVector<Pair> v;
  v.push_back({1, 1});
  for (int i = 0; i < 100; ++i) v.push_back(v.back());
  ASSERT_EQ(v.size(), 101u);
  for (const Pair& p : v) EXPECT_EQ(p.key, 1u);
}

TEST(TrivialVector, TruncateEraseFrontAndClearKeepCapacity) {
  TrivialVector<Pair> v;
  for (std::uint64_t k = 0; k < 20; ++k) v.push_back({k, 0});
  const std::size_t capacity = v.capacity();
  v.erase_front(5);
  EXPECT_EQ(Keys(v).front(), 5u);
  EXPECT_EQ(v.size(), 15u);
  v.truncate(3);
  EXPECT_EQ(Keys(v), (std::vector<std::uint64_t>{5, 6, 7}));
  v.erase_front(3);
  EXPECT_TRUE(v.empty());
  v.push_back({9, 0});
  v.clear();
  EXPECT_TRUE(v.empty());
  EXPECT_EQ(v.capacity(), capacity);
}

TEST(TrivialVector, AppendRangeAndSwap) {
  TrivialVector<Pair> a, b;
  for (std::uint64_t k = 0; k < 3; ++k) a.push_back({k, 0});
  for (std::uint64_t k = 10; k < 40; ++k) b.push_back({k, 0});
  a.append(b.begin(), b.end());
  EXPECT_EQ(a.size(), 33u);
  EXPECT_EQ(a[3].key, 10u);
  EXPECT_EQ(a.back().key, 39u);
  a.append(b.begin(), b.begin());  // empty range
  EXPECT_EQ(a.size(), 33u);
  a.swap(b);
  EXPECT_EQ(a.size(), 30u);
  EXPECT_EQ(b.size(), 33u);
  TrivialVector<Pair> c(std::move(b));
  EXPECT_EQ(c.size(), 33u);
  EXPECT_TRUE(b.empty());  // NOLINT: a moved-from vector is empty by this class's contract
}

}  // namespace
}  // namespace fccsim::sim
