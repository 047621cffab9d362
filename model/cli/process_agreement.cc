#include "model/cli/process_agreement.h"

#include <cstdlib>
#include <vector>

#include "model/scenario/file_digest.h"

namespace fccsim::model {
namespace {

// What a difference in each part of a fingerprint means.
std::string Meaning(const std::string& part) {
  if (part == "binary") return "runs another fccsim build";
  if (part == "inputs") return "reads other input files (a scenario, a table or a sweep file)";
  if (part == "arguments") return "was given other arguments";
  return "differs in " + part;
}

}  // namespace

std::string RunFingerprint(const std::vector<std::string>& inputs,
                           const std::vector<std::string>& arguments) {
  Digest in, args;
  // Paths go with the arguments, contents alone with the inputs: a part that differs says
  // which changed.
  for (const std::string& path : inputs) {
    in.Add(FileDigest(path) + '\n');
    args.Add(path + '\n');
  }
  for (const std::string& a : arguments) args.Add(a + '\n');
  std::string binary = BinaryDigest();
  // The MPI module is part of the build too.
  if (const std::string& module = sim::ProcessGroup::World().module(); !module.empty()) {
    binary += "+" + FileDigest(module);
  }
  // A test hook: this process pretends to be another build (tests/cli, under mpirun).
  if (const char* rank = std::getenv("FCCSIM_TEST_OTHER_BUILD_RANK");
      rank != nullptr && std::to_string(sim::ProcessGroup::World().rank()) == rank) {
    binary = "0000000000000000";
  }
  return "binary:" + binary + " inputs:" + in.Hex() + " arguments:" + args.Hex();
}

int AgreeToStart(sim::ProcessGroup& group, int status, const std::string& problem,
                 const std::string& fingerprint, const std::string& command, std::ostream& err) {
  if (group.size() == 1) return status;
  const std::vector<std::string> all =
      group.AllGather(std::to_string(status) + '\n' + fingerprint + '\n' + problem);
  // Every process reads the same list, and so comes to the same answer.
  struct Said {
    int status;
    std::string fingerprint, problem;
  };
  std::vector<Said> said;
  for (const std::string& text : all) {
    const std::size_t a = text.find('\n'), b = text.find('\n', a + 1);
    said.push_back(
        {std::atoi(text.substr(0, a).c_str()), text.substr(a + 1, b - a - 1), text.substr(b + 1)});
  }
  int agreed = 0;
  std::string why;
  for (std::size_t p = 0; p < said.size() && agreed == 0; ++p) {
    agreed = said[p].status;
    if (agreed != 0 && p != 0) {
      why = "process " + std::to_string(p) + " cannot start: " + said[p].problem;
    }
  }
  for (std::size_t p = 1; p < said.size() && agreed == 0; ++p) {
    for (const char* part : {"binary", "inputs", "arguments"}) {
      if (FingerprintPart(said[p].fingerprint, part) !=
          FingerprintPart(said[0].fingerprint, part)) {
        agreed = 2;
        why = "process " + std::to_string(p) + " " + Meaning(part) + " than process 0";
        break;
      }
    }
  }
  if (group.rank() == 0 && !why.empty()) {
    err << "fccsim " << command << ": " << why
        << "; every process of an mpirun must run the same fccsim on the same files\n";
  }
  return agreed;
}

StartGate::~StartGate() {
  if (!decided_ && group_.size() > 1 && group_.rank() == 0) group_.BroadcastBytes("0");
}

void StartGate::Close() {
  if (decided_) return;
  decided_ = true;
  if (group_.size() > 1 && group_.rank() == 0) group_.BroadcastBytes("0");
}

void StartGate::Open(const std::string& word) {
  decided_ = true;
  if (group_.size() > 1) group_.BroadcastBytes("1" + word);
}

std::optional<std::string> StartGate::Wait(sim::ProcessGroup& group) {
  const std::string word = group.BroadcastBytes("");
  if (word.empty() || word[0] != '1') return std::nullopt;
  return word.substr(1);
}

}  // namespace fccsim::model
