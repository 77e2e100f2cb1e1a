#include "labels.h"

#include <algorithm>
#include <array>

#include "kpiform/text/clean.h"
#include "kpiform/text/utf8.h"

namespace kpiform::layout {

namespace {

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// The titles of the standard templates.
constexpr std::array<std::string_view, 2> kTitles = {"财政项目支出绩效自评表",
                                                     "项目支出绩效自评表"};

// The level-1 and level-2 names of the standard templates.
constexpr std::array<std::string_view, 16> kLevelNames = {
    "产出指标",     "效益指标",     "满意度指标",       "成本指标",
    "数量指标",     "质量指标",     "时效指标",         "经济效益指标",
    "社会效益指标", "生态效益指标", "可持续影响指标",   "服务对象满意度指标",
    "经济成本指标", "社会成本指标", "生态环境成本指标", "生态环境效益指标"};

// The rows of the funds table as the standard templates print them.
// 本年 and 当年 are both the current year's appropriation.
constexpr std::array<std::string_view, 7> kFundsItems = {
    "年度资金总额", "其中：当年财政拨款", "其中：本年财政拨款", "其中：财政拨款",
    "上年结转资金", "其他资金",           "其中：上年结转资金"};

// How many characters OCR may have got wrong in a label of `length`
// characters for it still to be that label: none in two or three, one in
// four to seven, two from eight on.
std::size_t tolerance(std::size_t length) {
  return length >= 4 ? 1 + (length - 4) / 4 : 0;
}

}  // namespace

std::optional<std::string_view> closest_word(std::string_view text,
                                             std::span<const std::string_view> vocabulary,
                                             std::size_t min_tolerance) {
  std::optional<std::string_view> best;
  std::size_t best_distance = 0;
  bool tie = false;
  const std::size_t length = text::character_count(text);
  for (std::string_view word : vocabulary) {
    const std::size_t word_length = text::character_count(word);
    const std::size_t allowed = std::max(tolerance(word_length), min_tolerance);
    if (length + allowed < word_length || length > word_length + allowed) continue;
    const std::size_t distance = text::edit_distance(text, word);
    if (distance > allowed) continue;
    if (!best || distance < best_distance) {
      best = word;
      best_distance = distance;
      tie = false;
    } else if (distance == best_distance) {
      tie = true;
    }
  }
  if (tie) return std::nullopt;
  return best;
}

std::string compact(std::string_view text) {
  return text::without_spaces(text::clean_text(text));
}

bool is_title(std::string_view text) {
  return ends_with(text, "绩效自评表") ||
         (contains(text, "支出绩效") && contains(text, "自评表")) ||
         canonical_title(text).has_value();
}

std::optional<std::string_view> canonical_title(std::string_view text) {
  return closest_word(text, std::span<const std::string_view>(kTitles));
}

bool is_standard_title(std::string_view text) {
  return std::find(kTitles.begin(), kTitles.end(), text) != kTitles.end();
}

std::optional<HeaderField> header_field(std::string_view text) {
  if (text == "项目名称") return HeaderField::kProjectName;
  if (text == "主管部门" || text == "主管单位") return HeaderField::kSupervisingDepartment;
  if (text == "实施单位" || text == "项目实施单位") return HeaderField::kImplementingUnit;
  const auto word = closest_word(text, {"项目名称", "主管部门", "实施单位"});
  if (word == "项目名称") return HeaderField::kProjectName;
  if (word == "主管部门") return HeaderField::kSupervisingDepartment;
  if (word == "实施单位") return HeaderField::kImplementingUnit;
  return std::nullopt;
}

std::optional<FundsColumn> funds_column(std::string_view text) {
  if (contains(text, "年初预算")) return FundsColumn::kInitialBudget;
  if (contains(text, "预算数")) return FundsColumn::kAnnualBudget;
  if (contains(text, "执行数")) return FundsColumn::kExecuted;
  if (text == "执行率") return FundsColumn::kRate;
  if (text == "分值") return FundsColumn::kWeight;
  if (text == "得分") return FundsColumn::kScore;
  const auto word = closest_word(text, {"年初预算数", "全年预算数", "全年执行数"});
  if (word == "年初预算数") return FundsColumn::kInitialBudget;
  if (word == "全年预算数") return FundsColumn::kAnnualBudget;
  if (word == "全年执行数") return FundsColumn::kExecuted;
  return std::nullopt;
}

bool is_funds_label(std::string_view text) {
  return starts_with(text, "项目资金") || (contains(text, "资金") && contains(text, "元"));
}

std::optional<GoalsColumn> goals_column(std::string_view text) {
  if (text == "预算目标" || text == "预期目标" || text == "年初目标" || text == "年度目标值")
    return GoalsColumn::kPlanned;
  if (text == "实际完成情况" || text == "全年实际完成情况") return GoalsColumn::kAchieved;
  // 预算目标 and 预期目标 are one character apart: each is tried on its own.
  for (const std::string_view planned : {"预算目标", "预期目标"}) {
    const auto word = closest_word(text, {planned, "实际完成情况"});
    if (word == planned) return GoalsColumn::kPlanned;
    if (word == "实际完成情况") return GoalsColumn::kAchieved;
  }
  return std::nullopt;
}

bool is_goals_label(std::string_view text) {
  return closest_word(text, {"年度总体目标", "年度目标", "总体目标", "年度绩效目标"}).has_value();
}

std::size_t indicator_columns() {
  return schema::fields_of(schema::Part::kIndicators).size();
}

std::size_t indicator_column_index(schema::Field field) {
  return schema::place_in_part(field);
}

std::optional<schema::Field> indicator_column(std::string_view text) {
  using schema::Field;
  for (const schema::FieldInfo& field : schema::fields_of(schema::Part::kIndicators)) {
    if (text == field.heading) return field.field;
  }
  const auto level = closest_word(text, {"一级指标", "二级指标", "三级指标"});
  if (level == "一级指标") return Field::kLevel1;
  if (level == "二级指标") return Field::kLevel2;
  if (level == "三级指标") return Field::kLevel3;
  if (contains(text, "原因") || contains(text, "改进措施")) return Field::kDeviation;
  if (contains(text, "实际") || text == "完成值") return Field::kActual;
  if (ends_with(text, "指标值") || ends_with(text, "目标值") || text == "计划值") {
    return Field::kTarget;
  }
  if (contains(text, "得分") || text == "评分") return Field::kIndicatorScore;
  if (contains(text, "分值") || contains(text, "权重")) return Field::kIndicatorWeight;
  const auto word =
      closest_word(text, {"年度指标值", "实际完成值", "偏差原因分析及改进措施", "未完成原因分析"});
  if (word == "年度指标值") return Field::kTarget;
  if (word == "实际完成值") return Field::kActual;
  if (word) return Field::kDeviation;
  return std::nullopt;
}

std::optional<FundsColumn> short_funds_heading(std::string_view text) {
  const auto word = closest_word(text, {"执行率", "分值", "得分"}, 1);
  if (word == "执行率") return FundsColumn::kRate;
  if (word == "分值") return FundsColumn::kWeight;
  if (word) return FundsColumn::kScore;
  return std::nullopt;
}

std::optional<schema::Field> short_indicator_heading(std::string_view text) {
  const auto word = closest_word(text, {"分值", "得分", "权重", "评分"}, 1);
  if (word == "分值" || word == "权重") return schema::Field::kIndicatorWeight;
  if (word) return schema::Field::kIndicatorScore;
  return std::nullopt;
}

bool is_total_label(std::string_view text) {
  return text == "总分" || text == "合计" || text == "总计" || text == "总得分";
}

bool is_level_name(std::string_view text) {
  const std::string name = text::without_level_points(text);
  return std::find(kLevelNames.begin(), kLevelNames.end(), name) != kLevelNames.end();
}

std::optional<std::string_view> canonical_level_name(std::string_view text) {
  if (auto word = closest_word(text, std::span<const std::string_view>(kLevelNames))) return word;
  // A name cut short (its last line lost at a page's foot, "社会成本" of
  // 社会成本指标) is the one standard name it begins, from four characters
  // on: fewer begin several ("产出", "生态环境").
  if (text::character_count(text) < 4) return std::nullopt;
  std::optional<std::string_view> begun;
  for (std::string_view name : kLevelNames) {
    if (name.size() <= text.size() || !starts_with(name, text)) continue;
    if (begun) return std::nullopt;
    begun = name;
  }
  return begun;
}

bool is_funds_item(std::string_view text) {
  return std::find(kFundsItems.begin(), kFundsItems.end(), text) != kFundsItems.end();
}

std::optional<std::string_view> canonical_funds_item(std::string_view text) {
  return closest_word(text, std::span<const std::string_view>(kFundsItems));
}

}  // namespace kpiform::layout
