#include "model/results/result_csv.h"

#include <charconv>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <set>
#include <string_view>
#include <system_error>
#include <vector>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>

#include "model/results/atomic_file.h"
#include "model/results/csv_cells.h"

namespace fccsim::model {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

constexpr const char* kChannelSummaryCsv = "channel_summary.csv";
constexpr const char* kChannelIntervalsCsv = "channel_intervals.csv";
constexpr const char* kChannelReplicationsCsv = "channel_replications.csv";
constexpr const char* kGroupSummaryCsv = "group_summary.csv";
constexpr const char* kGroupIntervalsCsv = "group_intervals.csv";
constexpr const char* kGroupReplicationsCsv = "group_replications.csv";

std::string Number(double value) { return CsvNumber(value); }
std::string Text(std::string_view text) { return CsvText(text); }

// `service_level_at_10s` for 10 (and `service_level_at_2.5s` for 2.5): Python's "{:g}".
std::string ServiceLevelColumn(double threshold_s) {
  char text[64];
  std::snprintf(text, sizeof text, "service_level_at_%gs", threshold_s);
  return text;
}

bool IsMessage(const FieldDescriptor* f, const Descriptor* type) {
  return f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE && f->message_type() == type;
}

// Turns messages of one type into CSV cells by the rules at the top of result_csv.h.
class Flattener {
 public:
  Flattener(const Descriptor* type, std::set<std::string> skip = {})
      : type_(type), skip_(std::move(skip)) {}

  // The column names of rows like `sample` (its service-level thresholds name columns).
  std::vector<std::string> Header(const Message* sample) const {
    std::vector<std::string> columns;
    Walk(sample, [&](const FieldDescriptor* f, const Message* m, int index) {
      const std::string& name = f->name();
      if (IsMessage(f, fccsim::ServiceLevelAt::descriptor())) {
        const auto& at = static_cast<const fccsim::ServiceLevelAt&>(
            m->GetReflection()->GetRepeatedMessage(*m, f, index));
        const std::string column = ServiceLevelColumn(at.threshold_s());
        columns.insert(columns.end(), {column, column + "_ci95"});
      } else if (IsMessage(f, fccsim::Estimate::descriptor())) {
        columns.insert(columns.end(), {name, name + "_ci95"});
      } else if (IsMeasureGroup(f)) {
        for (int i = 0; i < f->message_type()->field_count(); ++i) {
          const FieldDescriptor* sub = f->message_type()->field(i);
          const std::string column = name + "_" + sub->name();
          columns.push_back(column);
          if (IsMessage(sub, fccsim::Estimate::descriptor())) columns.push_back(column + "_ci95");
        }
      } else if (IsMessage(f, fccsim::Probability::descriptor())) {
        columns.insert(columns.end(), {name, name + "_ci95_lower", name + "_ci95_upper",
                                       name + "_successes", name + "_trials"});
      } else {
        columns.push_back(name);
      }
    });
    return columns;
  }

  void Row(const Message& message, std::vector<std::string>* cells) const {
    Walk(&message, [&](const FieldDescriptor* f, const Message* m, int index) {
      const Reflection* r = m->GetReflection();
      if (IsMessage(f, fccsim::ServiceLevelAt::descriptor())) {
        const auto& at = static_cast<const fccsim::ServiceLevelAt&>(r->GetRepeatedMessage(*m, f, index));
        AddEstimate(at.fraction(), cells);
      } else if (IsMessage(f, fccsim::Estimate::descriptor())) {
        AddEstimate(static_cast<const fccsim::Estimate&>(r->GetMessage(*m, f)), cells);
      } else if (IsMeasureGroup(f)) {
        // Absent (a channel without triage): undefined ("nan"), not zeros.
        const bool present = r->HasField(*m, f);
        const Message& group = r->GetMessage(*m, f);
        for (int i = 0; i < f->message_type()->field_count(); ++i) {
          const FieldDescriptor* sub = f->message_type()->field(i);
          const bool estimate = IsMessage(sub, fccsim::Estimate::descriptor());
          if (!present) {
            cells->push_back("nan");
            if (estimate) cells->emplace_back();
          } else if (estimate) {
            AddEstimate(static_cast<const fccsim::Estimate&>(
                            group.GetReflection()->GetMessage(group, sub)),
                        cells);
          } else {
            cells->push_back(Scalar(group, sub));
          }
        }
      } else if (IsMessage(f, fccsim::Probability::descriptor())) {
        const auto& p = static_cast<const fccsim::Probability&>(r->GetMessage(*m, f));
        cells->insert(cells->end(), {Number(p.estimate()), Number(p.ci95_lower()),
                                     Number(p.ci95_upper()), std::to_string(p.successes()),
                                     std::to_string(p.trials())});
      } else {
        cells->push_back(Scalar(*m, f));
      }
    });
  }

 private:
  // Calls visit(field, message, index) for each column-giving field of `message` in schema
  // order: each element of a ServiceLevelAt list (index >= 0), each Estimate, Probability and
  // scalar (index -1). With no message, lists are empty.
  void Walk(const Message* message,
            const std::function<void(const FieldDescriptor*, const Message*, int)>& visit) const {
    for (int i = 0; i < type_->field_count(); ++i) {
      const FieldDescriptor* f = type_->field(i);
      if (skip_.contains(f->name())) continue;
      if (f->is_repeated()) {
        if (!IsMessage(f, fccsim::ServiceLevelAt::descriptor()) || message == nullptr) continue;
        const int n = message->GetReflection()->FieldSize(*message, f);
        for (int k = 0; k < n; ++k) visit(f, message, k);
        continue;
      }
      if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
          !IsMessage(f, fccsim::Estimate::descriptor()) &&
          !IsMessage(f, fccsim::Probability::descriptor()) && !IsMeasureGroup(f)) {
        continue;  // other nested messages: none yet; a future one is left out, not guessed
      }
      visit(f, message, -1);
    }
  }

  // A nested message made only of Estimates and numbers (TriageMeasures, ChatConcurrency):
  // columns `field_sub`.
  static bool IsMeasureGroup(const FieldDescriptor* f) {
    if (f->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE || f->is_repeated()) return false;
    const Descriptor* type = f->message_type();
    if (type->field_count() == 0 || type == fccsim::Probability::descriptor()) return false;
    for (int i = 0; i < type->field_count(); ++i) {
      const FieldDescriptor* sub = type->field(i);
      if (sub->is_repeated()) return false;
      if (sub->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE &&
          !IsMessage(sub, fccsim::Estimate::descriptor())) {
        return false;
      }
    }
    return true;
  }

  static void AddEstimate(const fccsim::Estimate& e, std::vector<std::string>* cells) {
    cells->push_back(Number(e.mean()));
    cells->push_back(e.has_ci95_half_width() ? Number(e.ci95_half_width()) : std::string());
  }

  static std::string Scalar(const Message& m, const FieldDescriptor* f) {
    const Reflection* r = m.GetReflection();
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_DOUBLE: return Number(r->GetDouble(m, f));
      case FieldDescriptor::CPPTYPE_FLOAT: return Number(r->GetFloat(m, f));
      case FieldDescriptor::CPPTYPE_INT32: return std::to_string(r->GetInt32(m, f));
      case FieldDescriptor::CPPTYPE_INT64: return std::to_string(r->GetInt64(m, f));
      case FieldDescriptor::CPPTYPE_UINT32: return std::to_string(r->GetUInt32(m, f));
      case FieldDescriptor::CPPTYPE_UINT64: return std::to_string(r->GetUInt64(m, f));
      case FieldDescriptor::CPPTYPE_BOOL: return r->GetBool(m, f) ? "1" : "0";
      case FieldDescriptor::CPPTYPE_ENUM: return r->GetEnum(m, f)->name();
      case FieldDescriptor::CPPTYPE_STRING: return Text(r->GetString(m, f));
      case FieldDescriptor::CPPTYPE_MESSAGE: break;
    }
    return "";
  }

  const Descriptor* type_;
  std::set<std::string> skip_;
};

// One CSV file, written row by row.
class CsvFile {
 public:
  explicit CsvFile(OutputSet* set) : file_(set) {}
  bool Open(const std::string& path, std::string* error) { return file_.Open(path, error); }
  bool Row(const std::vector<std::string>& cells, std::string* error) {
    line_.clear();
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) line_ += ',';
      line_ += cells[i];
    }
    line_ += '\n';
    return file_.Append(line_, error);
  }
  bool Commit(std::string* error) { return file_.Commit(error); }

 private:
  AtomicFile file_;
  std::string line_;
};

// Writes one table: `rows(visit)` calls visit(leading cell, message) for each row in order.
bool WriteTable(OutputSet* set, const std::string& path, const std::string& leading,
                const Flattener& flattener, const Message* sample,
                const std::function<bool(const std::function<bool(const std::string&,
                                                                  const Message&)>&)>& rows,
                std::string* error) {
  CsvFile file(set);
  if (!file.Open(path, error)) return false;
  std::vector<std::string> header = {leading};
  for (std::string& column : flattener.Header(sample)) header.push_back(std::move(column));
  if (!file.Row(header, error)) return false;
  std::vector<std::string> cells;
  const bool ok = rows([&](const std::string& owner, const Message& m) {
    cells.assign(1, Text(owner));
    flattener.Row(m, &cells);
    return file.Row(cells, error);
  });
  return ok && file.Commit(error);
}

}  // namespace

std::vector<std::string> ResultCsvFileNames() {
  return {kChannelSummaryCsv, kChannelIntervalsCsv, kChannelReplicationsCsv,
          kGroupSummaryCsv,   kGroupIntervalsCsv,   kGroupReplicationsCsv};
}

bool WriteResultCsvs(const ResultSource& source, const std::string& dir, std::string* error,
                     OutputSet* set) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    *error = dir + ": cannot create folder: " + ec.message();
    return false;
  }
  const std::filesystem::path folder(dir);
  auto path = [&folder](const char* name) { return (folder / name).string(); };
  using Visit = std::function<bool(const std::string&, const Message&)>;

  std::vector<fccsim::ChannelResult> channels;
  for (int c = 0; c < source.Channels(); ++c) channels.push_back(source.ChannelHead(c));
  std::vector<fccsim::GroupResult> groups;
  for (int g = 0; g < source.Groups(); ++g) groups.push_back(source.GroupHead(g));

  // Row producers for WriteTable: each head itself, each element of a list in each head, and
  // each interval of each head, fetched from the source into one reused message.
  auto heads = [](const auto& owners, auto message_of) {
    return [&owners, message_of](const Visit& visit) {
      for (const auto& owner : owners) {
        if (!visit(owner.name(), message_of(owner))) return false;
      }
      return true;
    };
  };
  auto lists = [](const auto& owners, auto list_of) {
    return [&owners, list_of](const Visit& visit) {
      for (const auto& owner : owners) {
        for (const auto& element : list_of(owner)) {
          if (!visit(owner.name(), element)) return false;
        }
      }
      return true;
    };
  };
  auto intervals = [](const auto& owners, auto count_of, auto at) {
    return [&owners, count_of, at](const Visit& visit) {
      for (int i = 0; i < static_cast<int>(owners.size()); ++i) {
        for (int k = 0; k < count_of(i); ++k) {
          if (!visit(owners[static_cast<std::size_t>(i)].name(), at(i, k))) return false;
        }
      }
      return true;
    };
  };
  fccsim::ChannelInterval channel_row;
  fccsim::GroupInterval group_row;
  auto channel_interval = [&](int c, int k) -> const Message& {
    channel_row.Clear();
    source.ChannelIntervalAt(c, k, &channel_row);
    return channel_row;
  };
  auto group_interval = [&](int g, int k) -> const Message& {
    group_row.Clear();
    source.GroupIntervalAt(g, k, &group_row);
    return group_row;
  };
  // Service-level columns are named by the thresholds of a first row.
  const fccsim::ChannelSummary* summary_sample = channels.empty() ? nullptr : &channels[0].summary();
  fccsim::ChannelInterval interval_sample;
  const bool has_interval = !channels.empty() && source.ChannelIntervals(0) > 0;
  if (has_interval) source.ChannelIntervalAt(0, 0, &interval_sample);

  return WriteTable(set, path(kChannelSummaryCsv), "channel",
                    Flattener(fccsim::ChannelSummary::descriptor()), summary_sample,
                    heads(channels, [](const fccsim::ChannelResult& c) -> const Message& {
                      return c.summary();
                    }),
                    error) &&
         WriteTable(set, path(kChannelIntervalsCsv), "channel",
                    Flattener(fccsim::ChannelInterval::descriptor()),
                    has_interval ? &interval_sample : nullptr,
                    intervals(channels, [&](int c) { return source.ChannelIntervals(c); },
                              channel_interval),
                    error) &&
         WriteTable(set, path(kChannelReplicationsCsv), "channel",
                    Flattener(fccsim::ChannelReplication::descriptor()), nullptr,
                    lists(channels, [](const fccsim::ChannelResult& c) -> const auto& {
                      return c.replications();
                    }),
                    error) &&
         WriteTable(set, path(kGroupSummaryCsv), "group",
                    Flattener(fccsim::GroupResult::descriptor(), {"name"}), nullptr,
                    heads(groups, [](const fccsim::GroupResult& g) -> const Message& { return g; }),
                    error) &&
         WriteTable(set, path(kGroupIntervalsCsv), "group",
                    Flattener(fccsim::GroupInterval::descriptor()), nullptr,
                    intervals(groups, [&](int g) { return source.GroupIntervals(g); },
                              group_interval),
                    error) &&
         WriteTable(set, path(kGroupReplicationsCsv), "group",
                    Flattener(fccsim::GroupReplication::descriptor()), nullptr,
                    lists(groups, [](const fccsim::GroupResult& g) -> const auto& {
                      return g.replications();
                    }),
                    error);
}

}  // namespace fccsim::model
