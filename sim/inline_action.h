#ifndef FCCSIM_SIM_INLINE_ACTION_H_
#define FCCSIM_SIM_INLINE_ACTION_H_

// What an event does: a callable stored in place, with no heap allocation and no virtual call.
// Only trivially copyable callables with small captures are accepted (a lambda capturing
// `this` and a few ids), so an action is copied as plain bytes through the event queue and
// dispatched with a single indirect call. A capture too large or not trivially copyable is a
// compile error, which is where such a mistake is cheapest to find.

#include <cstddef>
#include <new>
#include <type_traits>

namespace fccsim::sim {

template <std::size_t kCapacity>
class InlineFunction {
 public:
  InlineFunction() = default;

  template <class F>
    requires(!std::is_same_v<std::decay_t<F>, InlineFunction> && std::is_invocable_r_v<void, F&>)
  InlineFunction(F f) : invoke_(&Invoke<F>) {  // NOLINT: implicit, so lambdas convert in calls
    static_assert(sizeof(F) <= kCapacity, "action captures too much: capture ids, not objects");
    static_assert(alignof(F) <= alignof(std::max_align_t), "action is over-aligned");
    static_assert(std::is_trivially_copyable_v<F> && std::is_trivially_destructible_v<F>,
                  "action must be trivially copyable: capture ids and pointers only");
    ::new (static_cast<void*>(storage_)) F(f);
  }

  explicit operator bool() const { return invoke_ != nullptr; }

  // REQUIRES: *this holds a callable.
  void operator()() { invoke_(storage_); }

 private:
  template <class F>
  static void Invoke(void* storage) {
    (*std::launder(static_cast<F*>(storage)))();
  }

  alignas(std::max_align_t) unsigned char storage_[kCapacity];
  void (*invoke_)(void*) = nullptr;
};

// Room for `this` plus two 64-bit ids or four 32-bit ones.
using Action = InlineFunction<24>;

}  // namespace fccsim::sim

#endif  // FCCSIM_SIM_INLINE_ACTION_H_
