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

}  // namespace kpiform::normalize::numerals
