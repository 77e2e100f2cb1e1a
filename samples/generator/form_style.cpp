#include "form_style.h"

namespace kpiform::samples {

namespace {

// A4 portrait, serif, Word-like: 绩效指标 column, amounts in 元, split rows
// closed at the page foot, every form on a new page.
FormStyle portrait() {
  FormStyle style;
  style.name = "portrait";
  style.funds_widths = {30, 96, 80, 80, 80, 36, 54, 59};
  style.indicator_widths = {30, 44, 54, 92, 60, 60, 34, 34, 107};
  return style;
}

// A4 landscape, sans-serif, a newer template: no 绩效指标 column, amounts in
// 万元, synonyms in the headers, forms flowing on without page breaks, page
// numbers, and split rows left open at the page foot.
FormStyle landscape() {
  FormStyle style;
  style.name = "landscape";
  style.page.width = 841.9;
  style.page.height = 595.3;
  style.page.margin_top = 48;
  style.page.margin_bottom = 44;
  style.page.margin_left = 52;
  style.page.font_family = "Noto Sans CJK SC";
  style.page.font_size = 9.5;
  style.page.cell_padding = 3.5;
  style.page.rule_width = 0.8;
  style.page.close_split_rows = false;
  style.page.page_numbers = true;
  style.title_size = 18;
  style.performance_column = false;
  style.money_unit = MoneyUnit::kTenThousandYuan;
  style.new_page_per_form = false;
  style.year_format = "（%d年度）";
  style.goals_label = "年度目标";
  style.target_header = "指标值";
  style.actual_header = "实际值";
  style.deviation_header = "未完成原因分析";
  style.funds_widths = {62, 110, 110, 110, 110, 60, 80, 100};
  style.indicator_widths = {62, 84, 156, 104, 96, 40, 40, 160};
  return style;
}

}  // namespace

const std::vector<FormStyle>& form_styles() {
  static const std::vector<FormStyle> styles = {portrait(), landscape()};
  return styles;
}

}  // namespace kpiform::samples
