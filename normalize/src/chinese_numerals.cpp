#include <charconv>
#include <cmath>

#include "kpiform/normalize/value.h"
#include "kpiform/text/characters.h"
#include "kpiform/text/numbers.h"
#include "kpiform/text/utf8.h"
#include "numerals.h"

namespace kpiform::normalize {

namespace numerals {

namespace {

constexpr std::u32string_view kDigits = U"零一二三四五六七八九";

std::optional<int> digit_of(char32_t c) {
  if (c == U'〇' || c == U'零') return 0;
  if (c == U'两') return 2;
  const auto at = kDigits.find(c);
  if (at != std::u32string_view::npos) return static_cast<int>(at);
  if (text::is_ascii_digit(c)) return static_cast<int>(c - U'0');
  return std::nullopt;
}

// 十百千 multiply within a section; 万亿 close a section.
std::optional<double> small_unit(char32_t c) {
  switch (c) {
    case U'十':
      return 10;
    case U'百':
      return 100;
    case U'千':
      return 1000;
    default:
      return std::nullopt;
  }
}

std::optional<double> large_unit(char32_t c) {
  switch (c) {
    case U'万':
      return 1e4;
    case U'亿':
      return 1e8;
    default:
      return std::nullopt;
  }
}

// Digit by digit, as years and decimals are read: "二〇二一" → 2021.
std::optional<double> positional(std::u32string_view text) {
  if (text.empty()) return std::nullopt;
  double value = 0;
  for (char32_t c : text) {
    const auto digit = digit_of(c);
    if (!digit) return std::nullopt;
    value = value * 10 + *digit;
  }
  return value;
}

// Reads a leading Arabic decimal ("1.2" of "1.2万"); returns its length.
std::size_t arabic_prefix(std::u32string_view text, double& value) {
  std::size_t i = 0;
  std::string ascii;
  while (i < text.size() && (text::is_ascii_digit(text[i]) || text[i] == U'.')) {
    ascii.push_back(static_cast<char>(text[i]));
    ++i;
  }
  if (ascii.empty()) return 0;
  const auto result = std::from_chars(ascii.data(), ascii.data() + ascii.size(), value);
  return result.ec == std::errc() && result.ptr == ascii.data() + ascii.size() ? i : 0;
}

// Integer with unit characters: "一万二千" → 12000, "十一" → 11, "三千五" →
// 3500, "三亿五千万" → 350000000.
std::optional<double> with_units(std::u32string_view text) {
  double total = 0;               // everything from 万 and 亿 upwards
  double section = 0;             // below the current 万
  std::optional<double> pending;  // a digit waiting for its unit
  double last_unit = 0;           // the unit just applied, for "三千五"
  double last_small = 0;          // the last 十百千 of this section
  bool zero_seen = false;
  std::size_t i = 0;
  if (double leading = 0; std::size_t length = arabic_prefix(text, leading)) {
    pending = leading;
    i = length;
  }
  for (; i < text.size(); ++i) {
    const char32_t c = text[i];
    if (const auto digit = digit_of(c)) {
      if (pending) return std::nullopt;  // two digits in a row: "一二百"
      if (*digit == 0) {
        zero_seen = true;
        continue;
      }
      pending = *digit;
    } else if (const auto unit = small_unit(c)) {
      // Places fall within a section: "三千五百", never "十百".
      if (last_small != 0 && *unit >= last_small) return std::nullopt;
      // A bare 十 counts one ten ("十一", "一百十"); a bare 百 or 千 only
      // leads ("百分之百").
      const bool leads = i == 0 && !zero_seen;
      if (!pending && !leads && !(*unit == 10 && last_unit > 10)) return std::nullopt;
      section += pending.value_or(1) * *unit;
      pending.reset();
      last_unit = *unit;
      last_small = *unit;
      zero_seen = false;
    } else if (const auto large = large_unit(c)) {
      const double part = section + pending.value_or(0);
      if (part == 0 && total == 0) return std::nullopt;
      total = *large == 1e8 ? (total + part) * *large : total + part * *large;
      section = 0;
      pending.reset();
      last_unit = *large;
      last_small = 0;
      zero_seen = false;
    } else {
      return std::nullopt;
    }
  }
  // A trailing digit right after a unit counts in the next lower place.
  if (pending) section += !zero_seen && last_unit >= 100 ? *pending * last_unit / 10 : *pending;
  return total + section;
}

}  // namespace

bool is_chinese_numeral(char32_t c) {
  return text::is_chinese_numeral(c) || c == U'点';
}

std::optional<double> chinese_value(std::u32string_view text) {
  if (text.empty()) return std::nullopt;
  const auto point = text.find(U'点');
  if (point != std::u32string_view::npos) {
    const auto whole = chinese_value(text.substr(0, point));
    const std::u32string_view decimals = text.substr(point + 1);
    const auto fraction = positional(decimals);
    if (!whole || !fraction) return std::nullopt;
    return *whole + *fraction / std::pow(10.0, static_cast<double>(decimals.size()));
  }
  bool has_unit = false;
  for (char32_t c : text) has_unit = has_unit || small_unit(c) || large_unit(c);
  if (!has_unit) return positional(text);
  return with_units(text);
}

}  // namespace numerals

std::optional<double> parse_chinese_number(std::string_view text) {
  const std::u32string folded = numerals::fold(text::decode_utf8(text));
  if (auto arabic = text::decimal_value(folded)) return arabic;
  return numerals::chinese_value(folded);
}

}  // namespace kpiform::normalize
