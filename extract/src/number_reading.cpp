#include "number_reading.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>
#include <vector>

#include "kpiform/text/characters.h"
#include "kpiform/text/numbers.h"
#include "kpiform/text/utf8.h"
#include "kpiform/text/vocabulary.h"
#include "leptonica_handles.h"
#include "ocr_engine.h"

namespace kpiform::extract {

using text::decode_utf8;
using text::encode_utf8;

namespace {

// The comparison sign a number starts with, from the shape of its first
// glyph: two flat bars are =; an angle over a bar (flat, or slanted as ⩾
// prints it) is ≥ when the angle points right, ≤ when it points left; neither
// model reads it reliably (the digits model knows no ≥ and says "2", the
// Chinese one says 之). Nullopt when the first glyph is no such sign.
std::optional<std::string> leading_sign(PIX* ink) {
  const BoxaPtr pieces(pixConnComp(ink, nullptr, 8));
  if (!pieces) return std::nullopt;
  struct Piece {
    l_int32 x, y, w, h;
  };
  std::vector<Piece> all;
  for (l_int32 i = 0; i < boxaGetCount(pieces.get()); ++i) {
    Piece p{};
    boxaGetBoxGeometry(pieces.get(), i, &p.x, &p.y, &p.w, &p.h);
    all.push_back(p);
  }
  // Specks of scanner noise (under a sixth of the line's height either
  // way) are no part of a sign.
  l_int32 tallest = 0;
  for (const Piece& p : all) tallest = std::max(tallest, p.h);
  std::erase_if(all, [&](const Piece& p) { return std::max(p.w, p.h) * 6 < tallest; });
  if (all.size() < 3) return std::nullopt;  // a sign and at least one digit
  const Piece first = *std::min_element(all.begin(), all.end(),
                                        [](const Piece& a, const Piece& b) { return a.x < b.x; });
  std::vector<Piece> column;  // the pieces under and over the first one
  for (const Piece& p : all) {
    if (std::min(p.x + p.w, first.x + first.w) > std::max(p.x, first.x)) column.push_back(p);
  }
  const bool joined = column.size() == 1;
  if (joined) {
    // Blur can join a sign's bar to its angle by a pixel or two: the piece
    // parts at its lightest row in its lower half, where the gap was, when
    // what lies under that row is a bar as wide as most of the glyph.
    const Piece whole = column[0];
    const auto row_ink = [&](l_int32 y) {
      l_int32 count = 0;
      for (l_int32 x = whole.x; x < whole.x + whole.w; ++x) {
        l_uint32 value = 0;
        pixGetPixel(ink, x, y, &value);
        count += value ? 1 : 0;
      }
      return count;
    };
    l_int32 gap = -1, gap_ink = whole.w;
    for (l_int32 y = whole.y + whole.h / 2; y < whole.y + whole.h - 1; ++y) {
      if (const l_int32 count = row_ink(y); count < gap_ink) {
        gap = y;
        gap_ink = count;
      }
    }
    // The bar's rows are as wide as most of the glyph, and as many as its
    // strokes are wide; a bridge is much thinner than a stroke (the
    // diagonal of a "2" is a whole stroke wide across any row).
    l_int32 stroke = 0;
    for (l_int32 y = gap + 1; gap >= 0 && y < whole.y + whole.h; ++y) {
      stroke += row_ink(y) * 3 >= whole.w * 2 ? 1 : 0;
    }
    if (gap < 0 || stroke == 0 || gap_ink * 2 > stroke) return std::nullopt;
    column = {Piece{whole.x, whole.y, whole.w, gap - whole.y},
              Piece{whole.x, gap + 1, whole.w, whole.y + whole.h - gap - 1}};
  }
  if (column.size() != 2) return std::nullopt;
  std::sort(column.begin(), column.end(), [](const Piece& a, const Piece& b) { return a.y < b.y; });
  const Piece& angle = column[0];
  const Piece& bar = column[1];
  // Two flat bars of about one length: =.
  const auto flat = [](const Piece& p) { return p.h * 3 <= p.w; };
  if (flat(angle) && flat(bar) && angle.w * 3 >= bar.w * 2 && bar.w * 3 >= angle.w * 2) {
    return "=";
  }
  // The bar lies flat or slanted along the lower arm (⩾), under the angle,
  // and spans most of its width (a speck of noise under "<" is no bar).
  if (bar.h * 5 > bar.w * 3 || bar.w * 3 < angle.w * 2 ||
      bar.y + bar.h / 2 < angle.y + angle.h / 2 || angle.h * 2 < angle.w || angle.h < 3) {
    return std::nullopt;
  }
  // An angle opening left (>) has its arms' ends at the left, top and
  // bottom, and its point at the right, half way down.
  auto mean_ink_x = [&](l_int32 from_row, l_int32 to_row) {
    double sum = 0;
    int count = 0;
    for (l_int32 y = angle.y + from_row; y < angle.y + to_row; ++y) {
      for (l_int32 x = angle.x; x < angle.x + angle.w; ++x) {
        l_uint32 value = 0;
        pixGetPixel(ink, x, y, &value);
        if (value) {
          sum += x;
          ++count;
        }
      }
    }
    return count ? sum / count : angle.x + angle.w / 2.0;
  };
  const double top = mean_ink_x(0, std::max(1, angle.h / 5));
  const double middle = mean_ink_x(angle.h * 2 / 5, std::max(angle.h * 2 / 5 + 1, angle.h * 3 / 5));
  if (std::abs(top - middle) < angle.w / 5.0) return std::nullopt;
  // One piece is less sure a sign than two: the arm's end must also lie at
  // the side the angle opens to, where a "2" has the middle of its arc.
  if (joined && std::abs(top - (angle.x + angle.w / 2.0)) < angle.w / 6.0) return std::nullopt;
  return top < middle ? "\u2265" : "\u2264";
}

// `text` with its first glyph being `sign`: the misread lead ("2", 之) is
// replaced, or the sign put in front when it was dropped.
std::string with_leading_sign(const std::string& text, const std::string& sign) {
  if (text.rfind(sign, 0) == 0) return text;
  std::u32string wide = decode_utf8(text);
  if (wide.empty()) return sign;
  const char32_t lead = wide.front();
  const bool misread = lead == U'2' || lead >= 0x80 || lead == U'>' || lead == U'<' || lead == U'=';
  if (misread) wide.erase(0, 1);
  while (!wide.empty() && wide.front() == U' ') wide.erase(0, 1);
  return sign + encode_utf8(wide);
}

// The glyphs of a line of digits, left to right: runs of columns with ink.
struct GlyphColumn {
  l_int32 x0, x1;  // [x0, x1)
  l_int32 height;  // of its ink
};

std::vector<GlyphColumn> glyph_columns(PIX* ink) {
  std::vector<GlyphColumn> glyphs;
  const l_int32 w = pixGetWidth(ink), h = pixGetHeight(ink), wpl = pixGetWpl(ink);
  l_int32 start = -1, top = h, bottom = -1;
  for (l_int32 x = 0; x <= w; ++x) {
    l_int32 first = -1, last = -1;
    if (x < w) {
      for (l_int32 y = 0; y < h; ++y) {
        if (GET_DATA_BIT(pixGetData(ink) + y * wpl, x)) {
          if (first < 0) first = y;
          last = y;
        }
      }
    }
    if (first >= 0) {
      if (start < 0) start = x;
      top = std::min(top, first);
      bottom = std::max(bottom, last);
    } else if (start >= 0) {
      glyphs.push_back({start, x, bottom - top + 1});
      start = -1;
      top = h;
      bottom = -1;
    }
  }
  return glyphs;
}

// The index of a number line's last glyph when it is as wide as a "%" or
// a Chinese character (a unit word: 个, 门) after narrower digits: 3/4 to
// 6/5 as wide as tall (wider is a digit run into it), wider than every
// digit by a third, and full height. `signed_number`: the first glyph is a
// sign, not a digit.
std::optional<std::size_t> wide_last_index(const std::vector<GlyphColumn>& glyphs,
                                           bool signed_number) {
  const std::size_t first = signed_number ? 1 : 0;
  if (glyphs.size() < first + 2) return std::nullopt;
  l_int32 tallest = 0;
  for (std::size_t i = first; i < glyphs.size(); ++i) {
    tallest = std::max(tallest, glyphs[i].height);
  }
  l_int32 widest_digit = 0;
  for (std::size_t i = first; i + 1 < glyphs.size(); ++i) {
    const l_int32 width = glyphs[i].x1 - glyphs[i].x0;
    // Digits are full height and at most 4/5 as wide as tall; a point or
    // comma is short and does not count.
    if (glyphs[i].height * 3 < tallest * 2) continue;
    if (width * 5 > tallest * 4) return std::nullopt;  // two glyphs run together
    widest_digit = std::max(widest_digit, width);
  }
  if (widest_digit == 0) return std::nullopt;
  const GlyphColumn& last = glyphs.back();
  const l_int32 last_width = last.x1 - last.x0;
  if (last_width * 4 < tallest * 3 || last_width * 5 > tallest * 6 ||
      last_width * 3 < widest_digit * 4 || last.height * 3 < tallest * 2) {
    return std::nullopt;
  }
  return glyphs.size() - 1;
}

// `text` with what was read for the last glyph (of `glyph_count`) replaced
// by `last`: the sign, the digits and the small marks before it are kept.
std::string with_last_glyph(const std::string& text, std::size_t glyph_count,
                            const std::string& last) {
  std::u32string kept;
  std::size_t taken = 0;
  for (const char32_t c : decode_utf8(text)) {
    if (taken + 1 == glyph_count) break;
    kept.push_back(c);
    if (c != U' ') ++taken;
  }
  if (taken + 1 < glyph_count) return text;
  return encode_utf8(kept) + last;
}

// A number ending in "%", told by the shape: its last glyph is wide (see
// wide_last_index), which both models misread as two characters ("10094",
// "100%%", "30%" for 100% and 3%); the characters past one per digit glyph
// become that one "%". A unit word read there (个, 门) is no "%".
std::string with_trailing_percent(const std::string& text, PIX* ink, bool signed_number) {
  const std::u32string wide = decode_utf8(text);
  if (!wide.empty() && text::begins_chinese_unit(wide.substr(wide.size() - 1))) return text;
  const std::vector<GlyphColumn> glyphs = glyph_columns(ink);
  // One "%" at the end after a digit is a reading to trust as it is, unless
  // it has more characters than the line has glyphs ("≤30%" for ≤3%: the
  // circle of the sign read as a 0).
  const auto characters = static_cast<std::size_t>(
      std::count_if(wide.begin(), wide.end(), [](char32_t c) { return c != U' '; }));
  if (text.size() >= 2 && text.back() == '%' && text[text.size() - 2] >= '0' &&
      text[text.size() - 2] <= '9' && characters <= glyphs.size()) {
    return text;
  }
  if (!wide_last_index(glyphs, signed_number)) return text;
  return with_last_glyph(text, glyphs.size(), "%");
}

}  // namespace

std::optional<std::pair<int, int>> wide_last_glyph(PIX* ink) {
  const std::vector<GlyphColumn> glyphs = glyph_columns(ink);
  const auto last = wide_last_index(glyphs, leading_sign(ink).has_value());
  if (!last) return std::nullopt;
  return std::pair<int, int>{glyphs[*last].x0, glyphs[*last].x1};
}

std::optional<std::pair<int, int>> glyphs_between(PIX* ink, int from, int to) {
  std::optional<std::pair<int, int>> range;
  for (const GlyphColumn& glyph : glyph_columns(ink)) {
    const l_int32 middle = (glyph.x0 + glyph.x1) / 2;
    if (middle < from || middle >= to) continue;
    if (!range) range = std::pair<int, int>{glyph.x0, glyph.x1};
    range->second = glyph.x1;
  }
  return range;
}

std::optional<std::string> with_unit(const std::string& number, PIX* ink, const std::string& unit) {
  const std::string quantity = with_last_glyph(number, glyph_columns(ink).size(), "");
  if (quantity.empty() || quantity.find('%') != std::string::npos || !is_number_reading(quantity)) {
    return std::nullopt;
  }
  return quantity + unit;
}

// The digits model's reading, but for a leading glyph it does not know
// ("≥", read by the Chinese model as itself or a look-alike): that glyph
// becomes a digit there ("290%"), so the Chinese reading's first glyph is
// kept when the two readings have the same length.
std::string merge_number_readings(const std::string& chinese, const std::string& digits) {
  const std::u32string wide = decode_utf8(chinese);
  const std::u32string narrow = decode_utf8(digits);
  if (wide.empty() || narrow.empty()) return digits;
  const bool unknown_lead = wide.front() >= 0x80;
  if (unknown_lead && wide.size() == narrow.size() && narrow.front() >= U'0' &&
      narrow.front() <= U'9') {
    return encode_utf8(wide.substr(0, 1) + narrow.substr(1));
  }
  return digits;
}

// A cell holding only a dash means "none" ("—" in the funds table). A long
// dash comes out of the recogniser as one or more strokes of a dash, or of
// what looks like one: 一, _, ー.
bool reads_as_dash(const std::string& text) {
  const std::u32string wide = decode_utf8(text);
  return !wide.empty() && std::all_of(wide.begin(), wide.end(), [](char32_t c) {
    return text::is_dash(c) || c == U'一' || c == U'_' || c == U'\u30FC';
  });
}

bool is_digits(const std::string& text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// One narrow glyph, as a lone digit is: its ink is one piece, or two
// stacked ("i", "="), at most 4/5 as wide as tall. Two pieces side by side
// are two glyphs, and "15" touching is as wide as tall.
bool is_lone_glyph(PIX* ink) {
  const BoxaPtr pieces(pixConnComp(ink, nullptr, 8));
  if (!pieces) return false;
  const l_int32 count = boxaGetCount(pieces.get());
  bool stacked = count == 1;
  if (count == 2) {
    l_int32 x0, w0, x1, w1;
    boxaGetBoxGeometry(pieces.get(), 0, &x0, nullptr, &w0, nullptr);
    boxaGetBoxGeometry(pieces.get(), 1, &x1, nullptr, &w1, nullptr);
    stacked = std::min(x0 + w0, x1 + w1) > std::max(x0, x1);
  }
  BOX* found = nullptr;
  boxaGetExtent(pieces.get(), nullptr, nullptr, &found);
  const BoxPtr extent(found);
  l_int32 x = 0, y = 0, w = 0, h = 0;
  if (extent) boxGetGeometry(extent.get(), &x, &y, &w, &h);
  return stacked && h > 0 && w * 5 <= h * 4;
}

// A comma between digits that is not followed by exactly three digits is
// no thousands separator: it is a misread decimal point ("4,99" for 4.99).
// Only in a number without a point of its own.
std::string with_decimal_point(std::string text) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (std::count(text.begin(), text.end(), '.') > 1) {
    // A number has one decimal point: a point between digit groups is a
    // comma misread ("29,291.200.00").
    for (std::size_t i = 1; i + 4 < text.size(); ++i) {
      if (text[i] == '.' && digit(text[i - 1]) && digit(text[i + 1]) && digit(text[i + 2]) &&
          digit(text[i + 3]) && (text[i + 4] == '.' || text[i + 4] == ',')) {
        text[i] = ',';
      }
    }
  }
  if (text.find('.') != std::string::npos) return text;
  for (std::size_t i = 1; i < text.size(); ++i) {
    if (text[i] != ',' || !digit(text[i - 1])) continue;
    std::size_t digits = 0;
    while (i + 1 + digits < text.size() && digit(text[i + 1 + digits])) ++digits;
    if (digits > 0 && digits != 3) {
      text[i] = '.';
      break;
    }
  }
  return text;
}

std::size_t number_run_end(std::u32string_view text, std::size_t start, bool& percent) {
  const auto digit = [&](std::size_t k) {
    return k < text.size() && text::is_ascii_digit(text[k]);
  };
  std::size_t end = start;
  while (digit(end) ||
         (end < text.size() && (text[end] == U'.' || text[end] == U',') && digit(end + 1))) {
    ++end;
  }
  percent = end < text.size() && text[end] == U'%';
  if (percent) {
    ++end;
    while (digit(end)) ++end;
  }
  return end;
}

std::string with_thousands_commas(std::string text) {
  auto digit = [&](std::size_t i) { return i < text.size() && text::is_ascii_digit(text[i]); };
  for (std::size_t i = 1; i < text.size(); ++i) {
    if (text[i] != '.' || !digit(i - 1) || !digit(i + 1) || !digit(i + 2) || !digit(i + 3) ||
        digit(i + 4) || (i + 4 < text.size() && (text[i + 4] == '.' || text[i + 4] == ','))) {
      continue;
    }
    std::size_t start = i;
    while (start > 0 && digit(start - 1)) --start;
    if (i - start <= 3 && (start == 0 || (text[start - 1] != '.' && text[start - 1] != ','))) {
      text[i] = ',';
    }
  }
  return text;
}

// Whether a line's glyphs are shaped like a number's: each narrow (at most
// 4/5 as wide as tall) or a small mark (point, comma, =), but for a last
// one as wide as a "%"; Chinese characters are as wide as tall.
bool is_digit_shaped(PIX* ink) {
  const std::vector<GlyphColumn> glyphs = glyph_columns(ink);
  l_int32 tallest = 0;
  for (const GlyphColumn& glyph : glyphs) tallest = std::max(tallest, glyph.height);
  if (glyphs.empty() || tallest == 0) return false;
  for (std::size_t i = 0; i < glyphs.size(); ++i) {
    const l_int32 width = glyphs[i].x1 - glyphs[i].x0;
    if (glyphs[i].height * 3 < tallest * 2) continue;  // a mark
    const bool last = i + 1 == glyphs.size();
    if (width * 5 > tallest * (last ? 6 : 4)) return false;
  }
  return true;
}

// A number as forms print it: digits, thousands grouped by commas or not,
// a decimal part, a percent sign ("1,234.5", "90.62%", "10").
bool is_well_formed_number(const std::string& text) {
  const std::u32string wide = decode_utf8(text);
  std::u32string_view number = wide;
  if (number.ends_with(U'%')) number.remove_suffix(1);
  return text::is_decimal(number);
}

// A number reading put right by the glyphs' shapes and the way numbers
// are printed: decimal comma, leading sign, trailing percent, and nothing
// after the percent sign ("100%%", "90%4").
std::string as_number(std::string text, PIX* ink) {
  text = with_decimal_point(text);
  const auto sign = leading_sign(ink);
  if (sign) text = with_leading_sign(text, *sign);
  text = with_trailing_percent(text, ink, sign.has_value());
  const std::size_t percent = text.find('%');
  if (percent != std::string::npos && percent > 0 && text[percent - 1] >= '0' &&
      text[percent - 1] <= '9') {
    text.erase(percent + 1);
  }
  return text;
}

namespace {

// A number and a unit word of the vocabulary (or its first characters),
// maybe with a comparison word after it: "4小时", "1,520万元", "5个以上",
// and a number in Chinese numerals: "三万零八百人次".
bool is_quantity_reading(std::u32string_view text) {
  std::size_t digits = 0;
  while (digits < text.size() && ((text[digits] >= U'0' && text[digits] <= U'9') ||
                                  (digits > 0 && (text[digits] == U',' || text[digits] == U'.')))) {
    ++digits;
  }
  if (digits == 0) {
    while (digits < text.size() && text::is_chinese_numeral(text[digits])) ++digits;
  }
  if (digits == 0) return false;
  std::u32string_view unit = text.substr(digits);
  for (const std::u32string_view word : {U"及以上", U"以上", U"以下", U"以内", U"左右"}) {
    if (unit.ends_with(word)) {
      unit.remove_suffix(word.size());
      break;
    }
  }
  // A narrow cell may break the unit over its lines ("735万" over "元").
  return text::is_unit_word(unit) || text::begins_chinese_unit(unit);
}

}  // namespace

std::string with_shaped_sign(std::string text, PIX* ink) {
  const std::u32string wide = decode_utf8(text);
  if (wide.empty()) return text;
  // Only a number with its unit, at the first glyph or after one misread
  // glyph ("么27天" is ≤27天; "已1009角" is no quantity).
  const bool lead_is_digit = wide[0] >= U'0' && wide[0] <= U'9';
  std::u32string_view quantity = std::u32string_view(wide).substr(lead_is_digit ? 0 : 1);
  // The recogniser may see a space after the glyph it misread ("委 10%").
  while (!quantity.empty() && quantity.front() == U' ') quantity.remove_prefix(1);
  if (!is_quantity_reading(quantity)) return text;
  // Numerals in Chinese are words too: only a sign read as one (">三万零八
  // 百人次" for ≥) is a sign's place ("约三万人" stays).
  if (text::is_chinese_numeral(quantity.front()) &&
      std::u32string_view(U"<>=≤≥").find(wide[0]) == std::u32string_view::npos) {
    return text;
  }
  const auto sign = leading_sign(ink);
  return sign ? with_leading_sign(text, *sign) : text;
}

std::string without_spaces_by_numbers(const std::string& text) {
  const std::u32string wide = decode_utf8(text);
  auto numeric = [](char32_t c) { return (c >= U'0' && c <= U'9') || c == U'%'; };
  std::u32string out;
  for (std::size_t i = 0; i < wide.size(); ++i) {
    if (wide[i] == U' ' && !out.empty()) {
      std::size_t next = i;
      while (next < wide.size() && wide[next] == U' ') ++next;
      const char32_t before = out.back();
      const char32_t after = next < wide.size() ? wide[next] : U' ';
      if ((numeric(before) && text::is_han(after)) || (text::is_han(before) && numeric(after))) {
        i = next - 1;
        continue;
      }
    }
    out.push_back(wide[i]);
  }
  return encode_utf8(out);
}

std::string with_wave_dash_as_shaped(const std::string& text, PIX* ink) {
  const std::u32string wide = decode_utf8(text);
  const auto number_end = [&](std::size_t from) {
    while (from < wide.size() &&
           (text::is_ascii_digit(wide[from]) || wide[from] == U',' || wide[from] == U'.')) {
      ++from;
    }
    return from;
  };
  const auto spaces_end = [&](std::size_t from) {
    while (from < wide.size() && wide[from] == U' ') ++from;
    return from;
  };
  const std::size_t first_end = number_end(0);
  const std::size_t mark = spaces_end(first_end);
  if (first_end == 0 || mark >= wide.size() ||
      std::u32string_view(U"—一-~～人").find(wide[mark]) == std::u32string_view::npos) {
    return text;
  }
  const std::size_t second = spaces_end(mark + 1);
  const std::size_t second_end = number_end(second);
  if (second_end == second || wide[mark] == U'～') return text;
  // The mark is the line's one glyph lower than half a digit and wider
  // than that (points and commas are narrow).
  const std::vector<GlyphColumn> glyphs = glyph_columns(ink);
  l_int32 digit_height = 0;
  for (const GlyphColumn& glyph : glyphs) digit_height = std::max(digit_height, glyph.height);
  const GlyphColumn* found = nullptr;
  for (const GlyphColumn& glyph : glyphs) {
    if (glyph.height * 2 >= digit_height || (glyph.x1 - glyph.x0) * 2 < digit_height) continue;
    if (found) return text;
    found = &glyph;
  }
  if (!found) return text;
  const GlyphColumn& glyph = *found;
  const l_int32 wpl = pixGetWpl(ink), h = pixGetHeight(ink);
  std::vector<l_int32> thickness;
  l_int32 highest = h, lowest_top = -1;
  for (l_int32 x = glyph.x0; x < glyph.x1; ++x) {
    l_int32 top = -1, count = 0;
    for (l_int32 y = 0; y < h; ++y) {
      if (!GET_DATA_BIT(pixGetData(ink) + y * wpl, x)) continue;
      if (top < 0) top = y;
      ++count;
    }
    if (top < 0) continue;
    thickness.push_back(count);
    highest = std::min(highest, top);
    lowest_top = std::max(lowest_top, top);
  }
  if (thickness.empty()) return text;
  const auto middle = thickness.begin() + static_cast<std::ptrdiff_t>(thickness.size() / 2);
  std::nth_element(thickness.begin(), middle, thickness.end());
  const l_int32 stroke = *middle;
  // A level dash's top row wavers by a pixel of blur at most; a wave's
  // rises and falls by more (which at 150 dpi is still two pixels).
  const bool wave = glyph.height >= stroke + 2 && lowest_top - highest >= 2;
  if (!wave) return text;
  return encode_utf8(wide.substr(0, first_end) + U"～" + wide.substr(second));
}

std::string with_chinese_numerals_as_printed(const std::string& text) {
  std::u32string wide = decode_utf8(text);
  const auto is_any = [&](std::size_t i, std::u32string_view set) {
    return i < wide.size() && set.find(wide[i]) != std::u32string_view::npos;
  };
  constexpr std::u32string_view kDigitNumerals = U"〇一二三四五六七八九两";
  for (std::size_t i = 1; i + 1 < wide.size(); ++i) {
    if (is_any(i, U"Oo0") && is_any(i - 1, kDigitNumerals) && is_any(i + 1, kDigitNumerals)) {
      wide[i] = U'〇';
    }
    if (is_any(i, U"干于") && is_any(i - 1, kDigitNumerals) &&
        ((is_any(i + 1, kDigitNumerals) && is_any(i + 2, U"百十")) || is_any(i + 1, U"零"))) {
      wide[i] = U'千';
    }
  }
  return encode_utf8(wide);
}

std::string with_dashes_between_numbers(const std::string& text) {
  std::u32string wide = decode_utf8(text);
  const auto digit = [&](std::size_t i) { return wide[i] >= U'0' && wide[i] <= U'9'; };
  for (std::size_t i = 1; i + 1 < wide.size(); ++i) {
    if (wide[i] == U'一' && digit(i - 1) && digit(i + 1)) wide[i] = U'—';
  }
  return encode_utf8(wide);
}

// A number as a cell of the form holds one: well formed, with an optional
// comparison sign in front.
bool is_number_reading(const std::string& text) {
  for (const char* sign : {"\u2265", "\u2264", "=", ">", "<"}) {
    if (text.rfind(sign, 0) == 0) return is_well_formed_number(text.substr(std::strlen(sign)));
  }
  return is_well_formed_number(text);
}

void with_separators_over_lines(std::vector<cells::TextLine>& lines) {
  if (lines.size() < 2) return;
  std::string joined;
  for (const cells::TextLine& line : lines) joined += line.text;
  const std::string mended = with_chinese_numerals_as_printed(
      with_thousands_commas(looks_numeric(joined) ? with_decimal_point(joined) : joined));
  // Each line keeps its characters, so each keeps its length.
  if (mended.size() != joined.size()) return;
  std::size_t from = 0;
  for (cells::TextLine& line : lines) {
    line.text = mended.substr(from, line.text.size());
    from += line.text.size();
  }
}

}  // namespace kpiform::extract
