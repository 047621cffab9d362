#include "model/scenario/scenario_validator.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <set>
#include <utility>

#include "model/scenario/model_spec.h"
#include "model/scenario/planning_validator.h"
#include "model/scenario/suggest.h"
#include "model/scenario/weekday_names.h"
#include "model/scenario/workload.h"
#include "sim/check.h"
#include "sim/samplers.h"

namespace fccsim::model {
namespace {

using google::protobuf::RepeatedField;

constexpr int kMinutesPerDay = 1440;
constexpr double kMaxWarmUpHours = 24.0 * kDaysPerWeek;
constexpr int kMaxChatSessions = 32;   // sessions a chat handler holds at once
constexpr int kManyChatSessions = 6;   // more is implausible for one person
constexpr double kMaxChatSlowdown = 10;
constexpr double kMaxDailyCv = 10;      // days' busyness factors: Gamma of shape 1/cv^2
constexpr double kMinDailyCv = 1e-6;
constexpr double kShortTalkS = 5;       // below: seconds probably meant as minutes
constexpr double kHighShrinkage = 0.6;  // above: probably not meant
constexpr double kMaxHoldS = 3600;      // mental_health.max_wait_s

std::string Got(double x) { return " (got " + FormatProblemNumber(x) + ")"; }
std::string Got(long long x) { return " (got " + std::to_string(x) + ")"; }
std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

// Each returns "" when the value is acceptable, else what is wrong with it.
std::string FiniteProblem(double x) {
  return std::isfinite(x) ? "" : "must be a finite number" + Got(x);
}
std::string NonNegativeProblem(double x) {
  if (!std::isfinite(x)) return FiniteProblem(x);
  return x >= 0 ? "" : "must be >= 0" + Got(x);
}
std::string WeekdayProblem(int weekday) {
  if (fccsim::Weekday_IsValid(weekday) && weekday != fccsim::WEEKDAY_UNSPECIFIED) return "";
  return "must be one of MONDAY..SUNDAY" + Got(static_cast<long long>(weekday));
}
std::string PercentHint(double x);

// A probability: a finite number in [0, 1].
std::string ProbabilityProblem(double p) {
  if (std::string problem = FiniteProblem(p); !problem.empty()) return problem;
  return p >= 0 && p <= 1 ? "" : "must be in [0, 1]" + Got(p) + PercentHint(p);
}

// For a fraction written as a percentage (90 for 0.9), the likely fix.
std::string PercentHint(double x) {
  return x >= 5 && x <= 100 ? "; a percentage? write " + FormatProblemNumber(x / 100) + " for " +
                                 FormatProblemNumber(x) + "%"
                           : "";
}

// A duration in seconds: >= 0, at most kMaxDurationS, and not so short that it would round to
// no time at all in the simulation's microsecond ticks.
std::string DurationProblem(double seconds) {
  if (std::string problem = NonNegativeProblem(seconds); !problem.empty()) return problem;
  if (seconds > kMaxDurationS) {
    return "must be <= " + FormatProblemNumber(kMaxDurationS) + " s (366 days)" + Got(seconds);
  }
  if (seconds > 0 && seconds < kMinDurationS) {
    return "shorter than the simulation's tick of a microsecond: give 0 or at least 1e-06 s" +
           Got(seconds);
  }
  return "";
}
std::string ClockProblem(const std::string& text) {
  if (text.empty()) return "required (HH:MM)";
  return ParseClockMinutes(text) ? "" : "not a time HH:MM (got " + Quote(text) + ")";
}

// Which field of a distribution's parameter message each sim::Distribution::Try* parameter
// name refers to, so that its error can be placed on the field the planner wrote.
struct ParameterField {
  std::string_view parameter;
  std::string_view field;
};

class Validator {
 public:
  Validator(const fccsim::Scenario& scenario, std::vector<Problem>* problems)
      : scenario_(scenario), problems_(problems) {}

  void Run(const FieldRef& root) {
    CheckHorizon(root.Child("horizon"));
    if (scenario_.channels().empty()) {
      Report(root.Child("channels"), "no channels (a scenario needs at least one)");
    }
    std::map<std::string, int> channel_index;
    for (int i = 0; i < scenario_.channels_size(); ++i) {
      const FieldRef channel = root.Child("channels", i);
      const std::string& name = scenario_.channels(i).name();
      if (name.empty()) {
        Report(channel.Child("name"), "must not be empty");
      } else if (auto [it, added] = channel_index.emplace(name, i); !added) {
        Report(channel.Child("name"), "duplicate channel name " + Quote(name) + " (also channels[" +
                                          std::to_string(it->second) + "])");
      }
      CheckChannel(channel, scenario_.channels(i));
    }
    CheckGroups(root, channel_index);
    CheckRoster(root.Child("roster"));
    CheckTriage(root);
    if (scenario_.run().replications() > kMaxReplications) {
      Report(root.Child("run").Child("replications"),
             "must be <= " + std::to_string(kMaxReplications) +
                 Got(static_cast<long long>(scenario_.run().replications())));
    }
  }

 private:
  // Appends a problem at `field` unless `message` is empty; returns whether it was empty.
  bool Report(const FieldRef& field, std::string message) {
    if (message.empty()) return true;
    problems_->push_back(field.Error(std::move(message)));
    return false;
  }

  std::vector<std::string> ChannelNames() const {
    std::vector<std::string> names;
    for (const fccsim::Channel& c : scenario_.channels()) names.push_back(c.name());
    return names;
  }
  std::vector<std::string> GroupNames() const {
    std::vector<std::string> names;
    for (const fccsim::HandlerGroup& g : scenario_.groups()) names.push_back(g.name());
    return names;
  }

  // Whether an error has been reported since the problems numbered `before`.
  bool HasErrors(std::size_t before) const {
    return std::any_of(problems_->begin() + static_cast<std::ptrdiff_t>(before), problems_->end(),
                       [](const Problem& p) { return !p.warning; });
  }

  void Warn(const FieldRef& field, std::string message) {
    problems_->push_back(field.Warning(std::move(message)));
  }

  int IntervalsPerDay() const {
    const unsigned interval = scenario_.horizon().interval_minutes();
    return interval >= 1 && kMinutesPerDay % interval == 0 ? kMinutesPerDay / interval : 0;
  }

  void CheckHorizon(const FieldRef& horizon) {
    const fccsim::Horizon& h = scenario_.horizon();
    Report(horizon.Child("start_weekday"), WeekdayProblem(h.start_weekday()));
    if (h.days() < 1) {
      Report(horizon.Child("days"), "must be >= 1" + Got(static_cast<long long>(h.days())));
    } else if (h.days() > kMaxScenarioDays) {
      Report(horizon.Child("days"), "must be <= " + std::to_string(kMaxScenarioDays) +
                                        " (ten years)" + Got(static_cast<long long>(h.days())));
    }
    if (IntervalsPerDay() == 0) {
      Report(horizon.Child("interval_minutes"),
             "must divide 1440 (the minutes of a day)" +
                 Got(static_cast<long long>(h.interval_minutes())));
    }
    const FieldRef warm_up = horizon.Child("warm_up_hours");
    if (Report(warm_up, NonNegativeProblem(h.warm_up_hours())) &&
        h.warm_up_hours() > kMaxWarmUpHours) {
      Report(warm_up, "must be <= 168 (one week)" + Got(h.warm_up_hours()));
    }
  }

  void CheckChannel(const FieldRef& channel, const fccsim::Channel& c) {
    if (!c.has_arrivals()) {
      Report(channel.Child("arrivals"), "required");
    } else {
      CheckArrivals(channel.Child("arrivals"), c.arrivals());
    }
    if (!c.has_talk()) {
      Report(channel.Child("talk"), "required");
    } else if (const std::size_t before = problems_->size();
               (CheckDistribution(channel.Child("talk"), c.talk()), !HasErrors(before))) {
      if (const double mean = ToDistribution(c.talk()).Mean(); mean < kShortTalkS) {
        Warn(channel.Child("talk"), "a mean talk time of " + FormatProblemNumber(mean) +
                                        " s is implausibly short (under " +
                                        FormatProblemNumber(kShortTalkS) +
                                        " s): durations are in seconds");
      }
    }
    if (c.has_wrap_up()) CheckDistribution(channel.Child("wrap_up"), c.wrap_up());
    if (c.has_patience()) CheckDistribution(channel.Child("patience"), c.patience());
    if (!c.has_target()) {
      Report(channel.Child("target"),
             "required (answer_within_s and fraction, or max_average_answer_s)");
    } else {
      CheckTarget(channel.Child("target"), c.target());
    }
    Report(channel.Child("deployment_probability"), ProbabilityProblem(c.deployment_probability()));
    if (!fccsim::ChannelKind_IsValid(c.kind())) {
      Report(channel.Child("kind"),
             "must be VOICE or CHAT" + Got(static_cast<long long>(c.kind())));
    }
    if (c.kind() == fccsim::CHAT && c.has_mental_health()) {
      Report(channel.Child("mental_health"),
             "not modelled for a chat channel: warm transfers to practitioners are calls "
             "(deployment_probability is)");
    } else if (c.has_mental_health()) {
      CheckMentalHealth(channel.Child("mental_health"), c.mental_health());
    }
    if (Report(channel.Child("short_abandon_s"), DurationProblem(c.short_abandon_s())) &&
        c.has_target() && c.target().answer_within_s() > 0 &&
        c.short_abandon_s() > c.target().answer_within_s()) {
      // Callers who give up within the target time are then excluded from the service level
      // although the target had not yet been missed.
      Warn(channel.Child("short_abandon_s"),
           "above target.answer_within_s (" + FormatProblemNumber(c.target().answer_within_s()) +
               " s): abandonments a caller made before the target time was up are left out");
    }
  }

  void CheckMentalHealth(const FieldRef& field, const fccsim::MentalHealth& m) {
    Report(field.Child("share"), ProbabilityProblem(m.share()));
    Report(field.Child("redirect_share"), ProbabilityProblem(m.redirect_share()));
    Report(field.Child("divert_probability"), ProbabilityProblem(m.divert_probability()));
    if (m.redirect_share() > 0 && !m.has_redirect_handling()) {
      Report(field.Child("redirect_handling"), "required when redirect_share > 0");
    }
    if (m.has_redirect_handling()) {
      CheckDistribution(field.Child("redirect_handling"), m.redirect_handling());
    }
    if (Transfers(m)) {
      if (!m.has_transfer()) {
        Report(field.Child("transfer"),
               "required: the flagged contacts not redirected are transferred to a practitioner");
      }
      if (m.max_wait_s() == 0) {
        Report(field.Child("max_wait_s"),
               "required (> 0): how long the call handler holds for a practitioner");
      }
      if (!scenario_.has_triage()) {
        Report(field, "transfers contacts to practitioners, but the scenario has no triage "
                      "(give triage { group: ... duration { ... } })");
      }
    }
    if (m.has_transfer()) CheckDistribution(field.Child("transfer"), m.transfer());
    if (Report(field.Child("max_wait_s"), DurationProblem(m.max_wait_s())) &&
        m.max_wait_s() > kMaxHoldS) {
      // A call handler holding for hours would jam the centre whenever no practitioner is on.
      Report(field.Child("max_wait_s"), "must be <= 3600 (a call handler holds at most an hour)" +
                                            Got(m.max_wait_s()));
    }
    if (m.has_fallback()) CheckDistribution(field.Child("fallback"), m.fallback());
  }

  // Whether some flagged contacts are offered to a practitioner.
  static bool Transfers(const fccsim::MentalHealth& m) {
    return m.share() > 0 && m.redirect_share() < 1;
  }

  void CheckTriage(const FieldRef& root) {
    if (!scenario_.has_triage()) return;
    const FieldRef triage = root.Child("triage");
    const fccsim::Triage& t = scenario_.triage();
    if (t.group().empty()) {
      Report(triage.Child("group"), "must name the practitioners' handler group");
    } else if (std::none_of(scenario_.groups().begin(), scenario_.groups().end(),
                            [&](const fccsim::HandlerGroup& g) { return g.name() == t.group(); })) {
      Report(triage.Child("group"),
             "no handler group named " + Quote(t.group()) + DidYouMean(t.group(), GroupNames()));
    }
    if (!t.has_duration()) {
      Report(triage.Child("duration"), "required: a practitioner's time per triaged contact");
    } else {
      CheckDistribution(triage.Child("duration"), t.duration());
    }
    const bool used = std::any_of(scenario_.channels().begin(), scenario_.channels().end(),
                                  [](const fccsim::Channel& c) {
                                    return c.has_mental_health() && Transfers(c.mental_health());
                                  });
    if (!used) {
      Warn(triage, "no channel transfers contacts to the practitioners (give a channel "
                   "mental_health with a share)");
    }
  }

  void CheckTarget(const FieldRef& target, const fccsim::AnswerTarget& t) {
    const bool within_ok =
        Report(target.Child("answer_within_s"), DurationProblem(t.answer_within_s()));
    const FieldRef fraction = target.Child("fraction");
    const bool fraction_ok = Report(fraction, FiniteProblem(t.fraction()));
    const bool asa_ok =
        Report(target.Child("max_average_answer_s"), DurationProblem(t.max_average_answer_s()));
    if (!within_ok || !fraction_ok || !asa_ok) return;
    const bool has_service_level = t.fraction() != 0 || t.answer_within_s() != 0;
    if (has_service_level && !(t.fraction() > 0 && t.fraction() <= 1)) {
      Report(fraction, "must be in (0, 1]" + Got(t.fraction()) + PercentHint(t.fraction()));
    } else if (!has_service_level && t.max_average_answer_s() == 0) {
      Report(target, "sets no target (give answer_within_s and fraction, or max_average_answer_s)");
    }
  }

  void CheckArrivals(const FieldRef& arrivals, const fccsim::Arrivals& a) {
    switch (a.volume_case()) {
      case fccsim::Arrivals::kTable:
        if (a.table().csv().empty()) {
          Report(arrivals.Child("table").Child("csv"), "must name a CSV file");
        }
        break;
      case fccsim::Arrivals::kWeekly:
        CheckWeekly(arrivals.Child("weekly"), a.weekly());
        break;
      case fccsim::Arrivals::VOLUME_NOT_SET:
        Report(arrivals, "no volume (give table or weekly)");
        break;
    }
    const FieldRef cv = arrivals.Child("daily_volume_cv");
    if (Report(cv, NonNegativeProblem(a.daily_volume_cv())) && a.daily_volume_cv() > kMaxDailyCv) {
      Report(cv, "must be <= " + FormatProblemNumber(kMaxDailyCv) + Got(a.daily_volume_cv()));
    } else if (a.daily_volume_cv() > 0 && a.daily_volume_cv() < kMinDailyCv) {
      // The busyness factor is a gamma of shape 1/cv^2, which overflows for tiny cvs.
      Report(cv, "must be 0 or at least " + FormatProblemNumber(kMinDailyCv) +
                     Got(a.daily_volume_cv()));
    }
    for (int i = 0; i < a.surges_size(); ++i) {
      CheckSurge(arrivals.Child("surges", i), a.surges(i));
    }
  }

  void CheckWeekly(const FieldRef& weekly, const fccsim::WeeklyShape& w) {
    Report(weekly.Child("contacts_per_week"), NonNegativeProblem(w.contacts_per_week()));
    CheckWeights(weekly, "weekday_weights", w.weekday_weights(), kDaysPerWeek,
                 "one per weekday, Monday first");
    if (const int intervals = IntervalsPerDay(); intervals > 0) {
      CheckWeights(weekly, "intraday_weights", w.intraday_weights(), intervals,
                   "one per interval of the day");
    }
  }

  // Relative weights: none (all equal) or `size` non-negative numbers with a positive sum.
  void CheckWeights(const FieldRef& parent, std::string_view name,
                    const RepeatedField<double>& weights, int size, std::string_view what) {
    if (weights.empty()) return;
    if (weights.size() != size) {
      Report(parent.Child(name), "must have 0 or " + std::to_string(size) + " values (" +
                                     std::string(what) + ")" +
                                     Got(static_cast<long long>(weights.size())));
      return;
    }
    bool all_ok = true;
    double sum = 0;
    for (int i = 0; i < weights.size(); ++i) {
      const std::string problem = NonNegativeProblem(weights[i]);
      if (!problem.empty()) all_ok = Report(parent.Child(name, i), problem);
      sum += weights[i];
    }
    if (all_ok && !(sum > 0 && std::isfinite(sum))) {
      Report(parent.Child(name), "must sum to a finite number > 0" + Got(sum));
    }
  }

  void CheckSurge(const FieldRef& surge, const fccsim::Surge& s) {
    const unsigned days = scenario_.horizon().days();
    if (days >= 1 && s.day() >= days) {
      Report(surge.Child("day"), "must be < horizon.days = " + std::to_string(days) +
                                     Got(static_cast<long long>(s.day())));
    }
    Report(surge.Child("start"), ClockProblem(s.start()));
    if (s.duration_minutes() == 0) {
      Report(surge.Child("duration_minutes"), "must be > 0 (got 0)");
    } else if (s.duration_minutes() > kMaxScenarioDays * kMinutesPerDay) {
      Report(surge.Child("duration_minutes"),
             "must be <= " + std::to_string(kMaxScenarioDays * kMinutesPerDay) +
                 " (ten years)" + Got(static_cast<long long>(s.duration_minutes())));
    }
    Report(surge.Child("multiplier"), NonNegativeProblem(s.multiplier()));
  }

  void CheckDistribution(const FieldRef& dist, const fccsim::Distribution& d) {
    using D = fccsim::Distribution;
    using sim::Distribution;
    switch (d.kind_case()) {
      case D::kDeterministicS:
        Report(dist.Child("deterministic_s"), DurationProblem(d.deterministic_s()));
        return;
      case D::kExponential: {
        const FieldRef kind = dist.Child("exponential");
        const auto& p = d.exponential();
        if (AllFinite(kind, {{"mean_s", p.mean_s()}})) {
          ReportTry(kind, Distribution::TryExponential(p.mean_s()), {{"mean", "mean_s"}});
        }
        return;
      }
      case D::kLognormal: {
        const FieldRef kind = dist.Child("lognormal");
        const auto& p = d.lognormal();
        if (AllFinite(kind, {{"mean_s", p.mean_s()}, {"cv", p.cv()}})) {
          ReportTry(kind, Distribution::TryLognormal(p.mean_s(), p.cv()),
                    {{"mean", "mean_s"}, {"cv", "cv"}});
        }
        return;
      }
      case D::kGamma: {
        const FieldRef kind = dist.Child("gamma");
        const auto& p = d.gamma();
        if (AllFinite(kind, {{"shape", p.shape()}, {"scale_s", p.scale_s()}})) {
          ReportTry(kind, Distribution::TryGamma(p.shape(), p.scale_s()),
                    {{"shape", "shape"}, {"scale", "scale_s"}});
        }
        return;
      }
      case D::kErlang: {
        const FieldRef kind = dist.Child("erlang");
        const auto& p = d.erlang();
        if (AllFinite(kind, {{"mean_s", p.mean_s()}})) {
          ReportTry(kind, Distribution::TryErlang(p.k(), p.mean_s()),
                    {{"k", "k"}, {"mean", "mean_s"}});
        }
        return;
      }
      case D::kWeibull: {
        const FieldRef kind = dist.Child("weibull");
        const auto& p = d.weibull();
        if (AllFinite(kind, {{"shape", p.shape()}, {"scale_s", p.scale_s()}})) {
          ReportTry(kind, Distribution::TryWeibull(p.shape(), p.scale_s()),
                    {{"shape", "shape"}, {"scale", "scale_s"}});
        }
        return;
      }
      case D::kUniform: {
        const FieldRef kind = dist.Child("uniform");
        const auto& p = d.uniform();
        // A duration cannot be negative, though a uniform variate in general may be.
        const bool min_ok = Report(kind.Child("min_s"), NonNegativeProblem(p.min_s()));
        if (AllFinite(kind, {{"max_s", p.max_s()}}) && min_ok) {
          ReportTry(kind, Distribution::TryUniform(p.min_s(), p.max_s()),
                    {{"hi - lo", ""}, {"lo", "min_s"}, {"hi", "max_s"}});
        }
        return;
      }
      case D::kEmpirical:
        CheckEmpirical(dist.Child("empirical"), d.empirical());
        return;
      case D::KIND_NOT_SET:
        Report(dist,
               "no distribution set (give one of deterministic_s, exponential, lognormal, gamma, "
               "erlang, weibull, uniform, empirical)");
        return;
    }
  }

  // Reports each parameter that is not a finite number (the Try* factories stop at the first);
  // true when all are.
  bool AllFinite(const FieldRef& kind,
                 std::initializer_list<std::pair<std::string_view, double>> parameters) {
    bool all_ok = true;
    for (const auto& [name, value] : parameters) {
      if (!Report(kind.Child(name), FiniteProblem(value))) all_ok = false;
    }
    return all_ok;
  }

  // Reports the error of a Try* factory, e.g. "Lognormal: cv must be >= 0 (got -1)", at the
  // field the parameter comes from ("lognormal.cv: must be >= 0 (got -1)"); at the
  // distribution as a whole when the error names no single parameter.
  void ReportTry(const FieldRef& kind, const sim::DistributionOrError& result,
                 std::initializer_list<ParameterField> fields) {
    if (result.ok()) {
      CheckMoments(kind, *result.distribution);
      return;
    }
    std::string_view text = result.error;
    if (const std::size_t colon = text.find(": "); colon != std::string_view::npos) {
      text.remove_prefix(colon + 2);
    }
    for (const ParameterField& p : fields) {
      if (text.size() > p.parameter.size() && text.starts_with(p.parameter) &&
          text[p.parameter.size()] == ' ') {
        if (p.field.empty()) break;
        std::string message(text.substr(p.parameter.size() + 1));
        // Uniform names its other bound "lo"; the planner wrote min_s.
        if (const std::size_t lo = message.find(">= lo ="); lo != std::string::npos) {
          message.replace(lo, 7, ">= min_s =");
        }
        Report(kind.Child(p.field), std::move(message));
        return;
      }
    }
    Report(kind, std::string(text));
  }

  // A valid distribution can still describe durations the simulation cannot hold (a Weibull
  // of shape 0.05 has a mean of 10^20 s), or none at all.
  void CheckMoments(const FieldRef& kind, const sim::Distribution& d) {
    const double mean = d.Mean();
    if (!(mean <= kMaxDurationS)) {
      Report(kind, "its mean is " + FormatProblemNumber(mean) + " s, more than 366 days (" +
                       FormatProblemNumber(kMaxDurationS) + " s): check the parameters");
    } else if (mean > 0 && mean < kMinDurationS) {
      Report(kind, "its mean, " + FormatProblemNumber(mean) +
                       " s, is shorter than the simulation's tick of a microsecond");
    } else if (const double cv = std::sqrt(d.Variance()) / mean; mean > 0 && !(cv <= 10)) {
      Warn(kind, "a coefficient of variation of " + FormatProblemNumber(cv) +
                     " is implausible for a duration (above 10): check the parameters");
    }
  }

  void CheckEmpirical(const FieldRef& kind, const fccsim::Empirical& e) {
    bool all_ok = true;
    if (e.values_s().empty()) {
      all_ok = Report(kind.Child("values_s"), "must have at least one value");
    }
    if (e.weights_size() != e.values_s_size()) {
      all_ok = Report(kind.Child("weights"), "must have as many values as values_s (" +
                                                 std::to_string(e.values_s_size()) + ")" +
                                                 Got(static_cast<long long>(e.weights_size())));
    }
    for (int i = 0; i < e.values_s_size(); ++i) {
      const std::string problem = NonNegativeProblem(e.values_s(i));
      if (!problem.empty()) all_ok = Report(kind.Child("values_s", i), problem);
    }
    for (int i = 0; i < e.weights_size(); ++i) {
      const std::string problem = NonNegativeProblem(e.weights(i));
      if (!problem.empty()) all_ok = Report(kind.Child("weights", i), problem);
    }
    if (!all_ok) return;
    const sim::DistributionOrError result = sim::Distribution::TryEmpirical(
        {e.values_s().begin(), e.values_s().end()}, {e.weights().begin(), e.weights().end()});
    ReportTry(kind, result, {});
  }

  void CheckGroups(const FieldRef& root, const std::map<std::string, int>& channel_index) {
    if (scenario_.groups().empty()) {
      Report(root.Child("groups"), "no handler groups (a scenario needs at least one)");
    }
    std::map<std::string, int> group_index;
    std::set<std::string> answered;
    for (int g = 0; g < scenario_.groups_size(); ++g) {
      const FieldRef group = root.Child("groups", g);
      const fccsim::HandlerGroup& hg = scenario_.groups(g);
      if (hg.name().empty()) {
        Report(group.Child("name"), "must not be empty");
      } else if (auto [it, added] = group_index.emplace(hg.name(), g); !added) {
        Report(group.Child("name"), "duplicate group name " + Quote(hg.name()) + " (also groups[" +
                                        std::to_string(it->second) + "])");
      }
      const bool practitioners = scenario_.has_triage() && hg.name() == scenario_.triage().group();
      if (practitioners && !hg.skills().empty()) {
        Report(group.Child("skills"),
               "the triage group (triage.group) answers no channel: give it no skills");
      } else if (!practitioners && hg.skills().empty()) {
        Report(group.Child("skills"), "must name at least one channel");
      }
      CheckChatSettings(group, hg, channel_index);
      std::set<std::string> seen;
      for (int s = 0; s < hg.skills_size(); ++s) {
        const std::string& skill = hg.skills(s);
        if (!channel_index.contains(skill)) {
          Report(group.Child("skills", s),
                 "no channel named " + Quote(skill) + DidYouMean(skill, ChannelNames()));
        } else if (!seen.insert(skill).second) {
          Report(group.Child("skills", s), Quote(skill) + " listed twice");
        }
        answered.insert(skill);
      }
    }
    for (int i = 0; i < scenario_.channels_size(); ++i) {
      const std::string& name = scenario_.channels(i).name();
      if (!name.empty() && !answered.contains(name)) {
        Report(root.Child("channels", i),
               "channel nobody can answer (no group has " + Quote(name) + " among its skills)");
      }
    }
  }

  // A group's Live Chat settings (docs/model.md, "Live Chat").
  void CheckChatSettings(const FieldRef& group, const fccsim::HandlerGroup& hg,
                         const std::map<std::string, int>& channel_index) {
    bool chat = false, voice = false;
    for (const std::string& skill : hg.skills()) {
      if (const auto it = channel_index.find(skill); it != channel_index.end()) {
        (scenario_.channels(it->second).kind() == fccsim::CHAT ? chat : voice) = true;
      }
    }
    if (hg.has_max_chat_sessions()) {
      const FieldRef k = group.Child("max_chat_sessions");
      const auto sessions = static_cast<long long>(hg.max_chat_sessions());
      if (sessions < 1 || sessions > kMaxChatSessions) {
        Report(k, "must be in [1, " + std::to_string(kMaxChatSessions) + "]" + Got(sessions));
      } else if (!chat && sessions > 1) {
        Warn(k, "the group has no chat skill: its handlers hold no chat session");
      } else if (sessions > kManyChatSessions) {
        Warn(k, std::to_string(sessions) + " chats at once is implausibly many for one person "
                                           "(more than " + std::to_string(kManyChatSessions) + ")");
      }
    }
    const FieldRef slowdown = group.Child("chat_slowdown");
    if (Report(slowdown, NonNegativeProblem(hg.chat_slowdown())) &&
        hg.chat_slowdown() > kMaxChatSlowdown) {
      Report(slowdown, "must be <= " + FormatProblemNumber(kMaxChatSlowdown) +
                           Got(hg.chat_slowdown()));
    } else if (hg.chat_slowdown() > 0 && !chat) {
      Warn(slowdown, "the group has no chat skill: the slowdown applies to nothing");
    }
    if (!fccsim::Blending_IsValid(hg.blending())) {
      Report(group.Child("blending"), "must be CHATS_UNTIL_FULL or DRAIN_FOR_CALLS" +
                                          Got(static_cast<long long>(hg.blending())));
    } else if (hg.blending() != fccsim::CHATS_UNTIL_FULL && !(chat && voice)) {
      Warn(group.Child("blending"),
           "the group does not answer both voice and chat channels: blending changes nothing");
    }
  }

  void CheckRoster(const FieldRef& roster) {
    const fccsim::Roster& r = scenario_.roster();
    if (r.shifts().empty() && r.headcount_csv().empty()) {
      Report(roster, "no roster (give shifts or headcount_csv)");
    }
    const FieldRef shrinkage = roster.Child("shrinkage");
    if (Report(shrinkage, FiniteProblem(r.shrinkage())) &&
        !(r.shrinkage() >= 0 && r.shrinkage() < 1)) {
      Report(shrinkage, "must be in [0, 1)" + Got(r.shrinkage()) + PercentHint(r.shrinkage()));
    } else if (r.shrinkage() > kHighShrinkage) {
      Warn(shrinkage, "more than " + FormatProblemNumber(kHighShrinkage * 100) +
                          "% of rostered handlers absent is implausible" + Got(r.shrinkage()));
    }
    for (int i = 0; i < r.shifts_size(); ++i) CheckShift(roster.Child("shifts", i), r.shifts(i));
    CheckShiftKeysDistinct(roster);
  }

  // Shifts of one group with the same key on a common weekday would share their absence
  // streams (and a planner reading "Early" could not tell them apart either).
  void CheckShiftKeysDistinct(const FieldRef& roster) {
    const auto& shifts = scenario_.roster().shifts();
    auto days = [](const fccsim::Shift& s) {
      unsigned mask = 0;
      for (int w : s.weekdays()) mask |= 1u << (w & 31);
      return mask == 0 ? ~0u : mask;
    };
    // The earlier shifts of each (group, key), so that a roster of many shifts is checked in
    // time proportional to its length, not its square.
    std::map<std::pair<std::string, std::string>, std::vector<int>> earlier_of;
    for (int i = 0; i < shifts.size(); ++i) {
      const fccsim::Shift& later = shifts[i];
      if (later.group().empty()) continue;
      std::vector<int>& earlier = earlier_of[{later.group(), ShiftKey(later)}];
      for (int j : earlier) {
        if ((days(shifts[j]) & days(later)) == 0) continue;
        const std::string other = "roster.shifts[" + std::to_string(j) + "]";
        if (later.name().empty()) {
          Report(roster.Child("shifts", i),
                 "unnamed, with the same group, start and length as " + other +
                     " on a common weekday: give them distinct names (names key each shift's "
                     "absences)");
        } else {
          Report(roster.Child("shifts", i).Child("name"),
                 "shift " + Quote(later.name()) + " of group " + Quote(later.group()) +
                     " is also " + other + " on a common weekday: give them distinct names");
        }
        break;
      }
      earlier.push_back(i);
    }
  }

  void CheckShift(const FieldRef& shift, const fccsim::Shift& s) {
    if (s.group().empty()) {
      Report(shift.Child("group"), "must name a handler group");
    } else if (std::none_of(scenario_.groups().begin(), scenario_.groups().end(),
                            [&](const fccsim::HandlerGroup& g) { return g.name() == s.group(); })) {
      Report(shift.Child("group"),
             "no handler group named " + Quote(s.group()) + DidYouMean(s.group(), GroupNames()));
    }
    Report(shift.Child("start"), ClockProblem(s.start()));
    const bool length_ok = s.length_minutes() > 0 && s.length_minutes() <= kMinutesPerDay;
    if (s.length_minutes() == 0) {
      Report(shift.Child("length_minutes"), "must be > 0 (got 0)");
    } else if (s.length_minutes() > kMinutesPerDay) {
      Report(shift.Child("length_minutes"),
             "must be <= 1440 (24 hours)" + Got(static_cast<long long>(s.length_minutes())));
    }
    if (s.headcount() > kMaxShiftHeadcount) {
      Report(shift.Child("headcount"), "must be <= " + std::to_string(kMaxShiftHeadcount) +
                                           Got(static_cast<long long>(s.headcount())));
    }
    std::set<int> weekdays;
    for (int j = 0; j < s.weekdays_size(); ++j) {
      const int weekday = s.weekdays(j);
      if (!Report(shift.Child("weekdays", j), WeekdayProblem(weekday))) continue;
      if (!weekdays.insert(weekday).second) {
        Report(shift.Child("weekdays", j),
               fccsim::Weekday_Name(static_cast<fccsim::Weekday>(weekday)) + " listed twice");
      }
    }
    for (int k = 0; k < s.breaks_size(); ++k) {
      const FieldRef brk = shift.Child("breaks", k);
      const fccsim::Break& b = s.breaks(k);
      if (b.length_minutes() == 0) {
        Report(brk.Child("length_minutes"), "must be > 0 (got 0)");
        continue;
      }
      // In 64 bits: after + length of two uint32 values cannot overflow.
      const std::uint64_t end = std::uint64_t{b.after_minutes()} + b.length_minutes();
      if (length_ok && end > s.length_minutes()) {
        Report(brk, "ends after the shift (after_minutes " + std::to_string(b.after_minutes()) +
                        " + length_minutes " + std::to_string(b.length_minutes()) + " > " +
                        std::to_string(s.length_minutes()) + ")");
        continue;
      }
      for (int earlier = 0; earlier < k; ++earlier) {
        const fccsim::Break& e = s.breaks(earlier);
        const std::uint64_t e_end = std::uint64_t{e.after_minutes()} + e.length_minutes();
        if (e.length_minutes() > 0 && b.after_minutes() < e_end && e.after_minutes() < end) {
          Report(brk, "overlaps breaks[" + std::to_string(earlier) + "]");
          break;
        }
      }
    }
  }

  const fccsim::Scenario& scenario_;
  std::vector<Problem>* problems_;
};

}  // namespace

FieldRef::FieldRef(std::string file, const google::protobuf::Descriptor* type,
                   const google::protobuf::TextFormat::ParseInfoTree* locations)
    : file_(std::move(file)), type_(type), locations_(locations) {}

FieldRef FieldRef::Child(std::string_view name, int index) const {
  FCCSIM_CHECK(type_ != nullptr, "FieldRef::Child(" + std::string(name) + ") of " + path_ +
                                     ", which is not a message");
  const google::protobuf::FieldDescriptor* field = type_->FindFieldByName(std::string(name));
  FCCSIM_CHECK(field != nullptr, type_->full_name() + " has no field " + std::string(name));
  FieldRef child;
  child.file_ = file_;
  child.path_ = path_.empty() ? std::string(name) : path_ + "." + std::string(name);
  if (index >= 0) child.path_ += "[" + std::to_string(index) + "]";
  if (!field->is_repeated() || index >= 0) child.type_ = field->message_type();
  child.line_ = line_;
  child.column_ = column_;
  if (locations_ != nullptr) {
    const int element = field->is_repeated() ? std::max(index, 0) : -1;
    // The list syntax (`weekdays: [MONDAY, 12]`) records one location for the whole list,
    // so an element without its own takes the nearest earlier one.
    for (int i = element;; --i) {
      const auto location = locations_->GetLocation(field, i);
      if (location.line >= 0) {
        child.line_ = location.line + 1;  // the parser counts from 0
        child.column_ = location.column + 1;
        break;
      }
      if (i <= 0) break;
    }
    if (child.type_ != nullptr) child.locations_ = locations_->GetTreeForNested(field, element);
  }
  return child;
}

Problem FieldRef::Error(std::string message) const {
  return Problem{file_, line_, column_, path_, std::move(message)};
}

Problem FieldRef::Warning(std::string message) const {
  return Problem{file_, line_, column_, path_, std::move(message), /*warning=*/true};
}

void ApplyScenarioDefaults(fccsim::Scenario* scenario) {
  fccsim::Horizon* horizon = scenario->mutable_horizon();
  if (horizon->start_weekday() == fccsim::WEEKDAY_UNSPECIFIED) {
    horizon->set_start_weekday(fccsim::MONDAY);
  }
  if (horizon->interval_minutes() == 0) horizon->set_interval_minutes(15);
  fccsim::RunSettings* run = scenario->mutable_run();
  if (run->replications() == 0) run->set_replications(10);
  if (run->seed() == 0) run->set_seed(1);
  for (fccsim::Channel& channel : *scenario->mutable_channels()) {
    if (channel.arrivals().has_table() && channel.arrivals().table().column().empty()) {
      channel.mutable_arrivals()->mutable_table()->set_column("calls_" + channel.name());
    }
  }
  ApplyPlanningDefaults(scenario);
}

void ValidateScenario(const fccsim::Scenario& scenario, const FieldRef& root,
                      std::vector<Problem>* problems) {
  Validator(scenario, problems).Run(root);
  ValidatePlanning(scenario, root, problems);
}

void CheckEveryGroupStaffed(const fccsim::Scenario& scenario, const FieldRef& root,
                            const std::vector<bool>& staffed_by_table,
                            std::vector<Problem>* problems) {
  const fccsim::Roster& roster = scenario.roster();
  for (int g = 0; g < scenario.groups_size(); ++g) {
    const std::string& name = scenario.groups(g).name();
    if (name.empty()) continue;  // reported already; a nameless group cannot be staffed
    const bool by_shift =
        std::any_of(roster.shifts().begin(), roster.shifts().end(),
                    [&](const fccsim::Shift& s) { return s.group() == name && s.headcount() > 0; });
    const bool by_table =
        static_cast<std::size_t>(g) < staffed_by_table.size() && staffed_by_table[g];
    if (by_shift || by_table) continue;
    std::string message = "group never staffed (no shift with headcount > 0";
    if (!roster.headcount_csv().empty()) message += " and no headcount in roster.headcount_csv";
    message += ")";
    if (scenario.has_triage() && name == scenario.triage().group()) {
      // A centre without its practitioners is a case a planner may well ask about.
      problems->push_back(root.Child("groups", g).Warning(
          message + ": every transfer to a practitioner falls back to the call handler"));
    } else {
      problems->push_back(root.Child("groups", g).Error(message));
    }
  }
}

std::string ShiftKey(const fccsim::Shift& shift) {
  if (!shift.name().empty()) return shift.name();
  return shift.start() + "+" + std::to_string(shift.length_minutes()) + "m";
}

std::optional<int> ParseClockMinutes(std::string_view text) {
  const std::size_t colon = text.find(':');
  if (colon != 1 && colon != 2) return std::nullopt;
  if (text.size() != colon + 3) return std::nullopt;
  const auto digits = [](std::string_view s, int* value) {
    if (s.empty() ||
        !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return false;
    }
    std::from_chars(s.data(), s.data() + s.size(), *value);
    return true;
  };
  int hours = 0;
  int minutes = 0;
  if (!digits(text.substr(0, colon), &hours) || !digits(text.substr(colon + 1), &minutes)) {
    return std::nullopt;
  }
  if (hours > 23 || minutes > 59) return std::nullopt;
  return hours * 60 + minutes;
}

std::string FormatClockMinutes(int minutes) {
  FCCSIM_CHECK(minutes >= 0 && minutes < kMinutesPerDay,
               "minutes after midnight out of range: " + std::to_string(minutes));
  char text[6];
  text[0] = static_cast<char>('0' + minutes / 600);
  text[1] = static_cast<char>('0' + minutes / 60 % 10);
  text[2] = ':';
  text[3] = static_cast<char>('0' + minutes % 60 / 10);
  text[4] = static_cast<char>('0' + minutes % 10);
  text[5] = '\0';
  return text;
}

std::string FormatProblemNumber(double x) {
  char text[32];
  const auto result = std::to_chars(text, text + sizeof text, x);
  return std::string(text, result.ptr);
}

}  // namespace fccsim::model
