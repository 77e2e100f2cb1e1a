// A form as it is printed: the text of every cell in the printed wording,
// and the template's choices of how the cells are arranged. Every producer
// draws this (the cairo generator, the HTML given to a browser or an office
// suite), so one ground truth gets several renderings, and a record's
// numbers are formatted once, where the form is written.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "table.h"

namespace kpiform::samples {

struct PrintedFunds {
  std::string item;
  std::string initial_budget, annual_budget, executed, weight, execution_rate, score;
};

struct PrintedIndicator {
  // Level cells are merged down over the following rows that print the
  // same text (level 2 within the same level 1).
  std::string level1, level2, level3;
  std::string target, actual, weight, score, deviation;
};

struct PrintedForm {
  std::string title;
  std::string year_line;  // "(2020 年度)"; empty: not printed
  std::string project_name, supervising_department, implementing_unit;
  std::string funds_label;  // "项目资金 (元)"
  std::vector<PrintedFunds> funds;
  std::string goals_label = "年度总体目标";
  std::string planned_label = "预算目标";
  std::string achieved_label = "实际完成情况";
  std::string planned, achieved;
  // 一级指标, 二级指标, 三级指标, 指标值, 实际值, 分值, 得分, 偏差原因分析.
  std::array<std::string, 8> indicator_headers = {
      "一级指标",   "二级指标", "三级指标", "年度指标值",
      "实际完成值", "分值",     "得分",     "偏差原因分析及改进措施"};
  std::vector<PrintedIndicator> indicators;
  bool has_total = false;
  std::string total_label = "总分";
  std::string total_weight, total_score;
};

// How a template arranges the cells.
struct TableLook {
  // The leading 绩效指标 column spanning the indicator rows; without it the
  // goals label sits in the level-1 column.
  bool performance_column = true;
  // Column widths in points. The funds block and the indicator block have
  // their own columns, as in Word tables; both add up to the table width.
  // funds: label, item, 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分.
  std::vector<double> funds_widths;
  // indicators: [绩效指标,] 一级, 二级, 三级, 指标值, 实际值, 分值, 得分, 偏差原因.
  std::vector<double> indicator_widths;
  // Indicator columns the 总分 label covers from the left; the rest up to
  // 分值 stay blank. 0: all of them.
  int total_label_columns = 0;
  // Title and year line as the table's first rows instead of above it.
  bool title_in_table = false;
  VAlign valign = VAlign::kMiddle;
};

struct PrintedTable {
  Table table;
  // The indicator header row: producers that can repeat a header on each
  // page (HTML's <thead>) start a second table here. -1: none.
  int indicator_header_row = -1;
};

PrintedTable printed_table(const PrintedForm& form, const TableLook& look);

// "4416000.00" → "4,416,000.00": thousands separators as forms print them.
std::string with_thousands(const std::string& number);

}  // namespace kpiform::samples
