#include "model/centre/measures_codec.h"

#include <gtest/gtest.h>

#include <string>

#include "model/centre/centre_model.h"
#include "model/results/results_io.h"
#include "model/results/run_estimates.h"
#include "tests/model/test_scenario.h"

namespace fccsim::model {
namespace {

TEST(MeasuresCodec, DecodedMeasuresGiveTheSameEstimatesBitForBit) {
  const LoadedScenario loaded = MakeTestScenario(kEveryMeasure, {40, 60, 10});
  const ModelSpec spec = CompileScenario(loaded);
  RunEstimates direct(spec), decoded(spec);
  ReplicationMeasures measures, slot;
  std::string bytes, again;
  for (std::uint64_t r = 0; r < 3; ++r) {
    SimulateCentre(spec, 7, r, &measures);
    // Every kind of measure is there to be carried: practitioner waits, chat sessions.
    ASSERT_GT(measures.channels[1].total.triaged, 0);
    ASSERT_GT(measures.channels[1].triage_waits.Count(), 0);
    ASSERT_GT(measures.channels[2].total.session_sum, 0);
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
  const LoadedScenario loaded = MakeTestScenario(kEveryMeasure, {40, 60, 10});
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
