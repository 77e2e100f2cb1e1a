#include "kpiform/normalize/text.h"

#include <algorithm>
#include <array>
#include <utility>

#include "unicode.h"

namespace kpiform::normalize {

namespace {

constexpr std::pair<char32_t, char32_t> kRadicals[] = {
#include "radical_table.inc"
};

char32_t unified_ideograph(char32_t c) {
  if (c < 0x2E80 || c > 0x2FDF) return c;
  const auto* it = std::lower_bound(std::begin(kRadicals), std::end(kRadicals), c,
                                    [](const auto& entry, char32_t key) { return entry.first < key; });
  return it != std::end(kRadicals) && it->first == c ? it->second : c;
}

// The HTML tags that producers leak into exported text. Anything else in
// angle brackets is printed text ("<建议>").
constexpr std::array<std::u32string_view, 17> kMarkupTags = {
    U"p", U"br", U"div", U"span", U"b", U"i", U"u", U"strong", U"em",
    U"font", U"sup", U"sub", U"li", U"ul", U"ol", U"td", U"tr"};

bool is_ascii_letter(char32_t c) { return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z'); }

// Length of a markup tag starting at text[0] == '<', or 0 when it is none.
std::size_t markup_tag_length(std::u32string_view text) {
  std::size_t i = 1;
  if (i < text.size() && text[i] == U'/') ++i;
  const std::size_t name_start = i;
  while (i < text.size() && is_ascii_letter(text[i])) ++i;
  std::u32string name(text.substr(name_start, i - name_start));
  std::transform(name.begin(), name.end(), name.begin(),
                 [](char32_t c) { return c >= U'A' && c <= U'Z' ? c + 32 : c; });
  if (std::find(kMarkupTags.begin(), kMarkupTags.end(), name) == kMarkupTags.end()) return 0;
  // Attributes are ASCII; the tag ends at '>' on the same stretch.
  while (i < text.size() && text[i] != U'>' && text[i] < 0x80 && text[i] != U'<') ++i;
  return i < text.size() && text[i] == U'>' ? i + 1 : 0;
}

constexpr std::pair<std::u32string_view, std::u32string_view> kEntities[] = {
    {U"&nbsp;", U" "}, {U"&amp;", U"&"}, {U"&lt;", U"<"}, {U"&gt;", U">"}, {U"&quot;", U"\""}};

// Whether a line break between `joined` and a line starting with `next`
// separates two Latin words (and so stands for a space). A number wrapped
// inside a cell ("719,677." / "12") joins without one.
bool latin_break(std::u32string_view joined, char32_t next) {
  const char32_t last = joined.back();
  if (unicode::is_latin_letter(last)) {
    return unicode::is_latin_letter(next) || unicode::is_ascii_digit(next);
  }
  const bool sentence_punctuation = last == U',' || last == U'.' || last == U';' ||
                                    last == U':' || last == U'!' || last == U'?' || last == U')';
  return sentence_punctuation && joined.size() >= 2 &&
         unicode::is_latin_letter(joined[joined.size() - 2]) && unicode::is_latin_letter(next);
}

}  // namespace

std::string map_radicals(std::string_view text) {
  std::u32string decoded = unicode::decode(text);
  for (char32_t& c : decoded) c = unified_ideograph(c);
  return unicode::encode(decoded);
}

std::string clean_text(std::string_view text) {
  const std::u32string decoded = unicode::decode(text);
  std::u32string out;
  out.reserve(decoded.size());
  const std::u32string_view view = decoded;
  for (std::size_t i = 0; i < view.size();) {
    if (view[i] == U'<') {
      if (const std::size_t length = markup_tag_length(view.substr(i))) {
        i += length;
        continue;
      }
    }
    if (view[i] == U'&') {
      bool replaced = false;
      for (const auto& [entity, replacement] : kEntities) {
        if (view.substr(i, entity.size()) == entity) {
          out += replacement;
          i += entity.size();
          replaced = true;
          break;
        }
      }
      if (replaced) continue;
    }
    out.push_back(unified_ideograph(view[i]));
    ++i;
  }
  return unicode::encode(unicode::trim(out));
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::u32string out;
  for (const std::string& line : lines) {
    const std::u32string decoded = unicode::decode(line);
    const std::u32string_view trimmed = unicode::trim(decoded);
    if (trimmed.empty()) continue;
    if (!out.empty() && latin_break(out, trimmed.front())) out.push_back(U' ');
    out += trimmed;
  }
  return unicode::encode(out);
}

bool is_blank(std::string_view text) {
  const std::u32string decoded = unicode::decode(text);
  return unicode::trim(decoded).empty();
}

}  // namespace kpiform::normalize
