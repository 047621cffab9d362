#include "model/compare/compare_output.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string_view>
#include <system_error>
#include <utility>

#include "model/results/csv_cells.h"
#include "model/results/text_table.h"

namespace fccsim::model {
namespace {

constexpr char kOverallCsv[] = "comparison.csv";
constexpr char kIntervalsCsv[] = "comparison_intervals.csv";

// Calls f(measure name, difference) for every Difference field of a ChannelDifferences or
// GroupDifferences, in field order: a measure the schema adds is written without a change here.
template <class F>
void ForEachDifference(const google::protobuf::Message& m, F f) {
  const google::protobuf::Descriptor* d = m.GetDescriptor();
  const google::protobuf::Reflection* r = m.GetReflection();
  for (int i = 0; i < d->field_count(); ++i) {
    const google::protobuf::FieldDescriptor* field = d->field(i);
    f(field->name(), static_cast<const fccsim::Difference&>(r->GetMessage(m, field)));
  }
}

std::string DifferenceCells(const fccsim::Difference& d) {
  return CsvNumber(d.base()) + "," + CsvNumber(d.variant()) + "," + CsvNumber(d.difference()) +
         "," + (d.has_ci95_half_width() ? CsvNumber(d.ci95_half_width()) : "") + "," +
         (d.has_unpaired_ci95_half_width() ? CsvNumber(d.unpaired_ci95_half_width()) : "") + "," +
         (d.significant() ? "true" : "false") + "\n";
}

// Rows of one channel's or group's differences, each after `prefix`.
void AddRows(const std::string& prefix, const google::protobuf::Message& differences,
             std::string* out) {
  ForEachDifference(differences, [&](const std::string& measure, const fccsim::Difference& d) {
    *out += prefix + measure + "," + DifferenceCells(d);
  });
}

template <class Row>
std::string IntervalKeys(const Row& row) {
  return std::to_string(row.index()) + "," + std::to_string(row.day()) + "," +
         fccsim::Weekday_Name(row.weekday()) + "," + row.start() + ",";
}

std::pair<std::string, std::string> Tables(const fccsim::ComparisonResult& result) {
  std::string overall =
      "variant,scope,name,measure,base_value,variant_value,difference,ci95_half_width,"
      "unpaired_ci95_half_width,significant\n";
  std::string intervals =
      "variant,scope,name,index,day,weekday,start,measure,base_value,variant_value,difference,"
      "ci95_half_width,unpaired_ci95_half_width,significant\n";
  for (const fccsim::VariantComparison& v : result.variants()) {
    const std::string label = CsvText(v.variant().label()) + ",";
    for (const fccsim::ChannelComparison& c : v.channels()) {
      const std::string prefix = label + "channel," + CsvText(c.name()) + ",";
      AddRows(prefix, c.overall(), &overall);
      for (const auto& row : c.intervals()) {
        AddRows(prefix + IntervalKeys(row), row.differences(), &intervals);
      }
    }
    for (const fccsim::GroupComparison& g : v.groups()) {
      const std::string prefix = label + "group," + CsvText(g.name()) + ",";
      AddRows(prefix, g.overall(), &overall);
      for (const auto& row : g.intervals()) {
        AddRows(prefix + IntervalKeys(row), row.differences(), &intervals);
      }
    }
  }
  return {overall, intervals};
}

// How a measure reads: a share in percent (its difference in percentage points), seconds,
// or a count.
enum class Unit { kShare, kSeconds, kCount };

Unit UnitOf(std::string_view measure) {
  if (measure == "service_level" || measure == "abandoned_fraction" || measure == "occupancy") {
    return Unit::kShare;
  }
  return measure == "average_answer_s" ? Unit::kSeconds : Unit::kCount;
}

// One decimal, or two significant digits for a value below 0.1 that is not 0, so that a
// small difference keeps its sign and size ("-0.0041 pp", not "-0.0 pp").
std::string Number(double x) {
  if (x == 0 || std::fabs(x) >= 0.1) return FixedN(x, 1);
  return FixedN(x, std::min(1 - static_cast<int>(std::floor(std::log10(std::fabs(x)))), 9));
}

std::string Value(double x, Unit unit) {
  if (!std::isfinite(x)) return "-";
  switch (unit) {
    case Unit::kShare:
      return FixedN(100 * x, 1) + "%";
    case Unit::kSeconds:
      return FixedN(x, 1) + " s";
    case Unit::kCount:
      break;
  }
  return FixedN(x, 1);
}

std::string Signed(double x, Unit unit) {
  if (!std::isfinite(x)) return "-";
  const double shown = unit == Unit::kShare ? 100 * x : x;
  return (shown > 0 ? "+" : "") + Number(shown) +
         (unit == Unit::kShare     ? " pp"
          : unit == Unit::kSeconds ? " s"
                                   : "");
}

std::string HalfWidth(bool has, double h, Unit unit) {
  if (!has) return "-";
  return "±" + Number(unit == Unit::kShare ? 100 * h : h);
}

// Measures worth a line: defined, and not zero in both (a channel without deployments).
bool Shown(const fccsim::Difference& d) {
  if (std::isnan(d.base()) && std::isnan(d.variant())) return false;
  return !(d.base() == 0 && d.variant() == 0);
}

void AddSummaryRows(const std::string& name, const google::protobuf::Message& differences,
                    TextTable* table) {
  ForEachDifference(differences, [&](const std::string& measure, const fccsim::Difference& d) {
    if (!Shown(d)) return;
    const Unit unit = UnitOf(measure);
    // "average_answer_s" reads "average answer": the unit is in the cells.
    std::string measure_name = measure;
    if (unit == Unit::kSeconds) measure_name.resize(measure_name.size() - 2);
    for (char& c : measure_name) c = c == '_' ? ' ' : c;
    table->AddRow({name, measure_name, Value(d.base(), unit), Value(d.variant(), unit),
                   Signed(d.difference(), unit),
                   HalfWidth(d.has_ci95_half_width(), d.ci95_half_width(), unit),
                   HalfWidth(d.has_unpaired_ci95_half_width(), d.unpaired_ci95_half_width(), unit),
                   d.has_ci95_half_width() ? (d.significant() ? "yes" : "no") : "-"});
  });
}

std::string Describe(const fccsim::ComparedScenario& s) {
  std::string text = "\"" + s.label() + "\" (" + s.path();
  for (const std::string& o : s.overrides()) text += " --set " + o;
  return text + ")";
}

}  // namespace

std::vector<std::string> ComparisonCsvFileNames() { return {kOverallCsv, kIntervalsCsv}; }

bool WriteComparison(const fccsim::ComparisonResult& result, const std::string& path,
                     const std::string& csv_dir, OutputSet* outputs, std::string* error) {
  std::string bytes;
  if (!result.SerializeToString(&bytes)) {
    *error = "could not serialise the comparison";
    return false;
  }
  AtomicFile file(outputs);
  if (!file.Open(path, error) || !file.Append(bytes, error) || !file.Commit(error)) return false;
  if (csv_dir.empty()) return true;
  std::error_code ec;
  std::filesystem::create_directories(csv_dir, ec);
  if (ec) {
    *error = "could not create " + csv_dir + ": " + ec.message();
    return false;
  }
  const auto [overall, intervals] = Tables(result);
  for (const auto& [name, text] : {std::pair{kOverallCsv, &overall}, {kIntervalsCsv, &intervals}}) {
    AtomicFile table(outputs);
    const std::string table_path = (std::filesystem::path(csv_dir) / name).string();
    if (!table.Open(table_path, error) || !table.Append(*text, error) || !table.Commit(error)) {
      return false;
    }
  }
  return true;
}

std::string FormatComparisonSummary(const fccsim::ComparisonResult& result) {
  std::string out = "Base " + Describe(result.base()) + ": " +
                    std::to_string(result.replications()) + " replication" +
                    (result.replications() == 1 ? "" : "s") + " on common random numbers, seed " +
                    std::to_string(result.seed()) + "\n";
  for (const fccsim::VariantComparison& v : result.variants()) {
    out += "\nVariant " + Describe(v.variant()) + " against the base:\n";
    TextTable table({{"Channel/group", Align::kLeft},
                     {"Measure", Align::kLeft},
                     {"Base", Align::kRight},
                     {"Variant", Align::kRight},
                     {"Difference", Align::kRight},
                     {"95% CI", Align::kRight},
                     {"Unpaired", Align::kRight},
                     {"Significant", Align::kLeft}});
    for (const fccsim::ChannelComparison& c : v.channels()) {
      AddSummaryRows(c.name(), c.overall(), &table);
    }
    for (const fccsim::GroupComparison& g : v.groups()) {
      AddSummaryRows(g.name(), g.overall(), &table);
    }
    out += table.Render();
    const auto names = [](const auto& list) {
      std::string text;
      for (const std::string& n : list) text += (text.empty() ? "" : ", ") + n;
      return text;
    };
    if (v.channels_only_in_base_size() + v.groups_only_in_base_size() > 0) {
      out += "Only in the base (no difference): " + names(v.channels_only_in_base()) +
             (v.channels_only_in_base_size() > 0 && v.groups_only_in_base_size() > 0 ? ", " : "") +
             names(v.groups_only_in_base()) + "\n";
    }
    if (v.channels_only_in_variant_size() + v.groups_only_in_variant_size() > 0) {
      out += "Only in the variant (no difference): " + names(v.channels_only_in_variant()) +
             (v.channels_only_in_variant_size() > 0 && v.groups_only_in_variant_size() > 0 ? ", "
                                                                                           : "") +
             names(v.groups_only_in_variant()) + "\n";
    }
  }
  if (result.replications() < 2) {
    out += "\nOne replication: no interval, so nothing is judged significant.\n";
  } else {
    out +=
        "\nA difference is significant when its paired 95% interval excludes zero; "
        "\"Unpaired\" is the interval\nindependent runs would have given. Shares in %, "
        "their differences in percentage points (pp).\n";
  }
  return out;
}

}  // namespace fccsim::model
