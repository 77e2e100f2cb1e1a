#include <algorithm>
#include <cmath>

#include "printed_form.h"

namespace kpiform::samples {

namespace {

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

  int row() {
    rows_.emplace_back();
    return static_cast<int>(rows_.size()) - 1;
  }

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

// Rows from `i` on that print the same non-blank text in `level`, within
// the rows that share `outer` (level 1 for a level-2 cell).
int merged_span(const std::vector<PrintedIndicator>& rows, std::size_t i,
                std::string PrintedIndicator::*level, std::string PrintedIndicator::*outer) {
  int span = 1;
  const auto same = [&](std::size_t a, std::size_t b, std::string PrintedIndicator::*field) {
    return !(rows[a].*field).empty() && rows[a].*field == rows[b].*field;
  };
  while (i + span < rows.size() && same(i, i + span, level) &&
         (!outer || same(i, i + span, outer))) {
    ++span;
  }
  return span;
}

}  // namespace

std::string with_thousands(const std::string& number) {
  const std::size_t point = std::min(number.find('.'), number.size());
  std::string out;
  for (std::size_t i = 0; i < point; ++i) {
    if (i > 0 && (point - i) % 3 == 0) out += ',';
    out += number[i];
  }
  return out + number.substr(point);
}

PrintedTable printed_table(const PrintedForm& form, const TableLook& look) {
  const GridBuilder::Edges funds(look.funds_widths);
  const GridBuilder::Edges ind(look.indicator_widths);
  const std::size_t level1 = look.performance_column ? 1 : 0;  // 一级指标 column
  const std::size_t level3 = level1 + 2;
  const std::size_t weight_column = level3 + 3;
  const std::size_t last = look.indicator_widths.size();
  const VAlign valign = look.valign;
  GridBuilder grid;

  if (look.title_in_table) {
    grid.row();
    grid.cell(ind, 0, last, form.title);
    if (!form.year_line.empty()) {
      grid.row();
      grid.cell(ind, 0, last, form.year_line);
    }
  }
  grid.row();
  grid.cell(ind, 0, 1, "项目名称", 1, HAlign::kCenter, valign);
  grid.cell(ind, 1, last, form.project_name, 1, HAlign::kCenter, valign);
  grid.row();
  grid.cell(ind, 0, 1, "主管部门", 1, HAlign::kCenter, valign);
  grid.cell(ind, 1, level3 + 1, form.supervising_department, 1, HAlign::kCenter, valign);
  grid.cell(ind, level3 + 1, level3 + 2, "实施单位", 1, HAlign::kCenter, valign);
  grid.cell(ind, level3 + 2, last, form.implementing_unit, 1, HAlign::kCenter, valign);

  grid.row();
  grid.cell(funds, 0, 1, form.funds_label, 1 + static_cast<int>(form.funds.size()), HAlign::kCenter,
            valign);
  grid.cell(funds, 1, 2, "");
  const char* funds_columns[] = {"年初预算数", "全年预算数", "全年执行数",
                                 "分值",       "执行率",     "得分"};
  for (std::size_t i = 0; i < 6; ++i) grid.cell(funds, 2 + i, 3 + i, funds_columns[i]);
  for (const PrintedFunds& row : form.funds) {
    grid.row();
    std::size_t column = 1;
    for (const std::string* text : {&row.item, &row.initial_budget, &row.annual_budget,
                                    &row.executed, &row.weight, &row.execution_rate, &row.score}) {
      grid.cell(funds, column, column + 1, *text, 1, HAlign::kCenter, valign);
      ++column;
    }
  }

  grid.row();
  grid.cell(ind, 0, 1, form.goals_label, 2, HAlign::kCenter, valign);
  grid.cell(ind, 1, level3 + 1, form.planned_label);
  grid.cell(ind, level3 + 1, last, form.achieved_label);
  grid.row();
  grid.cell(ind, 1, level3 + 1, form.planned, 1, HAlign::kLeft, VAlign::kTop);
  grid.cell(ind, level3 + 1, last, form.achieved, 1, HAlign::kLeft, VAlign::kTop);

  const auto& rows = form.indicators;
  const std::size_t count = rows.size();
  PrintedTable printed;
  printed.indicator_header_row = grid.row();
  if (look.performance_column) grid.cell(ind, 0, 1, "绩效指标", 1 + static_cast<int>(count));
  for (std::size_t i = 0; i < 8; ++i) {
    grid.cell(ind, level1 + i, level1 + i + 1, form.indicator_headers[i]);
  }

  for (std::size_t i = 0; i < count; ++i) {
    const PrintedIndicator& row = rows[i];
    grid.row();
    const bool continues_level1 = i > 0 && !row.level1.empty() && rows[i - 1].level1 == row.level1;
    if (!continues_level1) {
      grid.cell(ind, level1, level1 + 1, row.level1,
                merged_span(rows, i, &PrintedIndicator::level1, nullptr), HAlign::kCenter, valign);
    }
    if (!(continues_level1 && !row.level2.empty() && rows[i - 1].level2 == row.level2)) {
      grid.cell(ind, level1 + 1, level1 + 2, row.level2,
                merged_span(rows, i, &PrintedIndicator::level2, &PrintedIndicator::level1),
                HAlign::kCenter, valign);
    }
    std::size_t column = level3;
    for (const std::string* text :
         {&row.level3, &row.target, &row.actual, &row.weight, &row.score}) {
      grid.cell(ind, column, column + 1, *text, 1, HAlign::kCenter, valign);
      ++column;
    }
    grid.cell(ind, column, last, row.deviation, 1, HAlign::kLeft, valign);
  }

  if (form.has_total) {
    grid.row();
    const std::size_t label_end =
        look.total_label_columns > 0
            ? std::min<std::size_t>(static_cast<std::size_t>(look.total_label_columns),
                                    weight_column)
            : weight_column;
    grid.cell(ind, 0, label_end, form.total_label, 1, HAlign::kCenter, valign);
    if (label_end < weight_column) grid.cell(ind, label_end, weight_column, "");
    grid.cell(ind, weight_column, weight_column + 1, form.total_weight, 1, HAlign::kCenter, valign);
    grid.cell(ind, weight_column + 1, weight_column + 2, form.total_score, 1, HAlign::kCenter,
              valign);
    grid.cell(ind, weight_column + 2, last, "");
  }
  printed.table = grid.build();
  return printed;
}

}  // namespace kpiform::samples
