#ifndef FCCSIM_MODEL_CENTRE_CONTACT_H_
#define FCCSIM_MODEL_CENTRE_CONTACT_H_

// A contact in the centre (a call, later a chat): what it is, where it stands, and its one
// pending timer. Contacts live in a ContactTable, addressed by small ids that events capture
// (never pointers: the table may grow).
//
// A contact moves through stages; each stage gives its one timer its meaning:
//   kWaiting    in a queue; the timer is its abandonment (none when patience is unlimited)
//   kInService  with a handler; no timer (the handler's completion is the handler's event)
//   kResolved   it has its outcome; the record may be reused

#include <cstdint>
#include <limits>
#include <vector>

#include "sim/event_queue.h"
#include "sim/time.h"

namespace fccsim::model {

using ContactId = std::uint32_t;
using HandlerId = std::uint32_t;

inline constexpr sim::Duration kUnlimited = std::numeric_limits<sim::Duration>::max();

// Which caller this is: the contact's draws come from substreams {index, lane} of `stream_id`
// (see Demand).
struct ContactKey {
  std::uint64_t stream_id = 0;
  std::uint64_t index = 0;
};

enum class Stage : std::uint8_t { kWaiting, kInService, kAnswered, kAbandoned };

struct Contact {
  ContactKey key;
  sim::Time arrival = 0;
  sim::Time answered_at = 0;
  sim::EventHandle timer;  // meaning by stage (see above)
  int channel = 0;
  int interval = -1;  // reported interval of arrival; -1 in the warm-up
  Stage stage = Stage::kWaiting;
};

// Owns every contact record of one replication.
class ContactTable {
 public:
  ContactId Add(const Contact& contact) {
    const auto id = static_cast<ContactId>(contacts_.size());
    contacts_.push_back(contact);
    return id;
  }
  Contact& operator[](ContactId id) { return contacts_[id]; }
  const Contact& operator[](ContactId id) const { return contacts_[id]; }

  std::size_t size() const { return contacts_.size(); }
  const std::vector<Contact>& all() const { return contacts_; }

 private:
  std::vector<Contact> contacts_;
};

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_CENTRE_CONTACT_H_
