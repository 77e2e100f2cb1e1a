#include "page_scan.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>
#include <regex>

#include "grid_builder.h"
#include "ocr_engine.h"
#include "rule_finder.h"
#include "utf8.h"

namespace kpiform::extract {

namespace {

// Seal ink is red or pink: much more red than green and blue. It is taken
// out before anything else so that it neither hides text nor forms rules.
// Where it lies, the red channel alone is the page: red ink is bright in
// it, the black ink of text and rules under the seal stays dark (as a
// scanner's red drop-out does).
PixPtr without_red_ink(PIX* colour) {
  PixPtr out(pixCopy(nullptr, colour));
  const l_int32 w = pixGetWidth(out.get()), h = pixGetHeight(out.get());
  const l_int32 wpl = pixGetWpl(out.get());
  for (l_int32 y = 0; y < h; ++y) {
    l_uint32* line = pixGetData(out.get()) + y * wpl;
    for (l_int32 x = 0; x < w; ++x) {
      l_int32 r, g, b;
      extractRGBValues(line[x], &r, &g, &b);
      if (r - std::max(g, b) > 45) composeRGBPixel(r, r, r, line + x);
    }
  }
  return out;
}

GrayImage to_gray_image(PIX* binary) {
  GrayImage image;
  image.width = pixGetWidth(binary);
  image.height = pixGetHeight(binary);
  image.pixels.assign(static_cast<std::size_t>(image.width) * image.height, 255);
  const l_int32 wpl = pixGetWpl(binary);
  for (int y = 0; y < image.height; ++y) {
    const l_uint32* line = pixGetData(binary) + y * wpl;
    for (int x = 0; x < image.width; ++x) {
      if (GET_DATA_BIT(line, x)) image.pixels[static_cast<std::size_t>(y) * image.width + x] = 0;
    }
  }
  return image;
}

// Rules by morphology: what survives an opening with a long thin brick is
// a line, not a glyph; a closing first bridges broken and faint rules.
// `lines` receives the rule pixels, to be erased before recognition.
Rules find_scan_rules(PIX* binary, int dpi, PixPtr& lines) {
  RuleFinderOptions options;
  options.dpi = dpi;
  options.max_gap = std::max(2, dpi / 100);
  // A table's rules are one large connected figure; glyphs, even a big
  // bold title's, are small ones and are left out first.
  PixPtr large(pixSelectBySize(binary, dpi * 3 / 4, dpi * 3 / 4, 8, L_SELECT_IF_EITHER,
                               L_SELECT_IF_GT, nullptr));
  if (large) binary = large.get();
  PixPtr closed_h(pixCloseCompBrickExtendDwa(nullptr, binary, std::max(3, dpi / 40), 1));
  PixPtr horizontal(pixOpenCompBrickExtendDwa(nullptr, closed_h.get(), dpi / 4, 1));
  PixPtr closed_v(pixCloseCompBrickExtendDwa(nullptr, binary, 1, std::max(3, dpi / 40)));
  PixPtr vertical(pixOpenCompBrickExtendDwa(nullptr, closed_v.get(), 1, dpi / 5));
  Rules rules;
  RuleFinderOptions only = options;
  only.vertical = false;
  rules.horizontal = find_rules(to_gray_image(horizontal.get()), only).horizontal;
  only.vertical = true;
  only.horizontal = false;
  rules.vertical = find_rules(to_gray_image(vertical.get()), only).vertical;
  PixPtr both(pixOr(nullptr, horizontal.get(), vertical.get()));
  lines.reset(pixDilateBrick(nullptr, both.get(), 7, 7));
  return rules;
}

// The text lines of a binary crop as [top, bottom) pixel rows: bands of
// rows with ink. A band much lower than the others is a piece of a line
// (the strokes of 二 or 三 leave blank rows) and joins its neighbour.
std::vector<std::pair<l_int32, l_int32>> text_bands(PIX* binary) {
  const l_int32 w = pixGetWidth(binary), h = pixGetHeight(binary), wpl = pixGetWpl(binary);
  std::vector<std::pair<l_int32, l_int32>> bands;
  l_int32 start = -1;
  for (l_int32 y = 0; y <= h; ++y) {
    bool ink = false;
    if (y < h) {
      const l_uint32* line = pixGetData(binary) + y * wpl;
      for (l_int32 x = 0; x < w && !ink; ++x) ink = GET_DATA_BIT(line, x);
    }
    if (ink && start < 0) start = y;
    if (!ink && start >= 0) {
      bands.emplace_back(start, y);
      start = -1;
    }
  }
  l_int32 tallest = 0;
  for (const auto& [top, bottom] : bands) tallest = std::max(tallest, bottom - top);
  for (std::size_t i = 0; i < bands.size();) {
    if (bands.size() > 1 && (bands[i].second - bands[i].first) * 2 < tallest) {
      // Join the nearer neighbour.
      const bool up = i > 0 && (i + 1 == bands.size() || bands[i].first - bands[i - 1].second <=
                                                             bands[i + 1].first - bands[i].second);
      const std::size_t other = up ? i - 1 : i + 1;
      bands[other] = {std::min(bands[other].first, bands[i].first),
                      std::max(bands[other].second, bands[i].second)};
      bands.erase(bands.begin() + static_cast<std::ptrdiff_t>(i));
      i = 0;
      continue;
    }
    ++i;
  }
  return bands;
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
// dash comes out of the recogniser as one or more strokes of 一 or -; a line
// of nothing but such strokes is that dash.
bool is_dash_run(const std::string& text) {
  const std::u32string wide = decode_utf8(text);
  if (wide.empty()) return false;
  for (const char32_t c : wide) {
    switch (c) {
      case U'一':
      case U'-':
      case U'_':
      case U'\u2012':  // figure dash
      case U'\u2013':  // en dash
      case U'\u2014':  // em dash
      case U'\u2015':  // horizontal bar
      case U'\u2500':  // box drawing horizontal
      case U'\uFF0D':  // fullwidth hyphen-minus
      case U'\u30FC':  // katakana long vowel mark
        break;
      default:
        return false;
    }
  }
  return true;
}

bool is_digits(const std::string& text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// One narrow glyph, as a lone digit is: its ink is one piece, or two
// stacked ("i", "="), at most 4/5 as wide as tall. Two pieces side by side
// are two glyphs, and "15" touching is as wide as tall.
bool is_lone_glyph(PIX* ink) {
  BOXA* pieces = pixConnComp(ink, nullptr, 8);
  if (!pieces) return false;
  const l_int32 count = boxaGetCount(pieces);
  bool stacked = count == 1;
  if (count == 2) {
    l_int32 x0, w0, x1, w1;
    boxaGetBoxGeometry(pieces, 0, &x0, nullptr, &w0, nullptr);
    boxaGetBoxGeometry(pieces, 1, &x1, nullptr, &w1, nullptr);
    stacked = std::min(x0 + w0, x1 + w1) > std::max(x0, x1);
  }
  BOX* extent = nullptr;
  boxaGetExtent(pieces, nullptr, nullptr, &extent);
  l_int32 x = 0, y = 0, w = 0, h = 0;
  if (extent) boxGetGeometry(extent, &x, &y, &w, &h);
  boxDestroy(&extent);
  boxaDestroy(&pieces);
  return stacked && h > 0 && w * 5 <= h * 4;
}

// The digits model's readings of a line's ink framed four ways (trimmed,
// with a narrow and a wide white margin, at scale 1 and 2): one model
// seeing the same glyphs four times, so that a slip in one framing is
// outvoted. Readings that are no number are left out.
std::vector<std::string> framed_readings(PIX* ink, int dpi, l_int32 margin) {
  std::vector<std::string> readings;
  PIX* clipped = nullptr;
  if (pixClipToForeground(ink, &clipped, nullptr) != 0 || !clipped) return readings;
  PixPtr trimmed(clipped);
  for (const int scale : {1, 2}) {
    PixPtr scaled(scale == 1 ? pixClone(trimmed.get())
                             : pixExpandBinaryReplicate(trimmed.get(), scale, scale));
    if (!scaled) continue;
    PixPtr gray(pixConvert1To8(nullptr, scaled.get(), 255, 0));
    for (const l_int32 border : {margin / 2, margin * 2}) {
      PixPtr framed(pixAddBorder(gray.get(), border * scale, 255));
      const std::vector<RecognisedLine> digits = recognise_number(framed.get(), dpi * scale);
      if (digits.size() == 1 && looks_numeric(digits[0].text)) readings.push_back(digits[0].text);
    }
  }
  return readings;
}

// The reading most votes agree on, and how many; the first of the most
// voted when tied (callers put the reading they trust most first).
std::pair<std::string, int> most_voted(const std::vector<std::string>& votes) {
  std::pair<std::string, int> best{"", 0};
  for (const std::string& vote : votes) {
    const int count = static_cast<int>(std::count(votes.begin(), votes.end(), vote));
    if (count > best.second) best = {vote, count};
  }
  return best;
}

// A comma between digits that is not followed by exactly three digits is
// no thousands separator: it is a misread decimal point ("4,99" for 4.99).
// Only in a number without a point of its own.
std::string with_decimal_point(std::string text) {
  if (text.find('.') != std::string::npos) return text;
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
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

// The comparison sign a number starts with, from the shape of its first
// glyph: two flat bars are =; an angle over a bar (flat, or slanted as ⩾
// prints it) is ≥ when the angle points right, ≤ when it points left; neither
// model reads it reliably (the digits model knows no ≥ and says "2", the
// Chinese one says 之). Nullopt when the first glyph is no such sign.
std::optional<std::string> leading_sign(PIX* ink) {
  BOXA* pieces = pixConnComp(ink, nullptr, 8);
  if (!pieces) return std::nullopt;
  struct Piece {
    l_int32 x, y, w, h;
  };
  std::vector<Piece> all;
  for (l_int32 i = 0; i < boxaGetCount(pieces); ++i) {
    Piece p{};
    boxaGetBoxGeometry(pieces, i, &p.x, &p.y, &p.w, &p.h);
    all.push_back(p);
  }
  boxaDestroy(&pieces);
  if (all.size() < 3) return std::nullopt;  // a sign and at least one digit
  const Piece first = *std::min_element(all.begin(), all.end(),
                                        [](const Piece& a, const Piece& b) { return a.x < b.x; });
  std::vector<Piece> column;  // the pieces under and over the first one
  for (const Piece& p : all) {
    if (std::min(p.x + p.w, first.x + first.w) > std::max(p.x, first.x)) column.push_back(p);
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
  // The bar lies flat or slanted along the lower arm (⩾), under the angle.
  if (bar.h * 5 > bar.w * 3 || bar.y + bar.h / 2 < angle.y + angle.h / 2 || angle.h * 2 < angle.w ||
      angle.h < 3) {
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

// A number ending in "%", told by the shape: its last glyph about as wide
// as tall and wider than the digits before it, which both models misread
// as two characters ("10094", "100%%" for 100%). The characters past one
// per digit glyph become that one "%". `signed_number`: the first glyph is
// a sign, not a digit.
std::string with_trailing_percent(const std::string& text, PIX* ink, bool signed_number) {
  // One "%" at the end after a digit is a reading to trust as it is.
  if (text.size() >= 2 && text.back() == '%' && text[text.size() - 2] >= '0' &&
      text[text.size() - 2] <= '9') {
    return text;
  }
  std::vector<GlyphColumn> glyphs = glyph_columns(ink);
  if (signed_number && !glyphs.empty()) glyphs.erase(glyphs.begin());
  if (glyphs.size() < 2) return text;
  l_int32 tallest = 0;
  for (const GlyphColumn& glyph : glyphs) tallest = std::max(tallest, glyph.height);
  l_int32 widest_digit = 0;
  for (std::size_t i = 0; i + 1 < glyphs.size(); ++i) {
    const l_int32 width = glyphs[i].x1 - glyphs[i].x0;
    // Digits are full height and at most 4/5 as wide as tall; a point or
    // comma is short and does not count.
    if (glyphs[i].height * 3 < tallest * 2) continue;
    if (width * 5 > tallest * 4) return text;  // two glyphs run together
    widest_digit = std::max(widest_digit, width);
  }
  if (widest_digit == 0) return text;
  // "%" is about as wide as tall, a digit some 3/5: the last glyph must be
  // 3/4 to 6/5 as wide as tall (wider is a digit run into it) and wider
  // than every digit by a third.
  const GlyphColumn& last = glyphs.back();
  const l_int32 last_width = last.x1 - last.x0;
  if (last_width * 4 < tallest * 3 || last_width * 5 > tallest * 6 ||
      last_width * 3 < widest_digit * 4 || last.height * 3 < tallest * 2) {
    return text;
  }
  // Keep the sign, the digits and the small marks (points, commas) read
  // before the last glyph; replace what was read for the last one.
  std::u32string wide = decode_utf8(text);
  std::u32string kept;
  std::size_t glyphs_before = glyphs.size() - 1 + (signed_number ? 1 : 0);
  std::size_t taken = 0;
  for (const char32_t c : wide) {
    if (taken == glyphs_before) break;
    kept.push_back(c);
    if (c != U' ') ++taken;
  }
  if (taken < glyphs_before) return text;
  return encode_utf8(kept) + "%";
}

// A number as forms print it: digits, thousands grouped by commas or not,
// a decimal part, a percent sign ("1,234.5", "90.62%", "10").
bool is_well_formed_number(const std::string& text) {
  static const std::regex kNumber(R"((\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?)");
  return std::regex_match(text, kNumber);
}

// A well-formed number the Chinese model read with at least this
// confidence is not read again by the digits model.
constexpr double kSureNumber = 0.9;

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

bool has_digit(const std::string& text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A number as a cell of the form holds one: well formed, with an optional
// comparison sign in front.
bool is_number_reading(const std::string& text) {
  for (const char* sign : {"\u2265", "\u2264", "=", ">", "<"}) {
    if (text.rfind(sign, 0) == 0) return is_well_formed_number(text.substr(std::strlen(sign)));
  }
  return is_well_formed_number(text);
}

// Lines up to this many characters may be numbers misread.
constexpr std::size_t kShortLine = 12;

struct PixelBox {
  l_int32 x, y, w, h;
};

PixelBox to_pixels(const cells::Box& box, int dpi, double inset_points) {
  const double scale = dpi / 72.0;
  const double x0 = (box.x0 + inset_points) * scale, y0 = (box.y0 + inset_points) * scale;
  const double x1 = (box.x1 - inset_points) * scale, y1 = (box.y1 - inset_points) * scale;
  return {static_cast<l_int32>(x0), static_cast<l_int32>(y0),
          std::max(0, static_cast<l_int32>(x1 - x0)), std::max(0, static_cast<l_int32>(y1 - y0))};
}

// What the recogniser reads on a blurred page (see recognise_page): the
// text in its gray, and cut light (both on white).
struct BlurredText {
  PixPtr gray;
  PixPtr light_cut;
};

// Lines of up to this many characters on a blurred page are read from the
// gray (numbers, labels); longer ones from the light cut (prose).
constexpr std::size_t kShortText = 8;

PixPtr padded_line(PIX* page, const PixelBox& line_area, l_int32 margin) {
  BOX* line_box = boxCreate(line_area.x, line_area.y, line_area.w, line_area.h);
  PixPtr line(pixClipRectangle(page, line_box, nullptr));
  boxDestroy(&line_box);
  return PixPtr(line ? pixAddBorder(line.get(), margin, 255) : nullptr);
}

// Recognises the text inside one box of the page; lines in page points.
// `binary` finds the lines and the glyphs' shapes, and is what the
// recogniser reads unless the page is blurred (`blurred` given).
std::vector<cells::TextLine> read_box(PIX* binary, const BlurredText* blurred, const PixelBox& area,
                                      int dpi, const std::string& languages) {
  std::vector<cells::TextLine> lines;
  if (area.w < 4 || area.h < 4) return lines;
  BOX* box = boxCreate(area.x, area.y, area.w, area.h);
  PixPtr ink(pixClipRectangle(binary, box, nullptr));
  boxDestroy(&box);
  if (!ink) return lines;
  l_int32 count = 0;
  pixCountPixels(ink.get(), &count, nullptr);
  // Less ink than a dot or two of a glyph: an empty cell.
  if (count < std::max(12, dpi * dpi / 9000)) return lines;
  // Each line on its own: Tesseract's own segmentation drops short lines
  // of a cell ("成率" under "调试计划完").
  const l_int32 margin = std::max(6, dpi / 25);
  const double scale = 72.0 / dpi;
  for (const auto& [top, bottom] : text_bands(ink.get())) {
    // The line's ink only: blank cell width left and right of it is work
    // for the recogniser and nothing else.
    BOX* band = boxCreate(0, top, pixGetWidth(ink.get()), bottom - top);
    PixPtr band_ink(pixClipRectangle(ink.get(), band, nullptr));
    boxDestroy(&band);
    if (!band_ink) continue;
    BOX* extent = nullptr;
    PIX* trimmed = nullptr;
    if (pixClipToForeground(band_ink.get(), &trimmed, &extent) != 0 || !trimmed) continue;
    PixPtr line_ink(trimmed);
    l_int32 left = 0, width = 0;
    boxGetGeometry(extent, &left, nullptr, &width, nullptr);
    boxDestroy(&extent);
    // A few pixels more either side: the blurred, lighter edges of the
    // first and last strokes (see recognise_page).
    const l_int32 slack = 4;
    const l_int32 right = std::min(pixGetWidth(band_ink.get()), left + width + slack);
    left = std::max(0, left - slack);
    const PixelBox line_area{area.x + left, area.y + top, right - left, bottom - top};
    BOX* rows = boxCreate(left, top, line_area.w, line_area.h);
    line_ink.reset(pixClipRectangle(ink.get(), rows, nullptr));
    boxDestroy(&rows);
    if (!line_ink) continue;
    // What the recogniser reads: see recognise_page.
    PixPtr padded;
    if (blurred) {
      padded = padded_line(blurred->light_cut.get(), line_area, margin);
    } else {
      PixPtr line8(pixConvert1To8(nullptr, line_ink.get(), 255, 0));
      padded.reset(pixAddBorder(line8.get(), margin, 255));
    }
    if (!padded) continue;
    // A line shaped like a number is read by the digits model first, and by
    // the Chinese model only when that reading is unsure.
    std::vector<RecognisedLine> read;
    bool read_as_number = false;
    if (!blurred && is_digit_shaped(line_ink.get())) {
      read = recognise_number(padded.get(), dpi);
      read_as_number =
          read.size() == 1 && read[0].confidence >= kSureNumber && looks_numeric(read[0].text);
      if (!read_as_number) read.clear();
    }
    if (!read_as_number) read = recognise_line(padded.get(), dpi, languages);
    if (blurred) {
      std::size_t characters = 0;
      for (const RecognisedLine& part : read) characters += character_count(part.text);
      if (characters <= kShortText) {
        PixPtr gray = padded_line(blurred->gray.get(), line_area, margin);
        if (gray) {
          padded = std::move(gray);
          read = recognise_line(padded.get(), dpi, languages);
        }
      }
    }
    // A lone glyph is where both models stumble most ("1" read as 工, ] or
    // nothing): unless the Chinese model saw a digit surely, the digits
    // model reads it in several framings and the reading most agree on wins.
    if (is_lone_glyph(line_ink.get()) &&
        !(read.size() == 1 && is_digits(read[0].text) && read[0].confidence >= 0.7)) {
      // Three of four framings must agree.
      const auto [text, votes] = most_voted(framed_readings(line_ink.get(), dpi, margin));
      if (votes >= 3) {
        RecognisedLine voted = read.empty() ? RecognisedLine{"", 0, 0, 0, 0, 0} : read[0];
        if (read.empty()) {
          voted.x1 = pixGetWidth(padded.get());
          voted.y1 = pixGetHeight(padded.get());
        }
        voted.text = text;
        voted.confidence = votes / 4.0;
        read = {voted};
      }
    }
    // A lone digit ("1", "5") is sometimes no line, word or character to
    // the Chinese model; the digits model reads it.
    if (read.empty()) read = recognise_number(padded.get(), dpi);
    if (read.empty()) continue;
    RecognisedLine line = read.front();
    for (std::size_t i = 1; i < read.size(); ++i) line.text += read[i].text;
    std::vector<std::string> outvoted;
    // A number is read again by the Latin digits model with only number
    // characters allowed: the Chinese model garbles numbers ("2 5 2D2人0",
    // "1000%" for "100%"). It knows no "≥", which the Chinese reading keeps.
    if (!read_as_number && looks_numeric(line.text) &&
        !(line.confidence >= kSureNumber && is_well_formed_number(line.text))) {
      const std::vector<RecognisedLine> digits = recognise_number(padded.get(), dpi);
      if (digits.size() == 1 && digits[0].confidence >= 0.6) {
        const std::string merged = merge_number_readings(line.text, digits[0].text);
        if (merged == line.text) {
          line.confidence = std::max(line.confidence, digits[0].confidence);
        } else {
          // The two models disagree ("15" and "1"): the framings vote too.
          std::vector<std::string> votes = {merged, line.text};
          for (std::string& reading : framed_readings(line_ink.get(), dpi, margin)) {
            votes.push_back(merge_number_readings(line.text, reading));
          }
          const auto [text, agreeing] = most_voted(votes);
          line.text = text;
          line.confidence = static_cast<double>(agreeing) / static_cast<double>(votes.size());
          // The readings outvoted stay as alternatives, most voted first,
          // for the form's arithmetic to choose from.
          std::sort(votes.begin(), votes.end(), [&](const std::string& a, const std::string& b) {
            return std::count(votes.begin(), votes.end(), a) >
                   std::count(votes.begin(), votes.end(), b);
          });
          for (const std::string& vote : votes) {
            if (vote != text &&
                std::find(outvoted.begin(), outvoted.end(), vote) == outvoted.end()) {
              outvoted.push_back(vote);
            }
          }
        }
      }
    }
    if (is_dash_run(line.text)) line.text = "\u2014";
    if (looks_numeric(line.text)) line.text = as_number(line.text, line_ink.get());
    cells::TextLine out;
    out.text = line.text;
    out.confidence = line.confidence;
    for (const std::string& reading : outvoted) {
      const std::string number = as_number(reading, line_ink.get());
      if (number != line.text && is_number_reading(number) &&
          std::find(out.alternatives.begin(), out.alternatives.end(), number) ==
              out.alternatives.end()) {
        out.alternatives.push_back(number);
      }
    }
    // A short line with digits that did not come out as a number may be a
    // number garbled by the Chinese model ("三 10090" for "=100%"): the
    // digits model's reading goes with it, for the stages that know
    // whether a number belongs in the cell.
    if (has_digit(line.text) && !is_number_reading(line.text) &&
        character_count(line.text) <= kShortLine) {
      const std::vector<RecognisedLine> digits = recognise_number(padded.get(), dpi);
      if (digits.size() == 1) {
        const std::string number = as_number(digits[0].text, line_ink.get());
        if (number != line.text && is_number_reading(number)) out.alternatives.push_back(number);
      }
    }
    out.box = {(line_area.x + line.x0 - margin) * scale, (line_area.y + line.y0 - margin) * scale,
               (line_area.x + line.x1 - margin) * scale, (line_area.y + line.y1 - margin) * scale};
    lines.push_back(std::move(out));
  }
  return lines;
}

}  // namespace

cells::PageImage encode_page_image(PIX* page, int dpi, int image_dpi) {
  PixPtr gray(pixGetDepth(page) == 32 ? pixConvertRGBToLuminance(page) : pixConvertTo8(page, 0));
  const float scale = static_cast<float>(image_dpi) / static_cast<float>(dpi);
  PixPtr scaled(scale == 1.0f ? pixClone(gray.get()) : pixScale(gray.get(), scale, scale));
  cells::PageImage image;
  if (!scaled) return image;
  l_uint8* bytes = nullptr;
  size_t size = 0;
  // Quality 80: text stays sharp enough to check a digit; a 50-page file
  // stays a few megabytes.
  if (pixWriteMemJpeg(&bytes, &size, scaled.get(), 80, 0) != 0 || !bytes) return image;
  image.jpeg.assign(reinterpret_cast<const char*>(bytes), size);
  lept_free(bytes);
  image.width = pixGetWidth(scaled.get());
  image.height = pixGetHeight(scaled.get());
  return image;
}

// How blurred the text is: mid-gray pixels (100–199) per dark one (< 100)
// on and around the strokes. Sharp scans and renderings give about 1.6,
// a blurred office scan 4 and more.
double stroke_softness(PIX* gray, PIX* near_text) {
  NUMA* histogram = pixGetGrayHistogramMasked(gray, near_text, 0, 0, 1);
  if (!histogram) return 0;
  double dark = 0, mid = 0;
  for (int level = 0; level < 200; ++level) {
    l_float32 count = 0;
    numaGetFValue(histogram, level, &count);
    (level < 100 ? dark : mid) += count;
  }
  numaDestroy(&histogram);
  return mid / std::max(1.0, dark);
}
constexpr double kBlurredSoftness = 3.0;

cells::Page recognise_page(PIX* scan, int dpi, int number, const std::string& languages,
                           int image_dpi) {
  PixPtr gray;
  if (pixGetDepth(scan) == 32) {
    PixPtr clean = without_red_ink(scan);
    gray.reset(pixConvertRGBToLuminance(clean.get()));
  } else {
    gray.reset(pixConvertTo8(scan, 0));
  }
  PixPtr normalised(pixBackgroundNormSimple(gray.get(), nullptr, nullptr));
  if (!normalised) normalised.reset(pixClone(gray.get()));
  l_float32 angle = 0, confidence = 0;
  PixPtr upright(pixFindSkewAndDeskew(normalised.get(), 2, &angle, &confidence));
  if (!upright) upright.reset(pixClone(normalised.get()));
  // Ink is darker than 80% of the normalised paper (200): a fixed cut that
  // keeps the thin strokes of blurred, low-resolution scans.
  PixPtr binary(pixConvertTo1(upright.get(), 160));
  // Speckle: components no more than two pixels either way.
  PixPtr despeckled(
      pixSelectBySize(binary.get(), 2, 2, 8, L_SELECT_IF_EITHER, L_SELECT_IF_GT, nullptr));
  if (despeckled) binary = std::move(despeckled);

  cells::Page page;
  page.number = number;
  page.recognised = true;
  page.width = pixGetWidth(upright.get()) * 72.0 / dpi;
  page.height = pixGetHeight(upright.get()) * 72.0 / dpi;
  if (image_dpi > 0) page.image = encode_page_image(upright.get(), dpi, image_dpi);
  // Rules are found on a darker cut than text: a hairline blurred by the
  // scanner is light gray, and a gap in it would split the table.
  PixPtr rule_ink(pixConvertTo1(upright.get(), 185));
  PixPtr rule_pixels;
  page.tables = build_tables(find_scan_rules(rule_ink.get(), dpi, rule_pixels));
  // Rules next to text read as glyphs ("四" for a boxed "20"): erase them.
  if (rule_pixels) pixSubtract(binary.get(), binary.get(), rule_pixels.get());
  // What the recogniser reads. A crisp page: the binary page, black on
  // white (a gray, noisy background makes short numbers misread: "10" as
  // "国汪"). A blurred one: the cut at 160 runs blurred strokes together
  // ("%" becomes "04"), so short lines (numbers, labels) are read in their
  // gray and prose cut lighter (200), each on white. "Text" reaches 4
  // pixels (1/3 pt) past the cut strokes: their blurred, lighter edges
  // belong to the glyph (less cuts "%" apart; more lets noise in).
  PixPtr near_text(pixDilateBrick(nullptr, binary.get(), 9, 9));
  if (rule_pixels) pixSubtract(near_text.get(), near_text.get(), rule_pixels.get());
  std::optional<BlurredText> blurred;
  if (stroke_softness(upright.get(), near_text.get()) > kBlurredSoftness) {
    PixPtr background(pixInvert(nullptr, near_text.get()));
    PixPtr text_gray(pixCopy(nullptr, upright.get()));
    pixSetMasked(text_gray.get(), background.get(), 255);
    PixPtr cut(pixConvertTo1(upright.get(), 200));
    PixPtr light_cut(pixConvert1To8(nullptr, cut.get(), 255, 0));
    pixSetMasked(light_cut.get(), background.get(), 255);
    blurred = BlurredText{std::move(text_gray), std::move(light_cut)};
  }
  const BlurredText* blurred_text = blurred ? &*blurred : nullptr;

  // Inside each cell, clear of its rules.
  const double inset = 2.0;  // points
  for (cells::Table& table : page.tables) {
    for (cells::Cell& cell : table.cells) {
      cell.lines =
          read_box(binary.get(), blurred_text, to_pixels(cell.box, dpi, inset), dpi, languages);
    }
  }
  // Text outside the tables (title, year line): the bands between them.
  std::vector<std::pair<double, double>> taken;
  for (const cells::Table& table : page.tables) taken.emplace_back(table.box.y0, table.box.y1);
  std::sort(taken.begin(), taken.end());
  double top = 0;
  taken.emplace_back(page.height, page.height);
  for (const auto& [y0, y1] : taken) {
    if (y0 - top > 8) {
      const cells::Box band{0, top, page.width, y0};
      for (cells::TextLine& line :
           read_box(binary.get(), blurred_text, to_pixels(band, dpi, 1), dpi, languages)) {
        page.free_lines.push_back(std::move(line));
      }
    }
    top = std::max(top, y1);
  }
  return page;
}

}  // namespace kpiform::extract
