#include "model/scenario/workload.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <vector>

#include <google/protobuf/io/coded_stream.h>

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

// Expected base contacts up to any minute of the timeline that starts on the Monday 00:00 of
// report day 0's week, from a weekly profile: in constant time, so that neither a long surge
// nor many of them cost a loop over their minutes.
class CumulativeVolume {
 public:
  CumulativeVolume(const std::vector<double>& weekly, int interval_minutes)
      : weekly_(weekly), interval_(interval_minutes), prefix_(weekly.size() + 1, 0.0) {
    for (std::size_t i = 0; i < weekly.size(); ++i) prefix_[i + 1] = prefix_[i] + weekly[i];
  }

  // REQUIRES: minute >= 0.
  double At(long long minute) const {
    const long long weeks = minute / kMinutesPerWeek;
    const long long in_week = minute % kMinutesPerWeek;
    const auto slot = static_cast<std::size_t>(in_week / interval_);
    const double part =
        slot < weekly_.size()
            ? weekly_[slot] * static_cast<double>(in_week % interval_) / interval_
            : 0.0;
    return static_cast<double>(weeks) * prefix_.back() + prefix_[slot] + part;
  }

 private:
  const std::vector<double>& weekly_;
  int interval_;
  std::vector<double> prefix_;
};

// Callers surges add over the base: where surges overlap their multipliers multiply, as in
// the simulation, so the timeline is cut at every surge's start and end. A product below 1
// removes callers, which an upper estimate ignores.
double SurgeExtra(const fccsim::Scenario& s, const google::protobuf::RepeatedPtrField<
                                                  fccsim::Surge>& surges,
                  const CumulativeVolume& volume) {
  struct Edge {
    long long minute;
    double multiplier;
    bool start;
  };
  std::vector<Edge> edges;
  for (const fccsim::Surge& surge : surges) {
    const long long start = (StartWeekday(s) + static_cast<long long>(surge.day())) *
                                kMinutesPerDay +
                            *ParseClockMinutes(surge.start());
    edges.push_back({start, surge.multiplier(), true});
    edges.push_back({start + surge.duration_minutes(), surge.multiplier(), false});
  }
  std::sort(edges.begin(), edges.end(),
            [](const Edge& a, const Edge& b) { return a.minute < b.minute; });
  // The product of the multipliers in force, as a count of zeros and a sum of logarithms.
  int zeros = 0;
  int active = 0;
  double log_product = 0;
  double extra = 0;
  for (std::size_t i = 0; i < edges.size(); ++i) {
    const Edge& e = edges[i];
    const int sign = e.start ? 1 : -1;
    active += sign;
    if (e.multiplier == 0) {
      zeros += sign;
    } else {
      log_product += sign * std::log(e.multiplier);
    }
    if (i + 1 == edges.size() || active == 0 || zeros > 0) continue;
    const double product = std::exp(log_product);
    if (product > 1) {
      extra += (product - 1) * (volume.At(edges[i + 1].minute) - volume.At(e.minute));
    }
  }
  return extra;
}

// Bounds for the parts of a result row whose size the schema leaves open.
constexpr int kMaxRepeatsInRow = kMaxThresholds;  // service levels per row
constexpr int kMaxStringInRow = 16;               // "HH:MM" interval starts

std::size_t VarintBytes(std::uint64_t value) {
  return google::protobuf::io::CodedOutputStream::VarintSize64(value);
}

// An upper bound on the serialised size of a message of `type`, from its schema alone: every
// field set to its largest encoding, repeated fields kMaxRepeatsInRow long. So a field added
// to results.proto is counted without a change here.
// Fields set only for the channels that have them (triage) are left out, and counted apart
// for those channels (OptionalBytes).
bool SetOnlyForSome(const google::protobuf::FieldDescriptor* field) {
  return field->message_type() == fccsim::TriageMeasures::descriptor();
}

std::size_t MaxMessageBytes(const google::protobuf::Descriptor* type) {
  using google::protobuf::FieldDescriptor;
  std::size_t total = 0;
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* field = type->field(i);
    if (SetOnlyForSome(field)) continue;
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

// The bytes a channel's triage measures add to each of its interval rows.
double TriageRowBytes() {
  static const std::size_t bytes = [] {
    const std::size_t inner = MaxMessageBytes(fccsim::TriageMeasures::descriptor());
    const std::size_t tag = VarintBytes(
        static_cast<std::uint64_t>(
            fccsim::ChannelInterval::descriptor()->FindFieldByName("triage")->number())
        << 3);
    return tag + VarintBytes(inner) + inner + 1;  // + 1: the row's length may grow a byte
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
    const double added =
        SurgeExtra(s, s.channels(c).arrivals().surges(), CumulativeVolume(weekly, interval));
    estimate.contacts_per_replication += base + added;
    if (base + added > busiest) {
      busiest = base + added;
      estimate.busiest_channel = c;
      estimate.busiest_by_surge = added > base;
    }
  }
  // The warm-up's days and the day before day 0 (an overnight shift) are compiled too.
  const double shift_days = s.horizon().days() + std::ceil(s.horizon().warm_up_hours() / 24) + 1;
  for (const fccsim::Shift& shift : s.roster().shifts()) {
    const double weekdays = shift.weekdays().empty() ? 7 : shift.weekdays_size();
    estimate.shift_instances += shift_days * weekdays / 7 * (1 + shift.breaks_size());
  }
  const std::int64_t intervals =
      static_cast<std::int64_t>(s.horizon().days()) * loaded.intervals_per_day;
  estimate.interval_rows = intervals * (s.channels_size() + s.groups_size());
  const auto with_triage = std::count_if(
      s.channels().begin(), s.channels().end(), [](const fccsim::Channel& c) {
        return c.has_mental_health() || c.deployment_probability() > 0;
      });
  estimate.interval_result_bytes =
      static_cast<double>(intervals) * (s.channels_size() * RowBytes<fccsim::ChannelInterval>() +
                                        static_cast<double>(with_triage) * TriageRowBytes() +
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
