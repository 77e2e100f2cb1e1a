#include "kpiform/text/numbers.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <string>

#include "kpiform/text/characters.h"

namespace kpiform::text {

bool is_dash(char32_t c) {
  switch (c) {
    case U'-':
    case U'\u2012':  // figure dash
    case U'\u2013':  // en dash
    case U'\u2014':  // em dash
    case U'\u2015':  // horizontal bar
    case U'\u2212':  // minus sign
    case U'\u2500':  // box drawing horizontal
    case U'\uFE63':  // small hyphen-minus
    case U'\uFF0D':  // fullwidth hyphen-minus
      return true;
    default:
      return false;
  }
}

bool is_dash_run(std::u32string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), is_dash);
}

bool is_placeholder(std::u32string_view text) {
  static constexpr std::array<std::u32string_view, 6> kWords = {U"",    U"/",   U"\\",
                                                                U"N/A", U"n/a", U"NA"};
  return is_dash_run(text) || std::find(kWords.begin(), kWords.end(), text) != kWords.end();
}

bool is_chinese_numeral(char32_t c) {
  return std::u32string_view(U"〇零一二两三四五六七八九十百千万亿").find(c) !=
         std::u32string_view::npos;
}

bool is_decimal(std::u32string_view text) {
  std::size_t digits_in_group = 0;  // since the last ',' or the start
  bool grouped = false;
  bool seen_point = false;
  bool any_digit = false;
  for (const char32_t c : text) {
    if (is_ascii_digit(c)) {
      ++digits_in_group;
      any_digit = true;
    } else if (c == U',' && !seen_point && any_digit && digits_in_group <= 3 &&
               (!grouped || digits_in_group == 3)) {
      grouped = true;
      digits_in_group = 0;
    } else if (c == U'.' && !seen_point && any_digit && (!grouped || digits_in_group == 3)) {
      seen_point = true;
      grouped = false;
      digits_in_group = 0;
    } else {
      return false;
    }
  }
  return any_digit && !(grouped && digits_in_group != 3) && !(seen_point && digits_in_group == 0);
}

std::optional<double> decimal_value(std::u32string_view text) {
  const bool negative = !text.empty() && text.front() == U'-';
  if (!text.empty() && (text.front() == U'-' || text.front() == U'+')) text.remove_prefix(1);
  if (!is_decimal(text)) return std::nullopt;
  std::string ascii = negative ? "-" : "";
  for (const char32_t c : text) {
    if (c != U',') ascii.push_back(static_cast<char>(c));
  }
  double value = 0;
  const auto result = std::from_chars(ascii.data(), ascii.data() + ascii.size(), value);
  if (result.ec != std::errc() || result.ptr != ascii.data() + ascii.size()) return std::nullopt;
  return value;
}

}  // namespace kpiform::text
