// The form record of ../shared/spec/RECORD.md: one object per form.
//
// Plain data, no behaviour. Optional fields are null in JSON. Numbers keep
// the units the contract fixes: money in yuan, rates in percent.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kpiform::schema {

inline constexpr int kSchemaVersion = 1;

// How the text of a form was obtained.
enum class Method { kTextLayer, kOcr, kMixed };

struct Source {
  std::string path;
  std::optional<std::string> sha256;  // hex of the whole input file
  std::optional<int> first_page;      // 1-based
  std::optional<int> last_page;       // 1-based, inclusive
  Method method = Method::kTextLayer;

  bool operator==(const Source&) const = default;
};

// The kind of a parsed target or actual value.
enum class ValueKind { kQuantity, kRange, kText, kEmpty };

// A comparison printed before a number ("≥90%", "不低于10家").
enum class Op { kEq, kGe, kLe, kGt, kLt };

// A target or actual value: the printed text and what it means.
struct Value {
  std::optional<std::string> raw;  // null only for an empty cell
  ValueKind kind = ValueKind::kEmpty;
  std::optional<Op> op;
  std::optional<double> value;
  std::optional<double> max;  // upper end of a range
  std::optional<std::string> unit;

  bool operator==(const Value&) const = default;
};

// The four rows of the funds table.
enum class FundsKey { kTotal, kCurrentAppropriation, kCarryover, kOther };

struct FundsRow {
  std::string item;  // the label as printed
  FundsKey key = FundsKey::kTotal;
  std::optional<double> initial_budget;  // yuan
  std::optional<double> annual_budget;   // yuan
  std::optional<double> executed;        // yuan
  std::optional<double> weight;
  std::optional<double> execution_rate;  // percent
  std::optional<double> score;

  bool operator==(const FundsRow&) const = default;
};

struct Goals {
  std::optional<std::string> planned;
  std::optional<std::string> achieved;

  bool operator==(const Goals&) const = default;
};

struct Indicator {
  std::optional<std::string> level1;
  std::optional<std::string> level2;
  std::optional<std::string> level3;
  Value target;
  Value actual;
  std::optional<double> weight;
  std::optional<double> score;
  std::optional<std::string> deviation;

  bool operator==(const Indicator&) const = default;
};

// The 总分 row; both fields null when the form has none.
struct Total {
  std::optional<double> weight;
  std::optional<double> score;

  bool operator==(const Total&) const = default;
};

// The consistency rules of RECORD.md (see checks.h).
enum class CheckRule {
  kTotalScoreSum,
  kTotalWeightSum,
  kExecutionRate,
  kFundsScore,
  kScoreWithinWeight
};

// The outcome of one consistency rule.
struct Check {
  CheckRule rule = CheckRule::kTotalScoreSum;
  bool ok = false;
  std::string message;

  bool operator==(const Check&) const = default;
};

struct Record {
  int schema_version = kSchemaVersion;
  Source source;
  std::optional<std::string> title;
  std::optional<int> year;
  std::optional<std::string> project_name;
  std::optional<std::string> supervising_department;
  std::optional<std::string> implementing_unit;
  std::vector<FundsRow> funds;
  Goals goals;
  std::vector<Indicator> indicators;
  Total total;
  std::vector<Check> checks;

  bool operator==(const Record&) const = default;
};

// Each record's place among its file's forms (from 0), for records listed
// file by file as extract and the database give them; a file is its source
// path and sha256.
std::vector<int> form_positions(const std::vector<Record>& records);

// Contract spellings of the enums, as they appear in JSON and CSV.
const char* to_string(Method method);
const char* to_string(ValueKind kind);
const char* to_string(Op op);
const char* to_string(FundsKey key);
const char* to_string(CheckRule rule);

// Inverse of to_string; nullopt for a spelling the contract does not know.
std::optional<Method> method_from_string(std::string_view text);
std::optional<ValueKind> value_kind_from_string(std::string_view text);
std::optional<Op> op_from_string(std::string_view text);
std::optional<FundsKey> funds_key_from_string(std::string_view text);
std::optional<CheckRule> check_rule_from_string(std::string_view text);

}  // namespace kpiform::schema
