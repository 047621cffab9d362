#include "model/centre/measures_codec.h"

#include <gtest/gtest.h>

#include <string>

#include "model/centre/centre_model.h"
#include "model/results/results_io.h"
#include "model/results/run_estimates.h"
#include "tests/model/test_scenario.h"

namespace fccsim::model {
namespace {

// Triage and chat make every part of the measures non-trivial: practitioner waits, chat
// sessions, queue lengths.
constexpr char kScenario[] = R"pb(
  name: "codec"
  horizon { days: 1 interval_minutes: 30 warm_up_hours: 1 }
  channels {
    name: "999"
    priority: 1
    talk { lognormal { mean_s: 240 cv: 0.8 } }
    patience { exponential { mean_s: 300 } }
    target { answer_within_s: 10 fraction: 0.9 }
  }
  channels {
    name: "101"
    priority: 2
    talk { exponential { mean_s: 400 } }
    patience { exponential { mean_s: 600 } }
    target { answer_within_s: 180 fraction: 0.8 }
  }
  groups { name: "dual" skills: "999" skills: "101" }
  roster { shifts { group: "dual" start: "00:00" length_minutes: 1440 headcount: 9 } }
)pb";

TEST(MeasuresCodec, DecodedMeasuresGiveTheSameEstimatesBitForBit) {
  const LoadedScenario loaded = MakeTestScenario(kScenario, {40, 60});
  const ModelSpec spec = CompileScenario(loaded);
  RunEstimates direct(spec), decoded(spec);
  ReplicationMeasures measures, slot;
  std::string bytes, again;
  for (std::uint64_t r = 0; r < 3; ++r) {
    SimulateCentre(spec, 7, r, &measures);
    EncodeMeasures(measures, &bytes);
    ASSERT_TRUE(DecodeMeasures(bytes, &slot));  // into a slot an earlier replication used
    EncodeMeasures(slot, &again);
    EXPECT_EQ(again, bytes);
    decoded.Add(slot);
    direct.Add(measures);
  }
  for (int c = 0; c < direct.channels(); ++c) {
    EXPECT_EQ(direct.ChannelHead(c).SerializeAsString(),
              decoded.ChannelHead(c).SerializeAsString());
    for (int k = 0; k < direct.intervals(); ++k) {
      fccsim::ChannelInterval a, b;
      direct.ChannelIntervalResult(c, k, &a);
      decoded.ChannelIntervalResult(c, k, &b);
      ASSERT_EQ(a.SerializeAsString(), b.SerializeAsString())
          << "channel " << c << " interval " << k;
    }
  }
  for (int g = 0; g < direct.groups(); ++g) {
    EXPECT_EQ(direct.GroupHead(g).SerializeAsString(), decoded.GroupHead(g).SerializeAsString());
  }
}

TEST(MeasuresCodec, BytesCutShortOrLongerAreRefused) {
  const LoadedScenario loaded = MakeTestScenario(kScenario, {40, 60});
  const ModelSpec spec = CompileScenario(loaded);
  ReplicationMeasures measures, slot;
  SimulateCentre(spec, 7, 0, &measures);
  std::string bytes;
  EncodeMeasures(measures, &bytes);
  for (const std::size_t cut :
       {std::size_t{0}, std::size_t{5}, bytes.size() / 2, bytes.size() - 1}) {
    EXPECT_FALSE(DecodeMeasures(std::string_view(bytes).substr(0, cut), &slot)) << cut;
  }
  EXPECT_FALSE(DecodeMeasures(bytes + "x", &slot));
  EXPECT_FALSE(DecodeMeasures(std::string(1000, '\xff'), &slot));
}

}  // namespace
}  // namespace fccsim::model
