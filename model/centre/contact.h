#ifndef FCCSIM_MODEL_CENTRE_CONTACT_H_
#define FCCSIM_MODEL_CENTRE_CONTACT_H_

// A contact in the centre (a call, later a chat): what it is, where it stands, and its one
// pending timer. Contacts live in a ContactTable, addressed by small ids that events capture
// (never pointers: the table may grow).
//
// A contact moves through stages; each stage gives its one timer its meaning:
//   kWaiting    in a queue; the timer is its abandonment (none when patience is unlimited)
//   kInService  with a handler; no timer (the handler's completion is the handler's event)
//   kAwaitingPractitioner  transferred: in the practitioners' queue, its call handler
//               (`handler`) holding; the timer is the fallback at the end of the longest hold
//   kWithPractitioner      picked up by a practitioner: the transfer, then the triage
// Once a contact has its outcome (finished, or abandoned) its record is released and reused,
// so memory follows the contacts in the centre, not those that have passed through it.

#include <array>
#include <cstdint>
#include <limits>
#include <vector>

#include "sim/event_queue.h"
#include "sim/time.h"

namespace fccsim::model {

using ContactId = std::uint32_t;
using HandlerId = std::uint32_t;

inline constexpr sim::Duration kUnlimited = std::numeric_limits<sim::Duration>::max();

// Which caller this is, and the start of its draws (see Demand): substreams {index, lane} of
// `stream_id`, and the first word of each of the first four lanes.
struct ContactKey {
  std::uint64_t stream_id = 0;
  std::uint64_t index = 0;
  std::array<std::uint64_t, 4> first{};
};

enum class Stage : std::uint8_t {
  kFree,
  kWaiting,
  kInService,
  kAwaitingPractitioner,
  kWithPractitioner,
};

// What a contact's own draws decided about it once answered (Demand::Fate).
struct ContactFate {
  bool decided = false;     // drawn: the channel has mental_health or a deployment_probability
  bool flagged = false;     // mental-health related
  bool redirected = false;  // flagged, and redirected at first contact (Right Care, Right Person)
  bool diverted = false;    // diverted from deployment if a practitioner triages it
  bool deployable = false;  // leads to a deployment unless diverted or redirected
};

struct Contact {
  ContactKey key;
  sim::Time arrival = 0;
  sim::Time answered_at = 0;
  sim::Time transferred_at = 0;  // offered to the practitioners
  sim::EventHandle timer;  // meaning by stage (see above)
  std::uint32_t handler = 0;  // the call handler holding, while kAwaitingPractitioner
  ContactFate fate;
  int channel = 0;
  int interval = -1;  // reported interval of arrival; -1 in the warm-up
  Stage stage = Stage::kFree;
  std::uint32_t generation = 0;  // counts the record's uses, so stale references are seen
  std::uint32_t number = 0;      // arrivals before this one in the replication: its name in traces
};

// A reference to a contact that may outlive it (a queue entry of a contact that abandoned).
struct ContactRef {
  ContactId id;
  std::uint32_t generation;
};

// Owns the contact records of one replication; ids of released records are reused.
class ContactTable {
 public:
  // REQUIRES: contact.stage != kFree.
  ContactId Add(const Contact& contact) {
    ContactId id;
    if (!free_.empty()) {
      id = free_.back();
      free_.pop_back();
    } else {
      id = static_cast<ContactId>(contacts_.size());
      contacts_.emplace_back();
    }
    const std::uint32_t generation = contacts_[id].generation + 1;
    contacts_[id] = contact;
    contacts_[id].generation = generation;
    return id;
  }
  // The contact has its outcome; its id may be reused.
  void Release(ContactId id) {
    contacts_[id].stage = Stage::kFree;
    free_.push_back(id);
  }

  Contact& operator[](ContactId id) { return contacts_[id]; }
  const Contact& operator[](ContactId id) const { return contacts_[id]; }
  ContactRef Ref(ContactId id) const { return {id, contacts_[id].generation}; }
  // Whether `ref` still names the contact it was taken from (not released since).
  bool Current(ContactRef ref) const {
    const Contact& c = contacts_[ref.id];
    return c.generation == ref.generation && c.stage != Stage::kFree;
  }

  // Every record, released ones included (stage kFree): the contacts in the centre are those
  // of the other stages.
  const std::vector<Contact>& records() const { return contacts_; }

 private:
  std::vector<Contact> contacts_;
  std::vector<ContactId> free_;
};

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_CENTRE_CONTACT_H_
