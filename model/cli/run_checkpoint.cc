#include "model/cli/run_checkpoint.h"


#include "model/cli/process_agreement.h"
#include "model/scenario/file_digest.h"
#include "model/scenario/input_file.h"
#include "sim/byte_codec.h"

namespace fccsim::model {
namespace {

constexpr char kMagic[] = "fccsim run checkpoint 2\n";

}  // namespace

std::string CheckpointFingerprint(const LoadedScenario& loaded, std::uint64_t seed,
                                  std::uint32_t replications) {
  std::vector<std::string> run = {"scenario=" + loaded.path, "seed=" + std::to_string(seed),
                                  "replications=" + std::to_string(replications)};
  for (const std::string& o : loaded.overrides) run.push_back("set=" + o);
  return RunFingerprint(loaded.input_files, run);
}

bool WriteCheckpoint(const std::string& path, const std::string& fingerprint,
                     const std::string& state, OutputSet* set, std::string* error) {
  std::string bytes = kMagic;
  sim::ByteWriter w(&bytes);
  w.PutBytes(fingerprint);
  Digest digest;
  digest.Add(state);
  w.PutBytes(digest.Hex());
  w.PutBytes(state);
  AtomicFile file(set);
  return file.Open(path, error) && file.Append(bytes, error) && file.Commit(error);
}

bool ReadCheckpoint(const std::string& path, const std::string& fingerprint, std::string* state,
                    std::string* error) {
  std::string bytes, why;
  if (!ReadInputFile(path, std::size_t{1} << 31, &bytes, &why)) {
    *error = "no interrupted run to resume (" + why + ")";
    return false;
  }
  std::string saved, digest;
  sim::ByteReader r(std::string_view(bytes).substr(std::min(bytes.size(), sizeof kMagic - 1)));
  Digest actual;
  if (bytes.rfind(kMagic, 0) != 0 || !r.GetSizedBytes(&saved) || !r.GetSizedBytes(&digest) ||
      !r.GetSizedBytes(state) || !r.AtEnd() || (actual.Add(*state), actual.Hex() != digest)) {
    *error = path + " is not a checkpoint of fccsim run, or is damaged";
    return false;
  }
  const std::pair<const char*, const char*> parts[] = {
      {"binary", "the fccsim binary is another build"},
      {"inputs", "the scenario or a table it reads changed"},
      {"arguments",
       "the scenario path, the --set overrides, the seed or the number of replications differ"}};
  for (const auto& [part, meaning] : parts) {
    if (FingerprintPart(saved, part) != FingerprintPart(fingerprint, part)) {
      *error = std::string(meaning) + " since the run was interrupted";
      return false;
    }
  }
  return true;
}

}  // namespace fccsim::model
