#ifndef FCCSIM_MODEL_CLI_ERLANG_BATCH_H_
#define FCCSIM_MODEL_CLI_ERLANG_BATCH_H_

// `fccsim erlang --batch FILE.csv`: the analytic staffing of every interval of a table, as a
// table a spreadsheet or a WFM system reads back.
//
// The input is a CSV (the dialect of model/scenario/csv_table.h) with a column `calls` (calls
// offered in the interval; another name with --calls-column, e.g. a scenario's arrival table
// and its column calls_999) and, unless the flags give them for every row, `aht_s` (mean
// handling time, talk plus wrap-up) and `patience_s` (mean patience: adds Erlang A). Any
// other columns (weekday, start, channel...) are copied to the output as they are, first.
// Output columns, after those: calls, aht_s, patience_s, erlangs, agents_erlang_c,
// agents_erlang_a (empty without patience), agents (Erlang A's with patience, else Erlang
// C's), binding (the part of the target that set it), rostered (agents grossed up for
// shrinkage and breaks), then service_level, asa_s, occupancy and p_abandon with `agents` on
// duty (empty with no calls). Nothing is written unless every row is good.

#include <optional>
#include <ostream>
#include <string>

#include "model/analytics/staffing.h"

namespace fccsim::model {

struct ErlangBatchOptions {
  std::string path;
  std::string calls_column = "calls";
  double interval_minutes = 15;
  StaffingTarget target;
  std::optional<double> aht_s;       // for every row, instead of a column
  std::optional<double> patience_s;  // likewise
  double shrinkage = 0;
  double break_share = 0;
};

// Writes the table to `out`, or problems (as PATH:LINE: column NAME: message) to `err`.
// Returns 0, or 2 on bad input.
int RunErlangBatch(const ErlangBatchOptions& options, std::ostream& out, std::ostream& err);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_CLI_ERLANG_BATCH_H_
