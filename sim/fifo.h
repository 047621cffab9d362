#ifndef FCCSIM_SIM_FIFO_H_
#define FCCSIM_SIM_FIFO_H_

// A first-in first-out queue of trivially copyable values in one ring buffer that doubles
// when full and never shrinks. std::deque, the usual choice, frees a block each time the front
// passes one and allocates one each time the back does, so a queue that stays short but moves
// (a contact centre's waiting callers) pays an allocation every few dozen entries; here a
// queue in its steady state allocates nothing.

#include <cstddef>
#include <type_traits>
#include <utility>
#include <vector>

namespace fccsim::sim {

template <class T>
class Fifo {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }

  void push_back(T value) {
    if (size_ == ring_.size()) Grow();
    ring_[(head_ + size_) & (ring_.size() - 1)] = value;
    ++size_;
  }
  // REQUIRES: !empty().
  const T& front() const { return ring_[head_]; }
  // REQUIRES: !empty().
  void pop_front() {
    head_ = (head_ + 1) & (ring_.size() - 1);
    --size_;
  }

 private:
  // Doubles the ring (its size stays a power of two, so that an index wraps with a mask),
  // laying the entries out from 0 in order.
  [[gnu::noinline]] void Grow() {
    std::vector<T> bigger(ring_.empty() ? 16 : 2 * ring_.size());
    for (std::size_t i = 0; i < size_; ++i) bigger[i] = ring_[(head_ + i) & (ring_.size() - 1)];
    ring_ = std::move(bigger);
    head_ = 0;
  }

  std::vector<T> ring_;
  std::size_t head_ = 0;
  std::size_t size_ = 0;
};

}  // namespace fccsim::sim

#endif  // FCCSIM_SIM_FIFO_H_
