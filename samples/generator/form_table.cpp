#include "form_table.h"

#include "kpiform/schema/checks.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace kpiform::samples {

namespace {

std::string with_thousands(const std::string& number) {
  const std::size_t point = std::min(number.find('.'), number.size());
  std::string out;
  for (std::size_t i = 0; i < point; ++i) {
    if (i > 0 && (point - i) % 3 == 0) out += ',';
    out += number[i];
  }
  return out + number.substr(point);
}

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

// Cells placed by their left and right edges. The table's columns are the
// union of all edges, as a Word table whose blocks have their own columns.
class GridBuilder {
 public:
  struct Edges {
    std::vector<double> at;  // cumulative, at[0] = 0
    explicit Edges(const std::vector<double>& widths) : at{0} {
      for (double width : widths) at.push_back(at.back() + width);
    }
  };

  void row() { rows_.emplace_back(); }

  // A cell over columns [first, last) of `edges`.
  void cell(const Edges& edges, std::size_t first, std::size_t last, std::string content,
            int rowspan = 1, HAlign halign = HAlign::kCenter, VAlign valign = VAlign::kMiddle) {
    rows_.back().push_back(
        {edges.at[first], edges.at[last], rowspan, std::move(content), halign, valign});
  }

  Table build() const {
    std::vector<double> edges;
    for (const auto& row : rows_) {
      for (const Placed& placed : row) {
        edges.push_back(placed.x0);
        edges.push_back(placed.x1);
      }
    }
    std::sort(edges.begin(), edges.end());
    edges.erase(std::unique(edges.begin(), edges.end(),
                            [](double a, double b) { return std::fabs(a - b) < 0.01; }),
                edges.end());
    auto column = [&](double x) {
      return static_cast<int>(std::lower_bound(edges.begin(), edges.end(), x - 0.01) -
                              edges.begin());
    };
    Table table;
    for (std::size_t i = 1; i < edges.size(); ++i)
      table.column_widths.push_back(edges[i] - edges[i - 1]);
    for (const auto& row : rows_) {
      std::vector<Cell>& cells = table.rows.emplace_back();
      for (const Placed& placed : row) {
        const int first = column(placed.x0);
        cells.push_back({first, column(placed.x1) - first, placed.rowspan, placed.text,
                         placed.halign, placed.valign});
      }
    }
    return table;
  }

 private:
  struct Placed {
    double x0, x1;
    int rowspan;
    std::string text;
    HAlign halign;
    VAlign valign;
  };
  std::vector<std::vector<Placed>> rows_;
};

// Whether two indicators share a merged level cell: same text, not blank.
bool same_level(const std::optional<std::string>& a, const std::optional<std::string>& b) {
  return a && b && *a == *b;
}

std::string rate_text(const std::optional<double>& rate) {
  if (!rate) return "";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f%%", *rate);
  return buffer;
}

Table form_table(const schema::Record& record, const FormStyle& style) {
  const GridBuilder::Edges funds(style.funds_widths);
  const GridBuilder::Edges ind(style.indicator_widths);
  const std::size_t level1 = style.performance_column ? 1 : 0;  // 一级指标 column
  const std::size_t level3 = level1 + 2;
  const std::size_t last = style.indicator_widths.size();
  GridBuilder grid;

  grid.row();
  grid.cell(ind, 0, 1, "项目名称");
  grid.cell(ind, 1, last, text(record.project_name));
  grid.row();
  grid.cell(ind, 0, 1, "主管部门");
  grid.cell(ind, 1, level3 + 1, text(record.supervising_department));
  grid.cell(ind, level3 + 1, level3 + 2, "实施单位");
  grid.cell(ind, level3 + 2, last, text(record.implementing_unit));

  const bool wan = style.money_unit == MoneyUnit::kTenThousandYuan;
  grid.row();
  grid.cell(funds, 0, 1, wan ? "项目资金（万元）" : "项目资金 (元)",
            1 + static_cast<int>(record.funds.size()));
  grid.cell(funds, 1, 2, "");
  const char* funds_columns[] = {"年初预算数", "全年预算数", "全年执行数",
                                 "分值",       "执行率",     "得分"};
  for (std::size_t i = 0; i < 6; ++i) grid.cell(funds, 2 + i, 3 + i, funds_columns[i]);
  for (const schema::FundsRow& row : record.funds) {
    const bool total = row.key == schema::FundsKey::kTotal;
    grid.row();
    grid.cell(funds, 1, 2, row.item);
    grid.cell(funds, 2, 3, money(row.initial_budget, style.money_unit, MoneyColumn::kBudget));
    grid.cell(funds, 3, 4, money(row.annual_budget, style.money_unit, MoneyColumn::kBudget));
    grid.cell(funds, 4, 5, money(row.executed, style.money_unit, MoneyColumn::kExecuted));
    grid.cell(funds, 5, 6, total ? number(row.weight) : "—");
    grid.cell(funds, 6, 7, rate_text(row.execution_rate));
    grid.cell(funds, 7, 8, number(row.score));
  }

  grid.row();
  grid.cell(ind, 0, 1, style.goals_label, 2);
  grid.cell(ind, 1, level3 + 1, "预算目标");
  grid.cell(ind, level3 + 1, last, "实际完成情况");
  grid.row();
  grid.cell(ind, 1, level3 + 1, text(record.goals.planned), 1, HAlign::kLeft, VAlign::kTop);
  grid.cell(ind, level3 + 1, last, text(record.goals.achieved), 1, HAlign::kLeft, VAlign::kTop);

  const auto& indicators = record.indicators;
  const std::size_t count = indicators.size();
  grid.row();
  if (style.performance_column) grid.cell(ind, 0, 1, "绩效指标", 1 + static_cast<int>(count));
  const std::string headers[] = {
      "一级指标",          "二级指标", "三级指标", style.target_header,
      style.actual_header, "分值",     "得分",     style.deviation_header};
  for (std::size_t i = 0; i < 8; ++i) grid.cell(ind, level1 + i, level1 + i + 1, headers[i]);

  for (std::size_t i = 0; i < count; ++i) {
    const schema::Indicator& indicator = indicators[i];
    grid.row();
    // A level cell is merged down over the following rows with the same
    // level (and, for level 2, the same level 1).
    const bool continues_level1 = i > 0 && same_level(indicators[i - 1].level1, indicator.level1);
    if (!continues_level1) {
      int span = 1;
      while (i + span < count && same_level(indicators[i + span].level1, indicator.level1)) ++span;
      grid.cell(ind, level1, level1 + 1, text(indicator.level1), span);
    }
    if (!(continues_level1 && same_level(indicators[i - 1].level2, indicator.level2))) {
      int span = 1;
      while (i + span < count && same_level(indicators[i + span].level1, indicator.level1) &&
             same_level(indicators[i + span].level2, indicator.level2)) {
        ++span;
      }
      grid.cell(ind, level1 + 1, level1 + 2, text(indicator.level2), span);
    }
    grid.cell(ind, level3, level3 + 1, text(indicator.level3));
    grid.cell(ind, level3 + 1, level3 + 2, text(indicator.target.raw));
    grid.cell(ind, level3 + 2, level3 + 3, text(indicator.actual.raw));
    grid.cell(ind, level3 + 3, level3 + 4, number(indicator.weight));
    grid.cell(ind, level3 + 4, level3 + 5, number(indicator.score));
    grid.cell(ind, level3 + 5, last, text(indicator.deviation), 1, HAlign::kLeft);
  }

  if (record.total.weight || record.total.score) {
    grid.row();
    grid.cell(ind, 0, level3 + 3, "总分");
    grid.cell(ind, level3 + 3, level3 + 4, number(record.total.weight));
    grid.cell(ind, level3 + 4, level3 + 5, number(record.total.score));
    grid.cell(ind, level3 + 5, last, "");
  }
  return grid.build();
}

}  // namespace

void draw_form(Document& document, const schema::Record& record, const FormStyle& style) {
  if (!document.at_page_top()) {
    if (style.new_page_per_form) {
      document.new_page();
    } else {
      document.space(24);
      document.keep_space(160);  // never leave a title alone at the page foot
    }
  }
  document.centered_line(text(record.title), style.title_size, true);
  if (record.year) {
    char line[64];
    std::snprintf(line, sizeof line, style.year_format.c_str(), *record.year);
    document.space(2);
    document.centered_line(line, style.page.font_size + 1, false);
  }
  document.space(6);
  document.draw_table(form_table(record, style));
}

}  // namespace kpiform::samples
