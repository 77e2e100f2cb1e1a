#include "kpiform/schema/json.h"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <variant>

#include "kpiform/schema/error.h"
#include "kpiform/schema/fields.h"

namespace kpiform::schema {

namespace {

using Json = nlohmann::ordered_json;

// Money and rates are always written as JSON floats ("500000.0"); weights,
// scores and values are written as integers when they are whole, as printed.
enum class NumberStyle { kFloat, kNatural };

Json number(const std::optional<double>& value, NumberStyle style) {
  if (!value) return nullptr;
  const double x = *value;
  if (style == NumberStyle::kNatural && std::isfinite(x) && x == std::trunc(x) &&
      std::fabs(x) < 1e15) {
    return static_cast<std::int64_t>(x);
  }
  return x;
}

Json text(const std::optional<std::string>& value) {
  if (!value) return nullptr;
  return *value;
}

Json to_json(const Value& value) {
  Json out;
  out["raw"] = text(value.raw);
  out["kind"] = to_string(value.kind);
  out["op"] = value.op ? Json(to_string(*value.op)) : Json(nullptr);
  out["value"] = number(value.value, NumberStyle::kNatural);
  out["max"] = number(value.max, NumberStyle::kNatural);
  out["unit"] = text(value.unit);
  return out;
}

Json field_json(const FieldRef& ref, FieldType type) {
  // Money and rates as floats, weights and scores as printed (see NumberStyle).
  const NumberStyle style =
      type == FieldType::kNumber ? NumberStyle::kNatural : NumberStyle::kFloat;
  return std::visit(
      Overloaded{[](std::monostate) { return Json(); },
                 [](const std::string* text) { return Json(*text); },
                 [](const std::optional<std::string>* value) { return text(*value); },
                 [](const std::optional<int>* value) { return *value ? Json(**value) : Json(); },
                 [&](const std::optional<double>* value) { return number(*value, style); },
                 [](const FundsKey* key) { return Json(to_string(*key)); },
                 [](const Value* value) { return to_json(*value); }},
      ref);
}

// The fields of `part` (of row `row`) as members of `out`, in the table's order.
void put_fields(const Record& record, Part part, std::size_t row, Json& out) {
  for (const FieldInfo& field : fields_of(part)) {
    out[field.name] = field_json(field_ref(record, {field.field, row}), field.type);
  }
}

Json part_json(const Record& record, Part part, std::size_t row = 0) {
  Json out = Json::object();
  put_fields(record, part, row, out);
  return out;
}

Json to_json(const Record& record) {
  Json out;
  out["schema_version"] = record.schema_version;
  Json& source = out["source"];
  source["path"] = record.source.path;
  source["sha256"] = text(record.source.sha256);
  source["first_page"] = record.source.first_page ? Json(*record.source.first_page) : Json();
  source["last_page"] = record.source.last_page ? Json(*record.source.last_page) : Json();
  source["method"] = to_string(record.source.method);
  put_fields(record, Part::kForm, 0, out);
  Json& funds = out["funds"] = Json::array();
  for (std::size_t row = 0; row < record.funds.size(); ++row) {
    funds.push_back(part_json(record, Part::kFunds, row));
  }
  out["goals"] = part_json(record, Part::kGoals);
  Json& indicators = out["indicators"] = Json::array();
  for (std::size_t row = 0; row < record.indicators.size(); ++row) {
    indicators.push_back(part_json(record, Part::kIndicators, row));
  }
  out["total"] = part_json(record, Part::kTotal);
  Json& checks = out["checks"] = Json::array();
  for (const Check& check : record.checks) {
    checks.push_back(
        Json{{"rule", to_string(check.rule)}, {"ok", check.ok}, {"message", check.message}});
  }
  return out;
}

// Reads fields out of a JSON object, naming the field path in every error.
class Reader {
 public:
  explicit Reader(const std::string& origin) : origin_(origin) {}

  [[noreturn]] void fail(const std::string& where, const std::string& what) const {
    throw InputError(origin_, "json", "field '" + where + "': " + what);
  }

  const Json& field(const Json& object, const std::string& where, const char* name) const {
    if (!object.is_object()) fail(where, "expected an object");
    auto it = object.find(name);
    if (it == object.end()) fail(join(where, name), "missing");
    return *it;
  }

  std::optional<std::string> optional_text(const Json& object, const std::string& where,
                                           const char* name) const {
    const Json& value = field(object, where, name);
    if (value.is_null()) return std::nullopt;
    if (!value.is_string()) fail(join(where, name), "expected a string or null");
    return value.get<std::string>();
  }

  std::string text(const Json& object, const std::string& where, const char* name) const {
    auto value = optional_text(object, where, name);
    if (!value) fail(join(where, name), "expected a string");
    return *value;
  }

  std::optional<double> optional_number(const Json& object, const std::string& where,
                                        const char* name) const {
    const Json& value = field(object, where, name);
    if (value.is_null()) return std::nullopt;
    if (!value.is_number()) fail(join(where, name), "expected a number or null");
    return value.get<double>();
  }

  std::optional<int> optional_integer(const Json& object, const std::string& where,
                                      const char* name) const {
    const Json& value = field(object, where, name);
    if (value.is_null()) return std::nullopt;
    if (!value.is_number_integer()) fail(join(where, name), "expected an integer or null");
    return value.get<int>();
  }

  template <typename Enum>
  Enum spelled(const Json& object, const std::string& where, const char* name,
               std::optional<Enum> (*parse)(std::string_view)) const {
    const std::string spelling = text(object, where, name);
    auto value = parse(spelling);
    if (!value) fail(join(where, name), "unknown value '" + spelling + "'");
    return *value;
  }

  const Json& array(const Json& object, const std::string& where, const char* name) const {
    const Json& value = field(object, where, name);
    if (!value.is_array()) fail(join(where, name), "expected an array");
    return value;
  }

  static std::string join(const std::string& where, const char* name) {
    return where.empty() ? std::string(name) : where + "." + name;
  }

 private:
  const std::string& origin_;
};

Value value_from_json(const Reader& in, const Json& object, const std::string& where) {
  Value value;
  value.raw = in.optional_text(object, where, "raw");
  value.kind = in.spelled(object, where, "kind", &value_kind_from_string);
  const Json& op = in.field(object, where, "op");
  if (!op.is_null()) value.op = in.spelled(object, where, "op", &op_from_string);
  value.value = in.optional_number(object, where, "value");
  value.max = in.optional_number(object, where, "max");
  value.unit = in.optional_text(object, where, "unit");
  return value;
}

// The fields of `part` (of row `row`) from `object`, at `where` in errors.
void get_fields(const Reader& in, const Json& object, const std::string& where, Part part,
                std::size_t row, Record& record) {
  for (const FieldInfo& field : fields_of(part)) {
    const char* name = field.name;
    std::visit(
        Overloaded{
            [](std::monostate) {}, [&](std::string* text) { *text = in.text(object, where, name); },
            [&](std::optional<std::string>* text) {
              *text = in.optional_text(object, where, name);
            },
            [&](std::optional<int>* number) { *number = in.optional_integer(object, where, name); },
            [&](std::optional<double>* number) {
              *number = in.optional_number(object, where, name);
            },
            [&](FundsKey* key) { *key = in.spelled(object, where, name, &funds_key_from_string); },
            [&](Value* value) {
              *value =
                  value_from_json(in, in.field(object, where, name), Reader::join(where, name));
            }},
        field_ref(record, {field.field, row}));
  }
}

Record record_from_tree(const Json& root, const std::string& origin) {
  const Reader in(origin);
  if (!root.is_object()) in.fail("(top)", "a record must be a JSON object");
  Record record;
  const Json& version = in.field(root, "", "schema_version");
  if (!version.is_number_integer() || version.get<int>() != kSchemaVersion) {
    in.fail("schema_version", "expected " + std::to_string(kSchemaVersion));
  }
  const Json& source = in.field(root, "", "source");
  record.source.path = in.text(source, "source", "path");
  record.source.sha256 = in.optional_text(source, "source", "sha256");
  record.source.first_page = in.optional_integer(source, "source", "first_page");
  record.source.last_page = in.optional_integer(source, "source", "last_page");
  record.source.method = in.spelled(source, "source", "method", &method_from_string);
  get_fields(in, root, "", Part::kForm, 0, record);

  const Json& funds = in.array(root, "", "funds");
  record.funds.resize(funds.size());
  for (std::size_t i = 0; i < funds.size(); ++i) {
    get_fields(in, funds[i], "funds[" + std::to_string(i) + "]", Part::kFunds, i, record);
  }

  get_fields(in, in.field(root, "", "goals"), "goals", Part::kGoals, 0, record);

  const Json& indicators = in.array(root, "", "indicators");
  record.indicators.resize(indicators.size());
  for (std::size_t i = 0; i < indicators.size(); ++i) {
    get_fields(in, indicators[i], "indicators[" + std::to_string(i) + "]", Part::kIndicators, i,
               record);
  }

  const Json& total = in.field(root, "", "total");
  if (!total.is_null()) get_fields(in, total, "total", Part::kTotal, 0, record);

  const Json& checks = in.array(root, "", "checks");
  for (std::size_t i = 0; i < checks.size(); ++i) {
    const std::string where = "checks[" + std::to_string(i) + "]";
    const Json& ok = in.field(checks[i], where, "ok");
    if (!ok.is_boolean()) in.fail(where + ".ok", "expected true or false");
    record.checks.push_back({in.spelled(checks[i], where, "rule", &check_rule_from_string),
                             ok.get<bool>(), in.text(checks[i], where, "message")});
  }
  return record;
}

// The JSON tree of `text`. A key given twice in one object is an error
// (which of the two a reader takes differs from reader to reader), and so
// is a number no double holds (1e400).
Json parse_or_throw(std::string_view text, const std::string& origin) {
  std::vector<std::set<std::string>> keys;  // of each object open, innermost last
  const auto no_duplicate_keys = [&](int, Json::parse_event_t event, Json& parsed) {
    if (event == Json::parse_event_t::object_start) keys.emplace_back();
    if (event == Json::parse_event_t::object_end && !keys.empty()) keys.pop_back();
    if (event == Json::parse_event_t::key && !keys.empty() &&
        !keys.back().insert(parsed.get<std::string>()).second) {
      throw InputError(
          origin, "json",
          "the key \"" + parsed.get<std::string>() + "\" is given twice in one object");
    }
    return true;
  };
  try {
    return Json::parse(text.begin(), text.end(), no_duplicate_keys);
  } catch (const Json::parse_error& error) {
    throw InputError(origin, "json", "not valid JSON (byte " + std::to_string(error.byte) + ")");
  } catch (const Json::out_of_range& error) {
    // what(): "[json.exception.out_of_range.406] number overflow parsing '1e400'"
    const std::string what = error.what();
    throw InputError(origin, "json",
                     what.substr(what.find("] ") == std::string::npos ? 0 : what.find("] ") + 2));
  }
}

}  // namespace

std::string record_to_json(const Record& record, JsonStyle style) {
  const int indent = style == JsonStyle::kPretty ? 2 : -1;
  return to_json(record).dump(indent, ' ', false, Json::error_handler_t::replace);
}

std::string records_to_json_array(const std::vector<Record>& records) {
  Json array = Json::array();
  for (const Record& record : records) array.push_back(to_json(record));
  return array.dump(2, ' ', false, Json::error_handler_t::replace);
}

Record record_from_json(std::string_view text, const std::string& origin) {
  return record_from_tree(parse_or_throw(text, origin), origin);
}

std::vector<Record> read_records_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    throw InputError(path, "json", std::string("cannot open the file: ") + std::strerror(errno));
  }
  std::ostringstream buffer;
  buffer << file.rdbuf();
  const Json root = parse_or_throw(buffer.str(), path);
  std::vector<Record> records;
  if (root.is_array()) {
    for (const Json& item : root) records.push_back(record_from_tree(item, path));
  } else {
    records.push_back(record_from_tree(root, path));
  }
  return records;
}

}  // namespace kpiform::schema
