// Reading numbers in scanned cells right: what the recognisers' output and
// the glyphs' shapes say a number cell holds. Private to extract/.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kpiform/cells/cells.h"

struct Pix;

namespace kpiform::extract {

// The digits model's reading, keeping the Chinese reading's first glyph
// where the digits model cannot know it ("≥").
std::string merge_number_readings(const std::string& chinese, const std::string& digits);

// The x range [x0, x1) of a number line's last glyph when it is as wide
// as a "%" or a Chinese character (a unit word: 个, 门) after narrow
// digits; nullopt otherwise.
std::optional<std::pair<int, int>> wide_last_glyph(Pix* ink);

// `number`, read by the digits model from a line (`ink`) whose last glyph
// is the Chinese character `unit`, with the unit in place of what it read
// there (the digits model knows no Chinese and says "%"); nullopt unless
// what it read before that glyph is a number (no "%").
std::optional<std::string> with_unit(const std::string& number, Pix* ink, const std::string& unit);

// The x range [x0, x1) of the glyphs of a line (`ink`) whose middles lie
// in [from, to): the recogniser's rough box of a few characters made
// exact; nullopt where no glyph's middle lies there.
std::optional<std::pair<int, int>> glyphs_between(Pix* ink, int from, int to);

// Nothing but dash strokes (一, -, —): the dash that means "none", as the
// recogniser reads it.
bool reads_as_dash(const std::string& text);

// `text` without the spaces the recogniser puts between a number and the
// Chinese word beside it ("1273 项", "2023 年 9月"): Chinese print has none.
std::string without_spaces_by_numbers(const std::string& text);

// `text` with 一 between two Arabic digits read as the dash it is
// ("118一177场" is 118—177场): no Chinese numeral stands between digits, and
// the recogniser reads a long dash as 一.
std::string with_dashes_between_numbers(const std::string& text);

// Where the number starting at `start` in `text` ends: its digits, with
// points and commas between them, then a "%" (`percent` says whether one
// was there) and the digits read right after it, which are pieces of the
// wide sign ("不超过39%46" for 不超过3%): a percent sign ends its number.
std::size_t number_run_end(std::u32string_view text, std::size_t start, bool& percent);

// `text`, a range between two numbers ("36～54门"), with the mark between
// them written as ～ where its shape is a wave dash's: the line's one mark
// under half a digit high and over half a digit wide, its stroke rising and
// falling. The recogniser reads it as "—", "一", "~" (spaced) or 人. Any
// other mark, or a level one, stays as read.
std::string with_wave_dash_as_shaped(const std::string& text, Pix* ink);

// `text` with the look-alikes the recogniser reads among Chinese numerals
// read as the numerals they are:
// - a Latin O or a digit 0 between numerals is 〇 ("二O二〇年底前" is
//   二〇二〇年底前): years are printed in numerals with 〇;
// - 干 or 于 after a digit numeral, before the next digit numeral and its
//   百, 十 or 零, stands where only 千 can ("四万六干六百人次").
std::string with_chinese_numerals_as_printed(const std::string& text);

// The lines of one cell, put right as one reading, each keeping its
// characters: a number wrapped over them ("15,016." and "900.00") has one
// decimal point, and a quantity's thousands comma read as a point ("17."
// over "500人") or its 千 misread among numerals ("四万六干" over "六百人
// 次") are known only from both lines.
void with_separators_over_lines(std::vector<cells::TextLine>& lines);

bool is_digits(const std::string& text);  // only ASCII digits, at least one

// One narrow glyph (a lone digit) in the line's binary ink.
bool is_lone_glyph(Pix* ink);

// Glyphs shaped like a number's: narrow, or small marks, the last maybe %.
bool is_digit_shaped(Pix* ink);

// A number and its unit word, maybe after one misread glyph ("么27天",
// "<473万元"), with the comparison sign its first glyph's shape shows
// (≥, ≤, =) in front; anything else, or no sign shown, as it is.
std::string with_shaped_sign(std::string text, Pix* ink);

// "1,234.5", "90.62%", "10": as forms print numbers.
bool is_well_formed_number(const std::string& text);

// A well-formed number, maybe after a comparison sign (=, ≥, ≤, >, <).
bool is_number_reading(const std::string& text);

// "4,99" -> "4.99": a comma not followed by three digits is a decimal point;
// "29,291.200.00" -> "29,291,200.00": of several points, one between digit
// groups is a comma.
std::string with_decimal_point(std::string text);

// "38.800人" -> "38,800人", "不超过79.600元" -> "不超过79,600元": forms print
// at most two decimals, so a point before three digits (after one to three)
// is a thousands comma whose tail the scan lost.
std::string with_thousands_commas(std::string text);

// A number reading put right by the glyphs' shapes (`ink`, the line's
// binary ink) and the way numbers are printed: decimal comma, leading sign
// (=, ≥, ≤), trailing percent, nothing after the percent sign.
std::string as_number(std::string text, Pix* ink);

}  // namespace kpiform::extract
