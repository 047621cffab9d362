#include "model/centre/centre_model.h"

#include <cstdio>
#include <string>

#include "model/centre/contact.h"
#include "model/centre/demand.h"
#include "model/centre/handler_pool.h"
#include "model/centre/roster.h"
#include "model/centre/routing.h"
#include "sim/simulator.h"

namespace fccsim::model {
namespace {

using sim::Time;

// The events of the centre and nothing else: each handler asks the components what to do.
class Centre {
 public:
  Centre(const ModelSpec& spec, std::uint64_t seed, std::uint64_t replication,
         std::vector<std::string>* trace)
      : spec_(spec),
        trace_(trace),
        seed_(seed),
        replication_(replication),
        demand_(spec, seed, replication),
        pool_(static_cast<int>(spec.groups.size())),
        queues_(static_cast<int>(spec.channels.size())),
        routing_(spec),
        outcomes_(spec) {}

  ReplicationStats Run() {
    // Staffing first, so that staff changes at a time apply before arrivals then.
    for (const StaffingChange& change : BuildStaffingChanges(spec_, seed_, replication_)) {
      sim_.ScheduleAt(change.time, [this, g = change.group, d = change.delta, s = change.source] {
        ChangeStaff(g, d, s);
      });
    }
    for (int p = 0; p < demand_.processes(); ++p) ScheduleNextArrival(p);
    sim_.RunUntil(spec_.end);
    return outcomes_.Finish(contacts_, sim_.EventsExecuted());
  }

 private:
  void ScheduleNextArrival(int process) {
    const Time at = demand_.Advance(process);
    if (at != Demand::kNoArrival) sim_.ScheduleAt(at, [this, process] { OnArrival(process); });
  }

  void OnArrival(int process) {
    const Time now = sim_.Now();
    const int c = demand_.ChannelOf(process);
    Contact contact;
    contact.key = demand_.Key(process);
    contact.arrival = now;
    contact.channel = c;
    contact.interval = spec_.ReportedInterval(now);
    contact.stage = Stage::kWaiting;
    const ContactId id = contacts_.Add(contact);
    outcomes_.Offered(contact);
    if (const int g = routing_.GroupForArrival(c, pool_); g >= 0) {
      if (trace_) Trace("arrive " + Name(id) + " -> " + GroupName(g));
      StartService(id, pool_.TakeIdle(g, id));
    } else {
      if (trace_) Trace("arrive " + Name(id) + " -> queue");
      queues_.Push(c, id);
      outcomes_.QueueLength(c, now, queues_.Waiting(c));
      if (const sim::Duration patience = demand_.Patience(c, contact.key); patience != kUnlimited) {
        contacts_[id].timer = sim_.Schedule(patience, [this, id] { OnAbandon(id); });
      }
    }
    ScheduleNextArrival(process);
  }

  // REQUIRES: handler h has just been given contact id.
  void StartService(ContactId id, HandlerId h) {
    Contact& contact = contacts_[id];
    sim_.Cancel(contact.timer);  // always safe, also for a default handle
    contact.stage = Stage::kInService;
    contact.answered_at = sim_.Now();
    ReportGroup(pool_[h].group);
    sim_.Schedule(demand_.Handling(contact.channel, contact.key),
                  [this, id, h] { OnComplete(id, h); });
  }

  void OnComplete(ContactId id, HandlerId h) {
    Contact& contact = contacts_[id];
    contact.stage = Stage::kAnswered;
    const int g = pool_[h].group;
    if (trace_) Trace("done " + Name(id) + " by " + GroupName(g));
    outcomes_.Answered(contact);
    const bool stays = pool_.Finish(h);
    ReportGroup(g);
    if (stays) FindWork(h);
  }

  void OnAbandon(ContactId id) {
    Contact& contact = contacts_[id];
    contact.stage = Stage::kAbandoned;  // its queue entry is skipped when reached
    if (trace_) Trace("abandon " + Name(id));
    queues_.Left(contact.channel);
    outcomes_.QueueLength(contact.channel, sim_.Now(), queues_.Waiting(contact.channel));
    outcomes_.Abandoned(contact, sim_.Now());
  }

  // An idle handler looks for waiting work, or stays idle.
  void FindWork(HandlerId h) {
    const int g = pool_[h].group;
    for (int q : routing_.QueuesForHandler(g)) {
      if (const auto id = queues_.PopWaiting(q, contacts_)) {
        outcomes_.QueueLength(q, sim_.Now(), queues_.Waiting(q));
        if (trace_) Trace(GroupName(g) + " takes " + Name(*id) + " from the queue");
        pool_.Assign(h, *id);
        StartService(*id, h);
        return;
      }
    }
  }

  void ChangeStaff(int g, int delta, int source) {
    if (trace_) Trace("staff " + GroupName(g) + (delta > 0 ? " +" : " ") + std::to_string(delta));
    for (; delta > 0; --delta) {
      const auto h = pool_.ComeOn(g, source);
      ReportGroup(g);
      if (h) FindWork(*h);
    }
    for (; delta < 0; ++delta) {
      pool_.GoOff(g, source);
      ReportGroup(g);
    }
  }

  void ReportGroup(int g) { outcomes_.GroupCounts(g, sim_.Now(), pool_.Online(g), pool_.Busy(g)); }

  void Trace(const std::string& what) {
    char when[32];
    std::snprintf(when, sizeof when, "%.3f ", sim::SecondsFromTicks(sim_.Now()));
    trace_->push_back(when + what);
  }
  std::string Name(ContactId id) const {
    return spec_.channels[static_cast<std::size_t>(contacts_[id].channel)].name + "#" +
           std::to_string(id);
  }
  const std::string& GroupName(int g) const { return spec_.groups[static_cast<std::size_t>(g)].name; }

  const ModelSpec& spec_;
  std::vector<std::string>* trace_;
  std::uint64_t seed_;
  std::uint64_t replication_;
  sim::Simulator sim_;
  Demand demand_;
  HandlerPool pool_;
  ContactQueues queues_;
  ContactTable contacts_;
  PriorityRouting routing_;
  Outcomes outcomes_;
};

}  // namespace

ReplicationStats SimulateCentre(const ModelSpec& spec, std::uint64_t seed,
                                std::uint64_t replication, std::vector<std::string>* trace) {
  return Centre(spec, seed, replication, trace).Run();
}

}  // namespace fccsim::model
