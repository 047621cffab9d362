// The slowdown law on hand-worked timelines: a session's remaining work is stretched or sped
// up whenever its handler's number of sessions changes.

#include "model/centre/chat_sessions.h"

#include <gtest/gtest.h>

namespace fccsim::model {
namespace {

constexpr sim::Duration kS = sim::kTicksPerSecond;

TEST(ChatSessions, WithoutSlowdownASessionEndsItsWorkAfterItOpened) {
  ChatSessions desk;
  desk.Open(0, 7, 100 * kS, 10 * kS, 0);
  desk.Open(0, 8, 30 * kS, 50 * kS, 0);
  EXPECT_EQ(desk.NextEnd(0), 80 * kS);
  EXPECT_EQ(desk.CloseNext(0, 80 * kS, 0), 8u);
  EXPECT_EQ(desk.NextEnd(0), 110 * kS);
  EXPECT_EQ(desk.CloseNext(0, 110 * kS, 0), 7u);
  EXPECT_EQ(desk.NextEnd(0), std::nullopt);
}

TEST(ChatSessions, SessionsInProgressSlowDownAndSpeedUpAsOthersOpenAndClose) {
  // a = 1: two sessions each progress at half pace, three at a third.
  ChatSessions desk;
  desk.Open(3, 1, 100 * kS, 0, 1.0);         // alone: would end at 100 s
  EXPECT_EQ(desk.NextEnd(3), 100 * kS);
  desk.Open(3, 2, 100 * kS, 50 * kS, 1.0);   // 50 s left of 1, at half pace: ends at 150 s
  EXPECT_EQ(desk.NextEnd(3), 150 * kS);
  EXPECT_EQ(desk.CloseNext(3, 150 * kS, 1.0), 1u);
  // Session 2 did 50 s of work in 100 s; alone again, its other 50 s take 50 s.
  EXPECT_EQ(desk.NextEnd(3), 200 * kS);
  desk.Open(3, 4, 10 * kS, 160 * kS, 1.0);   // 2 has 40 s left, 4 has 10: 4 ends at 180 s
  EXPECT_EQ(desk.NextEnd(3), 180 * kS);
  EXPECT_EQ(desk.CloseNext(3, 180 * kS, 1.0), 4u);
  EXPECT_EQ(desk.NextEnd(3), 210 * kS);      // 2 did 10 s in 20 s: 30 s left, alone
}

TEST(ChatSessions, HandlersKeepTheirOwnClocks) {
  ChatSessions desk;
  desk.Open(0, 1, 100 * kS, 0, 1.0);
  desk.Open(5, 2, 100 * kS, 0, 1.0);
  desk.Open(5, 3, 100 * kS, 0, 1.0);
  EXPECT_EQ(desk.NextEnd(0), 100 * kS);
  EXPECT_EQ(desk.NextEnd(5), 200 * kS);
  EXPECT_EQ(desk.NextEnd(2), std::nullopt);
}

}  // namespace
}  // namespace fccsim::model
