#include "model/plan/requirements.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

#include "model/analytics/staffing.h"
#include "model/plan/scheduled.h"
#include "model/results/interval_keys.h"
#include "model/scenario/scenario_validator.h"

namespace fccsim::model {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// The analytic formulas' reach (as `fccsim erlang`'s): beyond, an interval is refused.
constexpr double kMaxOfferedErlangs = 100'000;
constexpr double kMaxPatientCallers = 1'000'000;
// A target of 100% within a threshold is never met by a queue with random arrivals: it is
// planned as this.
constexpr double kMaxFraction = 0.9999;

// The mean of the product of the channel's surge multipliers over [from, to).
double MeanMultiplier(const ChannelSpec& ch, sim::Time from, sim::Time to) {
  std::vector<sim::Time> cuts = {from, to};
  for (const SurgeSpec& s : ch.surges) {
    if (s.start > from && s.start < to) cuts.push_back(s.start);
    if (s.end > from && s.end < to) cuts.push_back(s.end);
  }
  std::sort(cuts.begin(), cuts.end());
  double weighted = 0;
  for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
    double m = 1;
    for (const SurgeSpec& s : ch.surges) {
      if (cuts[i] >= s.start && cuts[i] < s.end) m *= s.multiplier;
    }
    weighted += m * static_cast<double>(cuts[i + 1] - cuts[i]);
  }
  return weighted / static_cast<double>(to - from);
}

// Rostered(), and NaN for a group whose shifts are all breaks (allowed, if odd).
double Gross(double on_duty, double shrinkage, double break_share) {
  return break_share < 1 ? Rostered(on_duty, shrinkage, break_share) : kNaN;
}

// One channel's plan; false with *error when an interval is beyond the formulas' reach.
// *servers gets, per interval, the servers needed: handlers for a call, sessions for a chat.
bool PlanChannel(const ModelSpec& spec, int c, const PlanOptions& options,
                 fccsim::ChannelPlan* out, std::vector<double>* servers, std::string* error) {
  const ChannelSpec& ch = spec.channels[static_cast<std::size_t>(c)];
  out->set_name(ch.name);
  out->set_kind(ch.chat ? fccsim::CHAT : fccsim::VOICE);
  // A chat is planned on sessions: each is a server whose work is stretched as when its
  // handler holds k (the slowdown at full concurrency); handlers hold k sessions each. The
  // most specialised group answering the channel gives k and the slowdown.
  int k = 1;
  double stretch = 1;
  if (ch.chat && !ch.routing_groups.empty()) {
    const GroupSpec& g = spec.groups[static_cast<std::size_t>(ch.routing_groups[0])];
    k = g.max_sessions;
    stretch = 1 + g.slowdown * (k - 1);
  }
  const bool patience = ch.patience_s.has_value();
  std::string method = patience ? "Erlang A" : "Erlang C";
  if (ch.chat) method += " on sessions (" + std::to_string(k) + " per handler)";
  out->set_method(method);

  StaffingTarget target;
  target.answer_within_s = sim::SecondsFromTicks(ch.target_threshold);
  target.fraction = std::min(ch.target_fraction, kMaxFraction);
  target.max_asa_s = ch.target_max_average_answer_s;
  target.max_occupancy = options.max_occupancy;
  target.short_abandon_s = sim::SecondsFromTicks(ch.short_abandon);
  const double handle_s =
      (ch.talk_s.Mean() + (ch.wrap_up_s ? ch.wrap_up_s->Mean() : 0.0)) * stretch;
  const double interval_s = sim::SecondsFromTicks(spec.interval);
  // Allowed in a scenario (a warning), but outside what the formulas take.
  if (!(handle_s > 0)) {
    *error = "channel \"" + ch.name + "\": a mean handling time of 0 s cannot be staffed "
             "analytically (give talk or wrap_up a positive mean)";
    return false;
  }
  if (ch.patience_s && !(ch.patience_s->Mean() > 0)) {
    *error = "channel \"" + ch.name + "\": a mean patience of 0 s cannot be staffed with "
             "Erlang A (callers who never wait)";
    return false;
  }

  double agent_hours = 0;
  std::uint32_t peak = 0;
  for (int i = 0; i < spec.reported_intervals; ++i) {
    fccsim::ChannelRequirement* row = out->add_intervals();
    SetIntervalKeys(spec, i, row);
    const sim::Time from = spec.origin + i * spec.interval;
    const double offered = ch.weekly_volume[spec.WeeklySlot(from)] *
                           MeanMultiplier(ch, from, from + spec.interval);
    const double rate = offered / interval_s;
    row->set_offered(offered);
    row->set_erlangs(rate * handle_s);
    const std::string where = "channel \"" + ch.name + "\", day " + std::to_string(row->day()) +
                              " " + row->start();
    if (rate * handle_s > kMaxOfferedErlangs) {
      *error = where + ": an offered load of " + FormatProblemNumber(rate * handle_s) +
               " Erlangs is beyond the analytic formulas (at most " +
               FormatProblemNumber(kMaxOfferedErlangs) + ")";
      return false;
    }
    StaffingLoad load{rate, handle_s, std::nullopt};
    const Staffing c_answer = StaffErlangC(load, target);
    Staffing answer = c_answer;
    if (patience) {
      load.mean_patience_s = ch.patience_s->Mean();
      if (rate * *load.mean_patience_s > kMaxPatientCallers) {
        *error = where + ": a mean patience of " + FormatProblemNumber(*load.mean_patience_s) +
                 " s at this load is beyond Erlang A (arrivals per second x patience above " +
                 FormatProblemNumber(kMaxPatientCallers) + ")";
        return false;
      }
      answer = StaffErlangA(load, target);
      row->set_agents_erlang_a(static_cast<std::uint32_t>((answer.agents + k - 1) / k));
    }
    row->set_agents_erlang_c(static_cast<std::uint32_t>((c_answer.agents + k - 1) / k));
    const auto agents = static_cast<std::uint32_t>((answer.agents + k - 1) / k);
    servers->push_back(answer.agents);
    row->set_agents(agents);
    row->set_binding(BindingName(answer.binding));
    row->set_service_level(answer.service_level);
    row->set_average_answer_s(answer.asa_s);
    row->set_occupancy(answer.occupancy);
    row->set_abandoned_fraction(patience ? answer.p_abandon
                                         : (answer.agents == 0 ? kNaN : 0.0));
    agent_hours += agents * interval_s / 3600;
    peak = std::max(peak, agents);
  }
  out->set_agent_hours(agent_hours);
  out->set_peak_agents(peak);
  return true;
}

// Staffs by simulation from the analytic requirement rounded up (the practitioners as the
// roster puts them on duty), and adds the result to the plan.
void AddSimulation(const ModelSpec& spec, const std::vector<std::vector<double>>& required,
                   const std::vector<std::vector<ScheduledInterval>>& scheduled,
                   const SimulatedStaffingOptions& options, fccsim::PlanResult* plan) {
  std::vector<std::vector<int>> guess(spec.groups.size());
  for (std::size_t g = 0; g < spec.groups.size(); ++g) {
    for (std::size_t i = 0; i < required[g].size(); ++i) {
      guess[g].push_back(static_cast<int>(g) == spec.triage_group
                             ? static_cast<int>(std::lround(scheduled[g][i].on_duty))
                             : static_cast<int>(std::ceil(required[g][i] - 1e-9)));
    }
  }
  const SimulatedStaffing result = StaffBySimulation(spec, guess, options);
  std::uint32_t misses = 0, judged = 0, uncertain = 0;
  for (std::size_t c = 0; c < spec.channels.size(); ++c) {
    fccsim::ChannelPlan* channel = plan->mutable_channels(static_cast<int>(c));
    for (int i = 0; i < channel->intervals_size(); ++i) {
      const SimulatedInterval& first = result.first[c][static_cast<std::size_t>(i)];
      const SimulatedInterval& last = result.final[c][static_cast<std::size_t>(i)];
      fccsim::ChannelRequirement* row = channel->mutable_intervals(i);
      row->set_erlang_simulated_service_level(first.service_level);
      row->set_erlang_simulated_average_answer_s(first.average_answer_s);
      row->set_simulated_service_level(last.service_level);
      row->set_simulated_average_answer_s(last.average_answer_s);
      row->set_erlang_simulated_service_level_ci95(first.service_level_ci95);
      row->set_erlang_simulated_average_answer_ci95(first.average_answer_ci95);
      row->set_simulated_service_level_ci95(last.service_level_ci95);
      row->set_simulated_average_answer_ci95(last.average_answer_ci95);
      uncertain += last.uncertain;
      const bool has_measure = Judged(spec.channels[c], first);
      judged += has_measure;
      misses += has_measure && !first.meets;
    }
  }
  const double hours = sim::SecondsFromTicks(spec.interval) / 3600;
  for (std::size_t g = 0; g < spec.groups.size(); ++g) {
    fccsim::GroupPlan* group = plan->mutable_groups(static_cast<int>(g));
    double total = 0;
    for (int i = 0; i < group->intervals_size(); ++i) {
      const int on = result.on_duty[g][static_cast<std::size_t>(i)];
      fccsim::GroupRequirement* row = group->mutable_intervals(i);
      row->set_simulated_on_duty(static_cast<std::uint32_t>(on));
      row->set_simulated_rostered(Gross(on, spec.shrinkage, group->break_share()));
      total += on * hours;
    }
    group->set_simulated_hours(total);
  }
  fccsim::SimulationSummary* summary = plan->mutable_simulation();
  summary->set_replications(options.replications);
  summary->set_seed(options.seed);
  summary->set_simulations(static_cast<std::uint32_t>(result.simulations));
  summary->set_converged(result.converged);
  summary->set_erlang_misses(misses);
  summary->set_judged_intervals(judged);
  summary->set_uncertain_intervals(uncertain);
  summary->set_confidence(options.confidence);
}

}  // namespace

bool PlanRequirements(const LoadedScenario& loaded, const ModelSpec& spec,
                      const PlanOptions& options, fccsim::PlanResult* plan, std::string* error) {
  plan->Clear();
  plan->set_software_version(FCCSIM_VERSION);
  plan->set_scenario_path(loaded.path);
  for (const std::string& o : loaded.overrides) plan->add_overrides(o);
  *plan->mutable_scenario() = loaded.scenario;
  plan->set_interval_minutes(static_cast<std::uint32_t>(spec.interval / sim::kTicksPerMinute));
  plan->set_days(static_cast<std::uint32_t>(spec.days));
  plan->set_start_weekday(static_cast<fccsim::Weekday>(spec.start_weekday + 1));
  plan->set_shrinkage(spec.shrinkage);
  plan->set_max_occupancy(options.max_occupancy);
  std::vector<std::vector<double>> servers(spec.channels.size());
  for (int c = 0; c < static_cast<int>(spec.channels.size()); ++c) {
    if (!PlanChannel(spec, c, options, plan->add_channels(),
                     &servers[static_cast<std::size_t>(c)], error)) {
      return false;
    }
  }

  // Each channel's servers are shared among the groups answering it in proportion to what the
  // roster puts on duty there in the interval (over the week where it puts nobody; equally
  // where it never does), counted in servers (a chat handler of a group with k sessions is k
  // of them), then turned into handlers of each group: a planner's first cut for handlers
  // with several skills.
  const std::vector<std::vector<ScheduledInterval>> scheduled = ScheduledStaffing(spec);
  const auto intervals = static_cast<std::size_t>(spec.reported_intervals);
  std::vector<std::vector<double>> required(spec.groups.size(), std::vector<double>(intervals));
  std::vector<double> week(spec.groups.size(), 0);
  for (std::size_t g = 0; g < spec.groups.size(); ++g) {
    for (const ScheduledInterval& s : scheduled[g]) week[g] += s.on_duty;
  }
  for (std::size_t c = 0; c < spec.channels.size(); ++c) {
    const std::vector<int>& groups = spec.channels[c].routing_groups;
    // Servers per handler of each group: its k for a chat, else 1.
    std::vector<double> per_handler;
    for (int g : groups) {
      per_handler.push_back(spec.channels[c].chat
                                ? spec.groups[static_cast<std::size_t>(g)].max_sessions
                                : 1.0);
    }
    for (std::size_t i = 0; i < intervals; ++i) {
      const double need = servers[c][i];
      if (need == 0) continue;
      std::vector<double> weight;
      for (std::size_t j = 0; j < groups.size(); ++j) {
        weight.push_back(scheduled[static_cast<std::size_t>(groups[j])][i].on_duty * per_handler[j]);
      }
      if (std::accumulate(weight.begin(), weight.end(), 0.0) == 0) {
        for (std::size_t j = 0; j < groups.size(); ++j) {
          weight[j] = week[static_cast<std::size_t>(groups[j])] * per_handler[j];
        }
      }
      double total = std::accumulate(weight.begin(), weight.end(), 0.0);
      if (total == 0) {
        std::fill(weight.begin(), weight.end(), 1.0);
        total = static_cast<double>(weight.size());
      }
      for (std::size_t j = 0; j < groups.size(); ++j) {
        required[static_cast<std::size_t>(groups[j])][i] += need * weight[j] / total / per_handler[j];
      }
    }
  }
  const double hours = sim::SecondsFromTicks(spec.interval) / 3600;
  for (std::size_t g = 0; g < spec.groups.size(); ++g) {
    fccsim::GroupPlan* out = plan->add_groups();
    out->set_name(spec.groups[g].name);
    const double breaks = BreakShare(spec, static_cast<int>(g));
    out->set_break_share(breaks);
    double required_hours = 0, scheduled_hours = 0;
    std::uint32_t short_intervals = 0;
    for (std::size_t i = 0; i < intervals; ++i) {
      fccsim::GroupRequirement* row = out->add_intervals();
      SetIntervalKeys(spec, static_cast<int>(i), row);
      row->set_required_on_duty(required[g][i]);
      row->set_required_rostered(Gross(required[g][i], spec.shrinkage, breaks));
      row->set_scheduled_rostered(scheduled[g][i].rostered);
      row->set_scheduled_on_duty(scheduled[g][i].on_duty);
      required_hours += required[g][i] * hours;
      scheduled_hours += scheduled[g][i].on_duty * hours;
      short_intervals += scheduled[g][i].on_duty + 1e-9 < required[g][i];
    }
    out->set_required_hours(required_hours);
    out->set_scheduled_hours(scheduled_hours);
    out->set_intervals_short(short_intervals);
  }
  if (options.simulation) AddSimulation(spec, required, scheduled, *options.simulation, plan);
  if (options.shifts) {
    ShiftPlanOptions shifts = *options.shifts;
    shifts.verify = options.simulation;
    std::vector<std::vector<double>> on_duty = required;
    if (options.simulation) {
      for (std::size_t g = 0; g < spec.groups.size(); ++g) {
        for (std::size_t i = 0; i < intervals; ++i) {
          on_duty[g][i] = plan->groups(static_cast<int>(g)).intervals(static_cast<int>(i)).simulated_on_duty();
        }
      }
    }
    if (!PlanShifts(loaded, spec, on_duty, options.simulation ? "simulation" : "analytic", shifts,
                    plan, error)) {
      return false;
    }
  }
  plan->set_complete("fccsim plan complete");
  return true;
}

}  // namespace fccsim::model
