// Typed values from the text of a form's cells: targets and actuals
// (RECORD.md's Value), money, percentages, plain numbers and years.
//
// Parsing folds its input for matching only (full-width digits and signs,
// "＞＝", dashes); the raw text a Value keeps is the cleaned cell text.
#pragma once

#include <optional>
#include <string_view>

#include "kpiform/schema/record.h"

namespace kpiform::normalize {

// Parses a target or actual cell: kind quantity ("≥90%", "不低于10家",
// "订阅专业期刊库5个以上"), range ("1—2家"), text ("显著提升", a sentence
// that merely contains numbers) or empty (blank, "—", "/", "N/A"). Chinese
// numerals are converted ("百分之九十五" → 95 %, "一万二千" → 12000).
schema::Value parse_value(std::string_view cell_text);

// The outcome of reading a number from a cell. `valid` is false when the
// cell holds text that is not a number of that kind; `value` is then empty.
struct NumberCell {
  std::optional<double> value;
  bool valid = true;
};

enum class MoneyUnit { kYuan, kTenThousandYuan };

// Money in yuan: "719,677.12" → 719677.12; in a 万元 table × 10000, rounded
// to the fen. "—", "－", "/" and blank → null.
NumberCell parse_money(std::string_view cell_text, MoneyUnit unit);

// A percentage as a percent number: "16.30%" → 16.3 (the sign is optional).
NumberCell parse_percent(std::string_view cell_text);

// A plain number as printed (weights and scores): "84.63", "10".
NumberCell parse_number(std::string_view cell_text);

// The year of a "(2020 年度)" / "（2021年度）" / "二〇二一年度" line.
std::optional<int> parse_year(std::string_view text);

// The value of a number written in Chinese numerals, possibly mixed with
// Arabic digits: "一万二千" → 12000, "十一" → 11, "二〇二一" → 2021,
// "1.2万" → 12000, "三点五" → 3.5. Nullopt when `text` is not one number.
std::optional<double> parse_chinese_number(std::string_view text);

// Which unit a funds table's amounts are printed in, from its label cell
// ("项目资金 (元)", "项目资金（万元）", and as OCR misreads 万: "项目资金(食元)");
// yuan when it does not say.
MoneyUnit money_unit_of_label(std::string_view label);

}  // namespace kpiform::normalize
