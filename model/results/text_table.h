#ifndef FCCSIM_MODEL_RESULTS_TEXT_TABLE_H_
#define FCCSIM_MODEL_RESULTS_TEXT_TABLE_H_

// The plain-text tables fccsim prints on stdout (the run's and the plan's summaries): columns
// as wide as their widest cell, two spaces apart, padded by what a terminal shows.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace fccsim::model {

// Columns are padded by what a terminal shows, not by bytes: "±" and "≤" take two bytes in
// UTF-8 but one column on screen.
std::size_t DisplayWidth(std::string_view text);

enum class Align { kLeft, kRight };

class TextTable {
 public:
  struct Column {
    std::string header;
    Align align;
  };

  explicit TextTable(std::vector<Column> columns) : columns_(std::move(columns)) {}

  void AddRow(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }

  std::string Render() const;

 private:
  std::string RenderRow(const std::vector<std::string>& cells,
                        const std::vector<std::size_t>& widths) const;

  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

// `value` with `decimals` decimals; "-" when not finite (nothing to show).
std::string FixedN(double value, int decimals);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_RESULTS_TEXT_TABLE_H_
