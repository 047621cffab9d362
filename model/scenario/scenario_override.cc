#include "model/scenario/scenario_override.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/message.h>
#include <google/protobuf/text_format.h>

#include <cctype>
#include <cstddef>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "model/scenario/parse_number.h"
#include "model/scenario/suggest.h"

namespace fccsim::model {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

// A step of the path: a field, and for a repeated message field which element.
struct Step {
  std::string name;
  std::optional<int> index;    // [2]
  std::string key, key_value;  // [name="x"]
  bool selected() const { return index.has_value() || !key.empty(); }
};

bool IsNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

// The steps of `path`, or the problem.
std::string ParsePath(std::string_view path, std::vector<Step>* steps) {
  std::size_t i = 0;
  while (true) {
    Step step;
    const std::size_t start = i;
    while (i < path.size() && IsNameChar(path[i])) ++i;
    step.name = std::string(path.substr(start, i - start));
    if (step.name.empty()) {
      return "expected a field name at character " + std::to_string(i + 1) + " of the path";
    }
    if (i < path.size() && path[i] == '[') {
      const std::size_t close = path.find(']', i);
      // A quoted value may hold ']': look for the closing bracket after the closing quote.
      const std::size_t quote = path.find('"', i);
      std::size_t end = close;
      if (quote != std::string_view::npos && quote < close) {
        const std::size_t closing_quote = path.find('"', quote + 1);
        if (closing_quote == std::string_view::npos) return "a quote in [...] is not closed";
        end = path.find(']', closing_quote);
      }
      if (end == std::string_view::npos) return "a [ is not closed";
      const std::string_view inside = path.substr(i + 1, end - i - 1);
      if (const std::size_t eq = inside.find('='); eq != std::string_view::npos) {
        step.key = std::string(inside.substr(0, eq));
        std::string_view value = inside.substr(eq + 1);
        if (value.size() < 2 || value.front() != '"' || value.back() != '"') {
          return "in [" + std::string(inside) + "], put the value in double quotes, e.g. [" +
                 step.key + "=\"...\"]";
        }
        step.key_value = std::string(value.substr(1, value.size() - 2));
      } else {
        const std::optional<int> n = ParseWhole<int>(std::string(inside));
        if (!n || *n < 0) {
          return "[" + std::string(inside) + "] must be a position from 0, or name=\"...\"";
        }
        step.index = *n;
      }
      i = end + 1;
      if (i < path.size() && path[i] == '[') return "one [...] per field: a list holds no lists";
    }
    steps->push_back(std::move(step));
    if (i == path.size()) return "";
    if (path[i] != '.') {
      return "expected '.' or '[' at character " + std::to_string(i + 1) + " of the path";
    }
    ++i;
  }
}

std::vector<std::string> FieldNames(const Descriptor* type) {
  std::vector<std::string> names;
  for (int f = 0; f < type->field_count(); ++f) names.push_back(type->field(f)->name());
  return names;
}

// The element of repeated message field `field` of `message` that `step` selects, or the
// problem; *position is its index.
std::string SelectElement(Message* message, const FieldDescriptor* field, const Step& step,
                          const std::string& where, Message** element, int* position) {
  const Reflection* r = message->GetReflection();
  const int size = r->FieldSize(*message, field);
  if (step.index) {
    if (*step.index >= size) {
      return where + " has " + std::to_string(size) + " element" + (size == 1 ? "" : "s") +
             " (positions from 0)";
    }
    *position = *step.index;
  } else {
    const FieldDescriptor* key = field->message_type()->FindFieldByName(step.key);
    if (key == nullptr || key->is_repeated() || key->type() != FieldDescriptor::TYPE_STRING) {
      return "the elements of " + where + " have no text field \"" + step.key + "\"" +
             DidYouMean(step.key, FieldNames(field->message_type()));
    }
    std::vector<int> found;
    std::string present;
    for (int e = 0; e < size; ++e) {
      const Message& m = r->GetRepeatedMessage(*message, field, e);
      const std::string value = m.GetReflection()->GetString(m, key);
      if (value == step.key_value) found.push_back(e);
      if (e < 12) present += std::string(e == 0 ? "" : ", ") + "\"" + value + "\"";
    }
    if (found.size() != 1) {
      return found.empty()
                 ? "no element of " + where + " has " + step.key + " \"" + step.key_value + "\" (" +
                       (size == 0 ? std::string("it is empty")
                                  : "it has " + present + (size > 12 ? ", ..." : "")) +
                       ")"
                 : std::to_string(found.size()) + " elements of " + where + " have " + step.key +
                       " \"" + step.key_value + "\": pick one by its position, e.g. [" +
                       std::to_string(found.front()) + "]";
    }
    *position = found.front();
  }
  *element = r->MutableRepeatedMessage(message, field, *position);
  return "";
}

// Collects the text-format parser's first error, its place counted in the value: the parser
// reads "name: value", and `skip` characters come before the value.
class FirstError : public google::protobuf::io::ErrorCollector {
 public:
  explicit FirstError(int skip) : skip_(skip) {}
  void AddError(int, int column, const std::string& message) override {
    if (!error.empty()) return;
    error = message;
    if (column >= skip_) error += " (at character " + std::to_string(column - skip_ + 1) + ")";
  }
  std::string error;

 private:
  int skip_;
};

// `value` as text format of field `field`: a string without quotes gets them.
std::string FieldText(const FieldDescriptor* field, const std::string& value) {
  const bool text =
      field->type() == FieldDescriptor::TYPE_STRING || field->type() == FieldDescriptor::TYPE_BYTES;
  const bool quoted =
      !value.empty() && (value.front() == '"' || value.front() == '\'' || value.front() == '[');
  if (!text || quoted) return field->name() + ": " + value;
  std::string escaped;
  for (const char c : value) {
    if (c == '"' || c == '\\') escaped += '\\';
    escaped += c;
  }
  return field->name() + ": \"" + escaped + "\"";
}

}  // namespace

std::string ApplyOverride(const std::string& text, fccsim::Scenario* scenario,
                          std::string* field_path) {
  // The '=' that ends the path: the first outside [...] and quotes.
  int depth = 0;
  bool quoted = false;
  std::size_t eq = std::string::npos;
  for (std::size_t i = 0; i < text.size() && eq == std::string::npos; ++i) {
    if (text[i] == '"') quoted = !quoted;
    if (quoted) continue;
    if (text[i] == '[') ++depth;
    if (text[i] == ']') --depth;
    if (text[i] == '=' && depth == 0) eq = i;
  }
  if (eq == std::string::npos) {
    return depth > 0 ? "a [ is not closed" : "expected PATH=VALUE, e.g. run.seed=7";
  }
  const std::string path = text.substr(0, eq);
  const std::string value = text.substr(eq + 1);
  std::vector<Step> steps;
  if (const std::string problem = ParsePath(path, &steps); !problem.empty()) return problem;
  if (value.empty()) return "no value after '='";

  // Changed on a copy: a failure leaves the scenario as it was.
  std::unique_ptr<fccsim::Scenario> copy(scenario->New());
  copy->CopyFrom(*scenario);
  Message* message = copy.get();
  std::string where;
  for (std::size_t s = 0; s < steps.size(); ++s) {
    const Step& step = steps[s];
    const Descriptor* type = message->GetDescriptor();
    const FieldDescriptor* field = type->FindFieldByName(step.name);
    const std::string here = where.empty() ? step.name : where + "." + step.name;
    if (field == nullptr) {
      return (where.empty() ? "a scenario" : where) + " has no field \"" + step.name + "\"" +
             DidYouMean(step.name, FieldNames(type));
    }
    const bool last = s + 1 == steps.size();
    const bool is_message = field->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE;
    if (last) {
      if (step.selected() && !field->is_repeated())
        return here + " is not a list: no [...] after it";
      if (step.selected() && !is_message) {
        return "set " + here + " whole, e.g. " + step.name +
               "=[...]: its elements are not set one by one";
      }
      if (step.selected()) {
        return "name a field of the element, e.g. " + here + "[...]." +
               field->message_type()->field(0)->name() + " (a whole list is set without [...])";
      }
      const std::string field_text = FieldText(field, value);
      // Before the value: "name: ", and a quote when FieldText added one.
      FirstError errors(static_cast<int>(
          field_text.size() - value.size() >= field->name().size() + 3 ? field->name().size() + 3
                                                                       : field->name().size() + 2));
      google::protobuf::TextFormat::Parser parser;
      parser.RecordErrorsTo(&errors);
      std::unique_ptr<Message> parsed(message->New());
      if (!parser.ParseFromString(field_text, parsed.get())) {
        return "the value \"" + value + "\" does not fit " + here + ": " + errors.error;
      }
      std::vector<const FieldDescriptor*> set;
      parsed->GetReflection()->ListFields(*parsed, &set);
      // A value equal to the field's default (0, "") sets nothing that shows: no other field
      // may be set (e.g. by "1 replications: 5").
      if (set.size() > 1 || (set.size() == 1 && set.front() != field)) {
        return "the value \"" + value + "\" sets more than " + here;
      }
      message->GetReflection()->ClearField(message, field);
      message->MergeFrom(*parsed);
      *field_path = here;
      scenario->Swap(copy.get());
      return "";
    }
    if (!is_message)
      return here + " is a " + field->type_name() + ", not a message: the path ends there";
    if (field->is_repeated()) {
      if (!step.selected()) {
        return here + " is a list: pick an element, e.g. " + step.name + "[0] or " + step.name +
               "[name=\"...\"]";
      }
      int position = 0;
      Message* element = nullptr;
      if (const std::string problem =
              SelectElement(message, field, step, here, &element, &position);
          !problem.empty()) {
        return problem;
      }
      message = element;
      where = here + "[" + std::to_string(position) + "]";
    } else {
      if (step.selected()) return here + " is not a list: no [...] after it";
      message = message->GetReflection()->MutableMessage(message, field);
      where = here;
    }
  }
  return "";  // not reached: the last step returns
}

}  // namespace fccsim::model
