#include "model/scenario/csv_table.h"

#include "model/scenario/input_file.h"
#include "model/scenario/parse_number.h"

#include <cstddef>
#include <unordered_set>
#include <utility>

namespace fccsim::model {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t'; }
bool IsLineBreak(char c) { return c == '\n' || c == '\r'; }

// Splits the text into records, skipping blank and comment lines and counting lines.
class RecordReader {
 public:
  explicit RecordReader(std::string_view text) : text_(text) {}

  // Reads the next record: false at the end of the text. Otherwise *line is the line the
  // record starts on, and either error->message is empty and *cells holds the record, or
  // the record is malformed, *error says where and why, and the reader has moved past it.
  bool Next(int* line, std::vector<std::string>* cells, CsvError* error) {
    if (!SkipToRecord()) return false;
    *line = line_;
    cells->clear();
    *error = CsvError{};
    for (;;) {
      SkipBlanks();
      std::string cell;
      const int cell_number = static_cast<int>(cells->size()) + 1;
      if (!AtEnd() && text_[pos_] == '"') {
        const int quote_line = line_;
        if (!ReadQuoted(&cell)) {
          *error = {quote_line,
                    "the quote opening cell " + std::to_string(cell_number) + " is never closed"};
          return true;
        }
        SkipBlanks();
        if (!AtEnd() && text_[pos_] != ',' && !IsLineBreak(text_[pos_])) {
          *error = {line_, "unexpected text after the closing quote of cell " +
                               std::to_string(cell_number)};
          SkipRestOfLine();
          return true;
        }
      } else {
        const std::size_t begin = pos_;
        while (!AtEnd() && text_[pos_] != ',' && !IsLineBreak(text_[pos_])) {
          if (text_[pos_] == '"') {
            *error = {line_, "a quote inside cell " + std::to_string(cell_number) +
                                 ", which is not quoted (quote the whole cell and double the "
                                 "quotes inside)"};
            SkipRestOfLine();
            return true;
          }
          ++pos_;
        }
        std::size_t end = pos_;
        while (end > begin && IsBlank(text_[end - 1])) --end;
        cell.assign(text_.substr(begin, end - begin));
      }
      cells->push_back(std::move(cell));
      if (!AtEnd() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      ConsumeLineBreak();
      return true;
    }
  }

 private:
  bool AtEnd() const { return pos_ >= text_.size(); }

  void SkipBlanks() {
    while (!AtEnd() && IsBlank(text_[pos_])) ++pos_;
  }

  void ConsumeLineBreak() {
    if (AtEnd()) return;
    if (text_[pos_] == '\r') {
      ++pos_;
      if (!AtEnd() && text_[pos_] == '\n') ++pos_;
      ++line_;
    } else if (text_[pos_] == '\n') {
      ++pos_;
      ++line_;
    }
  }

  void SkipRestOfLine() {
    while (!AtEnd() && !IsLineBreak(text_[pos_])) ++pos_;
    ConsumeLineBreak();
  }

  // Moves to the start of the next record past blank and comment lines; false at the end.
  bool SkipToRecord() {
    while (!AtEnd()) {
      std::size_t p = pos_;
      while (p < text_.size() && IsBlank(text_[p])) ++p;
      if (p < text_.size() && text_[p] == '#') {
        pos_ = p;
        SkipRestOfLine();
      } else if (p == text_.size() || IsLineBreak(text_[p])) {
        pos_ = p;
        ConsumeLineBreak();
      } else {
        return true;
      }
    }
    return false;
  }

  // At an opening quote: reads the quoted cell into *cell and moves past its closing quote.
  // False (at the end of the text) when the quote is never closed.
  bool ReadQuoted(std::string* cell) {
    ++pos_;
    while (!AtEnd()) {
      const char c = text_[pos_];
      if (c == '"') {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
          *cell += '"';
          pos_ += 2;
          continue;
        }
        ++pos_;
        return true;
      }
      if (IsLineBreak(c)) {
        ConsumeLineBreak();
        *cell += '\n';
        continue;
      }
      *cell += c;
      ++pos_;
    }
    return false;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  int line_ = 1;
};

bool IsDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// For a record with too many cells: a number written with a decimal comma ("12,5") reads as
// two cells of digits side by side.
std::string SplitDecimalCommaCause(const std::vector<std::string>& cells) {
  for (std::size_t i = 1; i < cells.size(); ++i) {
    if (const std::string cause = DecimalCommaCause(cells[i - 1] + "," + cells[i]);
        !cause.empty()) {
      return cause;
    }
  }
  return "";
}

}  // namespace

std::string DecimalCommaCause(std::string_view text) {
  const std::size_t comma = text.find(',');
  if (comma == std::string_view::npos || !IsDigits(text.substr(0, comma)) ||
      !IsDigits(text.substr(comma + 1))) {
    return "";
  }
  const std::string whole(text.substr(0, comma)), fraction(text.substr(comma + 1));
  return "numbers written with a decimal comma (" + whole + "," + fraction +
         "): write a point (" + whole + "." + fraction + ")";
}

CsvTable CsvTable::Parse(std::string_view text, std::vector<CsvError>* errors,
                         std::size_t max_rows) {
  text = WithoutByteOrderMark(text);
  CsvTable table;
  // Past kMaxKeptErrors the errors are counted, not kept: a large file of garbage would
  // otherwise hold one message per line.
  const auto add_error = [&](CsvError error) {
    if (table.errors_not_kept_ > 0 || errors->size() >= kMaxKeptErrors) {
      ++table.errors_not_kept_;
    } else {
      errors->push_back(std::move(error));
    }
  };
  RecordReader reader(text);
  int line = 0;
  std::vector<std::string> cells;
  CsvError error;
  if (!reader.Next(&line, &cells, &error)) {
    errors->push_back({0, "no header row (the file has no data)"});
    return table;
  }
  if (!error.message.empty()) {
    // Without a trustworthy header no row can be read.
    errors->push_back(std::move(error));
    return table;
  }
  if (cells.size() > kMaxColumns) {
    errors->push_back({line, "the header has " + std::to_string(cells.size()) +
                                 " columns, more than the limit of " +
                                 std::to_string(kMaxColumns)});
    return table;
  }
  table.header_ = std::move(cells);
  table.header_line_ = line;
  std::unordered_set<std::string_view> seen;
  for (std::size_t i = 0; i < table.header_.size(); ++i) {
    const std::string& name = table.header_[i];
    if (name.empty()) {
      add_error({line, "the header's cell " + std::to_string(i + 1) + " is empty"});
    } else if (!seen.insert(name).second) {
      add_error({line, "column \"" + name + "\" appears twice in the header"});
    }
  }
  while (reader.Next(&line, &cells, &error)) {
    if (!error.message.empty()) {
      add_error(std::move(error));
    } else if (cells.size() != table.header_.size()) {
      add_error({line,
                 "has " + std::to_string(cells.size()) + " cells but the header has " +
                     std::to_string(table.header_.size()),
                 cells.size() > table.header_.size() ? SplitDecimalCommaCause(cells) : ""});
    } else if (table.rows_.size() == max_rows) {
      errors->push_back({line, "more than " + std::to_string(max_rows) +
                                   " rows; the rest of the file is not read"});
      break;
    } else {
      table.rows_.push_back({line, std::move(cells)});
    }
  }
  return table;
}

int CsvTable::ColumnIndex(std::string_view name) const {
  for (std::size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == name) return static_cast<int>(i);
  }
  return -1;
}

std::optional<double> ParseCsvNumber(std::string_view text) { return ParseWhole<double>(text); }

std::optional<long long> ParseCsvInteger(std::string_view text) {
  return ParseWhole<long long>(text);
}

}  // namespace fccsim::model
