#ifndef FCCSIM_MODEL_SCENARIO_TABLE_READER_H_
#define FCCSIM_MODEL_SCENARIO_TABLE_READER_H_

// The CSV tables a scenario names, keyed by weekday and interval start over one week: read,
// checked against the scenario, and turned into volumes and headcounts per slot of the week.

#include <cstddef>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "model/proto/scenario.pb.h"
#include "model/scenario/csv_table.h"
#include "model/scenario/scenario_loader.h"
#include "model/scenario/scenario_validator.h"

namespace fccsim::model {

// A CSV table keyed by (weekday, interval start), covering one week.
struct WeekTable {
  std::string file;   // as opened: the scenario's folder joined with the path it names
  std::string error;  // why the file could not be read; empty when it was
  CsvTable csv;
  bool malformed_rows = false;  // some records were left out of csv as malformed

  // Per slot of the week (weekday * intervals_per_day + interval of the day): the index in
  // csv.rows() of its row, or -1.
  std::vector<int> row_of_slot;

  // Per row of csv.rows(): the slot it gives, or -1 (key unreadable or repeated).
  std::vector<int> slot_of_row;
};

// Reads the CSV tables a scenario names and checks them against it. Each file is read and its
// structure checked once, however many fields name it.
class TableReader {
 public:
  TableReader(const std::string& scenario_path, int intervals_per_day,
              std::vector<Problem>* problems);

  // The table at `path` (relative to the scenario's folder) named by `field`; null, with the
  // problem reported at `field`, when it cannot be read.
  const WeekTable* Open(const FieldRef& field, const std::string& path);

  // Contacts per slot from column `column` of `table` (0 where a row is missing). Problems
  // with the column are reported once per table and column.
  std::vector<double> Volumes(const WeekTable& table, const std::string& column,
                              const std::string& channel);

  // Handlers per slot for each group (all 0 for a group without a column); sets
  // (*staffed)[g] when group g has a positive headcount somewhere.
  std::vector<std::vector<int>> Headcounts(const WeekTable& table, const fccsim::Scenario& scenario,
                                           std::vector<bool>* staffed);

  // Reports what shows only once every table has been read: columns no channel reads, and
  // how many problems of each kind were left unlisted. Call once, after the last read.
  void Finish();

  // The files opened, whether or not they could be read.
  std::vector<std::string> Files() const;

 private:
  std::size_t WeekSlots() const;

  // Finds the row of every slot of the week from the `weekday` and `start` columns, reporting
  // rows whose key is unreadable or repeated, and slots without a row.
  void IndexWeek(WeekTable* table);

  // A problem with a row or column, listed only for the first few of its kind in its file
  // (and field, unless `across_fields`: one kind for every column of the header).
  void RowProblem(const std::string& kind, Problem problem, bool across_fields = false);
  // What probably went wrong with a whole file, such as a semicolon separator: said once per
  // file, before the problems it causes.
  void Cause(const std::string& file, int line, const std::string& cause);

  struct KindSeen {
    std::string key;
    std::string file;
    std::string field;
  };

  std::filesystem::path folder_;
  int intervals_per_day_;  // 0 when horizon.interval_minutes is invalid
  std::vector<Problem>* problems_;
  std::map<std::string, WeekTable> tables_;                // by file
  std::set<std::pair<std::string, std::string>> checked_;  // (file, column) already checked
  std::map<std::string, std::set<std::string>> used_columns_;  // by file: read by a channel
  std::set<std::string> headcount_files_;
  std::map<std::string, int> kind_counts_;  // problems per file, field and kind
  std::vector<KindSeen> kind_order_;        // in the order first seen
  std::set<std::string> causes_given_;      // files whose likely cause was named
};

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_SCENARIO_TABLE_READER_H_
