// What a number, a dash and a placeholder look like on these forms: one
// grammar for the stage that reads them (extract, choosing between the
// recognisers' readings) and the stage that types them (normalize).
#pragma once

#include <optional>
#include <string_view>

namespace kpiform::text {

// A dash as forms print one: hyphen-minus, the Unicode dashes and the
// horizontal bar, the box-drawing line, the full-width and small
// hyphen-minus, the minus sign.
bool is_dash(char32_t c);

// One dash or more and nothing else ("—", "——", "-").
bool is_dash_run(std::u32string_view text);

// A cell that says "nothing here": empty, a dash run, "/", "\", "N/A", "NA".
bool is_placeholder(std::u32string_view text);

// A character of a number in Chinese numerals: 〇 零 一 … 九 两 十 百 千 万 亿.
bool is_chinese_numeral(char32_t c);

// A decimal as forms print it: digits, either plain or in ',' groups of
// three after one to three, then maybe '.' and digits: "1,234.5", "10".
// No sign, no unit.
bool is_decimal(std::u32string_view text);

// The value of a decimal after an optional leading '-' or '+'; nullopt
// unless the whole text is one.
std::optional<double> decimal_value(std::u32string_view text);

}  // namespace kpiform::text
