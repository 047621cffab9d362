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

}  // namespace fccsim::model

#endif  // FCCSIM_TESTS_MODEL_TEST_SCENARIO_H_
