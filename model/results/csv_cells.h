#ifndef FCCSIM_MODEL_RESULTS_CSV_CELLS_H_
#define FCCSIM_MODEL_RESULTS_CSV_CELLS_H_

// The cells of the CSV tables fccsim writes: numbers as the shortest text that reads back as
// the same double, text quoted as RFC 4180 asks.

#include <charconv>
#include <string>
#include <string_view>
#include <system_error>

namespace fccsim::model {

// "nan" for NaN, "inf" for infinity.
inline std::string CsvNumber(double value) {
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return ec == std::errc() ? std::string(buffer, end) : std::string("nan");
}

// A cell with a comma, quote or line break is quoted, quotes doubled.
inline std::string CsvText(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_RESULTS_CSV_CELLS_H_
