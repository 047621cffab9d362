#include "model/scenario/file_digest.h"

#include <cstdio>
#include <sstream>

#include "model/scenario/input_file.h"

namespace fccsim::model {

std::string Digest::Hex() const {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(h_));
  return text;
}

std::string FileDigest(const std::string& path) {
  std::string bytes, error;
  Digest d;
  if (!ReadInputFile(path, std::size_t{1} << 30, &bytes, &error)) bytes = "unreadable: " + error;
  d.Add(bytes);
  return d.Hex();
}

std::string BinaryDigest() {
  static const std::string digest = FileDigest("/proc/self/exe");
  return digest;
}

std::string FingerprintPart(const std::string& fingerprint, const std::string& name) {
  std::istringstream words(fingerprint);
  for (std::string word; words >> word;) {
    if (word.rfind(name + ":", 0) == 0) return word.substr(name.size() + 1);
  }
  return "";
}

}  // namespace fccsim::model
