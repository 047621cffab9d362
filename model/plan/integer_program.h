#ifndef FCCSIM_MODEL_PLAN_INTEGER_PROGRAM_H_
#define FCCSIM_MODEL_PLAN_INTEGER_PROGRAM_H_

// A small, solver-neutral integer programme, solved by COIN-OR CBC (Debian's
// coinor-libcbc-dev): minimise c'x subject to lower <= Ax <= upper and bounds on x, every x
// integer. The one file that knows the solver, so that another (GLPK, HiGHS) is a change here.

#include <limits>
#include <string>
#include <vector>

namespace fccsim::model {

inline constexpr double kUnbounded = std::numeric_limits<double>::infinity();

struct IntegerProgram {
  struct Term {
    int column;
    double coefficient;
  };
  struct Row {
    std::vector<Term> terms;
    double lower = -kUnbounded;
    double upper = kUnbounded;
  };
  std::vector<double> cost;        // per column
  std::vector<double> lower;       // per column
  std::vector<double> upper;       // per column; kUnbounded for none
  std::vector<Row> rows;
  // A solution to start from (per column), or empty: the solver keeps it unless it finds a
  // cheaper one, so that among rosters of equal cost the one given stays. Ignored if
  // infeasible.
  std::vector<double> start;

  // Adds a column, returns its index.
  int AddColumn(double column_cost, double column_lower = 0, double column_upper = kUnbounded);
};

struct SolveOptions {
  double time_limit_s = 60;    // the search stops there with the best solution found
  double relative_gap = 1e-4;  // stop once (best - bound) / best is at most this
};

enum class SolveStatus {
  kOptimal,     // proven optimal within the gap
  kFeasible,    // a solution, not proven within the gap (time limit)
  kInfeasible,  // proven to have none
  kNoSolution,  // none found within the time limit
};

struct Solution {
  SolveStatus status = SolveStatus::kNoSolution;
  std::vector<long long> x;   // per column, rounded; empty without a solution
  double objective = 0;       // c'x at x
  double bound = 0;           // the solver's lower bound on the optimum
};

std::string StatusName(SolveStatus status);

// The solver and its version, e.g. "COIN-OR CBC 2.10.8".
std::string SolverName();

// REQUIRES: well-formed: columns in range, lower <= upper, finite costs.
Solution Solve(const IntegerProgram& program, const SolveOptions& options);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_PLAN_INTEGER_PROGRAM_H_
