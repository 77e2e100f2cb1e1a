#include "kpiform/normalize/record_builder.h"

#include <algorithm>
#include <cstdio>
#include <type_traits>

#include "kpiform/normalize/text.h"
#include "kpiform/normalize/value.h"
#include "kpiform/schema/checks.h"
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

std::optional<std::string> level_name(const cells::FieldText& field) {
  if (field.empty()) return std::nullopt;
  return without_level_points(field.text);
}

std::optional<schema::FundsKey> funds_key(const std::string& item) {
  auto has = [&](const char* part) { return item.find(part) != std::string::npos; };
  if (has("总额") || has("合计")) return schema::FundsKey::kTotal;
  if (has("财政拨款")) return schema::FundsKey::kCurrentAppropriation;
  if (has("结转")) return schema::FundsKey::kCarryover;
  if (has("其他")) return schema::FundsKey::kOther;
  return std::nullopt;
}

// How a number cell's text is typed: money (in the form's unit), a
// percentage, or a plain number (weights, scores).
enum class NumberKind { kMoney, kPercent, kNumber };

NumberCell parse_as(NumberKind kind, const std::string& text, MoneyUnit unit) {
  switch (kind) {
    case NumberKind::kMoney:
      return parse_money(text, unit);
    case NumberKind::kPercent:
      return parse_percent(text);
    case NumberKind::kNumber:
      return parse_number(text);
  }
  return parse_number(text);
}

// Types the form's fields, collecting the failures with the field they
// belong to. Where OCR gave other readings of a field and the printed one
// does not type as what the column holds (a number), the first reading
// that does is taken, and the repair is recorded.
class Typer {
 public:
  Typer(std::vector<std::string>& warnings, std::vector<cells::Repair>& repairs)
      : warnings_(warnings), repairs_(repairs) {}

  std::optional<double> money(const cells::FieldText& field, MoneyUnit unit,
                              const std::string& where) {
    return typed(field, where, NumberKind::kMoney, unit);
  }
  std::optional<double> percent(const cells::FieldText& field, const std::string& where) {
    return typed(field, where, NumberKind::kPercent);
  }
  std::optional<double> number(const cells::FieldText& field, const std::string& where) {
    return typed(field, where, NumberKind::kNumber);
  }

  // A target or actual value: text is a valid kind of its own ("有效"), so
  // only a reading with digits that typed as text is taken as a garbled
  // number and replaced by another reading that types as one.
  schema::Value value(const cells::FieldText& field, const std::string& where) {
    schema::Value value = parse_value(field.text);
    if (value.kind != schema::ValueKind::kText || !text::has_digit(field.text)) return value;
    for (const std::string& alternative : field.alternatives) {
      schema::Value other = parse_value(alternative);
      if (other.kind == schema::ValueKind::kText) continue;
      record_repair(field, where, alternative);
      return other;
    }
    return value;
  }

 private:
  std::optional<double> typed(const cells::FieldText& field, const std::string& where,
                              NumberKind kind, MoneyUnit unit = MoneyUnit::kYuan) {
    const NumberCell cell = parse_as(kind, field.text, unit);
    if (cell.valid) return cell.value;
    for (const std::string& alternative : field.alternatives) {
      const NumberCell other = parse_as(kind, alternative, unit);
      if (!other.valid || !other.value) continue;
      record_repair(field, where, alternative);
      return other.value;
    }
    warnings_.push_back(where + ": '" + field.text + "' is not a number");
    return cell.value;
  }

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

// Every field the form printed, named by its path in `record`. Funds lines
// the record left out (unknown items) have no path and are left out here.
std::vector<cells::FieldSource> field_sources(const cells::Form& form,
                                              const schema::Record& record) {
  std::vector<cells::FieldSource> sources;
  auto add = [&](std::string path, const cells::FieldText& field) {
    if (!field.empty()) sources.push_back({std::move(path), field});
  };
  add("title", form.title);
  add("year", form.year_line);
  add("project_name", form.project_name);
  add("supervising_department", form.supervising_department);
  add("implementing_unit", form.implementing_unit);
  std::size_t row = 0;
  for (const cells::FundsLine& line : form.funds) {
    if (row >= record.funds.size() || record.funds[row].item != line.item.text) continue;
    const std::string at = "funds[" + std::to_string(row++) + "].";
    add(at + "item", line.item);
    add(at + "initial_budget", line.initial_budget);
    add(at + "annual_budget", line.annual_budget);
    add(at + "executed", line.executed);
    add(at + "weight", line.weight);
    add(at + "execution_rate", line.execution_rate);
    add(at + "score", line.score);
  }
  add("goals.planned", form.goals_planned);
  add("goals.achieved", form.goals_achieved);
  for (std::size_t i = 0; i < form.indicators.size(); ++i) {
    const cells::IndicatorLine& line = form.indicators[i];
    const std::string at = "indicators[" + std::to_string(i) + "].";
    add(at + "level1", line.level1);
    add(at + "level2", line.level2);
    add(at + "level3", line.level3);
    add(at + "target", line.target);
    add(at + "actual", line.actual);
    add(at + "weight", line.weight);
    add(at + "score", line.score);
    add(at + "deviation", line.deviation);
  }
  add("total.weight", form.total_weight);
  add("total.score", form.total_score);
  return sources;
}

// The number a record field holds, by its path, and how its text types.
// `Number` is const for a const record (read, never written).
template <class Number>
struct NumberSlot {
  Number* value = nullptr;
  NumberKind kind = NumberKind::kNumber;
};

template <class RecordType>
auto number_slot(RecordType& record, const std::string& path)
    -> NumberSlot<std::remove_reference_t<decltype((record.total.score))>> {
  std::size_t index = 0;
  char name[32] = {};
  if (std::sscanf(path.c_str(), "funds[%zu].%31s", &index, name) == 2 &&
      index < record.funds.size()) {
    auto& row = record.funds[index];
    const std::string field = name;
    if (field == "initial_budget") return {&row.initial_budget, NumberKind::kMoney};
    if (field == "annual_budget") return {&row.annual_budget, NumberKind::kMoney};
    if (field == "executed") return {&row.executed, NumberKind::kMoney};
    if (field == "execution_rate") return {&row.execution_rate, NumberKind::kPercent};
    if (field == "weight") return {&row.weight};
    if (field == "score") return {&row.score};
    return {};
  }
  if (std::sscanf(path.c_str(), "indicators[%zu].%31s", &index, name) == 2 &&
      index < record.indicators.size()) {
    const std::string field = name;
    if (field == "weight") return {&record.indicators[index].weight};
    if (field == "score") return {&record.indicators[index].score};
    return {};
  }
  if (path == "total.weight") return {&record.total.weight};
  if (path == "total.score") return {&record.total.score};
  return {};
}

// The form's arithmetic chooses among OCR's other readings of a number: a
// failed check that holds once one of its fields takes another reading
// (and no check that held fails) takes it. One field at a time; a printed
// number read surely has no other readings and is never changed, so a
// wrong total stays wrong and is reported.
void repair_by_arithmetic(BuiltRecord& built, MoneyUnit unit,
                          const schema::PrintedPrecision& precision) {
  schema::Record& record = built.record;
  auto passing = [](const std::vector<schema::Check>& checks, const std::string& rule) {
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
      for (const std::string& path : schema::check_fields(record, check)) {
        const auto source =
            std::find_if(built.sources.begin(), built.sources.end(),
                         [&](const cells::FieldSource& s) { return s.field == path; });
        const auto slot = number_slot(record, path);
        if (source == built.sources.end() || !slot.value) continue;
        for (const std::string& alternative : source->read.alternatives) {
          const NumberCell reading = parse_as(slot.kind, alternative, unit);
          if (!reading.valid || !reading.value || reading.value == *slot.value) continue;
          const std::optional<double> printed = *slot.value;
          *slot.value = reading.value;
          std::vector<schema::Check> after = schema::run_checks(record, precision);
          if (passing(after, check.rule) && breaks_none(before, after)) {
            record.checks = std::move(after);
            const cells::FieldText& read = source->read;
            built.repairs.push_back({path, read.first_origin(), read.text, alternative,
                                     check.rule + " holds with OCR's other reading"});
            repaired = true;
            break;
          }
          *slot.value = printed;
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

  record.title = text_or_null(form.title);
  record.year = parse_year(form.year_line.text);
  if (!record.year) record.year = parse_year(form.title.text);
  record.project_name = text_or_null(form.project_name);
  record.supervising_department = text_or_null(form.supervising_department);
  record.implementing_unit = text_or_null(form.implementing_unit);

  const MoneyUnit unit = money_unit_of_label(form.funds_label.text);
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
    const std::string where = "funds " + line.item.text;
    schema::FundsRow row;
    row.item = line.item.text;
    row.key = *key;
    row.initial_budget = typer.money(line.initial_budget, unit, where + " 年初预算数");
    row.annual_budget = typer.money(line.annual_budget, unit, where + " 全年预算数");
    row.executed = typer.money(line.executed, unit, where + " 全年执行数");
    row.weight = typer.number(line.weight, where + " 分值");
    row.execution_rate = typer.percent(line.execution_rate, where + " 执行率");
    row.score = typer.number(line.score, where + " 得分");
    record.funds.push_back(std::move(row));
  }

  record.goals.planned = text_or_null(form.goals_planned);
  record.goals.achieved = text_or_null(form.goals_achieved);

  for (const cells::IndicatorLine& line : form.indicators) {
    schema::Indicator indicator;
    indicator.level1 = level_name(line.level1);
    indicator.level2 = level_name(line.level2);
    indicator.level3 = text_or_null(line.level3);
    const std::string where = "indicator " + line.level3.text;
    indicator.target = typer.value(line.target, where + " 指标值");
    indicator.actual = typer.value(line.actual, where + " 实际完成值");
    indicator.weight = typer.number(line.weight, where + " 分值");
    indicator.score = typer.number(line.score, where + " 得分");
    indicator.deviation = text_or_null(line.deviation);
    record.indicators.push_back(std::move(indicator));
  }

  if (form.has_total) {
    record.total.weight = typer.number(form.total_weight, "总分 分值");
    record.total.score = typer.number(form.total_score, "总分 得分");
  }
  record.checks = schema::run_checks(record, precision);
  built.sources = field_sources(form, record);
  repair_by_arithmetic(built, unit, precision);
  for (const cells::Repair& repair : built.repairs) {
    built.warnings.push_back("repaired page " + std::to_string(repair.where.page) + " " +
                             repair.field + ": read '" + repair.read + "', became '" +
                             repair.became + "' (" + repair.why + ")");
  }

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

namespace {

// A text field of the record by its path, or null.
template <class RecordType>
auto text_slot(RecordType& record, const std::string& path) -> decltype(&record.title) {
  if (path == "title") return &record.title;
  if (path == "project_name") return &record.project_name;
  if (path == "supervising_department") return &record.supervising_department;
  if (path == "implementing_unit") return &record.implementing_unit;
  if (path == "goals.planned") return &record.goals.planned;
  if (path == "goals.achieved") return &record.goals.achieved;
  std::size_t index = 0;
  char name[32] = {};
  if (std::sscanf(path.c_str(), "indicators[%zu].%31s", &index, name) == 2 &&
      index < record.indicators.size()) {
    auto& indicator = record.indicators[index];
    const std::string field = name;
    if (field == "level1") return &indicator.level1;
    if (field == "level2") return &indicator.level2;
    if (field == "level3") return &indicator.level3;
    if (field == "deviation") return &indicator.deviation;
  }
  return nullptr;
}

template <class RecordType>
auto value_slot(RecordType& record, const std::string& path)
    -> decltype(&record.indicators[0].target) {
  std::size_t index = 0;
  char name[32] = {};
  if (std::sscanf(path.c_str(), "indicators[%zu].%31s", &index, name) != 2 ||
      index >= record.indicators.size()) {
    return nullptr;
  }
  const std::string field = name;
  if (field == "target") return &record.indicators[index].target;
  if (field == "actual") return &record.indicators[index].actual;
  return nullptr;
}

}  // namespace

std::optional<std::string> apply_correction(schema::Record& record, const std::string& path,
                                            const std::string& text) {
  const std::string cleaned = clean_text(text);
  if (auto* text_field = text_slot(record, path)) {
    *text_field = cleaned.empty() ? std::nullopt : std::optional<std::string>(cleaned);
  } else if (auto* value = value_slot(record, path)) {
    *value = parse_value(cleaned);
  } else if (path == "year") {
    const std::optional<double> year = parse_number(cleaned).value;
    if (!cleaned.empty() && (!year || *year != static_cast<int>(*year))) {
      return "'" + cleaned + "' is not a year";
    }
    record.year = year ? std::optional<int>(static_cast<int>(*year)) : std::nullopt;
  } else if (const auto slot = number_slot(record, path); slot.value) {
    const NumberCell cell = parse_as(slot.kind, cleaned, MoneyUnit::kYuan);
    if (!cell.valid) return "'" + cleaned + "' is not a number";
    *slot.value = cell.value;
  } else {
    return "no field '" + path + "' in this record";
  }
  record.checks = schema::run_checks(record);
  return std::nullopt;
}

std::optional<std::string> field_text(const schema::Record& record, const std::string& path) {
  if (const auto* text_field = text_slot(record, path)) return *text_field;
  if (const auto* value = value_slot(record, path)) return value->raw;
  if (path == "year") {
    return record.year ? std::optional<std::string>(std::to_string(*record.year)) : std::nullopt;
  }
  if (const auto slot = number_slot(record, path); slot.value && *slot.value) {
    return schema::format_decimal(**slot.value, slot.kind == NumberKind::kMoney ? 2 : 6);
  }
  return std::nullopt;
}

}  // namespace kpiform::normalize
