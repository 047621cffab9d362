#include "model/results/summary_table.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/results/text_table.h"

namespace fccsim::model {
namespace {

std::string Fixed1(double value) { return FixedN(value, 1); }
std::string Fixed2(double value) { return FixedN(value, 2); }

// One decimal at most, without a trailing ".0": targets are round numbers ("90%", "10 s"),
// and 0.9 * 100 is 90.00000000000001 in binary.
std::string Short(double value) {
  std::string text = Fixed1(value);
  if (text.size() > 2 && text.compare(text.size() - 2, 2, ".0") == 0) text.resize(text.size() - 2);
  return text;
}

// "91.2% ±1.3" (half width in percentage points), or "91.2%" without an interval.
std::string PercentWithCi(const fccsim::Estimate& fraction) {
  std::string text = Fixed1(100 * fraction.mean()) + "%";
  if (fraction.has_ci95_half_width()) text += " ±" + Fixed1(100 * fraction.ci95_half_width());
  return text;
}

// The service level against the target's, or, for a target that sets only an ASA ceiling,
// the service level at the standard 20 s without a target beside it.
std::string ServiceLevelCell(const fccsim::ChannelSummary& summary) {
  if (summary.target_fraction() > 0) {
    return PercentWithCi(summary.service_level()) + " (target " +
           Short(100 * summary.target_fraction()) + "% in " +
           Short(summary.target_answer_within_s()) + " s)";
  }
  for (const fccsim::ServiceLevelAt& at : summary.service_levels()) {
    if (at.threshold_s() == 20) return PercentWithCi(at.fraction()) + " in 20 s (no target)";
  }
  return "-";
}

// The verdict on the confidence intervals, then the chance that a period like this one meets
// the target (the share of replications that did), e.g. "met (P 85%)".
std::string TargetCell(const fccsim::ChannelSummary& summary) {
  std::string text;
  switch (summary.target_verdict()) {
    case fccsim::TARGET_MET: text = "met"; break;
    case fccsim::TARGET_MISSED: text = "NOT MET"; break;
    case fccsim::TARGET_NOT_SETTLED: text = "not settled"; break;
    default: text = "-"; break;
  }
  if (summary.target_max_average_answer_s() > 0) {
    text += " (ASA ≤ " + Short(summary.target_max_average_answer_s()) + " s)";
  }
  const fccsim::Probability& p = summary.probability_target_met();
  if (p.trials() > 0) text += ", P " + Short(100 * p.estimate()) + "%";
  return text;
}

bool AnyInterval(const fccsim::RunResult& result) {
  for (const fccsim::ChannelResult& channel : result.channels()) {
    if (channel.summary().service_level().has_ci95_half_width()) return true;
  }
  for (const fccsim::GroupResult& group : result.groups()) {
    if (group.occupancy().has_ci95_half_width()) return true;
  }
  return false;
}

std::string Plural(std::uint64_t count, const char* noun) {
  return std::to_string(count) + " " + noun + (count == 1 ? "" : "s");
}

}  // namespace

std::string FormatSummaryTable(const fccsim::RunResult& result) {
  std::string name = result.scenario().name();
  if (name.empty()) name = result.scenario_path();
  std::string out = "Scenario \"" + name + "\": " + Plural(result.days(), "day") + ", " +
                    Plural(result.replications(), "replication") + ", seed " +
                    std::to_string(result.seed()) + "\n";
  if (result.interrupted()) {
    out += "Interrupted: the estimates are of replications 0 to " +
           std::to_string(result.replications() - 1) + " of the " +
           std::to_string(result.replications_asked()) + " asked for\n";
  }
  out += "\n";

  TextTable channels({{"Channel", Align::kLeft},
                      {"Offered", Align::kRight},
                      {"Answered", Align::kRight},
                      {"Abandoned", Align::kRight},
                      {"Service level", Align::kLeft},
                      {"ASA s", Align::kRight},
                      {"p90 wait s", Align::kRight},
                      {"Target", Align::kLeft}});
  for (const fccsim::ChannelResult& channel : result.channels()) {
    const fccsim::ChannelSummary& s = channel.summary();
    channels.AddRow({channel.name(), Fixed1(s.offered().mean()), Fixed1(s.answered().mean()),
                     Fixed1(100 * s.abandoned_fraction().mean()) + "%", ServiceLevelCell(s),
                     Fixed1(s.average_answer_s().mean()), Fixed1(s.wait_p90_s().mean()),
                     TargetCell(s)});
  }
  out += channels.Render();

  if (result.groups_size() > 0) {
    TextTable groups({{"Group", Align::kLeft},
                      {"Occupancy", Align::kLeft},
                      {"Handlers online", Align::kRight}});
    for (const fccsim::GroupResult& group : result.groups()) {
      groups.AddRow({group.name(), PercentWithCi(group.occupancy()),
                     Fixed1(group.mean_handlers_online().mean())});
    }
    out += "\n" + groups.Render();
  }

  // Mental-health triage and deployments, for the channels that have them.
  TextTable triage({{"Channel", Align::kLeft},
                    {"Flagged", Align::kRight},
                    {"Redirected", Align::kRight},
                    {"Triaged", Align::kRight},
                    {"Fallback", Align::kRight},
                    {"Diverted", Align::kRight},
                    {"Practitioner wait s", Align::kRight},
                    {"Deployments", Align::kRight},
                    {"Averted", Align::kRight}});
  bool any_triage = false;
  for (const fccsim::ChannelResult& channel : result.channels()) {
    if (!channel.summary().has_triage()) continue;
    any_triage = true;
    const fccsim::TriageMeasures& t = channel.summary().triage();
    triage.AddRow({channel.name(), Fixed1(t.flagged().mean()), Fixed1(t.redirected().mean()),
                   Fixed1(t.triaged().mean()), Fixed1(t.fallback().mean()),
                   Fixed1(t.diverted().mean()), Fixed1(t.practitioner_wait_s().mean()),
                   Fixed1(t.deployments().mean()), Fixed1(t.deployments_averted().mean())});
  }
  if (any_triage) out += "\n" + triage.Render();

  // Live Chat: the sessions of chat channels (whose waits above are times to first response),
  // and how many chats the groups answering them held at once.
  TextTable chat_channels({{"Chat channel", Align::kLeft}, {"Session s", Align::kRight}});
  bool any_chat = false;
  for (const fccsim::ChannelResult& channel : result.channels()) {
    if (!channel.summary().has_chat()) continue;
    any_chat = true;
    chat_channels.AddRow({channel.name(), Fixed1(channel.summary().chat().session_s().mean())});
  }
  if (any_chat) {
    out += "\n" + chat_channels.Render();
    TextTable chat_groups({{"Chat group", Align::kLeft},
                           {"At most", Align::kRight},
                           {"Chats open", Align::kRight},
                           {"Per chatting handler", Align::kRight},
                           {"Capacity used", Align::kLeft}});
    for (const fccsim::GroupResult& group : result.groups()) {
      if (!group.has_chat()) continue;
      const fccsim::ChatConcurrency& c = group.chat();
      chat_groups.AddRow({group.name(), std::to_string(c.max_sessions()),
                          Fixed1(c.sessions().mean()), Fixed2(c.concurrency().mean()),
                          PercentWithCi(c.capacity_used())});
    }
    out += "\n" + chat_groups.Render();
  }

  out += "\nOver " + Plural(result.replications(), "replication");
  out += AnyInterval(result) ? "; ± is the half width of the 95% confidence interval.\n"
                             : "; no confidence intervals.\n";
  out += "Target: judged on the confidence interval (met, NOT MET, or not settled when it\n"
         "straddles the target); P is the share of replications meeting the target.\n";
  return out;
}

}  // namespace fccsim::model
