#ifndef FCCSIM_FUZZ_FUZZ_FILES_H_
#define FCCSIM_FUZZ_FUZZ_FILES_H_

// What the fuzzers share. LoadScenario reads only from disk, so each input becomes a file in
// a folder of the process's own (fuzzers may run side by side), and valid tables sit beside
// it for scenarios to name.

#include <string>
#include <string_view>
#include <vector>

#include "model/scenario/scenario_loader.h"

namespace fccsim::fuzz {

// Replaces the file `name` in this process's scratch folder with `bytes`; returns its path.
// The folder (under $TMPDIR, else /tmp) is made on first use and removed at a normal exit.
std::string WriteScratchFile(const std::string& name, std::string_view bytes);

// Valid tables of a week at 60-minute intervals: arrivals with the column `calls`, and
// headcount with the column `handlers`.
std::string HourlyArrivalsCsv();
std::string HourlyHeadcountCsv();

// Uses everything LoadScenario returned, aborting where it breaks a promise of
// scenario_loader.h, so that a fuzzer sees what a caller would.
void UseLoadResult(const std::vector<model::Problem>& problems,
                   const model::LoadedScenario& loaded);

}  // namespace fccsim::fuzz

#endif  // FCCSIM_FUZZ_FUZZ_FILES_H_
