#ifndef FCCSIM_SIM_CHECK_H_
#define FCCSIM_SIM_CHECK_H_

// Contract checks inside sim/. A broken contract is a bug in the caller: report it with the
// offending value and abort. Checks stay on in release builds; the message expression is
// evaluated only when the check fails, so a passing check costs one predictable branch.
//
// The message is built inside a lambda that only a cold, out-of-line function calls, so its
// string code is compiled there and not into the checking function: the hot functions of the
// event loop (a push, an interval series update) stay small enough to be inlined.

#include <string>

namespace fccsim::sim::internal {
[[noreturn]] void CheckFailed(const char* file, int line, const char* condition,
                              const std::string& message);

template <class MessageF>
[[noreturn, gnu::cold, gnu::noinline]] void CheckFailedWith(const char* file, int line,
                                                            const char* condition,
                                                            const MessageF& message) {
  CheckFailed(file, line, condition, message());
}
}  // namespace fccsim::sim::internal

// The lambda captures by value: a capture by reference takes the address of each value the
// message names, which then has to be stored to memory on the passing path too (an interval
// series update stored the time it was given at every call). Implicit capture of `this` by
// [=] is deprecated in C++20 but exactly what a message naming a member needs, hence the
// pragmas.
#define FCCSIM_CHECK(condition, message)                                                   \
  do {                                                                                     \
    if (!(condition)) [[unlikely]] {                                                       \
      _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Wdeprecated\"")   \
          ::fccsim::sim::internal::CheckFailedWith(                                        \
              __FILE__, __LINE__, #condition, [=]() -> std::string { return (message); }); \
      _Pragma("GCC diagnostic pop")                                                        \
    }                                                                                      \
  } while (0)

#endif  // FCCSIM_SIM_CHECK_H_
