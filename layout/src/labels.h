// The closed vocabulary of the form: labels, column headers and their
// synonyms, and the names of the indicator levels.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kpiform::layout {

// The text as compared with labels: cleaned (radicals mapped) and without
// any white space.
std::string compact(std::string_view text);

// 财政项目支出绩效自评表 / 项目支出绩效自评表 (and close variants).
bool is_title(std::string_view compact_text);

enum class HeaderField { kProjectName, kSupervisingDepartment, kImplementingUnit };
std::optional<HeaderField> header_field(std::string_view compact_text);

enum class FundsColumn { kInitialBudget, kAnnualBudget, kExecuted, kWeight, kRate, kScore };
inline constexpr int kFundsColumns = 6;
std::optional<FundsColumn> funds_column(std::string_view compact_text);
bool is_funds_label(std::string_view compact_text);  // 项目资金 (元)

enum class GoalsColumn { kPlanned, kAchieved };
std::optional<GoalsColumn> goals_column(std::string_view compact_text);
bool is_goals_label(std::string_view compact_text);  // 年度总体目标

enum class IndicatorColumn {
  kLevel1,
  kLevel2,
  kLevel3,
  kTarget,
  kActual,
  kWeight,
  kScore,
  kDeviation
};
inline constexpr int kIndicatorColumns = 8;
std::optional<IndicatorColumn> indicator_column(std::string_view compact_text);

bool is_total_label(std::string_view compact_text);  // 总分

// A level-1 or level-2 name of the standard templates (产出指标, 数量指标, …).
bool is_level_name(std::string_view compact_text);

}  // namespace kpiform::layout
