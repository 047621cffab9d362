#ifndef FCCSIM_TESTS_MODEL_TEST_SCENARIO_H_
#define FCCSIM_TESTS_MODEL_TEST_SCENARIO_H_

// Builds a loaded scenario directly from text, bypassing files and validation, with flat
// arrivals per channel (contacts per interval, every interval of the week).

#include <string>
#include <vector>

#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include "model/scenario/scenario_loader.h"

namespace fccsim::model {

inline LoadedScenario MakeTestScenario(const std::string& textproto,
                                       const std::vector<double>& contacts_per_interval) {
  LoadedScenario loaded;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(textproto, &loaded.scenario));
  loaded.path = "test";
  const int minutes = static_cast<int>(loaded.scenario.horizon().interval_minutes());
  loaded.intervals_per_day = 1440 / minutes;
  for (double v : contacts_per_interval) {
    loaded.weekly_volume.emplace_back(static_cast<std::size_t>(7 * loaded.intervals_per_day), v);
  }
  return loaded;
}

// Every kind of measure a replication has: voice channels with triage and deployments, a
// chat channel, a chat group, and practitioners. Two hours a day of arrivals per channel
// (use MakeTestScenario(kEveryMeasure, {40, 60, 10})).
inline constexpr char kEveryMeasure[] = R"pb(
  name: "every measure"
  horizon { days: 1 interval_minutes: 60 warm_up_hours: 1 }
  channels { name: "999" priority: 1 talk { lognormal { mean_s: 240 cv: 0.8 } }
             patience { exponential { mean_s: 300 } } target { answer_within_s: 10 fraction: 0.9 } }
  channels {
    name: "101" priority: 2 talk { exponential { mean_s: 400 } }
    patience { exponential { mean_s: 600 } } target { answer_within_s: 180 fraction: 0.8 }
    mental_health {
      share: 0.2 redirect_share: 0.25 redirect_handling { exponential { mean_s: 120 } }
      transfer { exponential { mean_s: 60 } } max_wait_s: 120
      fallback { exponential { mean_s: 600 } } divert_probability: 0.6
    }
    deployment_probability: 0.4
  }
  channels { name: "chat" kind: CHAT priority: 3 talk { exponential { mean_s: 600 } }
             patience { exponential { mean_s: 900 } } target { answer_within_s: 60 fraction: 0.8 } }
  groups { name: "dual" skills: "999" skills: "101" }
  groups { name: "chat desk" skills: "chat" max_chat_sessions: 3 }
  groups { name: "practitioners" }
  triage { group: "practitioners" duration { exponential { mean_s: 1200 } } }
  roster {
    shifts { name: "d" group: "dual" start: "00:00" length_minutes: 1440 headcount: 9 }
    shifts { name: "c" group: "chat desk" start: "00:00" length_minutes: 1440 headcount: 2 }
    shifts { name: "p" group: "practitioners" start: "00:00" length_minutes: 1440 headcount: 1 }
  }
)pb";

}  // namespace fccsim::model

#endif  // FCCSIM_TESTS_MODEL_TEST_SCENARIO_H_
