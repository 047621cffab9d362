#include "model/plan/integer_program.h"

#include <coin/Cbc_C_Interface.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

namespace fccsim::model {
namespace {

// CBC's "infinity" for bounds.
constexpr double kCbcInfinity = 1e30;

double ToCbc(double bound) {
  return std::isinf(bound) ? std::copysign(kCbcInfinity, bound) : bound;
}

struct DeleteModel {
  void operator()(Cbc_Model* model) const { Cbc_deleteModel(model); }
};

}  // namespace

int IntegerProgram::AddColumn(double column_cost, double column_lower, double column_upper) {
  cost.push_back(column_cost);
  lower.push_back(column_lower);
  upper.push_back(column_upper);
  return static_cast<int>(cost.size()) - 1;
}

std::string StatusName(SolveStatus status) {
  switch (status) {
    case SolveStatus::kOptimal:
      return "optimal within the gap";
    case SolveStatus::kFeasible:
      return "feasible, not proven optimal";
    case SolveStatus::kInfeasible:
      return "infeasible";
    case SolveStatus::kNoSolution:
      return "no solution found";
  }
  return "unknown";
}

std::string SolverName() { return std::string("COIN-OR CBC ") + Cbc_getVersion(); }

Solution Solve(const IntegerProgram& program, const SolveOptions& options) {
  const auto columns = static_cast<int>(program.cost.size());
  const auto rows = static_cast<int>(program.rows.size());
  // Column-major, as CBC loads it.
  std::vector<std::vector<std::pair<int, double>>> by_column(program.cost.size());
  for (int r = 0; r < rows; ++r) {
    for (const IntegerProgram::Term& t : program.rows[static_cast<std::size_t>(r)].terms) {
      by_column[static_cast<std::size_t>(t.column)].emplace_back(r, t.coefficient);
    }
  }
  std::vector<CoinBigIndex> start{0};
  std::vector<int> index;
  std::vector<double> value;
  for (const auto& column : by_column) {
    for (const auto& [r, v] : column) {
      index.push_back(r);
      value.push_back(v);
    }
    start.push_back(static_cast<CoinBigIndex>(index.size()));
  }
  std::vector<double> col_lower, col_upper, row_lower, row_upper;
  for (std::size_t c = 0; c < program.cost.size(); ++c) {
    col_lower.push_back(ToCbc(program.lower[c]));
    col_upper.push_back(ToCbc(program.upper[c]));
  }
  for (const IntegerProgram::Row& row : program.rows) {
    row_lower.push_back(ToCbc(row.lower));
    row_upper.push_back(ToCbc(row.upper));
  }
  const std::unique_ptr<Cbc_Model, DeleteModel> model(Cbc_newModel());
  Cbc_Model* m = model.get();
  Cbc_loadProblem(m, columns, rows, start.data(), index.data(), value.data(), col_lower.data(),
                  col_upper.data(), program.cost.data(), row_lower.data(), row_upper.data());
  for (int c = 0; c < columns; ++c) Cbc_setInteger(m, c);
  if (!program.start.empty()) {
    std::vector<int> all(program.start.size());
    for (std::size_t c = 0; c < all.size(); ++c) all[c] = static_cast<int>(c);
    Cbc_setMIPStartI(m, static_cast<int>(all.size()), all.data(), program.start.data());
  }
  Cbc_setObjSense(m, 1);  // minimise
  Cbc_setLogLevel(m, 0);
  Cbc_setMaximumSeconds(m, options.time_limit_s);
  Cbc_setAllowableFractionGap(m, options.relative_gap);
  // Covering programmes of shifts have LP relaxations close to integral, where CBC's root
  // cut rounds and probing cost far more (seconds on thousands of dense columns) than the
  // bound they add: one round, no probing (measured on the example's week: 7 s against 18).
  Cbc_setParameter(m, "passCuts", "1");
  Cbc_setParameter(m, "probing", "off");
  Cbc_solve(m);

  Solution out;
  const double* x = Cbc_bestSolution(m);
  if (Cbc_isProvenInfeasible(m) != 0) {
    out.status = SolveStatus::kInfeasible;
    return out;
  }
  if (x == nullptr) return out;
  out.status = Cbc_isProvenOptimal(m) != 0 ? SolveStatus::kOptimal : SolveStatus::kFeasible;
  for (int c = 0; c < columns; ++c) {
    out.x.push_back(std::llround(x[c]));
    out.objective += program.cost[static_cast<std::size_t>(c)] * static_cast<double>(out.x.back());
  }
  out.bound = std::min(out.objective, Cbc_getBestPossibleObjValue(m));
  return out;
}

}  // namespace fccsim::model
