// The look of a generated form: page, fonts, column widths and the label
// wording, so that samples cover more than one geometry and template.
#pragma once

#include <string>
#include <vector>

#include "table.h"

namespace kpiform::samples {

enum class MoneyUnit { kYuan, kTenThousandYuan };

struct FormStyle {
  std::string name;
  PageStyle page;
  double title_size = 16;
  // The leading 绩效指标 column; without it the block labels sit in the
  // level-1 column.
  bool performance_column = true;
  MoneyUnit money_unit = MoneyUnit::kYuan;
  bool new_page_per_form = true;
  std::string year_format = "(%d 年度)";  // printf format of the year line
  std::string goals_label = "年度总体目标";
  std::string target_header = "年度指标值";
  std::string actual_header = "实际完成值";
  std::string deviation_header = "偏差原因分析及改进措施";
  // Column widths in points. The funds block and the indicator block have
  // their own columns, as in Word tables; both add up to the table width.
  // funds: label, item, 年初预算数, 全年预算数, 全年执行数, 分值, 执行率, 得分.
  std::vector<double> funds_widths;
  // indicators: [绩效指标,] 一级, 二级, 三级, 指标值, 实际值, 分值, 得分, 偏差原因.
  std::vector<double> indicator_widths;
};

// The built-in styles, by name ("portrait", "landscape").
const std::vector<FormStyle>& form_styles();

}  // namespace kpiform::samples
