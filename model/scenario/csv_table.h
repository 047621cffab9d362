#ifndef FCCSIM_MODEL_SCENARIO_CSV_TABLE_H_
#define FCCSIM_MODEL_SCENARIO_CSV_TABLE_H_

// A small reader for the CSV tables a scenario names (arrivals per interval, headcount per
// interval), as spreadsheets and WFM systems export them.
//
// The dialect, close to RFC 4180:
//   - the first record is the header, naming the columns; every later record must have as
//     many cells as the header;
//   - cells are separated by commas; a cell may be quoted ("..."), and then may hold commas,
//     line breaks and doubled quotes ("" for one ");
//   - spaces and tabs around a cell (outside its quotes) are trimmed;
//   - blank lines, and lines whose first non-blank character is '#', are ignored (but a '#'
//     further along a line is data);
//   - line breaks may be \n, \r\n or \r; a UTF-8 byte order mark at the start is skipped.
// Every row keeps the 1-based line number it starts on, so problems in its values can be
// reported at that line.
//
// Cells are kept as text: what a cell must hold depends on its column, which only the caller
// knows. ParseCsvNumber and ParseCsvInteger convert strictly.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fccsim::model {

// A malformed part of the text. Messages do not repeat the line number.
struct CsvError {
  int line = 0;  // 1-based; 0 = the whole file (e.g. no header)
  std::string message;
  // What probably made the record malformed, when its cells suggest it (a decimal comma
  // splitting a number in two); "" otherwise.
  std::string likely_cause{};
};

struct CsvRow {
  int line = 0;                    // 1-based line the record starts on
  std::vector<std::string> cells;  // one per header column, trimmed, quotes removed
};

class CsvTable {
 public:
  // Limits that keep a hostile file from taking memory in proportion to its lines.
  static constexpr std::size_t kMaxColumns = 1000;
  static constexpr std::size_t kMaxKeptErrors = 1000;

  // Parses `text`, appending one CsvError per malformed record or header cell to *errors (the
  // first kMaxKeptErrors; the rest are counted in errors_not_kept()). A malformed record is
  // left out and parsing continues with the next one, so every problem of a file is found in
  // one pass; the returned table holds the well-formed rows. A header of more than
  // kMaxColumns cells is an error and the table is then empty; past `max_rows` rows, parsing
  // stops with an error.
  static CsvTable Parse(std::string_view text, std::vector<CsvError>* errors,
                        std::size_t max_rows = SIZE_MAX);

  int errors_not_kept() const { return errors_not_kept_; }

  const std::vector<std::string>& header() const { return header_; }
  int header_line() const { return header_line_; }
  const std::vector<CsvRow>& rows() const { return rows_; }

  // Index of the column whose header is exactly `name`, or -1.
  int ColumnIndex(std::string_view name) const;

 private:
  std::vector<std::string> header_;
  int header_line_ = 0;
  std::vector<CsvRow> rows_;
  int errors_not_kept_ = 0;
};

// The whole of `text` as a decimal number ("12", "-0.5", "1e3", "inf", "nan"), or nullopt:
// no leading '+', no thousands separators, no decimal comma, no trailing characters, nothing
// outside the range of double. The caller decides whether infinities and NaN are acceptable.
std::optional<double> ParseCsvNumber(std::string_view text);

// For text such as "12,5" (a number with a decimal comma, as spreadsheets in many locales
// write it), the likely cause to report, naming the fix; "" for any other text.
std::string DecimalCommaCause(std::string_view text);

// The whole of `text` as a decimal integer ("12", "-3"), or nullopt ("3.0", "3 ", "", ...).
std::optional<long long> ParseCsvInteger(std::string_view text);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_SCENARIO_CSV_TABLE_H_
