#ifndef FCCSIM_MODEL_CENTRE_DEMAND_H_
#define FCCSIM_MODEL_CENTRE_DEMAND_H_

// Demand: when contacts of each channel arrive, and what each brings with it (patience,
// handling time). Owns the random streams of both, so that nothing else in the centre (a
// change of staffing, routing or rostering) can move a caller (common random numbers).
//
// Each channel has two arrival processes: its base process, and the callers its surges add.
// Both are non-homogeneous Poisson processes whose rate is piecewise constant between
// interval, surge and day boundaries, drawn day by day from streams of that day alone:
//   base   the interval's volume times the day's busyness factor. Where surges multiply the
//          rate by M < 1, each base caller is kept with probability M (thinning).
//   surge  (M - 1) times the base rate where M > 1, and nothing elsewhere.
// So a day's callers depend only on that day's demand, a surge adds callers without moving
// the others (and a reduction removes some), and a longer warm-up or horizon changes no day's
// callers. Every day is drawn from its start, and arrivals before time 0 are drawn but not
// simulated, so even the warm-up's callers do not depend on its length.
//
// One unit exponential per arrival is spent against the integrated rate, segment by segment,
// so arrivals are exact at boundaries and a zero-volume interval never has one.
//
// The i-th arrival of a process and day (counting every one drawn, kept or not) draws its
// attributes from lanes of its own, one per attribute, so each caller's draws depend on
// nothing but its own index. Lanes 0 to 3 start with the four words of the block of substream
// {i, 0} of the day's contact stream (one block computed per caller, since most draws need one
// word) and lane L continues, when a draw needs more, with substream {i, L}; lanes from 4 on
// are substreams {i, L} alone.

#include <cstdint>
#include <vector>

#include "model/centre/contact.h"
#include "model/scenario/model_spec.h"
#include "sim/random_stream.h"
#include "sim/time.h"

namespace fccsim::model {

// The lanes of a contact's draws. Results depend on these numbers: never renumber; a new
// attribute takes a new lane (from 4 on). Lane 0 is one word: whether a reduction keeps the
// caller.
enum class DrawLane : std::uint64_t {
  kKeep = 0,
  kPatience = 1,
  kTalk = 2,
  kWrapUp = 3,
  kFate = 4,  // four uniforms: flagged, redirected, diverted if triaged, deployed
  kRedirectHandling = 5,
  kTransfer = 6,
  kFallback = 7,
  kTriage = 8,
};



class Demand {
 public:
  // REQUIRES: `spec` outlives this.
  Demand(const ModelSpec& spec, std::uint64_t seed, std::uint64_t replication);

  // Processes are numbered 0..processes()-1: base processes first, then surge processes.
  int processes() const { return static_cast<int>(processes_.size()); }
  int ChannelOf(int process) const { return processes_[Index(process)].channel; }

  // Moves `process` to its next arrival to simulate and returns its time, or kNoArrival when
  // it has none before spec.end. Times never decrease.
  static constexpr sim::Time kNoArrival = -1;
  sim::Time Advance(int process);

  // The contact of the arrival Advance(process) returned last.
  const ContactKey& Key(int process) const { return processes_[Index(process)].key; }

  // A contact's draws, each from its own lane: the same whenever, and whether or not, the
  // others are drawn. So they can be drawn when first needed (patience only for a contact that
  // has to wait), and a contact answered at once costs no patience draw.
  sim::Duration Patience(int channel, const ContactKey& key) const;  // kUnlimited: never abandons
  sim::Duration Handling(int channel, const ContactKey& key) const;  // talk + wrap-up
  // The parts of the handling of a contact that is transferred or falls back.
  sim::Duration Talk(int channel, const ContactKey& key) const;
  sim::Duration WrapUp(int channel, const ContactKey& key) const;  // 0 without wrap-up
  // What the contact's own draws decide once it is answered, whatever happens in the centre
  // (docs/model.md, "Mental-health triage"): a change of practitioners changes who is
  // triaged, never who is flagged or who would be deployed.
  ContactFate Fate(int channel, const ContactKey& key) const;
  // A duration of the triage path, from its own lane.
  sim::Duration Draw(const ContactKey& key, DrawLane lane, const sim::Distribution& d) const;

 private:
  struct Process {
    int channel = 0;
    bool surge = false;
    std::int64_t day = 0;       // the day being drawn
    sim::Time position = 0;     // the last arrival, or where the day's drawing starts
    sim::Time day_end = 0;      // of the day being drawn, within the horizon
    std::uint64_t drawn = 0;    // arrivals of the day drawn so far
    sim::RandomStream arrivals{0, 0, 0};
    ContactKey key;
    // The constant-rate segment [segment_start, segment_end) last looked up, and its rate:
    // most arrivals fall in the segment of the one before.
    sim::Time segment_start = 0, segment_end = 0;
    double segment_rate = 0;
  };

  static std::size_t Index(int p) { return static_cast<std::size_t>(p); }
  // The stream of a contact's lane (not kKeep): lanes 1 to 3 start with their word of the
  // key's block, lanes from 4 on are substreams {i, L} alone (see the top of this file).
  sim::RandomStream Lane(const ContactKey& key, DrawLane lane) const;
  // Starts drawing `day` for p; false past the horizon.
  bool StartDay(Process& p, std::int64_t day);
  // The product of the multipliers of c's surges in force at t.
  double Multiplier(int c, sim::Time t) const;
  double RatePerTick(const Process& p, sim::Time t) const;
  sim::Time NextBoundary(const Process& p, sim::Time t) const;
  const ChannelDayStreams& Streams(int c, std::int64_t day) const;

  const ModelSpec& spec_;
  std::uint64_t seed_;
  std::uint64_t replication_;
  std::vector<Process> processes_;
  std::vector<std::vector<double>> busyness_;  // per channel, per day from spec.first_day
};

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_CENTRE_DEMAND_H_
