#include "kpiform/normalize/record_builder.h"

#include <algorithm>
#include <variant>

#include "kpiform/normalize/value.h"
#include "kpiform/schema/checks.h"
#include "kpiform/text/characters.h"
#include "kpiform/text/clean.h"
#include "kpiform/text/utf8.h"

namespace kpiform::normalize {

namespace {

std::optional<std::string> text_or_null(const cells::FieldText& field) {
  if (field.empty()) return std::nullopt;
  return field.text;
}

// Decimals after the point of a printed number ("90.62%" 2, "100%" 0);
// -1 when the text holds no digit.
int printed_decimals(const std::string& text) {
  const std::size_t digit = text.find_first_of("0123456789");
  if (digit == std::string::npos) return -1;
  const std::size_t point = text.find_first_of(".．", digit);
  if (point == std::string::npos) return 0;
  const std::size_t after = point + (text[point] == '.' ? 1 : 3);  // "．" is three bytes
  const std::size_t end = text.find_first_not_of("0123456789", after);
  return static_cast<int>((end == std::string::npos ? text.size() : end) - after);
}

// A date ("2018年9月", "2020年12月底前") is a text value of its own, not a
// number garbled: a year of four digits stands before 年.
bool is_date(const std::string& text) {
  const std::u32string wide = text::decode_utf8(text);
  for (std::size_t i = 4; i < wide.size(); ++i) {
    if (wide[i] == U'年' &&
        std::all_of(wide.begin() + static_cast<std::ptrdiff_t>(i - 4),
                    wide.begin() + static_cast<std::ptrdiff_t>(i), text::is_ascii_digit)) {
      return true;
    }
  }
  return false;
}

std::optional<std::string> level_name(const cells::FieldText& field) {
  if (field.empty()) return std::nullopt;
  return text::without_level_points(field.text);
}

std::optional<schema::FundsKey> funds_key(const std::string& item) {
  auto has = [&](const char* part) { return item.find(part) != std::string::npos; };
  if (has("总额") || has("合计")) return schema::FundsKey::kTotal;
  if (has("财政拨款")) return schema::FundsKey::kCurrentAppropriation;
  if (has("结转")) return schema::FundsKey::kCarryover;
  if (has("其他")) return schema::FundsKey::kOther;
  return std::nullopt;
}

using schema::Field;
using schema::FieldPath;
using schema::FieldType;

// How a number cell's text is typed: money (in the form's unit), a
// percentage, or a plain number (weights, scores).
NumberCell parse_as(FieldType type, const std::string& text, MoneyUnit unit) {
  switch (type) {
    case FieldType::kMoney:
      return parse_money(text, unit);
    case FieldType::kPercent:
      return parse_percent(text);
    default:
      return parse_number(text);
  }
}

// Types the form's fields, collecting the failures with the field they
// belong to. Where OCR gave other readings of a field and the printed one
// does not type as what the column holds (a number), the first reading
// that does is taken, and the repair is recorded.
class Typer {
 public:
  Typer(std::vector<std::string>& warnings, std::vector<cells::Repair>& repairs)
      : warnings_(warnings), repairs_(repairs) {}

  // A number of `type` (money, percent, number).
  std::optional<double> number(const cells::FieldText& field, const std::string& where,
                               FieldType type, MoneyUnit unit) {
    const NumberCell cell = parse_as(type, field.text, unit);
    if (cell.valid) return cell.value;
    for (const std::string& alternative : field.alternatives) {
      const NumberCell other = parse_as(type, alternative, unit);
      if (!other.valid || !other.value) continue;
      record_repair(field, where, alternative);
      return other.value;
    }
    warnings_.push_back(where + ": '" + field.text + "' is not a number");
    return cell.value;
  }

  // A target or actual value: text is a valid kind of its own ("有效"), so
  // only a reading with digits that typed as text, and is no date, is taken
  // as a garbled number and replaced by another reading that types as one.
  schema::Value value(const cells::FieldText& field, const std::string& where) {
    schema::Value value = parse_value(field.text);
    if (value.kind != schema::ValueKind::kText || !text::has_digit(field.text) ||
        is_date(field.text)) {
      return value;
    }
    for (const std::string& alternative : field.alternatives) {
      schema::Value other = parse_value(alternative);
      if (other.kind == schema::ValueKind::kText) continue;
      record_repair(field, where, alternative);
      return other;
    }
    return value;
  }

 private:
  void record_repair(const cells::FieldText& field, const std::string& where,
                     const std::string& became) {
    repairs_.push_back({where, field.first_origin(), field.text, became,
                        "a number belongs here; the digits model's reading is one"});
  }

  std::vector<std::string>& warnings_;
  std::vector<cells::Repair>& repairs_;
};

std::string percent_text(double fraction) {
  return std::to_string(static_cast<int>(fraction * 100 + 0.5)) + "%";
}

// Where the form prints each field of a part: the record field and the
// text the layout read for it. Fields the form never prints (a funds row's
// key) are not here.
template <class Line>
using Printed = std::pair<Field, cells::FieldText Line::*>;

constexpr Printed<cells::Form> kFormPrinted[] = {
    {Field::kTitle, &cells::Form::title},
    {Field::kYear, &cells::Form::year_line},
    {Field::kProjectName, &cells::Form::project_name},
    {Field::kSupervisingDepartment, &cells::Form::supervising_department},
    {Field::kImplementingUnit, &cells::Form::implementing_unit},
};
constexpr Printed<cells::FundsLine> kFundsPrinted[] = {
    {Field::kFundsItem, &cells::FundsLine::item},
    {Field::kInitialBudget, &cells::FundsLine::initial_budget},
    {Field::kAnnualBudget, &cells::FundsLine::annual_budget},
    {Field::kExecuted, &cells::FundsLine::executed},
    {Field::kFundsWeight, &cells::FundsLine::weight},
    {Field::kExecutionRate, &cells::FundsLine::execution_rate},
    {Field::kFundsScore, &cells::FundsLine::score},
};
constexpr Printed<cells::Form> kGoalsPrinted[] = {
    {Field::kGoalsPlanned, &cells::Form::goals_planned},
    {Field::kGoalsAchieved, &cells::Form::goals_achieved},
};
constexpr Printed<cells::Form> kTotalPrinted[] = {
    {Field::kTotalWeight, &cells::Form::total_weight},
    {Field::kTotalScore, &cells::Form::total_score},
};

// Types the printed `text` of `field` into row `row` of the record. `where`
// names the row in warnings ("funds 年度资金总额").
void type_field(Field field, const cells::FieldText& text, std::size_t row,
                const std::string& where, MoneyUnit unit, Typer& typer, schema::Record& record,
                std::vector<cells::FieldSource>& sources) {
  const schema::FieldInfo& info = schema::info(field);
  const std::string at = where.empty() ? info.heading : where + " " + info.heading;
  std::visit(
      schema::Overloaded{
          [](std::monostate) {}, [](schema::FundsKey*) {},
          [&](std::string* out) { *out = text.text; },
          [&](std::optional<std::string>* out) {
            *out = info.type == FieldType::kLevelName ? level_name(text) : text_or_null(text);
          },
          [&](std::optional<int>* out) { *out = parse_year(text.text); },
          [&](std::optional<double>* out) { *out = typer.number(text, at, info.type, unit); },
          [&](schema::Value* out) { *out = typer.value(text, at); }},
      schema::field_ref(record, {field, row}));
  if (!text.empty()) sources.push_back({{field, row}, text});
}

// Types each field of `printed` as type_field does.
template <class Line, std::size_t N>
void type_fields(const Line& line, const Printed<Line> (&printed)[N], std::size_t row,
                 const std::string& where, MoneyUnit unit, Typer& typer, schema::Record& record,
                 std::vector<cells::FieldSource>& sources) {
  for (const auto& [field, member] : printed) {
    type_field(field, line.*member, row, where, unit, typer, record, sources);
  }
}

// The form's arithmetic chooses among OCR's other readings of a number: a
// failed check that holds once one of its fields takes another reading
// (and no check that held fails) takes it. One field at a time; a printed
// number read surely has no other readings and is never changed, so a
// wrong total stays wrong and is reported.
void repair_by_arithmetic(BuiltRecord& built, MoneyUnit unit,
                          const schema::PrintedPrecision& precision) {
  schema::Record& record = built.record;
  auto passing = [](const std::vector<schema::Check>& checks, schema::CheckRule rule) {
    for (const schema::Check& check : checks) {
      if (check.rule == rule) return check.ok;
    }
    return true;
  };
  auto breaks_none = [&](const std::vector<schema::Check>& before,
                         const std::vector<schema::Check>& after) {
    for (const schema::Check& check : before) {
      if (check.ok && !passing(after, check.rule)) return false;
    }
    return true;
  };
  for (bool repaired = true; repaired;) {
    repaired = false;
    const std::vector<schema::Check> before = record.checks;
    for (const schema::Check& check : before) {
      if (check.ok) continue;
      for (const FieldPath& path : schema::check_fields(record, check)) {
        const auto source =
            std::find_if(built.sources.begin(), built.sources.end(),
                         [&](const cells::FieldSource& s) { return s.field == path; });
        const schema::FieldRef ref = schema::field_ref(record, path);
        auto* const slot = std::get_if<std::optional<double>*>(&ref);
        if (source == built.sources.end() || !slot) continue;
        std::optional<double>& value = **slot;
        for (const std::string& alternative : source->read.alternatives) {
          const NumberCell reading = parse_as(schema::info(path.field).type, alternative, unit);
          if (!reading.valid || !reading.value || reading.value == value) continue;
          const std::optional<double> printed = value;
          value = reading.value;
          std::vector<schema::Check> after = schema::run_checks(record, precision);
          if (passing(after, check.rule) && breaks_none(before, after)) {
            record.checks = std::move(after);
            const cells::FieldText& read = source->read;
            built.repairs.push_back(
                {schema::to_string(path), read.first_origin(), read.text, alternative,
                 std::string(schema::to_string(check.rule)) + " holds with OCR's other reading"});
            repaired = true;
            break;
          }
          value = printed;
        }
        if (repaired) break;
      }
      if (repaired) break;
    }
  }
}

}  // namespace

BuiltRecord build_record(const cells::Form& form, const SourceInfo& source, double min_confidence) {
  BuiltRecord built;
  built.warnings = form.warnings;
  built.repairs = form.repairs;
  schema::Record& record = built.record;
  Typer typer(built.warnings, built.repairs);

  record.source.path = source.path;
  record.source.sha256 = source.sha256;
  if (form.first_page > 0) record.source.first_page = form.first_page;
  if (form.last_page > 0) record.source.last_page = form.last_page;
  record.source.method = source.method;

  const MoneyUnit unit = money_unit_of_label(form.funds_label.text);
  type_fields(form, kFormPrinted, 0, "", unit, typer, record, built.sources);
  if (!record.year) record.year = parse_year(form.title.text);

  schema::PrintedPrecision precision;
  for (const cells::FundsLine& line : form.funds) {
    const auto key = funds_key(line.item.text);
    if (key == schema::FundsKey::kTotal) {
      precision = {printed_decimals(line.execution_rate.text), printed_decimals(line.score.text)};
    }
    if (!key) {
      built.warnings.push_back("funds row '" + line.item.text + "' is not a known funds item");
      continue;
    }
    record.funds.push_back({});
    record.funds.back().key = *key;
    type_fields(line, kFundsPrinted, record.funds.size() - 1, "funds " + line.item.text, unit,
                typer, record, built.sources);
  }

  type_fields(form, kGoalsPrinted, 0, "", unit, typer, record, built.sources);

  for (const cells::IndicatorLine& line : form.indicators) {
    record.indicators.push_back({});
    const std::string where = "indicator " + line[Field::kLevel3].text;
    for (const schema::FieldInfo& field : schema::fields_of(schema::Part::kIndicators)) {
      type_field(field.field, line[field.field], record.indicators.size() - 1, where, unit, typer,
                 record, built.sources);
    }
  }

  if (form.has_total)
    type_fields(form, kTotalPrinted, 0, "总分", unit, typer, record, built.sources);
  record.checks = schema::run_checks(record, precision);
  repair_by_arithmetic(built, unit, precision);

  double lowest = 1.0;
  for (const cells::FieldSource& field : built.sources) {
    if (field.read.empty() || field.read.confidence >= min_confidence) continue;
    ++built.low_confidence_fields;
    lowest = std::min(lowest, field.read.confidence);
  }
  if (const int low = built.low_confidence_fields; low > 0) {
    built.warnings.push_back("low confidence: " + std::to_string(low) + " field" +
                             (low == 1 ? "" : "s") + " read with less than " +
                             percent_text(min_confidence) + " confidence (lowest " +
                             percent_text(lowest) + ")");
  }
  return built;
}

std::optional<std::string> apply_correction(schema::Record& record, const FieldPath& path,
                                            const std::string& text) {
  const std::string cleaned = text::clean_text(text);
  const schema::FieldInfo& info = schema::info(path.field);
  const std::optional<std::string> why = std::visit(
      schema::Overloaded{[&](std::optional<std::string>* out) -> std::optional<std::string> {
                           *out =
                               cleaned.empty() ? std::nullopt : std::optional<std::string>(cleaned);
                           return std::nullopt;
                         },
                         [&](schema::Value* out) -> std::optional<std::string> {
                           *out = parse_value(cleaned);
                           return std::nullopt;
                         },
                         [&](std::optional<int>* out) -> std::optional<std::string> {
                           const std::optional<double> year = parse_number(cleaned).value;
                           if (!cleaned.empty() && (!year || *year != static_cast<int>(*year))) {
                             return "'" + cleaned + "' is not a year";
                           }
                           *out = year ? std::optional<int>(static_cast<int>(*year)) : std::nullopt;
                           return std::nullopt;
                         },
                         [&](std::optional<double>* out) -> std::optional<std::string> {
                           const NumberCell cell = parse_as(info.type, cleaned, MoneyUnit::kYuan);
                           if (!cell.valid) return "'" + cleaned + "' is not a number";
                           *out = cell.value;
                           return std::nullopt;
                         },
                         // A funds row's label and key say which row it is: not a value to correct.
                         [&](auto) -> std::optional<std::string> {
                           return "no field '" + schema::to_string(path) + "' in this record";
                         }},
      schema::field_ref(record, path));
  if (why) return why;
  record.checks = schema::run_checks(record);
  return std::nullopt;
}

std::optional<std::string> field_text(const schema::Record& record, const FieldPath& path) {
  const schema::FieldInfo& info = schema::info(path.field);
  return std::visit(
      schema::Overloaded{
          [](const std::optional<std::string>* text) { return *text; },
          [](const schema::Value* value) { return value->raw; },
          [](const std::optional<int>* year) {
            return *year ? std::optional<std::string>(std::to_string(**year)) : std::nullopt;
          },
          [&](const std::optional<double>* number) -> std::optional<std::string> {
            if (!*number) return std::nullopt;
            return schema::format_decimal(**number, info.type == FieldType::kMoney ? 2 : 6);
          },
          // A funds row's label and key name the row; an absent row has no value.
          [](std::monostate) -> std::optional<std::string> { return std::nullopt; },
          [](const std::string*) -> std::optional<std::string> { return std::nullopt; },
          [](const schema::FundsKey*) -> std::optional<std::string> { return std::nullopt; }},
      schema::field_ref(record, path));
}

}  // namespace kpiform::normalize
