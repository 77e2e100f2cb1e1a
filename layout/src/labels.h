// The closed vocabulary of the form: labels, column headers and their
// synonyms, and the names of the indicator levels.
#pragma once

#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "kpiform/schema/fields.h"

namespace kpiform::layout {

// The text as compared with labels: cleaned (radicals mapped) and without
// any white space.
std::string compact(std::string_view text);

// The word of `vocabulary` that `text` most probably is: equal to it, or
// within the few characters OCR may get wrong (one in a four-character
// label; at least `min_tolerance`) of one word and no other. Nullopt when
// none, or two, fit.
std::optional<std::string_view> closest_word(std::string_view text,
                                             std::span<const std::string_view> vocabulary,
                                             std::size_t min_tolerance = 0);
inline std::optional<std::string_view> closest_word(
    std::string_view text, std::initializer_list<std::string_view> vocabulary,
    std::size_t min_tolerance = 0) {
  return closest_word(text,
                      std::span<const std::string_view>(vocabulary.begin(), vocabulary.size()),
                      min_tolerance);
}

// 财政项目支出绩效自评表 / 项目支出绩效自评表 (and close variants).
bool is_title(std::string_view compact_text);

// The standard title an OCR reading stands for, if any.
std::optional<std::string_view> canonical_title(std::string_view compact_text);

// One of the standard titles exactly.
bool is_standard_title(std::string_view compact_text);

enum class HeaderField { kProjectName, kSupervisingDepartment, kImplementingUnit };
std::optional<HeaderField> header_field(std::string_view compact_text);

enum class FundsColumn { kInitialBudget, kAnnualBudget, kExecuted, kWeight, kRate, kScore };
inline constexpr int kFundsColumns = 6;
std::optional<FundsColumn> funds_column(std::string_view compact_text);
bool is_funds_label(std::string_view compact_text);  // 项目资金 (元)

// In a row known to be the funds table's header, a short heading one
// character off (故行率) is still 执行率, 分值 or 得分.
std::optional<FundsColumn> short_funds_heading(std::string_view compact_text);

// A row label of the standard funds table (年度资金总额, 其中：当年财政拨款, …).
bool is_funds_item(std::string_view compact_text);

// The standard funds row label an OCR reading stands for, if any.
std::optional<std::string_view> canonical_funds_item(std::string_view compact_text);

enum class GoalsColumn { kPlanned, kAchieved };
std::optional<GoalsColumn> goals_column(std::string_view compact_text);
bool is_goals_label(std::string_view compact_text);  // 年度总体目标

// The indicator table's columns are the fields of an indicator row
// (schema::fields_of(Part::kIndicators)), in that order.
std::size_t indicator_columns();
// A column as an index into the table's bands.
std::size_t indicator_column_index(schema::Field field);

// The field a heading of the indicator table names: the heading the
// standard form prints, or one of the variants other templates print
// (计划值, 权重, 未完成原因分析, …).
std::optional<schema::Field> indicator_column(std::string_view compact_text);

// In a row known to be the indicator table's header, every cell is a
// heading, so a two-character one may be one character off: "分全" is 分值.
// (Anywhere else two characters must match exactly.)
std::optional<schema::Field> short_indicator_heading(std::string_view compact_text);

bool is_total_label(std::string_view compact_text);  // 总分

// A level-1 or level-2 name of the standard templates (产出指标, 数量指标, …).
bool is_level_name(std::string_view compact_text);

// The standard level name an OCR reading stands for, if any: one a
// character or two off (see closest_word), or the one standard name a
// reading of four characters or more begins (a name cut short).
std::optional<std::string_view> canonical_level_name(std::string_view compact_text);

}  // namespace kpiform::layout
