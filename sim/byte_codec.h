#ifndef FCCSIM_SIM_BYTE_CODEC_H_
#define FCCSIM_SIM_BYTE_CODEC_H_

// Values copied byte for byte into a string and back, to send a replication's measures from
// one process to another. Both ends must be the same build on the same kind of machine (the
// caller checks that before anything is sent), so a trivially copyable value needs no
// encoding of its own: its bytes are its encoding, and a double comes back bit for bit.

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace fccsim::sim {

class ByteWriter {
 public:
  explicit ByteWriter(std::string* out) : out_(out) {}

  template <class T>
  void Put(const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    out_->append(reinterpret_cast<const char*>(&value), sizeof value);
  }

  void PutBytes(std::string_view bytes) {
    Put<std::uint64_t>(bytes.size());
    out_->append(bytes);
  }

  // The size, then the elements.
  template <class T>
  void PutVector(const std::vector<T>& values) {
    static_assert(std::is_trivially_copyable_v<T>);
    Put<std::uint64_t>(values.size());
    if (!values.empty())
      out_->append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
  }

 private:
  std::string* out_;
};

// Reads what a ByteWriter wrote, in the same order. A read past the end (bytes cut short or
// not of this layout) fails and leaves ok() false for good, so a caller checks once at the end.
class ByteReader {
 public:
  explicit ByteReader(std::string_view in) : in_(in) {}

  template <class T>
  bool Get(T* value) {
    static_assert(std::is_trivially_copyable_v<T>);
    if (!ok_ || in_.size() < sizeof(T)) return ok_ = false;
    std::memcpy(value, in_.data(), sizeof(T));
    in_.remove_prefix(sizeof(T));
    return true;
  }

  // What PutBytes wrote.
  bool GetSizedBytes(std::string* bytes) {
    std::uint64_t size = 0;
    return Get(&size) && GetBytes(bytes, size);
  }

  // Reuses the vector's memory when it is large enough.
  template <class T>
  bool GetVector(std::vector<T>* values) {
    static_assert(std::is_trivially_copyable_v<T>);
    std::uint64_t n = 0;
    if (!Get(&n) || n > in_.size() / sizeof(T)) return ok_ = false;
    values->resize(n);
    if (n > 0) std::memcpy(values->data(), in_.data(), n * sizeof(T));
    in_.remove_prefix(n * sizeof(T));
    return true;
  }

  // `size` bytes, as they are.
  bool GetBytes(std::string* bytes, std::uint64_t size) {
    if (!ok_ || size > in_.size()) return ok_ = false;
    bytes->assign(in_.data(), size);
    in_.remove_prefix(size);
    return true;
  }

  bool ok() const { return ok_; }
  bool AtEnd() const { return in_.empty(); }
  std::size_t remaining() const { return in_.size(); }

 private:
  std::string_view in_;
  bool ok_ = true;
};

}  // namespace fccsim::sim

#endif  // FCCSIM_SIM_BYTE_CODEC_H_
