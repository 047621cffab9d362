#include "model/results/result_source.h"

namespace fccsim::model {

MessageSource::MessageSource(const fccsim::RunResult& result) : result_(result), header_(result) {
  header_.clear_channels();
  header_.clear_groups();
  header_.clear_complete();
}

fccsim::ChannelResult MessageSource::ChannelHead(int c) const {
  fccsim::ChannelResult head = result_.channels(c);
  head.clear_intervals();
  return head;
}

fccsim::GroupResult MessageSource::GroupHead(int g) const {
  fccsim::GroupResult head = result_.groups(g);
  head.clear_intervals();
  return head;
}

fccsim::RunResult BuildRunResult(const ResultSource& source, bool with_intervals) {
  fccsim::RunResult result = source.Header();
  for (int c = 0; c < source.Channels(); ++c) {
    fccsim::ChannelResult* channel = result.add_channels();
    *channel = source.ChannelHead(c);
    if (!with_intervals) continue;
    for (int k = 0; k < source.ChannelIntervals(c); ++k) {
      source.ChannelIntervalAt(c, k, channel->add_intervals());
    }
  }
  for (int g = 0; g < source.Groups(); ++g) {
    fccsim::GroupResult* group = result.add_groups();
    *group = source.GroupHead(g);
    if (!with_intervals) continue;
    for (int k = 0; k < source.GroupIntervals(g); ++k) {
      source.GroupIntervalAt(g, k, group->add_intervals());
    }
  }
  return result;
}

}  // namespace fccsim::model
