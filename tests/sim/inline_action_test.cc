#include "sim/inline_action.h"

#include <cstdint>
#include <type_traits>

#include <gtest/gtest.h>

namespace fccsim::sim {
namespace {

static_assert(std::is_trivially_copyable_v<Action>);
static_assert(sizeof(Action) <= 40, "an action should stay a few words");

TEST(InlineAction, DefaultHoldsNothing) {
  Action a;
  EXPECT_FALSE(a);
}

TEST(InlineAction, CallsTheCapturedLambdaAfterACopy) {
  int hits = 0;
  std::uint32_t id = 7;
  std::uint64_t seen = 0;
  Action a = [p = &hits, id, s = &seen] {
    ++*p;
    *s = id;
  };
  Action b = a;  // actions travel through the queue as plain bytes
  ASSERT_TRUE(b);
  b();
  a();
  EXPECT_EQ(hits, 2);
  EXPECT_EQ(seen, 7u);
}

}  // namespace
}  // namespace fccsim::sim
