#ifndef FCCSIM_MODEL_RESULTS_RESULT_SOURCE_H_
#define FCCSIM_MODEL_RESULTS_RESULT_SOURCE_H_

// A run's results, given piece by piece in the order they are written: the RunResult's own
// fields, then each channel (its head, then its intervals), then each group likewise. Writers
// (protobuf, CSV) read a source, so a year of 15-minute intervals never has to be one message
// in memory; a whole RunResult is also a source, so results read back are written the same way.

#include <string>

#include "model/proto/results.pb.h"

namespace fccsim::model {

class ResultSource {
 public:
  virtual ~ResultSource() = default;
  // The RunResult's fields other than channels, groups and the completion marker.
  virtual const fccsim::RunResult& Header() const = 0;
  virtual int Channels() const = 0;
  // A channel without its intervals.
  virtual fccsim::ChannelResult ChannelHead(int c) const = 0;
  virtual int ChannelIntervals(int c) const = 0;
  // Sets every field of *out to those of interval k of channel c, whatever *out held (so a
  // writer can reuse one message for every row).
  virtual void ChannelIntervalAt(int c, int k, fccsim::ChannelInterval* out) const = 0;
  virtual int Groups() const = 0;
  // A group without its intervals.
  virtual fccsim::GroupResult GroupHead(int g) const = 0;
  virtual int GroupIntervals(int g) const = 0;
  // Sets every field of *out to those of interval k of group g, whatever *out held.
  virtual void GroupIntervalAt(int g, int k, fccsim::GroupInterval* out) const = 0;
};

// A whole RunResult as a source. REQUIRES: `result` outlives this.
class MessageSource : public ResultSource {
 public:
  explicit MessageSource(const fccsim::RunResult& result);
  const fccsim::RunResult& Header() const override { return header_; }
  int Channels() const override { return result_.channels_size(); }
  fccsim::ChannelResult ChannelHead(int c) const override;
  int ChannelIntervals(int c) const override { return result_.channels(c).intervals_size(); }
  void ChannelIntervalAt(int c, int k, fccsim::ChannelInterval* out) const override {
    *out = result_.channels(c).intervals(k);
  }
  int Groups() const override { return result_.groups_size(); }
  fccsim::GroupResult GroupHead(int g) const override;
  int GroupIntervals(int g) const override { return result_.groups(g).intervals_size(); }
  void GroupIntervalAt(int g, int k, fccsim::GroupInterval* out) const override {
    *out = result_.groups(g).intervals(k);
  }

 private:
  const fccsim::RunResult& result_;
  fccsim::RunResult header_;
};

// The results as one message; without intervals when `with_intervals` is false (all a summary
// table needs).
fccsim::RunResult BuildRunResult(const ResultSource& source, bool with_intervals = true);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_RESULTS_RESULT_SOURCE_H_
