#include "fuzz/fuzz_files.h"

#include <stdlib.h>  // mkdtemp

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace fccsim::fuzz {
namespace {

// Keeps the sums of UseLoadResult from being optimised away.
volatile double sink;

constexpr const char* kWeekdays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

[[noreturn]] void Broken(const std::string& what) {
  std::fprintf(stderr, "fuzz: LoadScenario broke a promise of scenario_loader.h: %s\n",
               what.c_str());
  std::abort();
}

class ScratchDir {
 public:
  ScratchDir() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") +
                          "/fccsim_fuzz.XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) {
      std::perror(("fuzz: cannot make a folder like " + pattern).c_str());
      std::exit(1);
    }
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// One row per hour of the week; `value` gives the cell of the third column.
template <typename Value>
std::string HourlyTable(const std::string& column, Value value) {
  std::string text = "weekday,start," + column + "\n";
  for (const char* day : kWeekdays) {
    for (int hour = 0; hour < 24; ++hour) {
      char row[64];
      std::snprintf(row, sizeof row, "%s,%02d:00,%d\n", day, hour, value(hour));
      text += row;
    }
  }
  return text;
}

}  // namespace

std::string WriteScratchFile(const std::string& name, std::string_view bytes) {
  static const ScratchDir dir;
  const std::string path = dir.path() + "/" + name;
  std::FILE* file = std::fopen(path.c_str(), "wb");
  // Not a finding in the code under test, but loud: every later input would be meaningless.
  if (file == nullptr || std::fwrite(bytes.data(), 1, bytes.size(), file) != bytes.size() ||
      std::fclose(file) != 0) {
    std::perror(("fuzz: cannot write " + path).c_str());
    std::abort();
  }
  return path;
}

std::string HourlyArrivalsCsv() {
  return HourlyTable("calls", [](int hour) { return 10 + hour; });
}

std::string HourlyHeadcountCsv() {
  return HourlyTable("handlers", [](int hour) { return 4 + hour % 3; });
}

void UseLoadResult(const std::vector<model::Problem>& problems,
                   const model::LoadedScenario& loaded) {
  for (const model::Problem& p : problems) {
    const std::string text = p.ToString();
    if (p.message.empty() || !text.ends_with(p.message)) Broken("a problem reads " + text);
  }
  if (model::HasErrors(problems)) return;

  const fccsim::Scenario& s = loaded.scenario;
  const int per_day = loaded.intervals_per_day;
  if (per_day <= 0 || per_day * static_cast<long long>(s.horizon().interval_minutes()) != 1440) {
    Broken("intervals_per_day " + std::to_string(per_day) + " for interval_minutes " +
           std::to_string(s.horizon().interval_minutes()));
  }
  const std::size_t week = 7 * static_cast<std::size_t>(per_day);
  if (loaded.weekly_volume.size() != static_cast<std::size_t>(s.channels_size())) {
    Broken("weekly_volume is not one per channel");
  }
  double total = 0;
  for (const std::vector<double>& volume : loaded.weekly_volume) {
    if (volume.size() != week) Broken("a weekly_volume is not one week long");
    for (double v : volume) total += v;
  }
  const std::size_t tables = s.roster().headcount_csv().empty() ? 0 : s.groups_size();
  if (loaded.weekly_headcount.size() != tables) {
    Broken("weekly_headcount is not one per group with a headcount_csv, none without");
  }
  for (const std::vector<int>& headcount : loaded.weekly_headcount) {
    if (headcount.size() != week) Broken("a weekly_headcount is not one week long");
    for (int h : headcount) total += h;
  }
  if (loaded.input_files.empty() || loaded.input_files[0] != loaded.path) {
    Broken("input_files does not start with the scenario");
  }
  sink = total;
}

}  // namespace fccsim::fuzz
