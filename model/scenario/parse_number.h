#ifndef FCCSIM_MODEL_SCENARIO_PARSE_NUMBER_H_
#define FCCSIM_MODEL_SCENARIO_PARSE_NUMBER_H_

// Strict parsing of numbers typed by people (command-line flags, CSV cells): the whole text
// must be the number, with no spaces, signs std::from_chars refuses ('+'), or trailing
// characters. The result does not depend on the locale.

#include <charconv>
#include <optional>
#include <string_view>
#include <system_error>

namespace fccsim::model {

// The whole of `text` as a T, or nullopt. For floating point, "inf" and "nan" parse (callers
// that need a finite number check for it); for unsigned T a '-' does not.
template <class T>
std::optional<T> ParseWhole(std::string_view text) {
  T value{};
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_SCENARIO_PARSE_NUMBER_H_
