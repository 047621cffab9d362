#ifndef FCCSIM_SIM_TRIVIAL_VECTOR_H_
#define FCCSIM_SIM_TRIVIAL_VECTOR_H_

// A growable array of trivially copyable values, for the event queue's buckets, which take
// several appends per event. Unlike std::vector it keeps the append's growth path out of line
// (std::vector inlines its reallocation into every push_back, and the registers that path
// needs are then saved around every loop that appends) and its three pointers padded to 32
// bytes, so that an array of them is indexed with a shift. Capacity is kept when emptied.

#include <cstddef>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

namespace fccsim::sim {

template <class T>
class TrivialVector {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);

 public:
  TrivialVector() = default;
  TrivialVector(const TrivialVector&) = delete;
  TrivialVector& operator=(const TrivialVector&) = delete;
  // The moved-from vector is left empty (it takes this one's empty state).
  TrivialVector(TrivialVector&& other) noexcept { swap(other); }
  TrivialVector& operator=(TrivialVector&& other) noexcept {
    swap(other);
    return *this;
  }
  ~TrivialVector() { ::operator delete(begin_); }

  void swap(TrivialVector& other) noexcept {
    std::swap(begin_, other.begin_);
    std::swap(end_, other.end_);
    std::swap(capacity_end_, other.capacity_end_);
  }

  T* begin() { return begin_; }
  T* end() { return end_; }
  const T* begin() const { return begin_; }
  const T* end() const { return end_; }
  std::size_t size() const { return static_cast<std::size_t>(end_ - begin_); }
  std::size_t capacity() const { return static_cast<std::size_t>(capacity_end_ - begin_); }
  bool empty() const { return end_ == begin_; }
  T& operator[](std::size_t i) { return begin_[i]; }
  const T& operator[](std::size_t i) const { return begin_[i]; }
  // REQUIRES: !empty().
  T& back() { return end_[-1]; }

  // `value` is taken by value: a reference into this vector would not survive the growth.
  [[gnu::always_inline]] void push_back(T value) {
    if (end_ == capacity_end_) [[unlikely]]
      Grow(size() + 1);
    *end_++ = value;
  }

  // Appends [first, last), which must not lie in this vector.
  void append(const T* first, const T* last) {
    const auto n = static_cast<std::size_t>(last - first);
    if (n > static_cast<std::size_t>(capacity_end_ - end_)) Grow(size() + n);
    if (n > 0) std::memcpy(static_cast<void*>(end_), first, n * sizeof(T));
    end_ += n;
  }

  void clear() { end_ = begin_; }
  // REQUIRES: n <= size().
  void truncate(std::size_t n) { end_ = begin_ + n; }
  // Drops the first n values, moving the rest down. REQUIRES: n <= size().
  void erase_front(std::size_t n) {
    const std::size_t rest = size() - n;
    if (rest > 0) std::memmove(static_cast<void*>(begin_), begin_ + n, rest * sizeof(T));
    end_ = begin_ + rest;
  }

 private:
  // Room for at least `needed` values, doubling so that appends cost amortised O(1).
  [[gnu::noinline]] void Grow(std::size_t needed) {
    std::size_t capacity = this->capacity() < 8 ? 8 : 2 * this->capacity();
    while (capacity < needed) capacity *= 2;
    T* fresh = static_cast<T*>(::operator new(capacity * sizeof(T)));
    const std::size_t n = size();
    if (n > 0) std::memcpy(static_cast<void*>(fresh), begin_, n * sizeof(T));
    ::operator delete(begin_);
    begin_ = fresh;
    end_ = fresh + n;
    capacity_end_ = fresh + capacity;
  }

  T* begin_ = nullptr;
  T* end_ = nullptr;
  T* capacity_end_ = nullptr;
  [[maybe_unused]] void* padding_ = nullptr;  // 32 bytes: an array of these indexes by shift
};

}  // namespace fccsim::sim

#endif  // FCCSIM_SIM_TRIVIAL_VECTOR_H_
