#ifndef FCCSIM_SIM_ZEROED_ARRAY_H_
#define FCCSIM_SIM_ZEROED_ARRAY_H_

// A fixed-size array of trivially copyable values, all zero at first, for large arrays of
// which a run writes only a part (a histogram of waits with bins up to hours, of which a day
// of calls fills the first few thousand). It is allocated with calloc, which takes a large
// block straight from fresh pages, zero already, and writes none of them: a page costs
// nothing until written. std::vector(n) writes every element, so every page of the array is
// faulted in and cleared by the kernel, then cleared again.

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <span>
#include <type_traits>
#include <utility>

namespace fccsim::sim {

template <class T>
class ZeroedArray {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);

 public:
  ZeroedArray() = default;
  explicit ZeroedArray(std::size_t size) : data_(Allocate(size)), size_(size) {}
  ZeroedArray(const ZeroedArray& other) : ZeroedArray(other.size_) {
    if (size_ > 0) std::memcpy(data_.get(), other.data_.get(), size_ * sizeof(T));
  }
  ZeroedArray& operator=(const ZeroedArray& other) {
    if (this != &other) *this = ZeroedArray(other);
    return *this;
  }
  // The moved-from array is left empty.
  ZeroedArray(ZeroedArray&& other) noexcept
      : data_(std::move(other.data_)), size_(std::exchange(other.size_, 0)) {}
  ZeroedArray& operator=(ZeroedArray&& other) noexcept {
    data_ = std::move(other.data_);
    size_ = std::exchange(other.size_, 0);
    return *this;
  }

  std::size_t size() const { return size_; }
  T& operator[](std::size_t i) { return data_[i]; }
  const T& operator[](std::size_t i) const { return data_[i]; }
  T* begin() { return data_.get(); }
  T* end() { return data_.get() + size_; }
  const T* begin() const { return data_.get(); }
  const T* end() const { return data_.get() + size_; }
  std::span<const T> span() const { return {data_.get(), size_}; }

  // Sets elements [0, n) back to zero. REQUIRES: n <= size().
  void ZeroFirst(std::size_t n) {
    if (n > 0) std::memset(data_.get(), 0, n * sizeof(T));
  }

 private:
  struct Free {
    void operator()(T* p) const { std::free(p); }
  };

  static T* Allocate(std::size_t size) {
    if (size == 0) return nullptr;
    // calloc checks size * sizeof(T) for overflow.
    void* p = std::calloc(size, sizeof(T));
    if (p == nullptr) throw std::bad_alloc();
    return static_cast<T*>(p);
  }

  std::unique_ptr<T[], Free> data_;
  std::size_t size_ = 0;
};

}  // namespace fccsim::sim

#endif  // FCCSIM_SIM_ZEROED_ARRAY_H_
