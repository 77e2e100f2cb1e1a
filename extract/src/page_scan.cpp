#include "page_scan.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <new>
#include <optional>

#include "grid_builder.h"
#include "kpiform/text/characters.h"
#include "kpiform/text/utf8.h"
#include "kpiform/text/vocabulary.h"
#include "number_reading.h"
#include "ocr_engine.h"
#include "rule_finder.h"

namespace kpiform::extract {

using text::character_count;
using text::decode_utf8;
using text::encode_utf8;
using text::has_digit;

namespace {

// Seal ink is red or pink: much more red than green and blue. It is taken
// out before anything else so that it neither hides text nor forms rules.
// Where it lies, the red channel alone is the page (as a scanner's red
// drop-out sees it): the black ink of text and rules under the seal stays
// dark there. Red ink still darkens the red a little (its median pixel is
// at 80-90% of the paper's); that share is divided out, so that the seal
// itself is paper and leaves no gray figure for the cuts to find.
bool is_red_ink(l_int32 r, l_int32 g, l_int32 b) {
  return r - std::max(g, b) > 45;
}

// The median of a 256-level histogram, or -1 when it is empty.
int median_level(const std::array<std::size_t, 256>& histogram) {
  std::size_t total = 0;
  for (const std::size_t count : histogram) total += count;
  std::size_t seen = 0;
  for (int level = 0; level < 256; ++level) {
    seen += histogram[static_cast<std::size_t>(level)];
    if (total > 0 && seen * 2 >= total) return level;
  }
  return -1;
}

PixPtr without_red_ink(PIX* colour) {
  PixPtr out(pixCopy(nullptr, colour));
  if (!out) throw std::bad_alloc();
  const l_int32 w = pixGetWidth(out.get()), h = pixGetHeight(out.get());
  const l_int32 wpl = pixGetWpl(out.get());
  std::array<std::size_t, 256> page_red{}, seal_red{};
  for (l_int32 y = 0; y < h; ++y) {
    const l_uint32* line = pixGetData(out.get()) + y * wpl;
    for (l_int32 x = 0; x < w; ++x) {
      l_int32 r, g, b;
      extractRGBValues(line[x], &r, &g, &b);
      ++page_red[static_cast<std::size_t>(r)];
      if (is_red_ink(r, g, b)) ++seal_red[static_cast<std::size_t>(r)];
    }
  }
  const int seal = median_level(seal_red);
  if (seal <= 0) return out;
  // The paper is most of the page.
  const double lift = std::max(1.0, static_cast<double>(median_level(page_red)) / seal);
  for (l_int32 y = 0; y < h; ++y) {
    l_uint32* line = pixGetData(out.get()) + y * wpl;
    for (l_int32 x = 0; x < w; ++x) {
      l_int32 r, g, b;
      extractRGBValues(line[x], &r, &g, &b);
      if (!is_red_ink(r, g, b)) continue;
      const l_int32 level = std::min(255, static_cast<l_int32>(std::lround(r * lift)));
      composeRGBPixel(level, level, level, line + x);
    }
  }
  return out;
}

// A table's rules are one large connected figure (over 3/4 inch either
// way); glyphs, even a big bold title's, are small ones.
PixPtr table_figure(PIX* binary, int dpi) {
  return PixPtr(pixSelectBySize(binary, dpi * 3 / 4, dpi * 3 / 4, 8, L_SELECT_IF_EITHER,
                                L_SELECT_IF_GT, nullptr));
}

// The page turned so that its table's rules are level. The rules, long and
// straight, show the skew more surely than text lines (a page of short
// cells gives the text-based search too little confidence to turn it, and
// a rule off level by 0.7° is no rule to the rule finder); a page without
// a table is levelled by its text.
PixPtr levelled(PIX* gray, int dpi) {
  PixPtr ink(pixConvertTo1(gray, 185));
  PixPtr table(ink ? table_figure(ink.get(), dpi) : nullptr);
  l_float32 angle = 0, confidence = 0;
  l_int32 empty = 1;
  if (table && pixZero(table.get(), &empty) == 0 && !empty &&
      pixFindSkew(table.get(), &angle, &confidence) == 0 && confidence >= 3.0) {
    // A tilt that moves a rule less than half a millimetre across the page
    // is none: turning costs the strokes some sharpness.
    const double shift = std::abs(angle) * M_PI / 180.0 * pixGetWidth(gray);
    if (shift < dpi / 50.0) return PixPtr(pixClone(gray));
    PixPtr turned(pixRotate(gray, static_cast<l_float32>(angle * M_PI / 180.0), L_ROTATE_AREA_MAP,
                            L_BRING_IN_WHITE, 0, 0));
    if (turned) return turned;
  }
  PixPtr upright(pixFindSkewAndDeskew(gray, 2, &angle, &confidence));
  return upright ? std::move(upright) : PixPtr(pixClone(gray));
}

// The binary page without the scanner's specks: dots under 0.2 mm (no
// mark of print is so small; a scanner's grain is two pixels at any
// resolution), and dots of at most half a millimetre
// standing alone, a millimetre or more from other ink. A decimal point, a
// comma or a 。 stands by its glyphs and stays; the recogniser reads a
// lone speck as "，" or "、".
PixPtr without_specks(PIX* binary, int dpi) {
  const l_int32 dust = std::max(2, dpi / 150);  // 0.17 mm, and two pixels at any dpi
  PixPtr marks(pixSelectBySize(binary, dust, dust, 8, L_SELECT_IF_EITHER, L_SELECT_IF_GT, nullptr));
  if (!marks) return nullptr;
  binary = marks.get();
  const l_int32 speck = std::max(2, dpi / 50);  // 0.5 mm
  PixPtr small(
      pixSelectBySize(binary, speck, speck, 8, L_SELECT_IF_BOTH, L_SELECT_IF_LTE, nullptr));
  if (!small) return nullptr;
  PixPtr large(pixSubtract(nullptr, binary, small.get()));
  const l_int32 reach = 2 * std::max(2, dpi / 25) + 1;  // 1 mm either way
  PixPtr near_large(pixDilateBrick(nullptr, large.get(), reach, reach));
  PixPtr seed(pixAnd(nullptr, small.get(), near_large.get()));
  if (!large || !near_large || !seed) return nullptr;
  PixPtr kept(pixSeedfillBinary(nullptr, seed.get(), small.get(), 8));
  if (!kept) return nullptr;
  return PixPtr(pixOr(nullptr, large.get(), kept.get()));
}

// `ink` with the faint rules of `gray` added: long straight lines a little
// darker than the paper (a hairline the scanner made light gray). The
// lightest pixel along a quarter inch of the line is still darker than
// paper there, where text, noise and paper give paper (200 after
// normalisation, and lighter for the noise).
// (The pixels whose lightest quarter inch is darker than a level are those
// of the page cut at that level, opened with a quarter-inch brick: a binary
// opening finds them several times faster than a gray closing.)
PixPtr with_faint_rules(PIX* gray, PixPtr ink, int dpi) {
  if (!ink) return ink;
  const l_int32 length = (dpi / 4) | 1;
  constexpr l_int32 kFaint = 194;  // paper 200, less a little for its grain
  PixPtr darker(pixThresholdToBinary(gray, kFaint));
  if (!darker) return ink;
  for (const bool horizontal : {true, false}) {
    PixPtr dark(
        pixOpenBrick(nullptr, darker.get(), horizontal ? length : 1, horizontal ? 1 : length));
    if (dark) pixOr(ink.get(), ink.get(), dark.get());
  }
  return ink;
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

// A rule along one line of the page, in points: at y from x0 to x1 for a
// horizontal one, at x from y0 to y1 for a vertical one.
struct RuleLine {
  double at, from, to;
};

// `found`, the rules of one direction, with the faint stretches of each
// line added: where the scanner lost most of a light rule, what is left of
// it is specks too small to belong to the table's figure, and the rule
// found stops or breaks there. Along a line where a rule was found, ink on
// the line with paper either side of it is that rule (a glyph there has
// strokes beside the line; a rule's specks do not); breaks up to a
// millimetre are bridged, and a stretch is a rule from a quarter inch on.
// The rules of a line come back as one per unbroken stretch.
std::vector<RuleLine> with_faint_stretches(std::vector<RuleLine> found, PIX* ink, int dpi,
                                           bool horizontal) {
  const double scale = dpi / 72.0;
  const l_int32 w = pixGetWidth(ink), h = pixGetHeight(ink), wpl = pixGetWpl(ink);
  const auto ink_at = [&](l_int32 along, l_int32 across) {
    const l_int32 x = horizontal ? along : across, y = horizontal ? across : along;
    return x >= 0 && y >= 0 && x < w && y < h && GET_DATA_BIT(pixGetData(ink) + y * wpl, x);
  };
  const l_int32 length = horizontal ? w : h;
  const l_int32 half = std::max(2, dpi / 100);   // a blurred rule's ink either side: 1/4 mm
  const l_int32 paper = std::max(2, dpi / 100);  // and the paper beyond it
  const l_int32 bridge = std::max(3, dpi / 25);  // 1 mm
  const l_int32 shortest = dpi / 4;
  std::sort(found.begin(), found.end(),
            [](const RuleLine& a, const RuleLine& b) { return a.at < b.at; });
  std::vector<RuleLine> out;
  for (std::size_t first = 0; first < found.size();) {
    // The rules of one line: within 2 points of each other; the line lies
    // where the longest of them does.
    std::size_t last = first + 1;
    while (last < found.size() && found[last].at - found[last - 1].at <= 2.0) ++last;
    const RuleLine& longest = *std::max_element(
        found.begin() + static_cast<std::ptrdiff_t>(first),
        found.begin() + static_cast<std::ptrdiff_t>(last),
        [](const RuleLine& a, const RuleLine& b) { return a.to - a.from < b.to - b.from; });
    const double line_at = longest.at;
    const auto middle = static_cast<l_int32>(std::lround(line_at * scale));
    // Pixels along the line: 1 on a rule found, 2 on a faint stretch.
    std::vector<char> on(static_cast<std::size_t>(length), 0);
    for (std::size_t i = first; i < last; ++i) {
      const auto from = std::max<l_int32>(0, static_cast<l_int32>(found[i].from * scale));
      const auto to = std::min(length, static_cast<l_int32>(std::ceil(found[i].to * scale)));
      for (l_int32 p = from; p < to; ++p) on[static_cast<std::size_t>(p)] = 1;
    }
    for (l_int32 p = 0; p < length; ++p) {
      if (on[static_cast<std::size_t>(p)]) continue;
      bool on_line = false, beside = false;
      for (l_int32 k = -half; k <= half && !on_line; ++k) on_line = ink_at(p, middle + k);
      for (l_int32 k = half + 1; k <= half + paper && on_line && !beside; ++k) {
        beside = ink_at(p, middle - k) || ink_at(p, middle + k);
      }
      if (on_line && !beside) on[static_cast<std::size_t>(p)] = 2;
    }
    // Runs of both, breaks bridged. A faint stretch is a rule from a
    // quarter inch on; shorter at a run's end, it is a speck or two beyond
    // a rule's end, and the run ends where the rule found does.
    l_int32 start = -1, end = -1, first_found = -1, last_found = -1;
    const auto emit = [&] {
      if (start < 0) return;
      if (first_found >= 0) {
        if (first_found - start < shortest) start = first_found;
        if (end - last_found < shortest) end = last_found;
      }
      if (first_found >= 0 || end - start >= shortest) {
        out.push_back({line_at, start / scale, end / scale});
      }
      start = first_found = last_found = -1;
    };
    for (l_int32 p = 0; p <= length; ++p) {
      const char set = p < length ? on[static_cast<std::size_t>(p)] : 0;
      if (set && start >= 0 && p - end > bridge) emit();
      if (!set) continue;
      if (start < 0) start = p;
      end = p + 1;
      if (set == 1) {
        if (first_found < 0) first_found = p;
        last_found = p + 1;
      }
    }
    emit();
    first = last;
  }
  return out;
}

// Rules by morphology: what survives an opening with a long thin brick is
// a line, not a glyph; a closing first bridges broken and faint rules.
// `lines` receives the rule pixels, to be erased before recognition.
Rules find_scan_rules(PIX* binary, int dpi, PixPtr& lines) {
  PIX* const ink = binary;
  RuleFinderOptions options;
  options.dpi = dpi;
  options.max_gap = std::max(2, dpi / 100);
  // Glyphs are left out first.
  PixPtr large = table_figure(binary, dpi);
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
  std::vector<RuleLine> horizontal_lines, vertical_lines;
  for (const HorizontalRule& rule : rules.horizontal) {
    horizontal_lines.push_back({rule.y, rule.x0, rule.x1});
  }
  for (const VerticalRule& rule : rules.vertical) {
    vertical_lines.push_back({rule.x, rule.y0, rule.y1});
  }
  rules.horizontal.clear();
  for (const RuleLine& line : with_faint_stretches(horizontal_lines, ink, dpi, true)) {
    rules.horizontal.push_back({line.at, line.from, line.to});
  }
  rules.vertical.clear();
  for (const RuleLine& line : with_faint_stretches(vertical_lines, ink, dpi, false)) {
    rules.vertical.push_back({line.at, line.from, line.to});
  }
  // A form's rules lie inside the paper's margins: a line within 5 mm of
  // the scan's edge is the scanner's (an edge shadow, the lid), and would
  // join the table as its outer rule.
  const double margin = 72.0 * 5 / 25.4;  // points
  const double width = pixGetWidth(binary) * 72.0 / dpi, height = pixGetHeight(binary) * 72.0 / dpi;
  std::erase_if(rules.vertical, [&](const VerticalRule& rule) {
    return rule.x < margin || rule.x > width - margin;
  });
  std::erase_if(rules.horizontal, [&](const HorizontalRule& rule) {
    return rule.y < margin || rule.y > height - margin;
  });
  PixPtr both(pixOr(nullptr, horizontal.get(), vertical.get()));
  lines.reset(pixDilateBrick(nullptr, both.get(), 7, 7));
  return rules;
}

// The text lines of a binary crop as [top, bottom) pixel rows: bands of
// rows with ink. A band much lower than the others is a piece of a line
// (the strokes of 二 or 三 leave blank rows) and joins its neighbour when
// it is within a line's height of it; farther off it is a line of its own.
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
    const l_int32 gap_above = i > 0 ? bands[i].first - bands[i - 1].second : h;
    const l_int32 gap_below = i + 1 < bands.size() ? bands[i + 1].first - bands[i].second : h;
    if ((bands[i].second - bands[i].first) * 2 < tallest &&
        std::min(gap_above, gap_below) < tallest) {
      // Join the nearer neighbour.
      const std::size_t other = gap_above <= gap_below ? i - 1 : i + 1;
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

// The digits model's readings of a line's ink framed four ways (trimmed,
// with a narrow and a wide white margin, at scale 1 and 2): one model
// seeing the same glyphs four times, so that a slip in one framing is
// outvoted. Readings that are no number are left out.
std::vector<std::string> framed_readings(PIX* ink, int dpi, l_int32 margin) {
  std::vector<std::string> readings;
  const PixPtr trimmed = foreground_of(ink).ink;
  if (!trimmed) return readings;
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

// A well-formed number the Chinese model read with at least this
// confidence is not read again by the digits model.
constexpr double kSureNumber = 0.9;

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
  const PixPtr line = clipped_to(page, line_area.x, line_area.y, line_area.w, line_area.h);
  return PixPtr(line ? pixAddBorder(line.get(), margin, 255) : nullptr);
}

// The columns [x0, x1) of a line's binary ink alone, black on white with
// `margin` around: a few of its glyphs, for a recogniser to read apart.
PixPtr glyphs_alone(PIX* ink, std::pair<int, int> columns, l_int32 margin) {
  const PixPtr alone =
      clipped_to(ink, columns.first, 0, columns.second - columns.first, pixGetHeight(ink));
  PixPtr gray(alone ? pixConvert1To8(nullptr, alone.get(), 255, 0) : nullptr);
  return PixPtr(gray ? pixAddBorder(gray.get(), margin, 255) : nullptr);
}

// The last glyph of a number line (`ink`) when it is a unit word (个, 门),
// as the Chinese model reads it alone; nullopt when it is a "%" (or what
// the model reads is no unit word) or no wide glyph. The digits model, which reads such lines
// first, knows no Chinese and would say "%".
std::optional<std::string> unit_glyph(PIX* ink, l_int32 margin, int dpi,
                                      const std::string& languages) {
  const auto glyph = wide_last_glyph(ink);
  if (!glyph) return std::nullopt;
  PixPtr padded = glyphs_alone(ink, *glyph, margin);
  if (!padded) return std::nullopt;
  const std::vector<RecognisedLine> read = recognise_line(padded.get(), dpi, languages);
  if (read.size() != 1) return std::nullopt;
  const std::u32string text = decode_utf8(read[0].text);
  if (text.size() != 1 || !text::begins_chinese_unit(text)) return std::nullopt;
  return read[0].text;
}

// `line`, the Chinese model's reading of a line (`ink`, read with `margin`
// around it), with each percentage among its words ("不低于80%", "98%以上")
// read again by the digits model alone: the Chinese model splits the wide
// "%" into two characters ("809%", "989%").
std::string with_percentages_read_alone(const RecognisedLine& line, PIX* ink, l_int32 margin,
                                        int dpi) {
  const std::u32string text = decode_utf8(line.text);
  if (line.spans.size() != text.size()) return line.text;
  std::u32string out;
  for (std::size_t i = 0; i < text.size();) {
    if (!text::is_ascii_digit(text[i])) {
      out.push_back(text[i++]);
      continue;
    }
    bool percent = false;
    const std::size_t end = number_run_end(text, i, percent);
    std::u32string run = text.substr(i, end - i);
    const auto glyphs = percent ? glyphs_between(ink, line.spans[i].first - margin,
                                                 line.spans[end - 1].second - margin)
                                : std::nullopt;
    if (glyphs) {
      PixPtr padded = glyphs_alone(ink, *glyphs, margin);
      const std::vector<RecognisedLine> digits =
          padded ? recognise_number(padded.get(), dpi) : std::vector<RecognisedLine>{};
      // It mends the sign, not the digits before it: its digits must be the
      // Chinese reading's first ones. Given a few glyphs alone it sometimes
      // loses the first ("0%" for 10%, "00%" for 100%), as it does when
      // that digit touches the word before it and lies outside its glyphs
      // (于's stroke on the 8 of 不低于80%).
      if (digits.size() == 1 && digits[0].confidence >= kSureNumber &&
          digits[0].text.ends_with('%') && is_well_formed_number(digits[0].text) &&
          run.starts_with(decode_utf8(digits[0].text.substr(0, digits[0].text.size() - 1)))) {
        run = decode_utf8(digits[0].text);
      }
    }
    out += run;
    i = end;
  }
  return encode_utf8(out);
}

// Recognises the text inside one box of the page; lines in page points.
// `binary` finds the lines and the glyphs' shapes, and is what the
// recogniser reads unless the page is blurred (`blurred` given).
std::vector<cells::TextLine> read_box(PIX* binary, const BlurredText* blurred, const PixelBox& area,
                                      int dpi, const std::string& languages) {
  std::vector<cells::TextLine> lines;
  if (area.w < 4 || area.h < 4) return lines;
  const PixPtr ink = clipped_to(binary, area.x, area.y, area.w, area.h);
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
    const PixPtr band_ink = clipped_to(ink.get(), 0, top, pixGetWidth(ink.get()), bottom - top);
    if (!band_ink) continue;
    const Foreground trimmed = foreground_of(band_ink.get());
    if (!trimmed.ink) continue;
    l_int32 left = 0, width = 0;
    boxGetGeometry(trimmed.box.get(), &left, nullptr, &width, nullptr);
    // A few pixels more either side: the blurred, lighter edges of the
    // first and last strokes (see recognise_page).
    const l_int32 slack = 4;
    const l_int32 right = std::min(pixGetWidth(band_ink.get()), left + width + slack);
    left = std::max(0, left - slack);
    const PixelBox line_area{area.x + left, area.y + top, right - left, bottom - top};
    const PixPtr line_ink = clipped_to(ink.get(), left, top, line_area.w, line_area.h);
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
    if (read_as_number) {
      if (const auto unit = unit_glyph(line_ink.get(), margin, dpi, languages)) {
        // Digits before a unit, or the line is no number and its unit
        // (万元 as two narrow halves and 元): the Chinese model reads it.
        const auto quantity = with_unit(read[0].text, line_ink.get(), *unit);
        read_as_number = quantity.has_value();
        if (quantity) read[0].text = *quantity;
      }
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
    if (!read_as_number && !looks_numeric(line.text) && line.text.find('%') != std::string::npos) {
      line.text = with_percentages_read_alone(line, line_ink.get(), margin, dpi);
    }
    std::vector<std::string> outvoted;
    const std::string chinese_reading = line.text;
    // A number is read again by the Latin digits model with only number
    // characters allowed: the Chinese model garbles numbers ("2 5 2D2人0",
    // "1000%" for "100%"). It knows no "≥", which the Chinese reading keeps.
    if (!read_as_number && looks_numeric(line.text) &&
        !(line.confidence >= kSureNumber && is_well_formed_number(line.text))) {
      const std::vector<RecognisedLine> digits = recognise_number(padded.get(), dpi);
      // An unsure digits reading is no counter to a sure Chinese one; where
      // neither model is sure of a plain number ("1" and "11" for a 11
      // whose feet touch), the framings decide. (A unit word the Chinese
      // model read, 34.5吨, is no plain number: the digits model cannot
      // read it.)
      constexpr double kUnsure = 0.6;
      const bool both_unsure = line.confidence < kUnsure && is_number_reading(line.text);
      if (digits.size() == 1 && (digits[0].confidence >= kUnsure || both_unsure)) {
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
    // A unit word the Chinese model read last (个, 门; or the start of one,
    // 万 of 万元 broken over the cell's lines) stays: the digits model read
    // it as "%" or a digit.
    const std::u32string chinese = decode_utf8(chinese_reading);
    if (line.text != chinese_reading && !chinese.empty() && wide_last_glyph(line_ink.get())) {
      const std::u32string_view last = std::u32string_view(chinese).substr(chinese.size() - 1);
      if (text::begins_chinese_unit(last)) {
        line.text = with_unit(line.text, line_ink.get(), encode_utf8(last)).value_or(line.text);
      }
    }
    if (reads_as_dash(line.text)) line.text = "\u2014";
    if (looks_numeric(line.text)) {
      line.text = as_number(line.text, line_ink.get());
    } else if (character_count(line.text) <= kShortLine) {
      line.text = with_shaped_sign(line.text, line_ink.get());  // a number and its unit
    }
    cells::TextLine out;
    out.text = with_chinese_numerals_as_printed(with_thousands_commas(with_dashes_between_numbers(
        without_spaces_by_numbers(with_wave_dash_as_shaped(line.text, line_ink.get())))));
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

namespace {

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

}  // namespace

PixPtr cleaned_page(PIX* scan, int dpi) {
  PixPtr gray;
  if (pixGetDepth(scan) == 32) {
    PixPtr clean = without_red_ink(scan);
    gray.reset(pixConvertRGBToLuminance(clean.get()));
  } else {
    gray.reset(pixConvertTo8(scan, 0));
  }
  // Leptonica answers a failed allocation with a null image.
  if (!gray) throw std::bad_alloc();
  PixPtr normalised(pixBackgroundNormSimple(gray.get(), nullptr, nullptr));
  if (!normalised) normalised.reset(pixClone(gray.get()));
  PixPtr upright = levelled(normalised.get(), dpi);
  if (!upright) throw std::bad_alloc();
  return upright;
}

cells::Page recognise_page(PIX* scan, int dpi, int number, const std::string& languages,
                           int image_dpi) {
  // Ink is darker than 80% of the normalised paper (200): a fixed cut that
  // keeps the thin strokes of blurred, low-resolution scans.
  constexpr l_int32 kTextCut = 160;
  PixPtr upright = cleaned_page(scan, dpi);
  PixPtr binary(pixConvertTo1(upright.get(), kTextCut));
  if (!binary) throw std::bad_alloc();

  cells::Page page;
  page.number = number;
  page.recognised = true;
  page.width = pixGetWidth(upright.get()) * 72.0 / dpi;
  page.height = pixGetHeight(upright.get()) * 72.0 / dpi;
  if (image_dpi > 0) page.image = encode_page_image(upright.get(), dpi, image_dpi);
  // Rules are found on a darker cut than text: a hairline blurred by the
  // scanner is light gray, and a gap in it would split the table.
  PixPtr rule_ink = with_faint_rules(upright.get(), PixPtr(pixConvertTo1(upright.get(), 185)), dpi);
  PixPtr rule_pixels;
  page.tables = build_tables(find_scan_rules(rule_ink.get(), dpi, rule_pixels));
  // Rules next to text read as glyphs ("四" for a boxed "20"): erase them.
  if (rule_pixels) pixSubtract(binary.get(), binary.get(), rule_pixels.get());
  // After the rules are gone: a speck beside a rule is a speck still.
  if (PixPtr clean = without_specks(binary.get(), dpi)) binary = std::move(clean);
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
      with_separators_over_lines(cell.lines);
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
