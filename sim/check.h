#ifndef FCCSIM_SIM_CHECK_H_
#define FCCSIM_SIM_CHECK_H_

// Contract checks inside sim/. A broken contract is a bug in the caller: report it with the
// offending value and abort. Checks stay on in release builds; the message expression is
// evaluated only when the check fails, so a passing check costs one predictable branch.

#include <string>

namespace fccsim::sim::internal {
[[noreturn]] void CheckFailed(const char* file, int line, const char* condition,
                              const std::string& message);
}  // namespace fccsim::sim::internal

#define FCCSIM_CHECK(condition, message)                                              \
  do {                                                                                \
    if (!(condition)) [[unlikely]] {                                                  \
      ::fccsim::sim::internal::CheckFailed(__FILE__, __LINE__, #condition, (message)); \
    }                                                                                 \
  } while (0)

#endif  // FCCSIM_SIM_CHECK_H_
