#include "kpiform/text/clean.h"

#include <algorithm>
#include <array>
#include <utility>

#include "kpiform/text/characters.h"
#include "kpiform/text/utf8.h"

namespace kpiform::text {

namespace {

constexpr std::pair<char32_t, char32_t> kRadicals[] = {
#include "radical_table.inc"
};

// GB 2312's dash (A1AA) is mapped to U+2015 by some converters and to
// U+2014 by others: it is the em dash.
char32_t unified_ideograph(char32_t c) {
  if (c == 0x2015) return 0x2014;
  if (c < 0x2E80 || c > 0x2FDF) return c;
  const auto* it =
      std::lower_bound(std::begin(kRadicals), std::end(kRadicals), c,
                       [](const auto& entry, char32_t key) { return entry.first < key; });
  return it != std::end(kRadicals) && it->first == c ? it->second : c;
}

// The HTML tags that producers leak into exported text. Anything else in
// angle brackets is printed text ("<建议>").
constexpr std::array<std::u32string_view, 17> kMarkupTags = {
    U"p",    U"br",  U"div", U"span", U"b",  U"i",  U"u",  U"strong", U"em",
    U"font", U"sup", U"sub", U"li",   U"ul", U"ol", U"td", U"tr"};

bool is_ascii_letter(char32_t c) {
  return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
}

// Whether `text` is one markup tag, "<p>" or "</span style=…>".
bool is_markup_tag(std::u32string_view text) {
  std::size_t i = 1;
  if (i < text.size() && text[i] == U'/') ++i;
  const std::size_t name_start = i;
  while (i < text.size() && is_ascii_letter(text[i])) ++i;
  std::u32string name(text.substr(name_start, i - name_start));
  std::transform(name.begin(), name.end(), name.begin(),
                 [](char32_t c) { return c >= U'A' && c <= U'Z' ? c + 32 : c; });
  if (std::find(kMarkupTags.begin(), kMarkupTags.end(), name) == kMarkupTags.end()) return false;
  // After the name: nothing, or ASCII attributes ("/", " style=…").
  if (i + 1 < text.size() && is_ascii_letter(text[i])) return false;
  for (; i + 1 < text.size(); ++i) {
    if (text[i] >= 0x80) return false;
  }
  return true;
}

constexpr std::pair<std::u32string_view, std::u32string_view> kEntities[] = {
    {U"&nbsp;", U" "}, {U"&amp;", U"&"}, {U"&lt;", U"<"}, {U"&gt;", U">"}, {U"&quot;", U"\""}};

// The longest markup tag or entity looked for, in characters.
constexpr std::size_t kLongestMarkup = 256;

// Removes a tag or replaces an entity that `out` now ends with. Working on
// the tail of the output means that removing one piece of markup can never
// leave another behind, so cleaning twice changes nothing.
void reduce_markup_tail(std::u32string& out) {
  if (out.back() == U'>') {
    const std::size_t floor = out.size() > kLongestMarkup ? out.size() - kLongestMarkup : 0;
    const std::size_t open = out.rfind(U'<');
    if (open != std::u32string::npos && open >= floor &&
        is_markup_tag(std::u32string_view(out).substr(open))) {
      out.resize(open);
    }
  } else if (out.back() == U';') {
    for (const auto& [entity, replacement] : kEntities) {
      if (out.size() >= entity.size() &&
          std::u32string_view(out).substr(out.size() - entity.size()) == entity) {
        out.resize(out.size() - entity.size());
        out += replacement;
        return;
      }
    }
  }
}

// Whether a line break between `joined` and a line starting with `next`
// separates two Latin words (and so stands for a space). A number wrapped
// inside a cell ("719,677." / "12") joins without one.
bool latin_break(std::u32string_view joined, char32_t next) {
  const char32_t last = joined.back();
  if (is_latin_letter(last)) {
    return is_latin_letter(next) || is_ascii_digit(next);
  }
  const bool sentence_punctuation = last == U',' || last == U'.' || last == U';' || last == U':' ||
                                    last == U'!' || last == U'?' || last == U')';
  return sentence_punctuation && joined.size() >= 2 && is_latin_letter(joined[joined.size() - 2]) &&
         is_latin_letter(next);
}

}  // namespace

std::string map_radicals(std::string_view text) {
  std::u32string decoded = decode_utf8(text);
  for (char32_t& c : decoded) c = unified_ideograph(c);
  return encode_utf8(decoded);
}

std::string clean_text(std::string_view text) {
  const std::u32string decoded = decode_utf8(text);
  std::u32string out;
  out.reserve(decoded.size());
  for (char32_t c : decoded) {
    out.push_back(unified_ideograph(c));
    reduce_markup_tail(out);
  }
  return encode_utf8(trim(out));
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::u32string out;
  for (const std::string& line : lines) {
    const std::u32string decoded = decode_utf8(line);
    const std::u32string_view trimmed = trim(decoded);
    if (trimmed.empty()) continue;
    if (!out.empty() && latin_break(out, trimmed.front())) out.push_back(U' ');
    out += trimmed;
  }
  return encode_utf8(out);
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::u32string left = decode_utf8(a);
  const std::u32string right = decode_utf8(b);
  std::vector<std::size_t> row(right.size() + 1);
  for (std::size_t j = 0; j <= right.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= left.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= right.size(); ++j) {
      const std::size_t above = row[j];
      row[j] =
          std::min({row[j] + 1, row[j - 1] + 1, diagonal + (left[i - 1] == right[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[right.size()];
}

std::string without_spaces(std::string_view text) {
  std::u32string kept = decode_utf8(text);
  std::erase_if(kept, is_space);
  return encode_utf8(kept);
}

bool is_blank(std::string_view text) {
  const std::u32string decoded = decode_utf8(text);
  return trim(decoded).empty();
}

std::string without_level_points(std::string_view name) {
  // Brackets as printed, and as a scan shows them (〈 and } for （ and ）):
  // the points are known by their place and their 分, not by the marks.
  const auto opens = [](char32_t c) {
    return std::u32string_view(U"(（〈《[【{｛").find(c) != std::u32string_view::npos;
  };
  const auto closes = [](char32_t c) {
    return std::u32string_view(U")）〉》]】}｝").find(c) != std::u32string_view::npos;
  };
  const std::u32string text = decode_utf8(name);
  std::size_t end = text.size();
  const auto skip_spaces = [&] {
    while (end > 0 && is_space(text[end - 1])) --end;
  };
  skip_spaces();
  if (end > 0 && closes(text[end - 1])) --end;
  skip_spaces();
  if (end == 0 || text[end - 1] != U'分') return std::string(name);
  --end;
  skip_spaces();
  const std::size_t last_digit = end;
  while (end > 0 && (is_ascii_digit(text[end - 1]) || text[end - 1] == U'.')) --end;
  if (end == last_digit) return std::string(name);
  skip_spaces();
  if (end == 0 || !opens(text[end - 1])) return std::string(name);
  --end;
  skip_spaces();
  if (end == 0) return std::string(name);
  return encode_utf8(text.substr(0, end));
}

}  // namespace kpiform::text
