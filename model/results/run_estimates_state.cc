// RunEstimates as bytes and back: the checkpoint of an interrupted run (fccsim run --resume).
// Both ends are the same build (the caller checks it), so the accumulators, plain structs of
// doubles and counts, are written as their bytes; the per-replication rows as protobuf.

#include <type_traits>

#include "model/centre/measures_codec.h"
#include "model/results/run_estimates.h"
#include "sim/byte_codec.h"
#include "sim/confidence_interval.h"

namespace fccsim::model {
namespace {

template <class Message>
void PutMessages(const std::vector<Message>& messages, sim::ByteWriter* w) {
  w->Put<std::uint64_t>(messages.size());
  for (const Message& m : messages) w->PutBytes(m.SerializeAsString());
}

template <class Message>
bool GetMessages(sim::ByteReader* r, std::vector<Message>* messages) {
  std::uint64_t n = 0;
  if (!r->Get(&n) || n > r->remaining() / sizeof(std::uint64_t)) return false;
  messages->resize(n);
  std::string bytes;
  for (Message& m : *messages) {
    if (!r->GetSizedBytes(&bytes) || !m.ParseFromString(bytes)) return false;
  }
  return true;
}

}  // namespace

bool RunEstimates::FitsSpec(const ReplicationMeasures& m) const {
  const auto k = static_cast<std::size_t>(spec_.reported_intervals);
  if (m.channels.size() != channels_.size() || m.groups.size() != groups_.size()) return false;
  for (const ChannelMeasures& c : m.channels) {
    if (c.intervals.size() != k || c.queue_length.size() != k) return false;
  }
  for (std::size_t g = 0; g < m.groups.size(); ++g) {
    const GroupMeasures& gm = m.groups[g];
    const std::size_t chat = groups_[g].chats ? k : 0;
    if (gm.online.size() != k || gm.busy.size() != k || gm.sessions.size() != chat ||
        gm.chatting.size() != chat) {
      return false;
    }
  }
  return true;
}

void RunEstimates::SaveState(std::string* out) const {
  out->clear();
  sim::ByteWriter w(out);
  w.Put(n_);
  if (n_ == 1) {
    std::string first;
    EncodeMeasures(first_, &first);
    w.PutBytes(first);
  }
  for (const ChannelEstimates& e : channels_) {
    static_assert(std::is_trivially_copyable_v<CountEstimates> &&
                  std::is_trivially_copyable_v<TriageEstimates>);
    w.Put(e.total);
    w.Put(e.session_total);
    w.PutVector(e.session_intervals);
    w.Put(e.triage_total);
    w.PutVector(e.triage_intervals);
    w.PutVector(e.intervals);
    w.PutVector(e.queue_length);
    w.Put(e.intervals_meeting_target);
    w.Put(e.replications_judged);
    w.Put(e.replications_meeting_target);
    PutMessages(e.replications, &w);
  }
  for (const GroupEstimates& e : groups_) {
    static_assert(std::is_trivially_copyable_v<ChatEstimates>);
    w.Put(e.occupancy);
    w.Put(e.online);
    w.PutVector(e.interval_occupancy);
    w.PutVector(e.interval_online);
    w.PutVector(e.interval_busy);
    w.Put(e.chat_total);
    w.PutVector(e.chat_intervals);
    PutMessages(e.replications, &w);
  }
}

bool RunEstimates::RestoreState(std::string_view bytes) {
  sim::ByteReader r(bytes);
  if (n_ != 0 || !r.Get(&n_) || n_ < 0 || n_ > std::int64_t{1} << 32) return false;
  if (n_ == 1) {
    std::string first;
    if (!r.GetSizedBytes(&first) || !DecodeMeasures(first, &first_)) return false;
  }
  for (ChannelEstimates& e : channels_) {
    if (!r.Get(&e.total) || !r.Get(&e.session_total) || !r.GetVector(&e.session_intervals) ||
        !r.Get(&e.triage_total) || !r.GetVector(&e.triage_intervals) ||
        !r.GetVector(&e.intervals) || !r.GetVector(&e.queue_length) ||
        !r.Get(&e.intervals_meeting_target) || !r.Get(&e.replications_judged) ||
        !r.Get(&e.replications_meeting_target) || !GetMessages(&r, &e.replications)) {
      return false;
    }
  }
  for (GroupEstimates& e : groups_) {
    if (!r.Get(&e.occupancy) || !r.Get(&e.online) || !r.GetVector(&e.interval_occupancy) ||
        !r.GetVector(&e.interval_online) || !r.GetVector(&e.interval_busy) ||
        !r.Get(&e.chat_total) || !r.GetVector(&e.chat_intervals) ||
        !GetMessages(&r, &e.replications)) {
      return false;
    }
  }
  // Sizes as Take makes them for this spec: anything else is not a state of these estimates.
  const std::size_t k = n_ >= 2 ? static_cast<std::size_t>(spec_.reported_intervals) : 0;
  const auto n = static_cast<std::size_t>(n_);
  for (const ChannelEstimates& e : channels_) {
    if (e.intervals.size() != k || e.queue_length.size() != k ||
        e.triage_intervals.size() != (e.has_triage ? k : 0) ||
        e.session_intervals.size() != (e.chat ? k : 0) || e.replications.size() != n) {
      return false;
    }
  }
  for (const GroupEstimates& e : groups_) {
    if (e.interval_occupancy.size() != k || e.interval_online.size() != k ||
        e.interval_busy.size() != k || e.chat_intervals.size() != (e.chats ? k : 0) ||
        e.replications.size() != n) {
      return false;
    }
  }
  if (n_ == 1 && !FitsSpec(first_)) return false;
  // The Student-t quantiles, as Take computed them one replication at a time.
  for (std::int64_t n = 2; n <= n_; ++n) t95_.push_back(sim::StudentTQuantile(0.95, n - 1));
  return r.ok() && r.AtEnd();
}

}  // namespace fccsim::model
