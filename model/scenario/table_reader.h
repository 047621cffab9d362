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

  // The files opened, whether or not they could be read.
  std::vector<std::string> Files() const;

 private:
  std::size_t WeekSlots() const;

  // Finds the row of every slot of the week from the `weekday` and `start` columns, reporting
  // rows whose key is unreadable or repeated, and slots without a row.
  void IndexWeek(WeekTable* table);

  std::filesystem::path folder_;
  int intervals_per_day_;  // 0 when horizon.interval_minutes is invalid
  std::vector<Problem>* problems_;
  std::map<std::string, WeekTable> tables_;                // by file
  std::set<std::pair<std::string, std::string>> checked_;  // (file, column) already checked
};

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_SCENARIO_TABLE_READER_H_
