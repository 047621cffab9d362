#include "model/centre/measures_codec.h"

#include <cstdint>
#include <type_traits>

#include "sim/byte_codec.h"

namespace fccsim::model {

static_assert(std::is_trivially_copyable_v<IntervalCounts>,
              "IntervalCounts is sent as its bytes: keep it free of pointers and owners");

void EncodeMeasures(const ReplicationMeasures& measures, std::string* out) {
  out->clear();
  sim::ByteWriter w(out);
  w.Put(measures.events);
  w.Put(measures.contacts);
  w.Put(measures.contact_records);
  w.Put<std::uint64_t>(measures.channels.size());
  for (const ChannelMeasures& c : measures.channels) {
    w.PutVector(c.intervals);
    w.Put(c.total);
    c.queue_length.AppendTo(&w);
    c.waits.AppendTo(&w);
    c.triage_waits.AppendTo(&w);
  }
  w.Put<std::uint64_t>(measures.groups.size());
  for (const GroupMeasures& g : measures.groups) {
    for (const sim::IntervalSeries* s : {&g.online, &g.busy, &g.sessions, &g.chatting}) {
      s->AppendTo(&w);
    }
  }
}

bool DecodeMeasures(std::string_view bytes, ReplicationMeasures* measures) {
  sim::ByteReader r(bytes);
  std::uint64_t channels = 0, groups = 0;
  if (!r.Get(&measures->events) || !r.Get(&measures->contacts) ||
      !r.Get(&measures->contact_records) || !r.Get(&channels) || channels > bytes.size()) {
    return false;
  }
  measures->channels.resize(channels);
  for (ChannelMeasures& c : measures->channels) {
    if (!r.GetVector(&c.intervals) || !r.Get(&c.total) || !c.queue_length.ReadFrom(&r) ||
        !c.waits.ReadFrom(&r) || !c.triage_waits.ReadFrom(&r)) {
      return false;
    }
  }
  if (!r.Get(&groups) || groups > bytes.size()) return false;
  measures->groups.resize(groups);
  for (GroupMeasures& g : measures->groups) {
    for (sim::IntervalSeries* s : {&g.online, &g.busy, &g.sessions, &g.chatting}) {
      if (!s->ReadFrom(&r)) return false;
    }
  }
  return r.ok() && r.AtEnd();
}

}  // namespace fccsim::model
