// libFuzzer target: any bytes as a scenario file, read by LoadScenario. Problems are the
// expected answer to most inputs; a crash, a sanitizer report or a broken promise of
// scenario_loader.h is a finding.
//
// Seeds from the repository name their tables; scripts/fuzz.sh also renames them to
// arrivals.csv and headcount.csv, the valid tables written here beside the scenario.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_files.h"
#include "model/scenario/scenario_loader.h"

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  fccsim::fuzz::WriteScratchFile("arrivals.csv", fccsim::fuzz::HourlyArrivalsCsv());
  fccsim::fuzz::WriteScratchFile("headcount.csv", fccsim::fuzz::HourlyHeadcountCsv());
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = fccsim::fuzz::WriteScratchFile(
      "scenario.textproto", std::string_view(reinterpret_cast<const char*>(data), size));
  fccsim::model::LoadedScenario loaded;
  const auto problems = fccsim::model::LoadScenario(path, &loaded);
  fccsim::fuzz::UseLoadResult(problems, loaded);
  return 0;
}
