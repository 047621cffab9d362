#include "model/scenario/suggest.h"

#include <algorithm>
#include <cstddef>

namespace fccsim::model {
namespace {

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Optimal string alignment distance, case-insensitive; stops early (returning limit + 1) once
// the distance must exceed `limit`, so a long list of candidates costs little.
std::size_t EditDistance(std::string_view a, std::string_view b, std::size_t limit) {
  const std::size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > limit) return limit + 1;
  std::vector<std::size_t> before(m + 1), previous(m + 1), current(m + 1);
  for (std::size_t j = 0; j <= m; ++j) previous[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    current[0] = i;
    std::size_t row_min = current[0];
    for (std::size_t j = 1; j <= m; ++j) {
      const bool same = Lower(a[i - 1]) == Lower(b[j - 1]);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (same ? 0 : 1)});
      if (i > 1 && j > 1 && Lower(a[i - 1]) == Lower(b[j - 2]) &&
          Lower(a[i - 2]) == Lower(b[j - 1])) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
      row_min = std::min(row_min, current[j]);
    }
    if (row_min > limit) return limit + 1;
    before.swap(previous);
    previous.swap(current);
  }
  return previous[m];
}

std::size_t EditsAllowed(std::string_view name) {
  return name.size() <= 4 ? 1 : name.size() <= 8 ? 2 : 3;
}

}  // namespace

std::optional<std::string> ClosestName(std::string_view typo,
                                       const std::vector<std::string>& candidates) {
  if (std::find(candidates.begin(), candidates.end(), typo) != candidates.end()) {
    return std::nullopt;
  }
  const std::size_t allowed = EditsAllowed(typo);
  std::optional<std::string> best;
  std::size_t best_distance = allowed + 1;
  for (const std::string& candidate : candidates) {
    const std::size_t distance = EditDistance(typo, candidate, allowed);
    // Half a name changed is no typo ("x" for "a").
    if (2 * distance >= std::max(typo.size(), candidate.size())) continue;
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

std::string DidYouMean(std::string_view typo, const std::vector<std::string>& candidates) {
  const std::optional<std::string> name = ClosestName(typo, candidates);
  return name ? " (did you mean \"" + *name + "\"?)" : "";
}

}  // namespace fccsim::model
