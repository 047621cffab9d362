#include "model/scenario/suggest.h"

#include <gtest/gtest.h>

namespace fccsim::model {
namespace {

const std::vector<std::string> kNames = {"horizon", "channels", "groups", "roster", "run"};

TEST(ClosestName, FindsOneEditTyposOfEveryKind) {
  EXPECT_EQ(ClosestName("horizn", kNames), "horizon");     // deletion
  EXPECT_EQ(ClosestName("horizoon", kNames), "horizon");   // insertion
  EXPECT_EQ(ClosestName("horizen", kNames), "horizon");    // substitution
  EXPECT_EQ(ClosestName("hroizon", kNames), "horizon");    // adjacent swap, one edit
  EXPECT_EQ(ClosestName("HORIZON", kNames), "horizon");    // case
  EXPECT_EQ(ClosestName("rnu", kNames), "run");
}

TEST(ClosestName, SuggestsNothingFarOrExact) {
  EXPECT_EQ(ClosestName("horizon", kNames), std::nullopt);
  EXPECT_EQ(ClosestName("xyz", kNames), std::nullopt);
  EXPECT_EQ(ClosestName("chat", {"calls"}), std::nullopt);  // 3 edits for a 4-letter name
  EXPECT_EQ(ClosestName("", kNames), std::nullopt);
  EXPECT_EQ(ClosestName("horizn", {}), std::nullopt);
  EXPECT_EQ(ClosestName("x", {"a"}), std::nullopt);  // all of it changed
  EXPECT_EQ(ClosestName("998", {"999"}), "999");
}

TEST(ClosestName, AllowsMoreEditsForLongerNames) {
  EXPECT_EQ(ClosestName("rostr", kNames), "roster");                  // 5 letters: 2 allowed
  EXPECT_EQ(ClosestName("interval_mins", {"interval_minutes"}), "interval_minutes");  // 3
  EXPECT_EQ(ClosestName("intrvl_mins", {"interval_minutes"}), std::nullopt);
}

TEST(ClosestName, TiesGoToTheEarlierCandidate) {
  EXPECT_EQ(ClosestName("cat", {"bat", "hat"}), "bat");
}

TEST(DidYouMean, FormatsTheSuggestionOrNothing) {
  EXPECT_EQ(DidYouMean("horizn", kNames), " (did you mean \"horizon\"?)");
  EXPECT_EQ(DidYouMean("xyz", kNames), "");
}

}  // namespace
}  // namespace fccsim::model
