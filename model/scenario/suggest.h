#ifndef FCCSIM_MODEL_SCENARIO_SUGGEST_H_
#define FCCSIM_MODEL_SCENARIO_SUGGEST_H_

// "Did you mean ...?" for a name that matches nothing: a field, an enum value, a channel,
// group or column. A planner's typo is usually one or two keystrokes away from the name meant.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fccsim::model {

// The candidate closest to `typo` in edits (insert, delete, substitute, or swap two adjacent
// characters; letter case ignored) when it is close enough to be what was meant: at most one
// edit for names of up to four characters, two up to eight, three beyond, and fewer than half
// the characters of the longer name. Ties go to the earlier candidate. Nothing when `typo` is
// itself a candidate.
std::optional<std::string> ClosestName(std::string_view typo,
                                       const std::vector<std::string>& candidates);

// ` (did you mean "name"?)`, or "" when no candidate is close.
std::string DidYouMean(std::string_view typo, const std::vector<std::string>& candidates);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_SCENARIO_SUGGEST_H_
