#include "model/scenario/csv_table.h"

#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace fccsim::model {
namespace {

using Cells = std::vector<std::string>;

std::vector<int> Lines(const CsvTable& table) {
  std::vector<int> lines;
  for (const CsvRow& row : table.rows()) lines.push_back(row.line);
  return lines;
}

std::vector<std::string> Messages(const std::vector<CsvError>& errors) {
  std::vector<std::string> messages;
  for (const CsvError& e : errors) messages.push_back(std::to_string(e.line) + ": " + e.message);
  return messages;
}

TEST(CsvTable, ReadsTheHeaderAndRowsWithTheirLineNumbers) {
  std::vector<CsvError> errors;
  const CsvTable table =
      CsvTable::Parse("weekday,start,calls_999\nMon,00:00,12\nMon,00:15,7\n", &errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(table.header(), (Cells{"weekday", "start", "calls_999"}));
  EXPECT_EQ(table.header_line(), 1);
  ASSERT_EQ(table.rows().size(), 2u);
  EXPECT_EQ(table.rows()[0].cells, (Cells{"Mon", "00:00", "12"}));
  EXPECT_EQ(table.rows()[1].cells, (Cells{"Mon", "00:15", "7"}));
  EXPECT_EQ(Lines(table), (std::vector<int>{2, 3}));
  EXPECT_EQ(table.ColumnIndex("calls_999"), 2);
  EXPECT_EQ(table.ColumnIndex("calls_101"), -1);
}

TEST(CsvTable, SkipsBlankAndCommentLinesButCountsThem) {
  std::vector<CsvError> errors;
  const CsvTable table = CsvTable::Parse(
      "# exported from the WFM system\n"
      "\n"
      "a,b\n"
      "   \n"
      "  # a comment after spaces\n"
      "1,2\n"
      "\t\n"
      "3,#4\n",  // '#' after the start of a line is data
      &errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(table.header_line(), 3);
  ASSERT_EQ(table.rows().size(), 2u);
  EXPECT_EQ(Lines(table), (std::vector<int>{6, 8}));
  EXPECT_EQ(table.rows()[1].cells, (Cells{"3", "#4"}));
}

TEST(CsvTable, QuotedCellsMayHoldCommasDoubledQuotesAndLineBreaks) {
  std::vector<CsvError> errors;
  const CsvTable table = CsvTable::Parse(
      "name,note,n\n"
      "\"12,5\",\"say \"\"hi\"\"\",1\n"
      "\"two\nlines\",\"\",2\n"
      "after,x,3\n",
      &errors);
  EXPECT_TRUE(errors.empty()) << ::testing::PrintToString(Messages(errors));
  ASSERT_EQ(table.rows().size(), 3u);
  EXPECT_EQ(table.rows()[0].cells, (Cells{"12,5", "say \"hi\"", "1"}));
  EXPECT_EQ(table.rows()[1].cells, (Cells{"two\nlines", "", "2"}));
  // A row is numbered by the line it starts on; the line break inside quotes still counts.
  EXPECT_EQ(Lines(table), (std::vector<int>{2, 3, 5}));
}

TEST(CsvTable, TrimsSpacesOutsideQuotesButNotInside) {
  std::vector<CsvError> errors;
  const CsvTable table = CsvTable::Parse(" a , b ,c\n  1 ,\t\" 2 \" , 3  \n", &errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(table.header(), (Cells{"a", "b", "c"}));
  ASSERT_EQ(table.rows().size(), 1u);
  EXPECT_EQ(table.rows()[0].cells, (Cells{"1", " 2 ", "3"}));
}

TEST(CsvTable, AcceptsCrLfAndCrLineBreaksAndAByteOrderMark) {
  std::vector<CsvError> errors;
  const CsvTable table = CsvTable::Parse(
      "\xEF\xBB\xBF"
      "a,b\r\n1,2\r\n\r\n3,4\r5,6",
      &errors);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(table.header(), (Cells{"a", "b"}));
  ASSERT_EQ(table.rows().size(), 3u);
  EXPECT_EQ(table.rows()[2].cells, (Cells{"5", "6"}));
  EXPECT_EQ(Lines(table), (std::vector<int>{2, 4, 5}));
}

TEST(CsvTable, ReportsEveryMalformedRowAndKeepsTheOthers) {
  std::vector<CsvError> errors;
  const CsvTable table = CsvTable::Parse(
      "a,b,c\n"
      "1,2,3\n"
      "1,2\n"
      "1,2,3,4\n"
      "\"x\"y,2,3\n"
      "1,2\"5,3\n"
      "7,8,9\n"
      "\"never closed,1,2\n"
      "4,5,6\n",
      &errors);
  EXPECT_EQ(Messages(errors),
            (std::vector<std::string>{
                "3: has 2 cells but the header has 3",
                "4: has 4 cells but the header has 3",
                "5: unexpected text after the closing quote of cell 1",
                "6: a quote inside cell 2, which is not quoted (quote the whole cell and double "
                "the quotes inside)",
                "8: the quote opening cell 1 is never closed",
            }));
  EXPECT_EQ(Lines(table), (std::vector<int>{2, 7}));
}

TEST(CsvTable, ReportsAnEmptyFileAndABadHeader) {
  std::vector<CsvError> errors;
  CsvTable::Parse("# only a comment\n\n", &errors);
  EXPECT_EQ(Messages(errors),
            (std::vector<std::string>{"0: no header row (the file has no data)"}));

  errors.clear();
  const CsvTable table = CsvTable::Parse("\n\na,,a\n1,2,3\n", &errors);
  EXPECT_EQ(Messages(errors), (std::vector<std::string>{
                                  "3: the header's cell 2 is empty",
                                  "3: column \"a\" appears twice in the header",
                              }));
  EXPECT_EQ(table.rows().size(), 1u);
}

TEST(CsvTable, ParsesNumbersStrictly) {
  EXPECT_EQ(ParseCsvNumber("12"), 12.0);
  EXPECT_EQ(ParseCsvNumber("-0.5"), -0.5);
  EXPECT_EQ(ParseCsvNumber("1e3"), 1000.0);
  EXPECT_EQ(ParseCsvNumber(".5"), 0.5);
  EXPECT_TRUE(std::isinf(*ParseCsvNumber("inf")));
  EXPECT_TRUE(std::isnan(*ParseCsvNumber("nan")));
  for (const char* bad : {"", "12,5", "abc", "1 2", "12 ", " 12", "+1", "1e400", "0x10", "1.2.3"}) {
    EXPECT_FALSE(ParseCsvNumber(bad).has_value()) << '"' << bad << '"';
  }
}

TEST(CsvTable, ParsesIntegersStrictly) {
  EXPECT_EQ(ParseCsvInteger("12"), 12);
  EXPECT_EQ(ParseCsvInteger("-3"), -3);
  EXPECT_EQ(ParseCsvInteger("0"), 0);
  for (const char* bad : {"", "3.0", "2.5", "1e3", "12a", " 1", "99999999999999999999"}) {
    EXPECT_FALSE(ParseCsvInteger(bad).has_value()) << '"' << bad << '"';
  }
}

}  // namespace
}  // namespace fccsim::model
