#include <array>
#include <charconv>
#include <string>

#include "kpiform/text/characters.h"
#include "kpiform/text/utf8.h"
#include "numerals.h"

namespace kpiform::normalize::numerals {

namespace {

char32_t fold_char(char32_t c) {
  if (c >= U'０' && c <= U'９') return U'0' + (c - U'０');
  switch (c) {
    case U'．':
      return U'.';
    case U'％':
      return U'%';
    case U'＝':
      return U'=';
    case U'＞':
      return U'>';
    case U'＜':
      return U'<';
    case U'～':
    case U'〜':
      return U'~';
    case U'－':
    case U'﹣':
    case U'−':
      return U'-';
    case U'＋':
      return U'+';
    case U'／':
      return U'/';
    case U'≧':
    case U'⩾':
      return U'≥';
    case U'≦':
    case U'⩽':
      return U'≤';
    default:
      return c;
  }
}

}  // namespace

std::u32string fold(std::u32string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (char32_t raw : text) {
    if (text::is_space(raw)) continue;
    const char32_t c = fold_char(raw);
    // Two-character comparisons become one sign.
    if (c == U'=' && !out.empty() && (out.back() == U'>' || out.back() == U'<')) {
      out.back() = out.back() == U'>' ? U'≥' : U'≤';
      continue;
    }
    out.push_back(c);
  }
  return out;
}

std::optional<double> arabic_value(std::u32string_view text) {
  std::string ascii;
  std::size_t i = 0;
  if (i < text.size() && (text[i] == U'-' || text[i] == U'+')) {
    if (text[i] == U'-') ascii.push_back('-');
    ++i;
  }
  std::size_t digits_in_group = 0;
  bool grouped = false;
  bool seen_point = false;
  bool any_digit = false;
  for (; i < text.size(); ++i) {
    const char32_t c = text[i];
    if (text::is_ascii_digit(c)) {
      ascii.push_back(static_cast<char>(c));
      ++digits_in_group;
      any_digit = true;
    } else if (c == U',' && !seen_point && any_digit && (!grouped || digits_in_group == 3) &&
               digits_in_group <= 3) {
      grouped = true;
      digits_in_group = 0;
    } else if (c == U'.' && !seen_point && any_digit) {
      if (grouped && digits_in_group != 3) return std::nullopt;
      seen_point = true;
      grouped = false;
      ascii.push_back('.');
    } else {
      return std::nullopt;
    }
  }
  if (!any_digit || (grouped && digits_in_group != 3) || ascii.back() == '.') return std::nullopt;
  double value = 0;
  const auto result = std::from_chars(ascii.data(), ascii.data() + ascii.size(), value);
  if (result.ec != std::errc() || result.ptr != ascii.data() + ascii.size()) return std::nullopt;
  return value;
}

bool is_placeholder(std::u32string_view folded) {
  static constexpr std::array<std::u32string_view, 11> kPlaceholders = {
      U"", U"-", U"—", U"——", U"–", U"―", U"/", U"\\", U"N/A", U"n/a", U"NA"};
  for (std::u32string_view placeholder : kPlaceholders) {
    if (folded == placeholder) return true;
  }
  return false;
}

}  // namespace kpiform::normalize::numerals
