// The record's fields as one table: each field's part, contract spelling,
// type and printed heading, and where it lives in a Record. JSON, the
// record tables (CSV, database), the checks, the record builder, the audit
// and the test comparers walk this table; a field added here (and to the
// Record and RECORD.md) reaches all of them.
//
// A field of a row (funds, indicators) is named by a FieldPath: its field
// and the row ("funds[0].executed"); the contract's text form is read and
// written only where paths cross a boundary (HTTP, the database, JSON).
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "kpiform/schema/record.h"

namespace kpiform::schema {

// Where a field is in the record: the form's own fields, or one of its parts.
enum class Part { kForm, kFunds, kGoals, kIndicators, kTotal };

enum class Field {
  kTitle,
  kYear,
  kProjectName,
  kSupervisingDepartment,
  kImplementingUnit,
  kFundsItem,
  kFundsKey,
  kInitialBudget,
  kAnnualBudget,
  kExecuted,
  kFundsWeight,
  kExecutionRate,
  kFundsScore,
  kGoalsPlanned,
  kGoalsAchieved,
  kLevel1,
  kLevel2,
  kLevel3,
  kTarget,
  kActual,
  kIndicatorWeight,
  kIndicatorScore,
  kDeviation,
  kTotalWeight,
  kTotalScore,
};

// What a field holds and how its printed text is typed.
enum class FieldType {
  kText,       // the text as printed, cleaned
  kLevelName,  // text, without the level's numbering ("一、")
  kYear,       // an integer
  kFundsKey,   // which funds row, from its label; never printed itself
  kMoney,      // yuan (the form prints 元 or 万元)
  kPercent,    // percent
  kNumber,     // a weight or a score
  kValue,      // a target or actual: a Value
};

// A field's place in a record: a pointer to it, or none when its row is not
// in the record.
using FieldRef = std::variant<std::monostate, std::string*, std::optional<std::string>*,
                              std::optional<int>*, std::optional<double>*, FundsKey*, Value*>;

// Visits a FieldRef with one callable per pointer type:
// std::visit(Overloaded{[](std::string*) {…}, …}, ref).
template <class... Callables>
struct Overloaded : Callables... {
  using Callables::operator()...;
};

struct FieldInfo {
  Field field;
  Part part;
  const char* name;  // contract spelling within its part: "executed"
  FieldType type;
  const char* heading;  // as the form prints it: "全年执行数"
  FieldRef (*in)(Record& record, std::size_t row);
  // False for a column only other templates print: a form without it is
  // not damaged.
  bool on_standard_form = true;
};

// Every field, part by part, each part's fields in the contract's order.
std::span<const FieldInfo> all_fields();
// The fields of `part`, in the contract's order.
std::span<const FieldInfo> fields_of(Part part);
const FieldInfo& info(Field field);
// The field's place among fields_of(its part): 0 for the part's first.
std::size_t place_in_part(Field field);

// A part's name in the contract: "funds", "goals", …; "" for kForm.
const char* to_string(Part part);
// A part holding rows (funds, indicators).
bool has_rows(Part part);

struct FieldPath {
  Field field = Field::kTitle;
  std::size_t row = 0;  // within its part; 0 for a part without rows

  Part part() const { return info(field).part; }
  bool operator==(const FieldPath&) const = default;
  auto operator<=>(const FieldPath&) const = default;
};

// "title", "funds[0].executed", "goals.planned", "indicators[3].target",
// "total.score".
std::string to_string(const FieldPath& path);
// The path `text` spells, or nullopt for no field of the contract.
std::optional<FieldPath> field_path_named(std::string_view text);

// Where `path` is in `record`; monostate when its row is out of range.
FieldRef field_ref(Record& record, const FieldPath& path);
// Read-only: the pointers point into `record` and must not be written.
FieldRef field_ref(const Record& record, const FieldPath& path);

// The number the field holds, for a numeric field (money, percent, number)
// and the year: null for another type, an absent row or a null value.
std::optional<double> number_at(const Record& record, const FieldPath& path);

// The text the field holds: a text field's, a target's or actual's as
// printed; null for another type, an absent row or a null text.
std::optional<std::string> text_at(const Record& record, const FieldPath& path);

// The Value of a target or actual; null for another field or an absent row.
const Value* value_at(const Record& record, const FieldPath& path);

// True for the types that hold a double (money, percent, number).
bool is_numeric(FieldType type);

}  // namespace kpiform::schema
