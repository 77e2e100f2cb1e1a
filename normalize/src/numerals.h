// Number reading shared by the value and number parsers (private).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kpiform::normalize::numerals {

// Chinese numeral characters, including 点 for the decimal point.
bool is_chinese_numeral(char32_t c);

// The value of one number in Chinese numerals, possibly mixed with Arabic
// digits ("一万二千", "二〇二一", "1.2万", "三点五"); nullopt when malformed.
std::optional<double> chinese_value(std::u32string_view text);

// Folds text for matching: full-width digits and signs to ASCII, ">=" and
// "＞＝" to "≥", "<=" to "≤", white space removed.
std::u32string fold(std::u32string_view text);

}  // namespace kpiform::normalize::numerals
