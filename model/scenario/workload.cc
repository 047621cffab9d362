#include "model/scenario/workload.h"

#include <cstdio>
#include <numeric>
#include <vector>

#include "model/proto/results.pb.h"
#include "model/scenario/model_spec.h"
#include "model/scenario/scenario_validator.h"

namespace fccsim::model {
namespace {

constexpr int kMinutesPerDay = 1440;
constexpr int kMinutesPerWeek = 7 * kMinutesPerDay;

// Weekday index (0 = Monday) of report day 0.
int StartWeekday(const fccsim::Scenario& s) {
  const int w = s.horizon().start_weekday();
  return w == fccsim::WEEKDAY_UNSPECIFIED ? 0 : w - 1;
}

// Expected base contacts between minute `from` and minute `to` of the week (to may pass the
// week's end), from a weekly profile of `interval`-minute slots.
double VolumeBetween(const std::vector<double>& weekly, int interval, long long from,
                     long long to) {
  double volume = 0;
  for (long long t = from; t < to;) {
    const long long in_week = t % kMinutesPerWeek;
    const long long slot = in_week / interval;
    const long long slot_end = t + (slot + 1) * interval - in_week;
    const long long end = std::min(slot_end, to);
    volume += weekly[static_cast<std::size_t>(slot)] * static_cast<double>(end - t) / interval;
    t = end;
  }
  return volume;
}

// Bounds for the parts of a result row whose size the schema leaves open.
constexpr int kMaxRepeatsInRow = kMaxThresholds;  // service levels per row
constexpr int kMaxStringInRow = 16;               // "HH:MM" interval starts

std::size_t VarintBytes(std::uint64_t value) {
  std::size_t bytes = 1;
  while (value >= 0x80) {
    value >>= 7;
    ++bytes;
  }
  return bytes;
}

// An upper bound on the serialised size of a message of `type`, from its schema alone: every
// field set to its largest encoding, repeated fields kMaxRepeatsInRow long. So a field added
// to results.proto is counted without a change here.
std::size_t MaxMessageBytes(const google::protobuf::Descriptor* type) {
  using google::protobuf::FieldDescriptor;
  std::size_t total = 0;
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    std::size_t value = 0;
    switch (field->type()) {
      case FieldDescriptor::TYPE_DOUBLE:
      case FieldDescriptor::TYPE_FIXED64:
      case FieldDescriptor::TYPE_SFIXED64:
        value = 8;
        break;
      case FieldDescriptor::TYPE_FLOAT:
      case FieldDescriptor::TYPE_FIXED32:
      case FieldDescriptor::TYPE_SFIXED32:
        value = 4;
        break;
      case FieldDescriptor::TYPE_BOOL:
        value = 1;
        break;
      case FieldDescriptor::TYPE_STRING:
      case FieldDescriptor::TYPE_BYTES:
        value = VarintBytes(kMaxStringInRow) + kMaxStringInRow;
        break;
      case FieldDescriptor::TYPE_MESSAGE:
      case FieldDescriptor::TYPE_GROUP: {
        const std::size_t inner = MaxMessageBytes(field->message_type());
        value = VarintBytes(inner) + inner;
        break;
      }
      default:  // varints: at most ten bytes
        value = 10;
        break;
    }
    const std::size_t tag = VarintBytes(static_cast<std::uint64_t>(field->number()) << 3);
    total += (tag + value) * (field->is_repeated() ? kMaxRepeatsInRow : 1);
  }
  return total;
}

// A row as an element of its table: tag, length and the row.
template <class Row>
double RowBytes() {
  static const std::size_t bytes = [] {
    const std::size_t row = MaxMessageBytes(Row::descriptor());
    return 1 + VarintBytes(row) + row;
  }();
  return static_cast<double>(bytes);
}

}  // namespace

double ResultBytes(const WorkEstimate& estimate, std::uint64_t replications) {
  return estimate.interval_result_bytes +
         estimate.replication_result_bytes * static_cast<double>(replications);
}

std::optional<std::string> ResultSizeProblem(const WorkEstimate& estimate,
                                             std::uint64_t replications) {
  const double bytes = ResultBytes(estimate, replications);
  if (bytes <= kMaxResultBytes) return std::nullopt;
  const double gib = static_cast<double>(1 << 30);
  return "the results could take up to " + FormatLimit(bytes / gib) + " GiB, more than the " +
         "limit of " + FormatLimit(kMaxResultBytes / gib) +
         " GiB (protobuf readers stop at 2 GiB): " +
         (estimate.interval_result_bytes * 2 > bytes
              ? "shorten horizon.days or lengthen horizon.interval_minutes"
              : "run fewer replications");
}

WorkEstimate EstimateWork(const LoadedScenario& loaded) {
  const fccsim::Scenario& s = loaded.scenario;
  const int interval = kMinutesPerDay / loaded.intervals_per_day;
  const double days = s.horizon().days() + s.horizon().warm_up_hours() / 24.0;
  WorkEstimate estimate;
  double busiest = -1;
  for (int c = 0; c < s.channels_size(); ++c) {
    const std::vector<double>& weekly = loaded.weekly_volume[c];
    const double per_week = std::accumulate(weekly.begin(), weekly.end(), 0.0);
    const double base = per_week * days / 7;
    // A surge of M > 1 adds M - 1 times the base callers of its window; one of M < 1 removes
    // some, which an upper estimate ignores.
    double added = 0;
    for (const fccsim::Surge& surge : s.channels(c).arrivals().surges()) {
      if (!(surge.multiplier() > 1)) continue;
      const long long start = (StartWeekday(s) + static_cast<long long>(surge.day()) % 7) *
                                  kMinutesPerDay +
                              *ParseClockMinutes(surge.start());
      added += (surge.multiplier() - 1) *
               VolumeBetween(weekly, interval, start, start + surge.duration_minutes());
    }
    estimate.contacts_per_replication += base + added;
    if (base + added > busiest) {
      busiest = base + added;
      estimate.busiest_channel = c;
      estimate.busiest_by_surge = added > base;
    }
  }
  const std::int64_t intervals =
      static_cast<std::int64_t>(s.horizon().days()) * loaded.intervals_per_day;
  estimate.interval_rows = intervals * (s.channels_size() + s.groups_size());
  estimate.interval_result_bytes =
      static_cast<double>(intervals) * (s.channels_size() * RowBytes<fccsim::ChannelInterval>() +
                                        s.groups_size() * RowBytes<fccsim::GroupInterval>());
  estimate.replication_result_bytes =
      s.channels_size() * RowBytes<fccsim::ChannelReplication>() +
      s.groups_size() * RowBytes<fccsim::GroupReplication>();
  return estimate;
}

std::optional<std::string> RunSizeProblem(const WorkEstimate& estimate,
                                          std::uint64_t replications) {
  const double total = estimate.contacts_per_replication * static_cast<double>(replications);
  if (!(total <= kMaxContactsPerRun)) {
    return std::to_string(replications) + " replications of " +
           FormatEstimate(estimate.contacts_per_replication) + " contacts each make " +
           FormatEstimate(total) + " contacts, more than the limit of " +
           FormatLimit(kMaxContactsPerRun) + " for one run: run fewer replications";
  }
  return std::nullopt;
}

std::string FormatEstimate(double x) { return "about " + FormatLimit(x); }

std::string FormatLimit(double x) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", x);
  return text;
}

}  // namespace fccsim::model
