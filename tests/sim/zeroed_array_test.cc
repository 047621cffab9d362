#include "sim/zeroed_array.h"

#include <cstdint>
#include <utility>

#include <gtest/gtest.h>

namespace fccsim::sim {
namespace {

TEST(ZeroedArray, StartsAllZero) {
  // Large enough that calloc takes fresh pages rather than reused heap memory.
  const ZeroedArray<std::int64_t> a(1 << 20);
  ASSERT_EQ(a.size(), std::size_t{1} << 20);
  for (const std::int64_t v : a) ASSERT_EQ(v, 0);
}

TEST(ZeroedArray, CopiesAreIndependentAndMovesLeaveTheSourceEmpty) {
  ZeroedArray<std::int64_t> a(5);
  a[1] = 7;
  a[4] = -3;
  ZeroedArray<std::int64_t> b = a;
  b[1] = 8;
  EXPECT_EQ(a[1], 7);
  EXPECT_EQ(b[4], -3);
  ZeroedArray<std::int64_t> c = std::move(b);
  EXPECT_EQ(b.size(), 0u);
  EXPECT_EQ(c.size(), 5u);
  EXPECT_EQ(c[1], 8);
  a = c;
  EXPECT_EQ(a[1], 8);
  a = ZeroedArray<std::int64_t>();
  EXPECT_EQ(a.size(), 0u);
  EXPECT_EQ(a.begin(), a.end());
}

TEST(ZeroedArray, ZeroFirstClearsOnlyThePrefix) {
  ZeroedArray<std::int64_t> a(4);
  for (std::size_t i = 0; i < 4; ++i) a[i] = static_cast<std::int64_t>(i) + 1;
  a.ZeroFirst(3);
  EXPECT_EQ(a[0], 0);
  EXPECT_EQ(a[2], 0);
  EXPECT_EQ(a[3], 4);
}

}  // namespace
}  // namespace fccsim::sim
