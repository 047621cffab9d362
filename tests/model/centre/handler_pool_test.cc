#include "model/centre/handler_pool.h"

#include <algorithm>
#include <vector>

#include <gtest/gtest.h>

namespace fccsim::model {
namespace {

TEST(HandlerPool, TheHandlerIdleLongestTakesTheNextContact) {
  HandlerPool pool(1);
  const HandlerId a = pool.Hire(0), b = pool.Hire(0), c = pool.Hire(0);
  EXPECT_TRUE(pool.ComeOn(a));
  EXPECT_TRUE(pool.ComeOn(b));
  EXPECT_TRUE(pool.ComeOn(c));
  EXPECT_EQ(pool.Online(0), 3);
  EXPECT_EQ(pool.TakeIdle(0, 10), a);
  EXPECT_EQ(pool.TakeIdle(0, 11), b);
  EXPECT_TRUE(pool.Finish(a));  // a is now idle after c
  EXPECT_EQ(pool.TakeIdle(0, 12), c);
  EXPECT_EQ(pool.TakeIdle(0, 13), a);
  EXPECT_EQ(pool.Idle(0), 0);
  EXPECT_EQ(pool.Busy(0), 3);
  EXPECT_EQ(pool[a].contact, 13u);
}

TEST(HandlerPool, ABusyHandlerGoingOffFinishesFirstAndCanBeCalledBack) {
  HandlerPool pool(1);
  const HandlerId a = pool.Hire(0), b = pool.Hire(0);
  pool.ComeOn(a);
  pool.ComeOn(b);
  pool.TakeIdle(0, 1);  // a
  pool.GoOff(a);        // busy: stays until finished
  pool.GoOff(b);        // idle: leaves at once
  EXPECT_EQ(pool.Online(0), 1);
  EXPECT_EQ(pool.Idle(0), 0);
  EXPECT_FALSE(pool.Finish(a));
  EXPECT_EQ(pool.Online(0), 0);
  EXPECT_EQ(pool[a].state, HandlerState::kOff);

  // Back from a break begun mid-call, before the call ends: carries on, then stays.
  pool.ComeOn(a);
  pool.TakeIdle(0, 2);
  pool.GoOff(a);
  EXPECT_FALSE(pool.ComeOn(a)) << "busy: not idle, nothing to look for";
  EXPECT_TRUE(pool.Finish(a));
  EXPECT_EQ(pool.Online(0), 1);
  EXPECT_EQ(pool.Idle(0), 1);
}

TEST(HandlerPool, RetiredRecordsAreReused) {
  HandlerPool pool(2);
  const HandlerId a = pool.Hire(0);
  pool.ComeOn(a);
  pool.TakeIdle(0, 5);
  pool.Retire(a);
  EXPECT_EQ(pool.Online(0), 1) << "still finishing";
  const HandlerId b = pool.Hire(1);
  EXPECT_NE(b, a) << "not released while busy";
  EXPECT_FALSE(pool.Finish(a));
  const HandlerId c = pool.Hire(1);
  EXPECT_EQ(c, a) << "released once off";
  EXPECT_EQ(pool[c].group, 1);
  EXPECT_EQ(pool[c].state, HandlerState::kOff);
}

TEST(HandlerPool, AMovedHandlerJoinsItsNewGroupAtOnceOrWhenFinished) {
  HandlerPool pool(2);
  const HandlerId a = pool.Hire(0), b = pool.Hire(0), c = pool.Hire(0);
  for (HandlerId h : {a, b, c}) pool.ComeOn(h);
  pool.TakeIdle(0, 1);  // a busy
  const std::vector<HandlerId> picked = pool.PickToMove(0, 3);
  EXPECT_EQ(picked, (std::vector<HandlerId>{b, c, a})) << "idle first, longest idle first";
  for (HandlerId h : picked) pool.Reassign(h, 1);
  EXPECT_EQ(pool.Online(0), 1);
  EXPECT_EQ(pool.Online(1), 2);
  EXPECT_EQ(pool.Idle(1), 2);
  EXPECT_TRUE(pool.Finish(a));
  EXPECT_EQ(pool[a].group, 1);
  EXPECT_EQ(pool.Online(0), 0);
  EXPECT_EQ(pool.Online(1), 3);
  EXPECT_EQ(pool.Idle(1), 3);
  EXPECT_TRUE(pool.PickToMove(0, 1).empty());
}

TEST(HandlerPool, CountsStayConsistentOverManyOperations) {
  HandlerPool pool(2);
  std::vector<HandlerId> hs;
  for (int i = 0; i < 20; ++i) hs.push_back(pool.Hire(i % 2));
  for (HandlerId h : hs) pool.ComeOn(h);
  for (int i = 0; i < 8; ++i) pool.TakeIdle(i % 2, static_cast<ContactId>(i));
  for (int i = 0; i < 20; i += 3) pool.GoOff(hs[static_cast<std::size_t>(i)]);
  int online = 0, idle = 0;
  for (HandlerId h : hs) {
    online += pool[h].state != HandlerState::kOff;
    idle += pool[h].state == HandlerState::kIdle;
  }
  EXPECT_EQ(pool.Online(0) + pool.Online(1), online);
  EXPECT_EQ(pool.Idle(0) + pool.Idle(1), idle);
  // The idle lists themselves: walking each finds its idle handlers once each.
  for (int g = 0; g < 2; ++g) {
    std::vector<HandlerId> idle_list;
    for (HandlerId h : pool.PickToMove(g, 1000)) {
      if (pool[h].state == HandlerState::kIdle) idle_list.push_back(h);
    }
    std::sort(idle_list.begin(), idle_list.end());
    EXPECT_EQ(std::adjacent_find(idle_list.begin(), idle_list.end()), idle_list.end());
    EXPECT_EQ(static_cast<int>(idle_list.size()), pool.Idle(g));
    for (HandlerId h : idle_list) EXPECT_EQ(pool[h].group, g);
  }
}

TEST(HandlerPool, AChatGoesToTheLeastLoadedHandlerUpToK) {
  HandlerPool pool(std::vector<int>{3});
  const HandlerId a = pool.Hire(0), b = pool.Hire(0);
  pool.ComeOn(a);
  pool.ComeOn(b);
  EXPECT_EQ(pool.Available(0), 2);
  EXPECT_EQ(pool.TakeForChat(0), a);
  EXPECT_EQ(pool.TakeForChat(0), b);  // idle before a's second session
  EXPECT_EQ(pool.TakeForChat(0), a);
  EXPECT_EQ(pool.TakeForChat(0), b);
  EXPECT_EQ(pool.TakeForChat(0), a);
  EXPECT_EQ(pool[a].sessions, 3);
  EXPECT_FALSE(pool.CanChat(a));
  EXPECT_EQ(pool.TakeForChat(0), b);
  EXPECT_EQ(pool.Available(0), 0);
  EXPECT_EQ(pool.Sessions(0), 6);
  EXPECT_EQ(pool.Chatting(0), 2);
  EXPECT_EQ(pool.Idle(0), 0);
  EXPECT_EQ(pool.Busy(0), 2);
  EXPECT_TRUE(pool.CloseSession(b));  // b has room again
  EXPECT_EQ(pool.TakeForChat(0), b);
}

TEST(HandlerPool, NeverMoreThanKSessions) {
  HandlerPool pool(std::vector<int>{2});
  const HandlerId a = pool.Hire(0);
  pool.ComeOn(a);
  pool.OpenSession(a);
  pool.OpenSession(a);
  EXPECT_DEATH(pool.OpenSession(a), "cannot take a chat");
}

TEST(HandlerPool, AChatHandlerGoingOffTakesNoNewSessionAndLeavesAfterTheLast) {
  HandlerPool pool(std::vector<int>{3});
  const HandlerId a = pool.Hire(0);
  pool.ComeOn(a);
  pool.OpenSession(a);
  pool.OpenSession(a);
  pool.GoOff(a);
  EXPECT_FALSE(pool.CanChat(a));
  EXPECT_EQ(pool.Available(0), 0);
  EXPECT_EQ(pool.Online(0), 1);
  EXPECT_TRUE(pool.CloseSession(a));  // still on, finishing the other
  EXPECT_FALSE(pool.CanChat(a));
  EXPECT_TRUE(pool.ComeOn(a)) << "back on before the last closed: takes chats again";
  EXPECT_TRUE(pool.CanChat(a));
  pool.GoOff(a);
  EXPECT_FALSE(pool.CloseSession(a));
  EXPECT_EQ(pool[a].state, HandlerState::kOff);
  EXPECT_EQ(pool.Online(0), 0);
  EXPECT_EQ(pool.Sessions(0), 0);
  EXPECT_EQ(pool.Chatting(0), 0);
}

TEST(HandlerPool, AHandlerWithChatsOpenTakesNoCall) {
  HandlerPool pool(std::vector<int>{2});
  const HandlerId a = pool.Hire(0);
  pool.ComeOn(a);
  pool.OpenSession(a);
  EXPECT_EQ(pool.Idle(0), 0);
  EXPECT_DEATH(pool.Assign(a, 1), "not idle");
}

TEST(HandlerPool, AMovedChatHandlerMovesAfterItsLastSession) {
  HandlerPool pool(std::vector<int>{2, 1});
  const HandlerId a = pool.Hire(0);
  pool.ComeOn(a);
  pool.OpenSession(a);
  pool.Reassign(a, 1);
  EXPECT_FALSE(pool.CanChat(a)) << "takes no new session until it has moved";
  EXPECT_TRUE(pool.CloseSession(a));
  EXPECT_EQ(pool[a].group, 1);
  EXPECT_EQ(pool.Idle(1), 1);
  EXPECT_EQ(pool.Online(0), 0);
}

}  // namespace
}  // namespace fccsim::model
