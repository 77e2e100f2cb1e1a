#include "page_content.h"

#include <GfxFont.h>
#include <GfxState.h>
#include <GlobalParams.h>
#include <OutputDev.h>
#include <PDFDoc.h>
#include <goo/GooString.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "kpiform/schema/error.h"
#include "kpiform/text/characters.h"
#include "kpiform/text/utf8.h"
#include "pdf_pages.h"

namespace kpiform::extract {

using text::utf8_of;

namespace {

// A glyph's box is its em square on the baseline, 0.88 em above and 0.12
// below, as CJK fonts draw their ideographs: the same for every font, as
// the metrics fonts claim (a Type 3 font's box is often the union of all
// its glyphs) cannot be trusted.
constexpr double kAscent = 0.88;
constexpr double kDescent = 0.12;
// Between two Latin characters a gap this wide (em) is a word break the
// producer did not draw as a space; next to a CJK character a gap is
// spacing, never a space (Chinese text has none).
constexpr double kWordGap = 0.2;
// Glyphs whose baselines lie this close (em) share a line.
constexpr double kSameLine = 0.3;

struct Point {
  double x = 0, y = 0;
};

struct DrawnGlyph {
  std::string text;
  bool space = false;
  bool wide = false;           // a CJK character or full-width mark
  Point origin, baseline, up;  // device; baseline and up are unit vectors
  double advance = 0;          // along the baseline
  double size = 0;             // em, device points
  int rotation = 0;            // quarter turns of the baseline, clockwise
};

bool is_wide(char32_t code) {
  return (code >= 0x2E80 && code <= 0x9FFF) || (code >= 0xF900 && code <= 0xFAFF) ||
         (code >= 0xFF00 && code <= 0xFFEF) || (code >= 0x3000 && code <= 0x303F) ||
         (code >= 0x20000 && code <= 0x3FFFF);
}

cells::Box turned(const cells::Box& box, int turns, double width, double height) {
  switch (turns & 3) {
    case 1:
      return {height - box.y1, box.x0, height - box.y0, box.x1};
    case 2:
      return {width - box.x1, height - box.y1, width - box.x0, height - box.y0};
    case 3:
      return {box.y0, width - box.x1, box.y1, width - box.x0};
    default:
      return box;
  }
}

// A thin box along one axis: a rule.
struct Stroke {
  cells::Box box;
  bool horizontal;
};

class Collector : public OutputDev {
 public:
  explicit Collector(const ContentOptions& options) : options_(options) {}

  bool upsideDown() override { return true; }
  bool useDrawChar() override { return true; }
  bool interpretType3Chars() override { return false; }
  bool needNonText() override { return true; }

  void drawChar(GfxState* state, double x, double y, double dx, double dy, double, double, CharCode,
                int, const Unicode* u, int length) override {
    DrawnGlyph glyph;
    state->transform(x, y, &glyph.origin.x, &glyph.origin.y);
    Point along, up;
    state->textTransformDelta(1, 0, &along.x, &along.y);
    state->transformDelta(along.x, along.y, &glyph.baseline.x, &glyph.baseline.y);
    state->textTransformDelta(0, 1, &up.x, &up.y);
    state->transformDelta(up.x, up.y, &glyph.up.x, &glyph.up.y);
    if (!normalise(glyph.baseline) || !normalise(glyph.up)) return;
    glyph.size = state->getTransformedFontSize();
    if (!(glyph.size > 0) || !std::isfinite(glyph.size)) return;
    Point advance;
    state->transformDelta(dx, dy, &advance.x, &advance.y);
    glyph.advance = std::max(0.0, advance.x * glyph.baseline.x + advance.y * glyph.baseline.y);
    glyph.rotation =
        static_cast<int>(std::lround(std::atan2(glyph.baseline.y, glyph.baseline.x) / (M_PI / 2)) +
                         4) %
        4;
    bool all_spaces = length > 0;
    for (int i = 0; i < length; ++i) {
      const auto code = static_cast<char32_t>(u[i]);
      all_spaces = all_spaces && text::is_space(code);
      glyph.wide = glyph.wide || is_wide(code);
      // Typesetters draw "——" as one two-em dash glyph (U+2E3A): it reads
      // as the two dashes it stands for, as does the three-em dash. CJK
      // fonts draw the full-width tilde and the wave dash with one glyph,
      // so the text layer cannot tell them apart: Chinese forms print the
      // tilde (GB 2312's ～).
      if (code == 0x2E3A || code == 0x2E3B) {
        glyph.text += code == 0x2E3A ? "——" : "———";
      } else if (code == 0x301C) {
        glyph.text += "～";
      } else {
        glyph.text += utf8_of(code);
      }
    }
    if (length == 0) glyph.text = utf8_of(0xFFFD);  // no Unicode mapping: unreadable
    glyph.space = all_spaces;
    glyphs_.push_back(std::move(glyph));
  }

  void stroke(GfxState* state) override {
    if (state->getStrokeOpacity() < 0.3 || gray(state, false) > options_.max_rule_gray) return;
    const double width = state->getTransformedLineWidth();
    if (width > options_.max_rule_thickness) return;
    const GfxPath* path = state->getPath();
    for (int s = 0; s < path->getNumSubpaths(); ++s) {
      const GfxSubpath* sub = path->getSubpath(s);
      for (int i = 1; i < sub->getNumPoints(); ++i) {
        if (sub->getCurve(i) || sub->getCurve(i - 1)) continue;
        Point a, b;
        state->transform(sub->getX(i - 1), sub->getY(i - 1), &a.x, &a.y);
        state->transform(sub->getX(i), sub->getY(i), &b.x, &b.y);
        add_segment(a, b);
      }
    }
  }

  void fill(GfxState* state) override { fill_rectangles(state); }
  void eoFill(GfxState* state) override { fill_rectangles(state); }

  void drawImageMask(GfxState* state, Object*, Stream*, int, int, bool, bool, bool) override {
    add_image(state);
  }
  void drawImage(GfxState* state, Object*, Stream*, int, int, GfxImageColorMap*, bool, const int*,
                 bool) override {
    add_image(state);
  }
  void drawMaskedImage(GfxState* state, Object*, Stream*, int, int, GfxImageColorMap*, bool,
                       Stream*, int, int, bool, bool) override {
    add_image(state);
  }
  void drawSoftMaskedImage(GfxState* state, Object*, Stream*, int, int, GfxImageColorMap*, bool,
                           Stream*, int, int, GfxImageColorMap*, bool) override {
    add_image(state);
  }

  const std::vector<DrawnGlyph>& glyphs() const { return glyphs_; }
  const std::vector<Stroke>& strokes() const { return strokes_; }
  double image_area() const { return image_area_; }

 private:
  static bool normalise(Point& p) {
    const double length = std::hypot(p.x, p.y);
    if (!(length > 0) || !std::isfinite(length)) return false;
    p.x /= length;
    p.y /= length;
    return true;
  }

  static double gray(GfxState* state, bool fill) {
    GfxGray value;
    if (fill) {
      state->getFillGray(&value);
    } else {
      state->getStrokeGray(&value);
    }
    return colToDbl(value);
  }

  void add_segment(const Point& a, const Point& b) {
    const double dx = std::fabs(b.x - a.x), dy = std::fabs(b.y - a.y);
    constexpr double kSlant = 0.5;  // points off the axis over the whole rule
    if (dy <= kSlant && dx > dy) {
      const double y = (a.y + b.y) / 2;
      strokes_.push_back({{std::min(a.x, b.x), y, std::max(a.x, b.x), y}, true});
    } else if (dx <= kSlant && dy > dx) {
      const double x = (a.x + b.x) / 2;
      strokes_.push_back({{x, std::min(a.y, b.y), x, std::max(a.y, b.y)}, false});
    }
  }

  // Producers draw borders as thin filled rectangles as often as strokes.
  void fill_rectangles(GfxState* state) {
    if (state->getFillOpacity() < 0.3 || gray(state, true) > options_.max_rule_gray) return;
    const GfxPath* path = state->getPath();
    for (int s = 0; s < path->getNumSubpaths(); ++s) {
      const GfxSubpath* sub = path->getSubpath(s);
      if (sub->getNumPoints() < 4 || sub->getNumPoints() > 5) continue;
      double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
      std::array<Point, 5> corners;
      bool straight = true;
      for (int i = 0; i < sub->getNumPoints(); ++i) {
        straight = straight && !sub->getCurve(i);
        Point& p = corners[static_cast<std::size_t>(i)];
        state->transform(sub->getX(i), sub->getY(i), &p.x, &p.y);
        x0 = std::min(x0, p.x);
        y0 = std::min(y0, p.y);
        x1 = std::max(x1, p.x);
        y1 = std::max(y1, p.y);
      }
      if (!straight) continue;
      bool rectangle = true;
      for (int i = 0; i < sub->getNumPoints(); ++i) {
        const Point& p = corners[static_cast<std::size_t>(i)];
        const bool on_x = std::fabs(p.x - x0) < 0.01 || std::fabs(p.x - x1) < 0.01;
        const bool on_y = std::fabs(p.y - y0) < 0.01 || std::fabs(p.y - y1) < 0.01;
        rectangle = rectangle && on_x && on_y;
      }
      if (!rectangle) continue;
      const double width = x1 - x0, height = y1 - y0;
      if (height <= options_.max_rule_thickness && width > height) {
        strokes_.push_back({{x0, (y0 + y1) / 2, x1, (y0 + y1) / 2}, true});
      } else if (width <= options_.max_rule_thickness && height > width) {
        strokes_.push_back({{(x0 + x1) / 2, y0, (x0 + x1) / 2, y1}, false});
      }
    }
  }

  void add_image(GfxState* state) {
    const double* m = state->getCTM();
    image_area_ += std::fabs(m[0] * m[3] - m[1] * m[2]);
  }

  ContentOptions options_;
  std::vector<DrawnGlyph> glyphs_;
  std::vector<Stroke> strokes_;
  double image_area_ = 0;
};

// Pieces of one rule drawn end to end (producers draw a border cell by
// cell) joined; what stays shorter than `min_length` is a mark, not a rule.
template <typename RuleT, typename Across, typename Start, typename End>
std::vector<RuleT> joined(std::vector<RuleT> pieces, Across across, Start start, End end,
                          double min_length) {
  constexpr double kTouch = 0.5;  // points: pieces this close are one line
  std::sort(pieces.begin(), pieces.end(),
            [&](const RuleT& a, const RuleT& b) { return a.*across < b.*across; });
  std::vector<RuleT> rules;
  for (std::size_t first = 0; first < pieces.size();) {
    // One line: positions across within kTouch of their neighbours.
    std::size_t last = first + 1;
    while (last < pieces.size() && pieces[last].*across - pieces[last - 1].*across <= kTouch) {
      ++last;
    }
    std::sort(pieces.begin() + static_cast<std::ptrdiff_t>(first),
              pieces.begin() + static_cast<std::ptrdiff_t>(last),
              [&](const RuleT& a, const RuleT& b) { return a.*start < b.*start; });
    const std::size_t line_start = rules.size();
    for (std::size_t i = first; i < last; ++i) {
      if (rules.size() > line_start && pieces[i].*start <= rules.back().*end + kTouch) {
        rules.back().*end = std::max(rules.back().*end, pieces[i].*end);
      } else {
        rules.push_back(pieces[i]);
      }
    }
    first = last;
  }
  std::erase_if(rules, [&](const RuleT& rule) { return rule.*end - rule.*start < min_length; });
  return rules;
}

// The page's glyphs with their em boxes; a drawn space, or a wide gap
// between Latin characters on one line, is a word break after a glyph.
std::vector<Glyph> glyph_boxes(const std::vector<DrawnGlyph>& drawn) {
  std::vector<Glyph> glyphs;
  const DrawnGlyph* previous = nullptr;  // the last glyph kept
  for (const DrawnGlyph& glyph : drawn) {
    const bool same_line =
        previous && previous->rotation == glyph.rotation &&
        std::fabs((glyph.origin.x - previous->origin.x) * glyph.up.x +
                  (glyph.origin.y - previous->origin.y) * glyph.up.y) < kSameLine * glyph.size;
    if (glyph.space) {
      if (same_line) glyphs.back().space_after = true;
      continue;
    }
    if (same_line && !previous->wide && !glyph.wide) {
      const double end_x = previous->origin.x + previous->baseline.x * previous->advance;
      const double end_y = previous->origin.y + previous->baseline.y * previous->advance;
      const double gap =
          (glyph.origin.x - end_x) * glyph.baseline.x + (glyph.origin.y - end_y) * glyph.baseline.y;
      if (gap > kWordGap * glyph.size) glyphs.back().space_after = true;
    }
    const Point o = glyph.origin, b = glyph.baseline, u = glyph.up;
    const double above = kAscent * glyph.size, below = kDescent * glyph.size;
    const std::array<Point, 4> corners = {
        Point{o.x + u.x * above, o.y + u.y * above}, Point{o.x - u.x * below, o.y - u.y * below},
        Point{o.x + u.x * above + b.x * glyph.advance, o.y + u.y * above + b.y * glyph.advance},
        Point{o.x - u.x * below + b.x * glyph.advance, o.y - u.y * below + b.y * glyph.advance}};
    cells::Box box{1e300, 1e300, -1e300, -1e300};
    for (const Point& p : corners) {
      box.x0 = std::min(box.x0, p.x);
      box.y0 = std::min(box.y0, p.y);
      box.x1 = std::max(box.x1, p.x);
      box.y1 = std::max(box.y1, p.y);
    }
    glyphs.push_back({glyph.text, box, false});
    previous = &glyph;
  }
  return glyphs;
}

// Quarter turns clockwise that make most of the page's text upright: a page
// shown sideways (its /Rotate disagreeing with its content) reads like any
// other once turned.
int upright_turns(const std::vector<DrawnGlyph>& glyphs) {
  std::array<std::size_t, 4> characters{};
  for (const DrawnGlyph& glyph : glyphs) ++characters[static_cast<std::size_t>(glyph.rotation)];
  const auto dominant = std::max_element(characters.begin(), characters.end()) - characters.begin();
  return static_cast<int>((4 - dominant) % 4);
}

void silence(ErrorCategory, Goffset, const char*) {}

}  // namespace

struct ContentReader::Impl {
  std::unique_ptr<PDFDoc> document;
};

ContentReader::ContentReader(const std::string& path) : impl_(std::make_unique<Impl>()) {
  // Poppler's global settings, shared with poppler-cpp and counted by it;
  // held for the process so that every document finds them.
  static const GlobalParamsIniter poppler_settings(silence);
  impl_->document = std::make_unique<PDFDoc>(std::make_unique<GooString>(path));
  if (!impl_->document->isOk()) throw InputError(path, kStage, "damaged PDF: cannot be parsed");
}

ContentReader::~ContentReader() = default;

PageContent ContentReader::read(int index, const ContentOptions& options) {
  PDFDoc& document = *impl_->document;
  const int number = index + 1;
  Collector collector(options);
  document.displayPage(&collector, number, 72, 72, 0, false, true, false);
  PageContent page;
  const int rotate = document.getPageRotate(number);
  const bool sideways = rotate == 90 || rotate == 270;
  const double displayed_width =
      sideways ? document.getPageCropHeight(number) : document.getPageCropWidth(number);
  const double displayed_height =
      sideways ? document.getPageCropWidth(number) : document.getPageCropHeight(number);
  page.turns = upright_turns(collector.glyphs());
  page.width = page.turns % 2 ? displayed_height : displayed_width;
  page.height = page.turns % 2 ? displayed_width : displayed_height;
  page.image_area = collector.image_area();
  page.glyphs = glyph_boxes(collector.glyphs());
  for (Glyph& glyph : page.glyphs) {
    glyph.box = turned(glyph.box, page.turns, displayed_width, displayed_height);
  }
  Rules pieces;
  for (const Stroke& stroke : collector.strokes()) {
    const cells::Box box = turned(stroke.box, page.turns, displayed_width, displayed_height);
    const bool horizontal = stroke.horizontal != (page.turns % 2 == 1);
    if (horizontal) {
      pieces.horizontal.push_back({(box.y0 + box.y1) / 2, box.x0, box.x1});
    } else {
      pieces.vertical.push_back({(box.x0 + box.x1) / 2, box.y0, box.y1});
    }
  }
  page.rules.horizontal = joined(std::move(pieces.horizontal), &HorizontalRule::y,
                                 &HorizontalRule::x0, &HorizontalRule::x1, options.min_rule_length);
  page.rules.vertical = joined(std::move(pieces.vertical), &VerticalRule::x, &VerticalRule::y0,
                               &VerticalRule::y1, options.min_rule_length);
  return page;
}

}  // namespace kpiform::extract
