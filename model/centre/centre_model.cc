#include "model/centre/centre_model.h"

#include <cstdio>
#include <limits>
#include <optional>
#include <string>

#include "model/centre/chat_sessions.h"
#include "model/centre/contact.h"
#include "model/centre/demand.h"
#include "model/centre/handler_pool.h"
#include "model/centre/outcomes.h"
#include "model/centre/roster.h"
#include "model/centre/routing.h"
#include "sim/event_trace.h"
#include "sim/simulator.h"

namespace fccsim::model {
namespace {

using sim::Time;

std::vector<int> MaxSessions(const ModelSpec& spec) {
  std::vector<int> k;
  for (const GroupSpec& g : spec.groups) k.push_back(g.max_sessions);
  return k;
}

// The events of the centre and nothing else: each handler asks the components what to do.
// The event queue is a parameter so that its operations can be recorded (RecordCentreEvents).
template <sim::EventQueue Queue>
class Centre {
 public:
  Centre(const ModelSpec& spec, std::uint64_t seed, std::uint64_t replication,
         ReplicationMeasures* measures, std::vector<std::string>* trace, Queue queue = Queue())
      : spec_(spec),
        trace_(trace),
        seed_(seed),
        replication_(replication),
        sim_(std::move(queue)),
        demand_(spec, seed, replication),
        pool_(MaxSessions(spec)),
        queues_(static_cast<int>(spec.channels.size()) + 1),  // + the practitioners' queue
        routing_(spec),
        outcomes_(spec, measures) {}

  void Run() {
    roster_ = BuildRoster(spec_, seed_, replication_);
    source_handlers_.resize(roster_.sources.size());
    ScheduleNextStaffing();
    for (const GroupMove& move : spec_.moves) {
      sim_.ScheduleAt(move.time, [this, from = move.from, to = move.to, n = move.handlers] {
        MoveHandlers(from, to, n);
      });
    }
    for (int p = 0; p < demand_.processes(); ++p) ScheduleNextArrival(p);
    sim_.RunUntil(spec_.end);
    outcomes_.Finish(contacts_, sim_.EventsExecuted(), arrivals_);
  }
  std::uint64_t EventsRunNext() const { return sim_.EventsRunNext(); }

 private:
  void ScheduleNextArrival(int process) {
    const Time at = demand_.Advance(process);
    if (at != Demand::kNoArrival) sim_.ScheduleAt(at, [this, process] { OnArrival(process); });
  }

  // The roster's changes are applied in time order by one pending event at a time (a year
  // of shifts would otherwise fill the event queue), and before anything else that happens
  // at the same instant: every other event first applies the changes due then.
  void ScheduleNextStaffing() {
    next_change_at_ = next_change_ < roster_.changes.size() ? roster_.changes[next_change_].time
                                                            : std::numeric_limits<Time>::max();
    if (next_change_ < roster_.changes.size()) {
      sim_.ScheduleAt(next_change_at_, [this] { ApplyDueStaffing(); });
    }
  }
  void ApplyDueStaffing() {
    const std::size_t first = next_change_;
    while (next_change_ < roster_.changes.size() &&
           roster_.changes[next_change_].time <= sim_.Now()) {
      const StaffingChange& change = roster_.changes[next_change_++];
      OnStaffing(change.source, change.on, change.last);
    }
    if (next_change_ != first) ScheduleNextStaffing();
  }

  // At every event, so one comparison.
  void StaffingFirst() {
    if (sim_.Now() >= next_change_at_) [[unlikely]]
      ApplyDueStaffing();
  }

  // Process's arrival, then each next one that comes before anything else happens, at once
  // (sim::BasicSimulator::RunNextAt: as its event would run); the first that does not is
  // scheduled.
  void OnArrival(int process) {
    for (;;) {
      Arrive(process);
      const Time at = demand_.Advance(process);
      if (at == Demand::kNoArrival) return;
      if (!sim_.RunNextAt(at)) {
        sim_.ScheduleAt(at, [this, process] { OnArrival(process); });
        return;
      }
    }
  }

  void Arrive(int process) {
    StaffingFirst();
    const Time now = sim_.Now();
    const int c = demand_.ChannelOf(process);
    Contact contact;
    contact.key = demand_.Key(process);
    contact.arrival = now;
    contact.channel = c;
    contact.interval = spec_.ReportedInterval(now);
    contact.stage = Stage::kWaiting;
    contact.number = static_cast<std::uint32_t>(arrivals_++);
    const ContactId id = contacts_.Add(contact);
    outcomes_.Offered(contact, now);
    if (const int g = routing_.GroupForArrival(c, pool_, queues_); g >= 0) {
      if (trace_) Trace("arrive " + Name(id) + " -> " + GroupName(g));
      StartService(id, Channel(c).chat ? pool_.TakeForChat(g) : pool_.TakeIdle(g, id));
    } else {
      if (trace_) Trace("arrive " + Name(id) + " -> queue");
      queues_.Push(c, contacts_.Ref(id));
      outcomes_.QueueLength(c, now, queues_.Waiting(c));
      if (const sim::Duration patience = demand_.Patience(c, contact.key); patience != kUnlimited) {
        contacts_[id].timer = sim_.Schedule(patience, [this, id] { OnAbandon(id); });
      }
    }
  }

  // REQUIRES: handler h has just been given contact id (for a chat: opened a session for it).
  void StartService(ContactId id, HandlerId h) {
    Contact& contact = contacts_[id];
    sim_.Cancel(contact.timer);  // always safe, also for a default handle
    contact.stage = Stage::kInService;
    contact.answered_at = sim_.Now();
    outcomes_.Answered(contact, sim_.Now());
    ReportWork(pool_[h].group);
    const ChannelSpec& ch = spec_.channels[static_cast<std::size_t>(contact.channel)];
    if (ch.mental_health || ch.deployment_probability > 0) {
      contact.fate = demand_.Fate(contact.channel, contact.key);
      outcomes_.FateDecided(contact);
      if (contact.fate.redirected) {
        sim_.Schedule(demand_.Draw(contact.key, DrawLane::kRedirectHandling,
                                   *ch.mental_health->redirect_handling_s),
                      [this, id, h] { OnComplete(id, h); });
        return;
      }
      if (contact.fate.flagged) {  // validation ensures a transfer is then possible
        sim_.Schedule(demand_.Talk(contact.channel, contact.key),
                      [this, id, h] { OnTalkEnd(id, h); });
        return;
      }
    }
    if (ch.chat) {
      const GroupSpec& group = spec_.groups[static_cast<std::size_t>(pool_[h].group)];
      chats_.Open(h, id, demand_.Handling(contact.channel, contact.key), sim_.Now(),
                  group.slowdown);
      ScheduleSessionEnd(h);
      return;
    }
    sim_.Schedule(demand_.Handling(contact.channel, contact.key),
                  [this, id, h] { OnComplete(id, h); });
  }

  // Keeps handler h's one pending session-end event at its next session's end (which moves
  // whenever its number of sessions changes, under slowdown). Leaves an event that is already
  // right alone, so that a chat channel with one session at a time schedules exactly what a
  // voice channel would.
  void ScheduleSessionEnd(HandlerId h) {
    ChatSessions::Timer& timer = chats_.TimerOf(h);
    const std::optional<Time> end = chats_.NextEnd(h);
    if (end && timer.pending && timer.at == *end) return;
    if (timer.pending) sim_.Cancel(timer.handle);
    timer.pending = end.has_value();
    if (end) {
      timer.at = *end;
      timer.handle = sim_.ScheduleAt(*end, [this, h] { OnSessionEnd(h); });
    }
  }

  // Handler h's session that ends first is over.
  void OnSessionEnd(HandlerId h) {
    // First: staffing due now may hand h more sessions, and must then schedule afresh.
    chats_.TimerOf(h).pending = false;
    StaffingFirst();
    const int g = pool_[h].group;
    const ContactId id = chats_.CloseNext(h, sim_.Now(), spec_.groups[static_cast<std::size_t>(g)].slowdown);
    if (trace_) Trace("done " + Name(id) + " by " + GroupName(g));
    outcomes_.Resolved(contacts_[id], /*triaged=*/false);
    outcomes_.Completed(contacts_[id]);
    outcomes_.SessionClosed(contacts_[id], sim_.Now());
    contacts_.Release(id);
    if (pool_.CloseSession(h)) FindWork(h);
    ScheduleSessionEnd(h);
    ReportGroup(g);
    if (pool_[h].group != g) ReportGroup(pool_[h].group);  // moved on finishing
  }

  // A flagged contact's talk is over: the call handler offers it to a practitioner and holds.
  void OnTalkEnd(ContactId id, HandlerId h) {
    StaffingFirst();
    Contact& contact = contacts_[id];
    contact.handler = h;
    contact.transferred_at = sim_.Now();
    outcomes_.Transferred(contact);
    const int queue = spec_.TriageQueue();
    if (const int p = routing_.GroupForArrival(queue, pool_, queues_); p >= 0) {
      if (trace_) Trace("transfer " + Name(id) + " -> " + GroupName(p));
      PickUp(id, pool_.TakeIdle(p, id));
      return;
    }
    if (trace_) Trace("transfer " + Name(id) + " -> queue");
    contact.stage = Stage::kAwaitingPractitioner;
    queues_.Push(queue, contacts_.Ref(id));
    const sim::Duration hold =
        spec_.channels[static_cast<std::size_t>(contact.channel)].mental_health->max_wait;
    contact.timer = sim_.Schedule(hold, [this, id] { OnFallback(id); });
  }

  // Practitioner p takes a transferred contact: on the line with the call handler for the
  // transfer, who then wraps up and is free; then the triage.
  void PickUp(ContactId id, HandlerId p) {
    Contact& contact = contacts_[id];
    sim_.Cancel(contact.timer);
    contact.stage = Stage::kWithPractitioner;
    outcomes_.Triaged(contact, sim_.Now() - contact.transferred_at);
    ReportGroup(pool_[p].group);
    const ChannelSpec& ch = spec_.channels[static_cast<std::size_t>(contact.channel)];
    const sim::Duration transfer =
        demand_.Draw(contact.key, DrawLane::kTransfer, *ch.mental_health->transfer_s);
    const HandlerId h = contact.handler;
    sim_.Schedule(transfer + demand_.WrapUp(contact.channel, contact.key),
                  [this, h] { OnHandlerFree(h); });
    sim_.Schedule(transfer + demand_.Draw(contact.key, DrawLane::kTriage, *spec_.triage_s),
                  [this, id, p] { OnTriageEnd(id, p); });
  }

  // No practitioner picked up in time: the call handler deals with the contact.
  void OnFallback(ContactId id) {
    StaffingFirst();
    Contact& contact = contacts_[id];
    // A practitioner who came on at this very instant may have picked it up first.
    if (contact.stage != Stage::kAwaitingPractitioner) return;
    if (trace_) Trace("fallback " + Name(id));
    queues_.Left(spec_.TriageQueue());
    contact.stage = Stage::kInService;
    outcomes_.FellBack(contact);
    const ChannelSpec& ch = spec_.channels[static_cast<std::size_t>(contact.channel)];
    const sim::Duration extra =
        ch.mental_health->fallback_s
            ? demand_.Draw(contact.key, DrawLane::kFallback, *ch.mental_health->fallback_s)
            : 0;
    const HandlerId h = contact.handler;
    sim_.Schedule(extra + demand_.WrapUp(contact.channel, contact.key),
                  [this, id, h] { OnComplete(id, h); });
  }

  void OnTriageEnd(ContactId id, HandlerId p) {
    StaffingFirst();
    if (trace_) Trace("triaged " + Name(id) + " by " + GroupName(pool_[p].group));
    outcomes_.Resolved(contacts_[id], /*triaged=*/true);
    outcomes_.Completed(contacts_[id]);
    contacts_.Release(id);
    OnHandlerFree(p);
  }

  void OnComplete(ContactId id, HandlerId h) {
    StaffingFirst();
    const int g = pool_[h].group;
    if (trace_) Trace("done " + Name(id) + " by " + GroupName(g));
    outcomes_.Resolved(contacts_[id], /*triaged=*/false);
    outcomes_.Completed(contacts_[id]);
    contacts_.Release(id);
    FreeHandler(h);
  }

  // A handler's part is over while the contact goes on (a transfer's call handler).
  void OnHandlerFree(HandlerId h) {
    StaffingFirst();
    FreeHandler(h);
  }

  // Handler h has finished its work: it takes waiting work, or goes idle (or off).
  void FreeHandler(HandlerId h) {
    const int g = pool_[h].group;
    const bool stays = pool_.Finish(h);
    if (stays) FindWork(h);
    // After the next contact is taken, so that a handler going straight from one contact to
    // the next leaves the busy count, and its series, untouched.
    if (stays && pool_[h].group == g) {
      ReportWork(g);
      return;
    }
    ReportGroup(g);
    if (pool_[h].group != g) ReportGroup(pool_[h].group);  // moved on finishing
  }

  void OnAbandon(ContactId id) {
    StaffingFirst();
    // A handler who came on at this very instant may have answered the caller first.
    if (contacts_[id].stage != Stage::kWaiting) return;
    const Contact& contact = contacts_[id];
    if (trace_) Trace("abandon " + Name(id));
    queues_.Left(contact.channel);
    outcomes_.QueueLength(contact.channel, sim_.Now(), queues_.Waiting(contact.channel));
    outcomes_.Abandoned(contact, sim_.Now());
    const int channel = contact.channel;
    contacts_.Release(id);  // its queue entry is now stale, and skipped when reached
    CallLeft(channel);
  }

  // A contact left queue `channel`. When it was a call, handlers draining for calls may take
  // waiting chats again (DRAIN_FOR_CALLS): those of its groups with room, least loaded first,
  // as if each had just freed.
  void CallLeft(int channel) {
    if (!spec_.any_drain || Channel(channel).chat) return;
    for (int g : Channel(channel).routing_groups) {
      const GroupSpec& group = spec_.groups[static_cast<std::size_t>(g)];
      if (!group.drain_for_calls || !group.chats) continue;
      while (true) {
        const HandlerId h = pool_.LeastLoaded(g);
        if (h == HandlerPool::kNone) break;
        const int before = pool_.Sessions(g);
        FindWork(h);
        if (pool_.Sessions(g) == before) break;  // nothing it may take
      }
    }
  }

  // A handler able to take work looks for waiting work, or stays as it is. One with chat
  // sessions open takes only chats (docs/model.md, "Live Chat"), as many as it has room for.
  void FindWork(HandlerId h) {
    const int g = pool_[h].group;
    while (pool_.CanChat(h)) {
      const bool chatting = pool_[h].sessions > 0;
      bool took_chat = false;
      for (int q : routing_.QueuesForHandler(g)) {
        if (q == spec_.TriageQueue()) {
          if (const auto id = queues_.PopWaiting(q, contacts_, Stage::kAwaitingPractitioner)) {
            if (trace_) Trace(GroupName(g) + " takes " + Name(*id) + " from the transfers");
            pool_.Assign(h, *id);
            PickUp(*id, h);
            return;
          }
          continue;
        }
        const bool chat = Channel(q).chat;
        if (chatting && !chat) {
          if (routing_.ChatBlocked(g, q, queues_)) return;
          continue;
        }
        if (const auto id = queues_.PopWaiting(q, contacts_)) {
          outcomes_.QueueLength(q, sim_.Now(), queues_.Waiting(q));
          if (trace_) Trace(GroupName(g) + " takes " + Name(*id) + " from the queue");
          if (chat) {
            pool_.OpenSession(h);
            StartService(*id, h);
            took_chat = true;
            break;
          }
          pool_.Assign(h, *id);
          StartService(*id, h);
          CallLeft(q);
          return;
        }
      }
      if (!took_chat) return;
    }
  }

  // Every handler of `source` comes on or goes off. Handlers coming on take waiting work at
  // once; handlers going off finish the contact in hand first.
  void OnStaffing(int source, bool on, bool last) {
    const RosterSource& s = roster_.sources[static_cast<std::size_t>(source)];
    std::vector<HandlerId>& handlers = source_handlers_[static_cast<std::size_t>(source)];
    if (handlers.empty()) {
      for (int i = 0; i < s.handlers; ++i) handlers.push_back(pool_.Hire(s.group));
    }
    if (trace_) {
      Trace("staff " + GroupName(s.group) + (on ? " +" : " -") + std::to_string(s.handlers));
    }
    for (const HandlerId h : handlers) {
      const int g = pool_[h].group;  // a moved handler stays on its shift, in its new group
      if (on) {
        const bool idle = pool_.ComeOn(h);
        ReportGroup(g);
        if (idle) FindWork(h);
      } else {
        if (last) {
          pool_.Retire(h);
        } else {
          pool_.GoOff(h);
        }
        ReportGroup(g);
      }
    }
    if (last) {
      handlers.clear();
      handlers.shrink_to_fit();
    }
  }

  // The run-time move of handlers between groups (see GroupMove).
  void MoveHandlers(int from, int to, int count) {
    StaffingFirst();
    if (trace_) Trace("move " + std::to_string(count) + " " + GroupName(from) + " -> " + GroupName(to));
    for (const HandlerId h : pool_.PickToMove(from, count)) {
      const bool idle = pool_[h].state == HandlerState::kIdle;
      pool_.Reassign(h, to);
      ReportGroup(from);
      ReportGroup(to);
      if (idle) FindWork(h);
    }
  }

  void ReportGroup(int g) {
    outcomes_.GroupCounts(g, sim_.Now(), pool_.Online(g), pool_.Busy(g));
    if (spec_.groups[static_cast<std::size_t>(g)].chats) ReportSessions(g);
  }
  // As ReportGroup, after work was taken or finished by handlers who stay online in g: twice
  // per contact, so kept to the one series that changes (and a chat group's, out of line).
  void ReportWork(int g) {
    outcomes_.GroupBusy(g, sim_.Now(), pool_.Busy(g));
    if (spec_.groups[static_cast<std::size_t>(g)].chats) [[unlikely]]
      ReportSessions(g);
  }
  [[gnu::noinline]] void ReportSessions(int g) {
    outcomes_.GroupSessions(g, sim_.Now(), pool_.Sessions(g), pool_.Chatting(g));
  }
  const ChannelSpec& Channel(int c) const { return spec_.channels[static_cast<std::size_t>(c)]; }

  void Trace(const std::string& what) {
    char when[32];
    std::snprintf(when, sizeof when, "%.3f ", sim::SecondsFromTicks(sim_.Now()));
    trace_->push_back(when + what);
  }
  std::string Name(ContactId id) const {
    return spec_.channels[static_cast<std::size_t>(contacts_[id].channel)].name + "#" +
           std::to_string(contacts_[id].number);
  }
  const std::string& GroupName(int g) const { return spec_.groups[static_cast<std::size_t>(g)].name; }

  const ModelSpec& spec_;
  std::vector<std::string>* trace_;
  std::uint64_t seed_;
  std::uint64_t replication_;
  sim::BasicSimulator<Queue> sim_;
  Demand demand_;
  HandlerPool pool_;
  ChatSessions chats_;
  RosterPlan roster_;
  std::size_t next_change_ = 0;  // the first change of roster_ not yet applied
  Time next_change_at_ = std::numeric_limits<Time>::max();  // its time, or the greatest
  std::vector<std::vector<HandlerId>> source_handlers_;  // per source, while rostered
  ContactQueues queues_;
  ContactTable contacts_;
  PriorityRouting routing_;
  std::uint64_t arrivals_ = 0;
  Outcomes outcomes_;
};

}  // namespace

void SimulateCentre(const ModelSpec& spec, std::uint64_t seed, std::uint64_t replication,
                    ReplicationMeasures* measures, std::vector<std::string>* trace) {
  Centre<sim::SimulatorQueue>(spec, seed, replication, measures, trace).Run();
}

sim::EventTrace RecordCentreEvents(const ModelSpec& spec, std::uint64_t seed,
                                   std::uint64_t replication) {
  sim::EventTrace events;
  ReplicationMeasures measures;
  using Recording = sim::RecordingQueue<sim::RadixHeapQueue<sim::Action>>;
  Centre<Recording> centre(spec, seed, replication, &measures, nullptr, Recording(&events));
  centre.Run();
  events.ran_next = centre.EventsRunNext();
  return events;
}

ReplicationMeasures SimulateCentre(const ModelSpec& spec, std::uint64_t seed,
                                   std::uint64_t replication, std::vector<std::string>* trace) {
  ReplicationMeasures measures;
  SimulateCentre(spec, seed, replication, &measures, trace);
  return measures;
}

}  // namespace fccsim::model
