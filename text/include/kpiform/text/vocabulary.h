// Words and characters as these forms print them, for the stages that read
// (extract) and type (normalize) them.
#pragma once

#include <span>
#include <string_view>

namespace kpiform::text {

// A CJK unified ideograph (with extension A and the compatibility block).
bool is_han(char32_t code);

// The unit words forms print after a number (元, 万元, 个, 人次, 亩, %, …),
// longest first where one is a prefix of another. A closed list: it spells
// what OCR must read after a number; typing accepts other short words too.
std::span<const std::u32string_view> unit_words();

bool is_unit_word(std::u32string_view word);

// A unit word written in Chinese characters (个, 万元), not "%" or "GB": what
// a digits model cannot read; or its first characters (万 of 万元, 平 of
// 平方米): a narrow cell breaks a unit over its lines ("2671.13万" over "元").
bool begins_chinese_unit(std::u32string_view word);

}  // namespace kpiform::text
