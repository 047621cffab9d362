// Live Chat: a chat channel with one session at a time is a voice channel, bit for bit; with
// k sessions and no slowdown it is an M/M/(c k) queue (Erlang C, Erlang A) within confidence
// intervals; the slowdown stretches sessions, the blending rules order calls and chats, and
// shifts end as for voice. The at-most-k invariant is checked in the handler pool on every
// replication of every run (handler_pool_test.cc shows it dies).

#include <algorithm>
#include <cmath>
#include <cstring>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "model/analytics/erlang.h"
#include "model/centre/centre_model.h"
#include "model/scenario/model_spec.h"
#include "sim/confidence_interval.h"
#include "sim/tally.h"
#include "tests/model/test_scenario.h"
#include "tests/model/theory_checks.h"

namespace fccsim::model {
namespace {

// Replaces every "{KEY}" of `text` by `value`.
std::string With(std::string text, const std::string& key, const std::string& value) {
  for (std::size_t at; (at = text.find("{" + key + "}")) != std::string::npos;) {
    text.replace(at, key.size() + 2, value);
  }
  return text;
}

// One channel of kind {KIND}, one group holding {K} sessions with slowdown {A}, with
// patience, wrap-up, a break and a shift change, so that every path of the centre runs.
constexpr char kOneChannel[] = R"pb(
  horizon { days: 2 interval_minutes: 15 warm_up_hours: 2 }
  channels {
    name: "chat" kind: {KIND} priority: 1
    talk { lognormal { mean_s: 240 cv: 0.8 } }
    wrap_up { exponential { mean_s: 30 } }
    patience { exponential { mean_s: 300 } }
    short_abandon_s: 5
    target { answer_within_s: 60 fraction: 0.8 }
    deployment_probability: 0.2
  }
  groups { name: "desk" skills: "chat" max_chat_sessions: {K} chat_slowdown: {A} }
  roster {
    shifts { name: "a" group: "desk" start: "00:00" length_minutes: 720 headcount: {C}
             breaks { after_minutes: 300 length_minutes: 30 } }
    shifts { name: "b" group: "desk" start: "11:30" length_minutes: 750 headcount: {C} }
    shrinkage: 0.1
  }
)pb";

ModelSpec OneChannel(const std::string& kind, int k, double a, int handlers, double per_interval) {
  std::string text = With(kOneChannel, "KIND", kind);
  text = With(text, "K", std::to_string(k));
  text = With(text, "A", std::to_string(a));
  text = With(text, "C", std::to_string(handlers));
  return CompileScenario(MakeTestScenario(text, {per_interval}));
}

bool SameDouble(double x, double y) { return std::memcmp(&x, &y, sizeof x) == 0; }

// Every field a voice channel reports (the session time is a chat channel's alone).
void ExpectSameCounts(const IntervalCounts& v, const IntervalCounts& c, const std::string& where) {
  EXPECT_EQ(v.offered, c.offered) << where;
  EXPECT_EQ(v.answered, c.answered) << where;
  EXPECT_EQ(v.completed, c.completed) << where;
  EXPECT_EQ(v.abandoned, c.abandoned) << where;
  EXPECT_EQ(v.short_abandoned, c.short_abandoned) << where;
  EXPECT_EQ(v.waiting_at_end, c.waiting_at_end) << where;
  EXPECT_EQ(v.under_10s, c.under_10s) << where;
  EXPECT_EQ(v.under_60s, c.under_60s) << where;
  EXPECT_EQ(v.within, c.within) << where;
  EXPECT_EQ(v.waiting_beyond, c.waiting_beyond) << where;
  EXPECT_EQ(v.wait_sum, c.wait_sum) << where;
  EXPECT_EQ(v.wait_max, c.wait_max) << where;
  EXPECT_EQ(v.deployments, c.deployments) << where;
  EXPECT_TRUE(SameDouble(v.wait_p50_s, c.wait_p50_s)) << where;
  EXPECT_TRUE(SameDouble(v.wait_p90_s, c.wait_p90_s)) << where;
  EXPECT_TRUE(SameDouble(v.wait_p95_s, c.wait_p95_s)) << where;
}

TEST(Chat, OneSessionAtATimeIsAVoiceChannelBitForBit) {
  // Slowdown changes nothing when a handler never holds two sessions.
  for (double a : {0.0, 0.5}) {
    const ModelSpec voice = OneChannel("VOICE", 1, a, 12, 60);
    const ModelSpec chat = OneChannel("CHAT", 1, a, 12, 60);
    for (int r = 0; r < 3; ++r) {
      std::vector<std::string> voice_trace, chat_trace;
      const ReplicationMeasures v = SimulateCentre(voice, 5, r, &voice_trace);
      const ReplicationMeasures c = SimulateCentre(chat, 5, r, &chat_trace);
      EXPECT_EQ(voice_trace, chat_trace) << "replication " << r;
      EXPECT_EQ(v.events, c.events);
      ExpectSameCounts(v.channels[0].total, c.channels[0].total, "total");
      for (std::size_t k = 0; k < v.channels[0].intervals.size(); ++k) {
        ExpectSameCounts(v.channels[0].intervals[k], c.channels[0].intervals[k],
                         "interval " + std::to_string(k));
        EXPECT_TRUE(SameDouble(v.groups[0].busy.Mean(k), c.groups[0].busy.Mean(k))) << k;
        EXPECT_TRUE(SameDouble(v.groups[0].online.Mean(k), c.groups[0].online.Mean(k))) << k;
        EXPECT_TRUE(SameDouble(v.channels[0].queue_length.Mean(k),
                               c.channels[0].queue_length.Mean(k))) << k;
      }
      EXPECT_GT(v.channels[0].total.abandoned, 0) << "the case should exercise abandonment";
    }
  }
}

// A chat channel alone: {K} sessions on {C} handlers, no slowdown, constant staffing.
constexpr char kMmck[] = R"pb(
  horizon { days: 2 interval_minutes: 15 warm_up_hours: 2 }
  channels {
    name: "chat" kind: CHAT priority: 1
    talk { exponential { mean_s: 240 } }
    target { answer_within_s: 20 fraction: 0.8 }
    {PATIENCE}
  }
  groups { name: "desk" skills: "chat" max_chat_sessions: {K} }
  roster { shifts { group: "desk" start: "00:00" length_minutes: 1440 headcount: {C} } }
)pb";

ModelSpec Mmck(int k, int handlers, const std::string& patience, double rate_per_s) {
  std::string text = With(kMmck, "K", std::to_string(k));
  text = With(text, "C", std::to_string(handlers));
  text = With(text, "PATIENCE", patience);
  return CompileScenario(MakeTestScenario(text, {rate_per_s * 900}));
}

// 99% intervals narrower than 8% of the exact figure: informative for these run lengths.
constexpr double kWidth = 0.08;

TEST(Chat, KSessionsWithoutSlowdownAgreeWithErlangCOnCTimesKServers) {
  const double rate_per_s = 45.0 / 240.0;  // 45 Erlangs on 25 handlers x 2 sessions
  const ModelSpec spec = Mmck(2, 25, "", rate_per_s);
  std::vector<double> sl20, asa, concurrency;
  for (int r = 0; r < 24; ++r) {
    const ReplicationMeasures m = SimulateCentre(spec, 21, r);
    const IntervalCounts& o = m.channels[0].total;
    sl20.push_back(LevelAt(spec, o, 20));
    asa.push_back(sim::SecondsFromTicks(o.wait_sum) / o.answered);
    for (std::size_t k = 0; k < m.groups[0].sessions.size(); ++k) {
      // Never more than k sessions per handler holding one, in any interval.
      EXPECT_LE(m.groups[0].sessions.Mean(k), 2 * m.groups[0].chatting.Mean(k) + 1e-9) << k;
      EXPECT_LE(m.groups[0].chatting.Mean(k), m.groups[0].online.Mean(k) + 1e-9) << k;
    }
  }
  ExpectWithin(sl20, ErlangCServiceLevel(50, rate_per_s, 240, 20), "service level at 20 s",
               kWidth);
  // The ASA of a queue at 90% spreads widely between replications: its interval is checked
  // for containing the exact figure, and for being narrower than a sixth of it.
  sim::Tally t;
  for (double x : asa) t.Add(x);
  const auto ci = sim::StudentTInterval(t, 0.99);
  ASSERT_TRUE(ci.has_value());
  EXPECT_NEAR(ci->mean, ErlangCAsa(50, rate_per_s, 240), ci->half_width) << "ASA";
  EXPECT_LT(ci->half_width, ErlangCAsa(50, rate_per_s, 240) / 6) << "ASA: too wide to test";
}

TEST(Chat, KSessionsWithPatienceAgreeWithErlangAOnCTimesKServers) {
  const double rate_per_s = 47.5 / 240.0;  // 47.5 Erlangs on 10 handlers x 5 sessions
  const ModelSpec spec = Mmck(5, 10, "patience { exponential { mean_s: 600 } }", rate_per_s);
  const ErlangA exact(50, rate_per_s, 240, 600);
  std::vector<double> abandon, within;
  for (int r = 0; r < 12; ++r) {
    const ReplicationMeasures m = SimulateCentre(spec, 22, r);
    const IntervalCounts& o = m.channels[0].total;
    const double abandons = static_cast<double>(o.abandoned + o.short_abandoned);
    abandon.push_back(abandons / (static_cast<double>(o.answered) + abandons));
    within.push_back(LevelAt(spec, o, 20));
  }
  ExpectWithin(abandon, exact.p_abandon(), "P(abandon)", kWidth);
  ExpectWithin(within, exact.PAnsweredWithin(20), "P(answered within 20 s)", kWidth);
}

// Mean session time over the horizon, in seconds.
double MeanSession(const ReplicationMeasures& m) {
  const IntervalCounts& o = m.channels[0].total;
  return sim::SecondsFromTicks(o.session_sum) / o.completed;
}

TEST(Chat, SlowdownStretchesSessionsAndLowersWhatAHandlerGetsThrough) {
  // A busy desk: sessions overlap, so with slowdown each lasts longer than its work.
  const ModelSpec none = OneChannel("CHAT", 3, 0, 6, 60);
  const ModelSpec slow = OneChannel("CHAT", 3, 0.5, 6, 60);
  for (int r = 0; r < 3; ++r) {
    const ReplicationMeasures a = SimulateCentre(none, 7, r);
    const ReplicationMeasures b = SimulateCentre(slow, 7, r);
    EXPECT_EQ(a.channels[0].total.offered, b.channels[0].total.offered) << "the same callers";
    // Work is 240 s of talk and 30 s of wrap-up on average: without slowdown a session takes
    // its work, whatever else the handler holds.
    EXPECT_NEAR(MeanSession(a), 270, 15) << r;
    EXPECT_GT(MeanSession(b), MeanSession(a) * 1.2) << r;
    EXPECT_GT(b.channels[0].total.wait_sum, a.channels[0].total.wait_sum) << r;
  }
}

TEST(Chat, SessionsPerChattingHandlerNeverExceedKAndApproachItUnderLoad) {
  for (int k : {1, 2, 4}) {
    const ModelSpec spec = OneChannel("CHAT", k, 0.2, 3, 60);  // overloaded: sessions pile up
    const ReplicationMeasures m = SimulateCentre(spec, 3, 0);
    double sessions = 0, chatting = 0;
    for (std::size_t i = 0; i < m.groups[0].sessions.size(); ++i) {
      EXPECT_LE(m.groups[0].sessions.Mean(i), k * m.groups[0].chatting.Mean(i) + 1e-9) << i;
      sessions += m.groups[0].sessions.Mean(i);
      chatting += m.groups[0].chatting.Mean(i);
    }
    EXPECT_GT(sessions / chatting, 0.9 * k) << k;
  }
}

// A blended group answering calls (priority 1) and chats (priority 2) under rule {RULE}. With
// slowdown 1, holding n chats gets through no more than holding one, so draining reorders the
// work without losing chat capacity (with a small slowdown it would: concurrency is capacity).
constexpr char kBlended[] = R"pb(
  horizon { days: 2 interval_minutes: 15 warm_up_hours: 2 }
  channels { name: "calls" priority: 1 talk { exponential { mean_s: 240 } }
             patience { exponential { mean_s: 300 } }
             target { answer_within_s: 20 fraction: 0.8 } }
  channels { name: "chat" kind: CHAT priority: 2 talk { exponential { mean_s: 400 } }
             patience { exponential { mean_s: 900 } }
             target { answer_within_s: 60 fraction: 0.8 } }
  groups { name: "blended" skills: ["calls", "chat"] max_chat_sessions: 3 chat_slowdown: 1
           blending: {RULE} }
  roster { shifts { group: "blended" start: "00:00" length_minutes: 1440 headcount: 14 } }
)pb";

TEST(Chat, DrainingForCallsFavoursCallsOverChats) {
  const ModelSpec until_full = CompileScenario(
      MakeTestScenario(With(kBlended, "RULE", "CHATS_UNTIL_FULL"), {30, 10}));
  const ModelSpec drain = CompileScenario(
      MakeTestScenario(With(kBlended, "RULE", "DRAIN_FOR_CALLS"), {30, 10}));
  double calls_full = 0, calls_drain = 0, chats_full = 0, chats_drain = 0;
  // 30 calls and 10 chats per 15 minutes: 8 and 4.4 Erlangs of work on 14 handlers.
  for (int r = 0; r < 4; ++r) {
    const ReplicationMeasures a = SimulateCentre(until_full, 8, r);
    const ReplicationMeasures b = SimulateCentre(drain, 8, r);
    EXPECT_EQ(a.channels[1].total.offered, b.channels[1].total.offered) << "the same chats";
    calls_full += LevelAt(until_full, a.channels[0].total, 20);
    calls_drain += LevelAt(drain, b.channels[0].total, 20);
    chats_full += sim::SecondsFromTicks(a.channels[1].total.wait_sum) / a.channels[1].total.answered;
    chats_drain += sim::SecondsFromTicks(b.channels[1].total.wait_sum) / b.channels[1].total.answered;
  }
  EXPECT_GT(calls_drain, calls_full + 0.02) << "calls answered within 20 s, summed";
  EXPECT_GT(chats_drain, chats_full) << "chat ASA, summed";
}

// Chats are answered in the order they came, under either rule: no chat is answered on
// arrival while an earlier one waits, and when a call stops blocking a draining desk, its
// handlers with room take the waiting chats at once.
TEST(Chat, ChatsAreAnsweredInTheOrderTheyCame) {
  for (const char* rule : {"CHATS_UNTIL_FULL", "DRAIN_FOR_CALLS"}) {
    const ModelSpec spec =
        CompileScenario(MakeTestScenario(With(kBlended, "RULE", rule), {30, 10}));
    int answered_on_arrival = 0;
    for (int r = 0; r < 4; ++r) {
      std::vector<std::string> trace;
      SimulateCentre(spec, 8, r, &trace);
      std::set<std::string> waiting;
      for (const std::string& line : trace) {
        std::istringstream in(line);
        std::string t, what, name, arrow, where;
        in >> t >> what >> name >> arrow >> where;
        if (name.rfind("chat#", 0) != 0 && what != "blended") continue;
        if (what == "arrive" && where == "queue") waiting.insert(name);
        if (what == "abandon") waiting.erase(name);
        if (what == "blended" && arrow.rfind("chat#", 0) == 0) waiting.erase(arrow);
        if (what == "arrive" && where == "blended") {
          ++answered_on_arrival;
          EXPECT_TRUE(waiting.empty()) << rule << ": " << line << " while " << *waiting.begin()
                                       << " waits";
        }
      }
    }
    EXPECT_GT(answered_on_arrival, 100) << rule;
  }
}

TEST(Chat, AHandlerGoingOffFinishesItsChatsAndTakesNoNewOne) {
  // Nobody on from 12:00 to 13:00: chats open at 12:00 close, and nothing is taken.
  const ModelSpec spec = CompileScenario(MakeTestScenario(R"pb(
    horizon { days: 1 interval_minutes: 15 }
    channels { name: "chat" kind: CHAT talk { exponential { mean_s: 300 } }
               target { answer_within_s: 60 fraction: 0.8 } }
    groups { name: "desk" skills: "chat" max_chat_sessions: 3 chat_slowdown: 0.3 }
    roster {
      shifts { name: "am" group: "desk" start: "00:00" length_minutes: 720 headcount: 2 }
      shifts { name: "pm" group: "desk" start: "13:00" length_minutes: 660 headcount: 2 }
    }
  )pb", {12}));
  std::vector<std::string> trace;
  SimulateCentre(spec, 4, 0, &trace);
  auto at = [](const std::string& line) { return std::stod(line.substr(0, line.find(' '))); };
  const double noon = 12 * 3600, one = 13 * 3600;
  int done_after_noon = 0;
  for (const std::string& line : trace) {
    const double t = at(line);
    if (t <= noon || t >= one) continue;
    EXPECT_EQ(line.find("takes"), std::string::npos) << line;
    EXPECT_EQ(line.find("-> desk"), std::string::npos) << line;
    done_after_noon += line.find(" done ") != std::string::npos;
  }
  EXPECT_GT(done_after_noon, 0) << "the sessions open at noon close after it";
}

}  // namespace
}  // namespace fccsim::model
