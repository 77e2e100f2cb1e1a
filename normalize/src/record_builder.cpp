#include "kpiform/normalize/record_builder.h"

#include <algorithm>

#include "kpiform/normalize/value.h"
#include "kpiform/schema/checks.h"

namespace kpiform::normalize {

namespace {

std::optional<std::string> text_or_null(const cells::FieldText& field) {
  if (field.empty()) return std::nullopt;
  return field.text;
}

std::optional<schema::FundsKey> funds_key(const std::string& item) {
  auto has = [&](const char* part) { return item.find(part) != std::string::npos; };
  if (has("总额") || has("合计")) return schema::FundsKey::kTotal;
  if (has("财政拨款")) return schema::FundsKey::kCurrentAppropriation;
  if (has("结转")) return schema::FundsKey::kCarryover;
  if (has("其他")) return schema::FundsKey::kOther;
  return std::nullopt;
}

// Collects the typing failures with the field they belong to.
class Typer {
 public:
  explicit Typer(std::vector<std::string>& warnings) : warnings_(warnings) {}

  std::optional<double> take(const NumberCell& cell, const cells::FieldText& field,
                             const std::string& where) {
    if (!cell.valid) {
      warnings_.push_back(where + ": '" + field.text + "' is not a number");
    }
    return cell.value;
  }

  std::optional<double> money(const cells::FieldText& field, MoneyUnit unit,
                              const std::string& where) {
    return take(parse_money(field.text, unit), field, where);
  }
  std::optional<double> percent(const cells::FieldText& field, const std::string& where) {
    return take(parse_percent(field.text), field, where);
  }
  std::optional<double> number(const cells::FieldText& field, const std::string& where) {
    return take(parse_number(field.text), field, where);
  }

 private:
  std::vector<std::string>& warnings_;
};

}  // namespace

BuiltRecord build_record(const cells::Form& form, const SourceInfo& source) {
  BuiltRecord built;
  built.warnings = form.warnings;
  for (const std::string& repair : form.repairs) built.warnings.push_back("repaired " + repair);
  schema::Record& record = built.record;
  Typer typer(built.warnings);

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
  for (const cells::FundsLine& line : form.funds) {
    const auto key = funds_key(line.item.text);
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
    indicator.level1 = text_or_null(line.level1);
    indicator.level2 = text_or_null(line.level2);
    indicator.level3 = text_or_null(line.level3);
    indicator.target = parse_value(line.target.text);
    indicator.actual = parse_value(line.actual.text);
    const std::string where = "indicator " + line.level3.text;
    indicator.weight = typer.number(line.weight, where + " 分值");
    indicator.score = typer.number(line.score, where + " 得分");
    indicator.deviation = text_or_null(line.deviation);
    record.indicators.push_back(std::move(indicator));
  }

  if (form.has_total) {
    record.total.weight = typer.number(form.total_weight, "总分 分值");
    record.total.score = typer.number(form.total_score, "总分 得分");
  }
  record.checks = schema::run_checks(record);

  // Every field of the form, for its confidence.
  std::vector<const cells::FieldText*> fields = {&form.title,
                                                 &form.year_line,
                                                 &form.project_name,
                                                 &form.supervising_department,
                                                 &form.implementing_unit,
                                                 &form.goals_planned,
                                                 &form.goals_achieved,
                                                 &form.total_weight,
                                                 &form.total_score};
  for (const cells::FundsLine& line : form.funds) {
    for (const cells::FieldText* field :
         {&line.item, &line.initial_budget, &line.annual_budget, &line.executed, &line.weight,
          &line.execution_rate, &line.score}) {
      fields.push_back(field);
    }
  }
  for (const cells::IndicatorLine& line : form.indicators) {
    for (const cells::FieldText* field :
         {&line.level1, &line.level2, &line.level3, &line.target, &line.actual, &line.weight,
          &line.score, &line.deviation}) {
      fields.push_back(field);
    }
  }
  int low = 0;
  double lowest = 1.0;
  for (const cells::FieldText* field : fields) {
    if (field->empty() || field->confidence >= kLowConfidence) continue;
    ++low;
    lowest = std::min(lowest, field->confidence);
  }
  if (low > 0) {
    built.warnings.push_back(
        "low confidence: " + std::to_string(low) + " field" + (low == 1 ? "" : "s") +
        " read with less than " + std::to_string(static_cast<int>(kLowConfidence * 100)) +
        "% confidence (lowest " + std::to_string(static_cast<int>(lowest * 100)) + "%)");
  }
  return built;
}

}  // namespace kpiform::normalize
