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

#define FCCSIM_CHECK(condition, message)                                                    \
  do {                                                                                      \
    if (!(condition)) [[unlikely]] {                                                        \
      ::fccsim::sim::internal::CheckFailedWith(__FILE__, __LINE__, #condition,              \
                                               [&]() -> std::string { return (message); }); \
    }                                                                                       \
  } while (0)

#endif  // FCCSIM_SIM_CHECK_H_
