#ifndef FCCSIM_MODEL_SCENARIO_COVERAGE_H_
#define FCCSIM_MODEL_SCENARIO_COVERAGE_H_

// Whether every channel has someone rostered to answer it whenever its callers arrive. A
// roster with a gap (a night shift forgotten, a table column left at 0) leaves the channel's
// callers waiting for the next shift, for hours. When they never abandon that is almost
// always a mistake, and an error; a channel meant to work so (callers who may wait) says so
// with a patience, which makes it a warning. A channel that transfers to practitioners when
// none is rostered is a warning too: its transfers hold call handlers, then fall back.

#include <vector>

#include "model/proto/scenario.pb.h"
#include "model/scenario/model_spec.h"
#include "model/scenario/scenario_loader.h"
#include "model/scenario/scenario_validator.h"

namespace fccsim::model {

// Appends one problem per channel with arrivals in a reported interval where no handler of a
// group with its skill is rostered (breaks and absence aside), naming the first such interval
// and how many there are. REQUIRES: `spec` compiled from `scenario`; `root` refers to it.
void CheckCoverage(const ModelSpec& spec, const fccsim::Scenario& scenario, const FieldRef& root,
                   std::vector<Problem>* problems);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_SCENARIO_COVERAGE_H_
