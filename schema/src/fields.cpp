#include "kpiform/schema/fields.h"

#include <algorithm>
#include <charconv>

#include "kpiform/schema/spellings.h"

namespace kpiform::schema {

namespace {

template <auto Member>
FieldRef of_form(Record& record, std::size_t) {
  return &(record.*Member);
}
template <auto Member>
FieldRef of_funds(Record& record, std::size_t row) {
  if (row >= record.funds.size()) return {};
  return &(record.funds[row].*Member);
}
template <auto Member>
FieldRef of_goals(Record& record, std::size_t) {
  return &(record.goals.*Member);
}
template <auto Member>
FieldRef of_indicators(Record& record, std::size_t row) {
  if (row >= record.indicators.size()) return {};
  return &(record.indicators[row].*Member);
}
template <auto Member>
FieldRef of_total(Record& record, std::size_t) {
  return &(record.total.*Member);
}

using F = Field;
using T = FieldType;

// Parts in the order of Part, fields in the contract's order within each.
constexpr FieldInfo kFields[] = {
    {F::kTitle, Part::kForm, "title", T::kText, "标题", &of_form<&Record::title>},
    {F::kYear, Part::kForm, "year", T::kYear, "年度", &of_form<&Record::year>},
    {F::kProjectName, Part::kForm, "project_name", T::kText, "项目名称",
     &of_form<&Record::project_name>},
    {F::kSupervisingDepartment, Part::kForm, "supervising_department", T::kText, "主管部门",
     &of_form<&Record::supervising_department>},
    {F::kImplementingUnit, Part::kForm, "implementing_unit", T::kText, "实施单位",
     &of_form<&Record::implementing_unit>},

    {F::kFundsItem, Part::kFunds, "item", T::kText, "项目", &of_funds<&FundsRow::item>},
    {F::kFundsKey, Part::kFunds, "key", T::kFundsKey, "", &of_funds<&FundsRow::key>},
    {F::kInitialBudget, Part::kFunds, "initial_budget", T::kMoney, "年初预算数",
     &of_funds<&FundsRow::initial_budget>},
    {F::kAnnualBudget, Part::kFunds, "annual_budget", T::kMoney, "全年预算数",
     &of_funds<&FundsRow::annual_budget>},
    {F::kExecuted, Part::kFunds, "executed", T::kMoney, "全年执行数",
     &of_funds<&FundsRow::executed>},
    {F::kFundsWeight, Part::kFunds, "weight", T::kNumber, "分值", &of_funds<&FundsRow::weight>},
    {F::kExecutionRate, Part::kFunds, "execution_rate", T::kPercent, "执行率",
     &of_funds<&FundsRow::execution_rate>},
    {F::kFundsScore, Part::kFunds, "score", T::kNumber, "得分", &of_funds<&FundsRow::score>},

    {F::kGoalsPlanned, Part::kGoals, "planned", T::kText, "预期目标", &of_goals<&Goals::planned>},
    {F::kGoalsAchieved, Part::kGoals, "achieved", T::kText, "实际完成情况",
     &of_goals<&Goals::achieved>},

    {F::kLevel1, Part::kIndicators, "level1", T::kLevelName, "一级指标",
     &of_indicators<&Indicator::level1>},
    {F::kLevel2, Part::kIndicators, "level2", T::kLevelName, "二级指标",
     &of_indicators<&Indicator::level2>},
    {F::kLevel3, Part::kIndicators, "level3", T::kText, "三级指标",
     &of_indicators<&Indicator::level3>},
    {F::kTarget, Part::kIndicators, "target", T::kValue, "年度指标值",
     &of_indicators<&Indicator::target>},
    {F::kActual, Part::kIndicators, "actual", T::kValue, "实际完成值",
     &of_indicators<&Indicator::actual>},
    {F::kIndicatorWeight, Part::kIndicators, "weight", T::kNumber, "分值",
     &of_indicators<&Indicator::weight>},
    {F::kIndicatorScore, Part::kIndicators, "score", T::kNumber, "得分",
     &of_indicators<&Indicator::score>},
    {F::kDeviation, Part::kIndicators, "deviation", T::kText, "偏差原因",
     &of_indicators<&Indicator::deviation>},

    {F::kTotalWeight, Part::kTotal, "weight", T::kNumber, "分值", &of_total<&Total::weight>},
    {F::kTotalScore, Part::kTotal, "score", T::kNumber, "得分", &of_total<&Total::score>},
};

constexpr Spellings<Part, 5> kParts{{
    {Part::kForm, ""},
    {Part::kFunds, "funds"},
    {Part::kGoals, "goals"},
    {Part::kIndicators, "indicators"},
    {Part::kTotal, "total"},
}};

constexpr bool fields_in_enum_order() {
  for (std::size_t i = 0; i < std::size(kFields); ++i) {
    if (static_cast<std::size_t>(kFields[i].field) != i) return false;
  }
  return true;
}
static_assert(fields_in_enum_order(), "kFields lists every Field in the enum's order");

}  // namespace

std::span<const FieldInfo> all_fields() {
  return kFields;
}

std::span<const FieldInfo> fields_of(Part part) {
  const auto begin = std::find_if(std::begin(kFields), std::end(kFields),
                                  [&](const FieldInfo& f) { return f.part == part; });
  const auto end =
      std::find_if(begin, std::end(kFields), [&](const FieldInfo& f) { return f.part != part; });
  return {begin, end};
}

const FieldInfo& info(Field field) {
  return kFields[static_cast<std::size_t>(field)];
}

std::size_t place_in_part(Field field) {
  return static_cast<std::size_t>(field) -
         static_cast<std::size_t>(fields_of(info(field).part).front().field);
}

const char* to_string(Part part) {
  return spelling_of(kParts, part);
}

bool has_rows(Part part) {
  return part == Part::kFunds || part == Part::kIndicators;
}

std::string to_string(const FieldPath& path) {
  const FieldInfo& field = info(path.field);
  if (field.part == Part::kForm) return field.name;
  std::string out = to_string(field.part);
  if (has_rows(field.part)) out += "[" + std::to_string(path.row) + "]";
  return out + "." + field.name;
}

std::optional<FieldPath> field_path_named(std::string_view text) {
  Part part = Part::kForm;
  std::size_t row = 0;
  if (const std::size_t dot = text.find('.'); dot != std::string_view::npos) {
    std::string_view head = text.substr(0, dot);
    text.remove_prefix(dot + 1);
    if (const std::size_t open = head.find('['); open != std::string_view::npos) {
      const std::string_view digits = head.substr(open + 1, head.size() - open - 2);
      const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), row);
      if (head.back() != ']' || digits.empty() || error != std::errc() ||
          end != digits.data() + digits.size()) {
        return std::nullopt;
      }
      head = head.substr(0, open);
      const auto named = spelled(kParts, head);
      if (!named || !has_rows(*named)) return std::nullopt;
      part = *named;
    } else {
      const auto named = spelled(kParts, head);
      if (!named || *named == Part::kForm || has_rows(*named)) return std::nullopt;
      part = *named;
    }
  }
  for (const FieldInfo& field : fields_of(part)) {
    if (text == field.name) return FieldPath{field.field, row};
  }
  return std::nullopt;
}

FieldRef field_ref(Record& record, const FieldPath& path) {
  return info(path.field).in(record, path.row);
}

FieldRef field_ref(const Record& record, const FieldPath& path) {
  // The accessors take a mutable record so that one table serves both; a
  // const caller only reads through the pointers.
  return field_ref(const_cast<Record&>(record), path);
}

bool is_numeric(FieldType type) {
  return type == FieldType::kMoney || type == FieldType::kPercent || type == FieldType::kNumber;
}

std::optional<double> number_at(const Record& record, const FieldPath& path) {
  const FieldRef ref = field_ref(record, path);
  if (const auto* number = std::get_if<std::optional<double>*>(&ref)) return **number;
  if (const auto* year = std::get_if<std::optional<int>*>(&ref); year && **year) {
    return static_cast<double>(***year);
  }
  return std::nullopt;
}

std::optional<std::string> text_at(const Record& record, const FieldPath& path) {
  return std::visit(Overloaded{[](const std::string* text) { return std::optional(*text); },
                               [](const std::optional<std::string>* text) { return *text; },
                               [](const Value* value) { return value->raw; },
                               [](const auto*) { return std::optional<std::string>(); },
                               [](std::monostate) { return std::optional<std::string>(); }},
                    field_ref(record, path));
}

const Value* value_at(const Record& record, const FieldPath& path) {
  const FieldRef ref = field_ref(record, path);
  const auto* value = std::get_if<Value*>(&ref);
  return value ? *value : nullptr;
}

}  // namespace kpiform::schema
