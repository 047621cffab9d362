#include "sim/simulator.h"

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include <gtest/gtest.h>

// The replacement operator new pairs with free(); GCC cannot see that and warns.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

// Counts heap allocations, to show that the event loop makes none in steady state.
namespace {
std::atomic<long> g_allocations{0};
}  // namespace
void* operator new(std::size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace fccsim::sim {
namespace {

// A tiny model that writes what happens when, for literal trace comparisons.
struct Recorder {
  Simulator sim;
  std::vector<std::string> trace;
  void Note(const char* what) { trace.push_back(std::to_string(sim.Now()) + " " + what); }
};

TEST(Simulator, RunsEventsInTimeOrderAndTiesInScheduleOrder) {
  Recorder r;
  r.sim.Schedule(5, [&r] { r.Note("b"); });
  r.sim.Schedule(3, [&r] {
    r.Note("a");
    r.sim.Schedule(2, [&r] { r.Note("d: scheduled at 3 for 5, after b and c"); });
    r.sim.Schedule(0, [&r] { r.Note("a2: zero delay runs after a, same time"); });
  });
  r.sim.Schedule(5, [&r] { r.Note("c"); });
  r.sim.ScheduleAt(9, [&r] { r.Note("e"); });
  r.sim.RunUntil(100);
  EXPECT_EQ(r.trace, (std::vector<std::string>{"3 a", "3 a2: zero delay runs after a, same time",
                                               "5 b", "5 c",
                                               "5 d: scheduled at 3 for 5, after b and c",
                                               "9 e"}));
  EXPECT_EQ(r.sim.Now(), 100);
  EXPECT_EQ(r.sim.EventsExecuted(), 6u);
}

TEST(Simulator, CancelledEventsDoNotRun) {
  Recorder r;
  EventHandle timer = r.sim.Schedule(10, [&r] { r.Note("timer"); });
  r.sim.Schedule(4, [&r, timer] {
    r.Note("answer");
    EXPECT_TRUE(r.sim.Cancel(timer));
  });
  EventHandle fired = r.sim.Schedule(1, [&r] { r.Note("first"); });
  r.sim.RunUntil(20);
  EXPECT_EQ(r.trace, (std::vector<std::string>{"1 first", "4 answer"}));
  EXPECT_FALSE(r.sim.Cancel(fired));
  EXPECT_FALSE(r.sim.Cancel(timer));
  EXPECT_FALSE(r.sim.Cancel(EventHandle{}));
}

// A self-rescheduling chain plus events landing exactly on the stop times.
std::vector<std::string> Scenario(const std::vector<Time>& stops) {
  Recorder r;
  struct Ticker {
    Recorder* r;
    Time period;
    void operator()() const {
      r->Note("tick");
      r->sim.Schedule(period, *this);
    }
  };
  r.sim.Schedule(0, Ticker{&r, 3});
  r.sim.ScheduleAt(10, [&r] { r.Note("at 10"); });
  r.sim.ScheduleAt(15, [&r] { r.Note("at 15"); });
  for (Time stop : stops) {
    r.sim.RunUntil(stop);
    r.Note("stop");
  }
  return r.trace;
}

TEST(Simulator, RunUntilIsResumable) {
  std::vector<std::string> once = Scenario({15});
  std::vector<std::string> twice = Scenario({10, 15});
  // Identical apart from the extra "stop" line at 10.
  std::vector<std::string> expected = once;
  auto it = std::find(expected.begin(), expected.end(), "12 tick");
  expected.insert(it, "10 stop");
  EXPECT_EQ(twice, expected);
  EXPECT_EQ(once.back(), "15 stop");
  EXPECT_NE(std::find(once.begin(), once.end(), "15 at 15"), once.end());
  EXPECT_EQ(Scenario({3, 3, 7, 10, 11, 15}).size(), once.size() + 5);
}

TEST(Simulator, EventScheduledAfterAStopButBeforeThePeekedNextRunsInOrder) {
  Recorder r;
  r.sim.ScheduleAt(100, [&r] { r.Note("late"); });
  r.sim.RunUntil(10);  // has peeked at 100
  r.sim.Schedule(5, [&r] { r.Note("early"); });
  r.sim.RunUntil(200);
  EXPECT_EQ(r.trace, (std::vector<std::string>{"15 early", "100 late"}));
}

TEST(Simulator, QuarterHourBoundariesOfAYearAreExact) {
  struct Year {
    Simulator sim;
    std::int64_t boundaries = 0;
    bool exact = true;
    void OnBoundary() {
      exact = exact && sim.Now() == boundaries * 15 * kTicksPerMinute;
      ++boundaries;
      sim.Schedule(15 * kTicksPerMinute, [this] { OnBoundary(); });
    }
  } year;
  year.sim.Schedule(0, [&year] { year.OnBoundary(); });
  year.sim.RunUntil(365 * kTicksPerDay - 1);
  EXPECT_EQ(year.boundaries, 35'040);
  EXPECT_TRUE(year.exact);
}

// A stream of events each of which schedules the next, with other events between, on
// either side and at the same times as some of its own; run once scheduling every successor
// and once running it at once where RunNextAt allows. Both must do the same things at the same
// times, and count the same events.
struct Stream {
  explicit Stream(bool run_next) : run_next(run_next) {}
  Simulator sim;
  bool run_next;
  std::vector<Time> times = {2, 4, 5, 5, 6, 10, 12, 15};  // after the first, at 1
  std::size_t next = 0;
  std::vector<std::string> trace;
  void Note(const std::string& what) { trace.push_back(std::to_string(sim.Now()) + " " + what); }
  void Fire() {
    for (;;) {
      Note("s");
      if (next == times.size()) return;
      const Time t = times[next++];
      if (run_next && sim.RunNextAt(t)) continue;
      sim.ScheduleAt(t, [this] { Fire(); });
      return;
    }
  }
  std::vector<std::string> Run() {
    sim.ScheduleAt(1, [this] { Fire(); });
    sim.ScheduleAt(2, [this] { Note("x: scheduled first, so before s at 2"); });
    sim.ScheduleAt(3, [this] {
      Note("y");
      sim.ScheduleAt(5, [this] { Note("z: scheduled at 3, before the s at 5 were"); });
    });
    EventHandle cancelled = sim.ScheduleAt(8, [this] { Note("never"); });
    sim.ScheduleAt(7, [this, cancelled] {
      Note("w");
      sim.Cancel(cancelled);
    });
    sim.RunUntil(10);  // the s at 10 runs in it, the one at 12 only in the next
    Note("pause");
    sim.RunUntil(20);
    return trace;
  }
};

TEST(Simulator, RunNextAtDoesWhatSchedulingTheNextEventWould) {
  Stream scheduled(false), run_next(true);
  const std::vector<std::string> expected = {"1 s",  "2 x: scheduled first, so before s at 2",
                                             "2 s",  "3 y",
                                             "4 s",  "5 z: scheduled at 3, before the s at 5 were",
                                             "5 s",  "5 s",
                                             "6 s",  "7 w",
                                             "10 s", "10 pause",
                                             "12 s", "15 s"};
  EXPECT_EQ(scheduled.Run(), expected);
  EXPECT_EQ(run_next.Run(), expected);
  EXPECT_EQ(run_next.sim.EventsExecuted(), scheduled.sim.EventsExecuted());
  EXPECT_EQ(scheduled.sim.EventsRunNext(), 0u);
  // The second s at 5 and those at 6 and 15; the others had an event at or before their
  // time still pending, or (the s at 12) fell after the first RunUntil.
  EXPECT_EQ(run_next.sim.EventsRunNext(), 3u);
}

TEST(Simulator, RunNextAtIsFalseOutsideRunUntil) {
  Simulator sim;
  EXPECT_FALSE(sim.RunNextAt(5));
  sim.RunUntil(3);
  EXPECT_FALSE(sim.RunNextAt(5));
  EXPECT_EQ(sim.Now(), 3);
  EXPECT_EQ(sim.EventsExecuted(), 0u);
}

TEST(SimulatorDeathTest, NegativeDelayAbortsWithTheValue) {
  Simulator sim;
  sim.RunUntil(7);
  EXPECT_DEATH(sim.Schedule(-3, [] {}), "negative delay -3 ticks at t=0d 00:00:00.000007");
  EXPECT_DEATH(sim.ScheduleAt(6, [] {}), "in the past");
  EXPECT_DEATH(sim.RunUntil(6), "in the past");
  EXPECT_DEATH(sim.RunNextAt(6), "in the past");
}

TEST(Simulator, AllocatesNothingPerEventInSteadyState) {
  Simulator sim;
  struct Hold {
    Simulator* sim;
    std::uint64_t state;
    void operator()() {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      sim->Schedule(static_cast<Duration>(state >> 44), *this);
    }
  };
  for (std::uint64_t i = 0; i < 1000; ++i) sim.Schedule(static_cast<Duration>(i), Hold{&sim, i});
  // Buffers grow to the largest size the run has needed and keep it, so after a warm-up the
  // only allocations are the rare new records of a bucket's size (measured: 886, then 44, 44,
  // 44, 0, 0, 0, 11 in successive windows of two million events). An allocation per event, or
  // per redistribution, would be millions.
  std::uint64_t events = 0;
  auto allocations_in_window = [&sim, &events](Time length) {
    const long before = g_allocations.load();
    const std::uint64_t executed = sim.EventsExecuted();
    sim.RunUntil(sim.Now() + length);
    events = sim.EventsExecuted() - executed;
    EXPECT_GT(events, 1'000'000u);
    return g_allocations.load() - before;
  };
  allocations_in_window(Time{1} << 30);  // warm-up
  for (int window = 0; window < 3; ++window) {
    const long allocations = allocations_in_window(Time{1} << 30);
    EXPECT_LT(allocations * 10'000, static_cast<long>(events)) << "window " << window;
  }
}

}  // namespace
}  // namespace fccsim::sim
