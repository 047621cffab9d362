#ifndef FCCSIM_MODEL_SCENARIO_PARSE_ERRORS_H_
#define FCCSIM_MODEL_SCENARIO_PARSE_ERRORS_H_

// The text-format parser's errors as problems, for every text file a planner writes (a
// scenario, a sweep): lines and columns from 1, and for an unknown field or enum value the
// name probably meant.

#include <google/protobuf/descriptor.h>
#include <google/protobuf/io/tokenizer.h>

#include <string>
#include <vector>

#include "model/scenario/scenario_loader.h"

namespace fccsim::model {

class ParseErrorCollector : public google::protobuf::io::ErrorCollector {
 public:
  // Enum values are suggested from the enums of `schema`. REQUIRES: `file` and `problems`
  // outlive this.
  ParseErrorCollector(const std::string& file, std::vector<Problem>* problems,
                      const google::protobuf::FileDescriptor* schema)
      : file_(file), problems_(problems), schema_(schema) {}

  void AddError(int line, google::protobuf::io::ColumnNumber column,
                const std::string& message) override;

 private:
  // For an unknown field or enum value, the name probably meant, from the schema.
  std::string Suggestion(const std::string& message) const;

  const std::string& file_;
  std::vector<Problem>* problems_;
  const google::protobuf::FileDescriptor* schema_;
};

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_SCENARIO_PARSE_ERRORS_H_
