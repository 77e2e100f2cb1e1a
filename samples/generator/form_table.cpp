#include "form_table.h"

#include "kpiform/schema/checks.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace kpiform::samples {

namespace {

// Budgets print with two decimals ("4416000.00"); the executed amount with
// thousands separators and only the decimals it needs ("719,677.12"), as
// the original forms do. In 万元 both need up to six decimals.
enum class MoneyColumn { kBudget, kExecuted };

std::string money(const std::optional<double>& yuan, MoneyUnit unit, MoneyColumn column) {
  if (!yuan) return "";
  if (unit == MoneyUnit::kTenThousandYuan) {
    const std::string text = schema::format_decimal(*yuan / 10000, 6);
    return column == MoneyColumn::kExecuted ? with_thousands(text) : text;
  }
  if (column == MoneyColumn::kBudget) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.2f", *yuan);
    return buffer;
  }
  return with_thousands(schema::format_decimal(*yuan, 2));
}

std::string number(const std::optional<double>& value) {
  return value ? schema::format_decimal(*value, 2) : "";
}

std::string text(const std::optional<std::string>& value) {
  return value.value_or("");
}

std::string rate_text(const std::optional<double>& rate) {
  if (!rate) return "";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f%%", *rate);
  return buffer;
}

// The samples' wording of a record: every cell's text as printed.
PrintedForm printed_form(const schema::Record& record, const FormStyle& style) {
  PrintedForm form;
  form.title = text(record.title);
  if (record.year) {
    char line[64];
    std::snprintf(line, sizeof line, style.year_format.c_str(), *record.year);
    form.year_line = line;
  }
  form.project_name = text(record.project_name);
  form.supervising_department = text(record.supervising_department);
  form.implementing_unit = text(record.implementing_unit);
  form.funds_label =
      style.money_unit == MoneyUnit::kTenThousandYuan ? "项目资金（万元）" : "项目资金 (元)";
  for (const schema::FundsRow& row : record.funds) {
    const bool total = row.key == schema::FundsKey::kTotal;
    form.funds.push_back(
        {row.item, money(row.initial_budget, style.money_unit, MoneyColumn::kBudget),
         money(row.annual_budget, style.money_unit, MoneyColumn::kBudget),
         money(row.executed, style.money_unit, MoneyColumn::kExecuted),
         total ? number(row.weight) : "—", rate_text(row.execution_rate), number(row.score)});
  }
  form.goals_label = style.goals_label;
  form.planned = text(record.goals.planned);
  form.achieved = text(record.goals.achieved);
  form.indicator_headers[3] = style.target_header;
  form.indicator_headers[4] = style.actual_header;
  form.indicator_headers[7] = style.deviation_header;
  for (const schema::Indicator& indicator : record.indicators) {
    form.indicators.push_back({text(indicator.level1), text(indicator.level2),
                               text(indicator.level3), text(indicator.target.raw),
                               text(indicator.actual.raw), number(indicator.weight),
                               number(indicator.score), text(indicator.deviation)});
  }
  form.has_total = record.total.weight || record.total.score;
  form.total_weight = number(record.total.weight);
  form.total_score = number(record.total.score);
  return form;
}

}  // namespace

void draw_form(Document& document, const PrintedForm& form, const TableLook& look,
               const FormFlow& flow) {
  if (!document.at_page_top()) {
    if (flow.new_page_per_form) {
      document.new_page();
    } else {
      document.space(24);
      document.keep_space(160);  // never leave a title alone at the page foot
    }
  }
  if (!look.title_in_table) {
    document.centered_line(form.title, flow.title_size, true);
    if (!form.year_line.empty()) {
      document.space(2);
      document.centered_line(form.year_line, flow.year_size, false);
    }
    document.space(6);
  }
  document.draw_table(printed_table(form, look).table);
}

void draw_form(Document& document, const schema::Record& record, const FormStyle& style) {
  TableLook look;
  look.performance_column = style.performance_column;
  look.funds_widths = style.funds_widths;
  look.indicator_widths = style.indicator_widths;
  draw_form(document, printed_form(record, style), look,
            {style.new_page_per_form, style.title_size, style.page.font_size + 1});
}

}  // namespace kpiform::samples
