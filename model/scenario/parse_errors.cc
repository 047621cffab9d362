#include "model/scenario/parse_errors.h"

#include <algorithm>
#include <string_view>
#include <utility>

#include "model/scenario/suggest.h"

namespace fccsim::model {
namespace {

// The text between the quotes after `prefix` in `message`, or "".
std::string Quoted(const std::string& message, std::string_view prefix) {
  const std::size_t at = message.find(prefix);
  if (at == std::string::npos) return "";
  const std::size_t begin = at + prefix.size();
  const std::size_t end = message.find('"', begin);
  return end == std::string::npos ? "" : message.substr(begin, end - begin);
}

}  // namespace

void ParseErrorCollector::AddError(int line, google::protobuf::io::ColumnNumber column,
                                   const std::string& message) {
  // The parser counts lines and columns from 0.
  std::string text = message;
  if (const std::string suggestion = Suggestion(message); !suggestion.empty()) {
    if (text.ends_with('.')) text.pop_back();
    text += suggestion;
  }
  problems_->push_back(
      {file_, std::max(line + 1, 0), std::max(column + 1, 0), "", std::move(text)});
}

std::string ParseErrorCollector::Suggestion(const std::string& message) const {
  const std::string field = Quoted(message, "has no field named \"");
  if (!field.empty()) {
    const google::protobuf::Descriptor* type =
        google::protobuf::DescriptorPool::generated_pool()->FindMessageTypeByName(
            Quoted(message, "Message type \""));
    if (type == nullptr) return "";
    std::vector<std::string> names;
    for (int i = 0; i < type->field_count(); ++i) names.push_back(type->field(i)->name());
    return DidYouMean(field, names);
  }
  const std::string value = Quoted(message, "Unknown enumeration value of \"");
  if (value.empty()) return "";
  std::vector<std::string> names;
  for (int e = 0; e < schema_->enum_type_count(); ++e) {
    const google::protobuf::EnumDescriptor* type = schema_->enum_type(e);
    for (int i = 0; i < type->value_count(); ++i) names.push_back(type->value(i)->name());
  }
  return DidYouMean(value, names);
}

}  // namespace fccsim::model
