// Cells of a scanned table read as their text: pages drawn here, a row of
// ruled cells with one line of text each, rendered at a scanner's
// resolution with the CJK font the samples print in, then recognised by
// recognise_page (Tesseract chi_sim, as kpiform runs it).
#include <cairo.h>
#include <gtest/gtest.h>
#include <pango/pangocairo.h>

#include <string>
#include <utility>
#include <vector>

#include "page_scan.h"
#include "sample_paths.h"

namespace kpiform::extract {
namespace {

constexpr double kCellWidth = 1.4;   // inches
constexpr double kCellHeight = 0.8;  // inches: the table is one large figure
constexpr double kMargin = 0.5;      // inches

constexpr const char* kSans = "Noto Sans CJK SC 10.5";
constexpr const char* kSerif = "Noto Serif CJK SC 10.5";

struct Drawing {
  const char* font = kSans;
  double cell_height = kCellHeight;  // inches
  // A seal's rings stamped over the middle of the row, as ink on the page:
  // the black under them stays black.
  bool seal = false;
  // The rules between the cells as a scanner keeps a light hairline: whole
  // for their top quarter, then only specks.
  bool broken_dividers = false;
};

// A white page with `texts` in a row of ruled cells, as a colour image at
// `dpi`.
PixPtr drawn_row(const std::vector<std::string>& texts, int dpi, const Drawing& drawing) {
  const int count = static_cast<int>(texts.size());
  const int width = static_cast<int>((2 * kMargin + kCellWidth * count) * dpi);
  const int height = static_cast<int>((2 * kMargin + drawing.cell_height) * dpi);
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, dpi / 72.0, dpi / 72.0);  // points from here on
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, 1.0);
  const double x0 = kMargin * 72, y0 = kMargin * 72;
  const double cell_w = kCellWidth * 72, cell_h = drawing.cell_height * 72;
  cairo_rectangle(cr, x0, y0, cell_w * count, cell_h);
  cairo_stroke(cr);
  for (int i = 1; i < count; ++i) {
    const double whole = drawing.broken_dividers ? cell_h / 4 : cell_h;
    cairo_move_to(cr, x0 + cell_w * i, y0);
    cairo_line_to(cr, x0 + cell_w * i, y0 + whole);
    cairo_stroke(cr);
    if (whole == cell_h) continue;
    const double specks[] = {0.6, 1.8};  // points of ink, then of paper
    cairo_set_dash(cr, specks, 2, 0);
    cairo_move_to(cr, x0 + cell_w * i, y0 + whole + specks[1]);
    cairo_line_to(cr, x0 + cell_w * i, y0 + cell_h);
    cairo_stroke(cr);
    cairo_set_dash(cr, nullptr, 0, 0);
  }
  PangoLayout* layout = pango_cairo_create_layout(cr);
  pango_cairo_context_set_resolution(pango_layout_get_context(layout), 72);  // sizes in points
  pango_layout_context_changed(layout);
  PangoFontDescription* font = pango_font_description_from_string(drawing.font);
  pango_layout_set_font_description(layout, font);
  pango_font_description_free(font);
  for (int i = 0; i < count; ++i) {
    pango_layout_set_text(layout, texts[static_cast<std::size_t>(i)].c_str(), -1);
    int text_w = 0, text_h = 0;
    pango_layout_get_size(layout, &text_w, &text_h);
    cairo_move_to(cr, x0 + cell_w * i + 6, y0 + (cell_h - text_h / double(PANGO_SCALE)) / 2);
    pango_cairo_show_layout(cr, layout);
  }
  g_object_unref(layout);
  if (drawing.seal) {
    // Seal ink darkens the red too: its red channel is at 85% of white.
    cairo_set_operator(cr, CAIRO_OPERATOR_MULTIPLY);
    cairo_set_source_rgb(cr, 0.85, 0.2, 0.2);
    const double centre_x = x0 + cell_w * count / 2, centre_y = y0 + cell_h / 2;
    // 42 mm across, its outer ring 1 mm wide.
    for (const auto& [radius, stroke] : {std::pair{60.0, 3.0}, std::pair{54.0, 0.8}}) {
      cairo_new_sub_path(cr);
      cairo_arc(cr, centre_x, centre_y, radius, 0, 2 * G_PI);
      cairo_set_line_width(cr, stroke);
      cairo_stroke(cr);
    }
  }
  cairo_destroy(cr);
  cairo_surface_flush(surface);

  PixPtr pix(pixCreate(width, height, 32));
  const unsigned char* data = cairo_image_surface_get_data(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  for (int y = 0; y < height; ++y) {
    const auto* row = reinterpret_cast<const uint32_t*>(data + y * stride);
    for (int x = 0; x < width; ++x) {
      l_uint32 pixel = 0;
      composeRGBPixel((row[x] >> 16) & 0xff, (row[x] >> 8) & 0xff, row[x] & 0xff, &pixel);
      pixSetPixel(pix.get(), x, y, pixel);
    }
  }
  cairo_surface_destroy(surface);
  pixSetResolution(pix.get(), dpi, dpi);
  return pix;
}

// The text of each cell of the one table found, left to right.
std::vector<std::string> read_row(const std::vector<std::string>& texts, int dpi,
                                  const Drawing& drawing = {}) {
  PixPtr page = drawn_row(texts, dpi, drawing);
  const cells::Page read = recognise_page(page.get(), dpi, 1, "chi_sim");
  std::vector<std::string> out;
  if (read.tables.size() != 1) return out;
  for (const cells::Cell& cell : read.tables[0].cells) {
    std::string text;
    for (const cells::TextLine& line : cell.lines) text += line.text;
    out.push_back(text);
  }
  return out;
}

TEST(CellReading, PercentagesAmongChineseWordsKeepTheirDigits) {
  // The Chinese model split the wide "%" into two characters: "809%".
  const std::vector<std::string> texts = {"不低于80%", "98%以上", "5%以内", "不超过10%"};
  EXPECT_EQ(read_row(texts, 300), texts);
}

// The first line of each cell of the one table of a crop of a scanned
// form (tests/data/scans: forms of the family generator, printed by
// Chromium, scanned by its scan profiles and rendered at 300 dpi as
// kpiform renders a PDF page), as recognise_page reads it.
std::vector<std::string> read_scan_crop(const std::string& name) {
  const std::string path = (testing::source_dir() / "tests/data/scans" / name).string();
  PixPtr page(pixRead(path.c_str()));
  std::vector<std::string> out;
  if (!page) return out;
  const cells::Page read = recognise_page(page.get(), 300, 1, "chi_sim");
  if (read.tables.size() != 1) return out;
  for (const cells::Cell& cell : read.tables[0].cells) {
    out.push_back(cell.lines.empty() ? "" : cell.lines[0].text);
  }
  return out;
}

TEST(CellReading, APercentageKeepsTheDigitsReadBeforeItsSign) {
  // Seed 500006, WenQuanYi Zen Hei, scanned at 200 dpi: 于's stroke
  // touches the 8 of "不低于80%", and the digits model, given the glyphs
  // from the 0 on, read "0%".
  const std::vector<std::string> cells = read_scan_crop("percentage-touching-its-word.png");
  ASSERT_EQ(cells.size(), 2u);
  EXPECT_EQ(cells[1], "不低于80%");
}

TEST(CellReading, WhereNeitherModelIsSureOfANumberTheFramingsDecide) {
  // Seed 500009, Noto Sans CJK, scanned at 300 dpi: the feet of the right
  // cell's 11 touch; the Chinese model read "1" (0.41), the digits model
  // "11" just under its trusted confidence, every framing "11".
  const std::vector<std::string> cells = read_scan_crop("eleven-with-touching-feet.png");
  ASSERT_EQ(cells.size(), 6u);
  EXPECT_EQ(cells[2], "11");
  EXPECT_EQ(cells[3], "11");
}

TEST(CellReading, ARuleTheScannerLeftAsSpecksStillDividesItsCells) {
  // Its specks are too small to be part of the table's figure: without
  // them the rule covers a quarter of the row, and the cells were one.
  const std::vector<std::string> texts = {"项目名称", "主管部门", "实施单位"};
  EXPECT_EQ(read_row(texts, 300, {.broken_dividers = true}), texts);
  EXPECT_EQ(read_row(texts, 200, {.broken_dividers = true}), texts);
}

TEST(CellReading, AYearInChineseNumeralsKeepsOneCharacterAGlyph) {
  // The recogniser read the circle of 〇 as "O〇" or "G@〇".
  const std::vector<std::string> texts = {"二〇二一年底前", "二〇二三年底前", "二〇二〇年底前",
                                          "二〇一九年底前"};
  EXPECT_EQ(read_row(texts, 300), texts);
  EXPECT_EQ(read_row(texts, 200), texts);
  EXPECT_EQ(read_row(texts, 300, {.font = kSerif}), texts);
}

TEST(CellReading, ADigitBesideAChineseCharacterKeepsItsInk) {
  // The recogniser's box of a last digit leans into the unit after it: the
  // digit is no half of that glyph.
  const std::vector<std::string> texts = {"59个", "34.5吨", "≤473万元", "4400人"};
  EXPECT_EQ(read_row(texts, 300), texts);
  EXPECT_EQ(read_row(texts, 200), texts);
}

TEST(CellReading, BracketsKeepTheWidthTheyWerePrintedIn) {
  // Full-width brackets were read as ASCII ones, or as 〈 and ).
  const std::vector<std::string> texts = {"能源消耗量（十四）", "项目资金(万元)",
                                          "产出指标（41分）", "设备购置（一期）"};
  EXPECT_EQ(read_row(texts, 300), texts);
  // In the Song face the recogniser misreads 产出指 (a matter of glyphs, not
  // of widths): the other three.
  const std::vector<std::string> serif = {texts[0], texts[1], texts[3]};
  EXPECT_EQ(read_row(serif, 300, {.font = kSerif}), serif);
}

TEST(CellReading, PunctuationKeepsTheWidthItWasPrintedIn) {
  const std::vector<std::string> texts = {"目标：完成", "资金,项目", "进度，质量", "时间:完成"};
  EXPECT_EQ(read_row(texts, 300), texts);
  EXPECT_EQ(read_row(texts, 300, {.font = kSerif}), texts);
}

TEST(CellReading, ASealOverTheCellsLeavesNeitherRulesNorMarks) {
  // The seal's rings, kept as the gray of their red channel, were cut as
  // ink: in a row as low as a heading row, the steep sides of the outer
  // ring became rules splitting its cells.
  const Drawing heading_row{.cell_height = 0.3, .seal = true};
  const std::vector<std::string> texts = {"分值", "得分", "95.32", "偏差原因"};
  EXPECT_EQ(read_row(texts, 200, heading_row), texts);
  EXPECT_EQ(read_row(texts, 300, heading_row), texts);
}

TEST(CellReading, AUnitBrokenOverTheCellsLinesKeepsItsFirstCharacter) {
  // A narrow cell prints "2671.13万" over "元": the digits model, which
  // knows no Chinese, read the 万 as "%".
  const std::vector<std::string> texts = {"2671.13\u4e07", "47.8\u4e07", "836\u4e07", "3.5\u4ebf"};
  EXPECT_EQ(read_row(texts, 300), texts);
  EXPECT_EQ(read_row(texts, 200), texts);
}

}  // namespace
}  // namespace kpiform::extract
