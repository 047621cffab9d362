#ifndef FCCSIM_MODEL_SCENARIO_FILE_DIGEST_H_
#define FCCSIM_MODEL_SCENARIO_FILE_DIGEST_H_

// Digests that notice a change of a file or a text: the same on every machine and build, to
// tell that a resumed sweep or another process of a run reads what the first one read, not
// to resist a change made on purpose (FNV-1a, 64 bits).

#include <cstdint>
#include <string>
#include <string_view>

namespace fccsim::model {

class Digest {
 public:
  void Add(std::string_view bytes) {
    for (unsigned char c : bytes) h_ = (h_ ^ c) * 1099511628211ull;
  }
  // 16 hexadecimal digits.
  std::string Hex() const;

 private:
  std::uint64_t h_ = 14695981039346656037ull;
};

// The digest of a file's bytes; a file that cannot be read digests as its error, which
// differs from any readable file's.
std::string FileDigest(const std::string& path);

// The digest of the running fccsim binary.
std::string BinaryDigest();

// The value of part `name` of a fingerprint made of "name:value" words; "" when it has none.
std::string FingerprintPart(const std::string& fingerprint, const std::string& name);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_SCENARIO_FILE_DIGEST_H_
