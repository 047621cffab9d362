#include "sim/interval_series.h"

#include <gtest/gtest.h>

namespace fccsim::sim {
namespace {

TEST(IntervalSeries, IntegratesAcrossIntervalBoundariesOnAHandComputedTrace) {
  IntervalSeries s(/*origin=*/100, /*length=*/10, /*count=*/3);  // [100,110) [110,120) [120,130)
  s.Set(0, 5);     // before the origin: not counted
  s.Set(104, 2);   // 5 on [100,104), then 2
  s.Set(106, 2);   // same interval, no change of value
  s.Set(115, 4);   // 2 on [104,115): 12 in interval 0 (with the 5s: 20+12=32), 10 in interval 1
  s.Set(127, 0);   // 4 on [115,127): 20 in interval 1, 28 in interval 2
  s.Advance(200);  // past the end: nothing more counted
  EXPECT_DOUBLE_EQ(s.Mean(0), (5 * 4 + 2 * 6) / 10.0);
  EXPECT_DOUBLE_EQ(s.Mean(1), (2 * 5 + 4 * 5) / 10.0);
  EXPECT_DOUBLE_EQ(s.Mean(2), (4 * 7) / 10.0);
}

TEST(IntervalSeries, ManyUpdatesInOneIntervalMatchOneUpdate) {
  IntervalSeries many(0, 1000, 2), one(0, 1000, 2);
  for (Time t = 0; t < 1500; t += 3) many.Set(t, 7);
  one.Set(0, 7);
  many.Advance(2000);
  one.Advance(2000);
  EXPECT_DOUBLE_EQ(many.Mean(0), one.Mean(0));
  EXPECT_DOUBLE_EQ(many.Mean(1), one.Mean(1));
}

TEST(IntervalSeries, SettingTheSameValueAgainChangesNothing) {
  IntervalSeries lazy(0, 10, 2), eager(0, 10, 2);
  lazy.Set(0, 2);
  eager.Set(0, 2);
  for (Time t = 1; t < 15; ++t) lazy.Set(t, 2);
  lazy.Set(15, 4);
  eager.Set(15, 4);
  lazy.Advance(20);
  eager.Advance(20);
  EXPECT_EQ(lazy.Mean(0), eager.Mean(0));
  EXPECT_EQ(lazy.Mean(1), 3.0);
}

TEST(IntervalSeries, AResetSeriesIsANewSeries) {
  IntervalSeries reused(0, 10, 3);
  reused.Set(0, 7);
  reused.Advance(30);
  reused.Reset(-5, 5, 2);
  IntervalSeries fresh(-5, 5, 2);
  for (IntervalSeries* s : {&reused, &fresh}) {
    s->Set(-8, 1);  // before the first interval: counts nothing
    s->Set(-3, 2);
    s->Advance(5);
  }
  ASSERT_EQ(reused.size(), 2u);
  EXPECT_EQ(reused.Mean(0), fresh.Mean(0));
  EXPECT_EQ(reused.Mean(1), fresh.Mean(1));
  EXPECT_EQ(reused.Mean(0), (2 * 1.0 + 3 * 2.0) / 5);
}

TEST(IntervalSeriesDeathTest, TimeGoingBackwardsAborts) {
  IntervalSeries s(0, 10, 1);
  s.Set(5, 1);
  EXPECT_DEATH(s.Set(4, 1), "time went backwards");
}

}  // namespace
}  // namespace fccsim::sim
