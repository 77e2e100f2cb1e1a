#include "grid_builder.h"

#include <gtest/gtest.h>

#include "rule_finder.h"
#include "text_placement.h"

namespace kpiform::extract {
namespace {

// A 3 × 3 grid, 100 pt square, whose top-left 2 × 1 cells are merged down
// (no rule between rows 0 and 1 in column 0).
Rules merged_grid() {
  Rules rules;
  rules.horizontal = {{0, 0, 300}, {100, 100, 300}, {200, 0, 300}, {300, 0, 300}};
  rules.vertical = {{0, 0, 300}, {100, 0, 300}, {200, 0, 300}, {300, 0, 300}};
  return rules;
}

const cells::Cell* cell_at(const cells::Table& table, int row, int col) {
  for (const cells::Cell& cell : table.cells) {
    if (row >= cell.row && row < cell.row + cell.row_span && col >= cell.col &&
        col < cell.col + cell.col_span) {
      return &cell;
    }
  }
  return nullptr;
}

TEST(GridBuilder, BuildsCellsWithSpans) {
  const auto tables = build_tables(merged_grid());
  ASSERT_EQ(tables.size(), 1u);
  const cells::Table& table = tables[0];
  EXPECT_EQ(table.rows, 3);
  EXPECT_EQ(table.cols, 3);
  EXPECT_EQ(table.cells.size(), 8u);
  const cells::Cell* merged = cell_at(table, 0, 0);
  ASSERT_NE(merged, nullptr);
  EXPECT_EQ(merged->row_span, 2);
  EXPECT_EQ(merged->col_span, 1);
  EXPECT_EQ(merged, cell_at(table, 1, 0));
  EXPECT_NE(cell_at(table, 0, 1), cell_at(table, 1, 1));
  EXPECT_FALSE(table.open_top);
  EXPECT_FALSE(table.open_bottom);
}

TEST(GridBuilder, ColumnSpanWhereAVerticalRuleStops) {
  Rules rules = merged_grid();
  rules.vertical[2] = {200, 100, 300};  // row 0: columns 1 and 2 merged
  const auto tables = build_tables(rules);
  ASSERT_EQ(tables.size(), 1u);
  const cells::Cell* wide = cell_at(tables[0], 0, 1);
  ASSERT_NE(wide, nullptr);
  EXPECT_EQ(wide->col_span, 2);
}

TEST(GridBuilder, RulesCloserThanALineOfPrintAreOneRule) {
  // A thick top rule seen as two lines 3 pt apart, and the vertical
  // rules' ends 4 pt above the bottom one: no row of 3 or 4 pt.
  Rules rules = merged_grid();
  rules.horizontal.push_back({3, 0, 300});
  for (VerticalRule& rule : rules.vertical) rule.y1 = 296;
  const auto tables = build_tables(rules);
  ASSERT_EQ(tables.size(), 1u);
  EXPECT_EQ(tables[0].rows, 3);
  EXPECT_EQ(tables[0].cells.size(), 8u);
}

TEST(GridBuilder, MissingTopRuleMarksAContinuedTable) {
  Rules rules = merged_grid();
  rules.horizontal.erase(rules.horizontal.begin());  // no rule at y = 0
  const auto tables = build_tables(rules);
  ASSERT_EQ(tables.size(), 1u);
  EXPECT_TRUE(tables[0].open_top);
  EXPECT_FALSE(tables[0].open_bottom);
  EXPECT_EQ(tables[0].rows, 3) << "the ends of the vertical rules close the table";
  EXPECT_TRUE(cell_at(tables[0], 0, 1)->open_top);
  EXPECT_FALSE(cell_at(tables[0], 2, 1)->open_bottom);
}

TEST(GridBuilder, RowWithOnlyVerticalRulesIsATable) {
  Rules rules;
  rules.vertical = {{0, 0, 40}, {100, 0, 40}, {250, 0, 40}, {400, 0, 40}};
  const auto tables = build_tables(rules);
  ASSERT_EQ(tables.size(), 1u);
  EXPECT_EQ(tables[0].rows, 1);
  EXPECT_EQ(tables[0].cols, 3);
  EXPECT_TRUE(tables[0].open_top);
  EXPECT_TRUE(tables[0].open_bottom);
}

TEST(GridBuilder, TwoGlyphStrokesAreNoTable) {
  Rules rules;
  rules.vertical = {{10, 0, 14}, {18, 0, 14}};
  EXPECT_TRUE(build_tables(rules).empty());
}

TEST(GridBuilder, SeparateTablesOnOnePage) {
  Rules rules = merged_grid();
  for (auto rule : merged_grid().horizontal)
    rules.horizontal.push_back({rule.y + 400, rule.x0, rule.x1});
  for (auto rule : merged_grid().vertical)
    rules.vertical.push_back({rule.x, rule.y0 + 400, rule.y1 + 400});
  const auto tables = build_tables(rules);
  ASSERT_EQ(tables.size(), 2u);
  EXPECT_LT(tables[0].box.y0, tables[1].box.y0);
}

TEST(RuleFinder, FindsLinesAndIgnoresShortStrokes) {
  GrayImage image{200, 100, std::vector<std::uint8_t>(200 * 100, 255)};
  auto ink = [&](int x, int y) { image.pixels[static_cast<std::size_t>(y) * 200 + x] = 0; };
  for (int x = 10; x < 190; ++x) ink(x, 20);  // horizontal rule
  for (int x = 10; x < 190; ++x) {
    if (x != 100) ink(x, 80);  // broken by one pixel: still one rule
  }
  for (int y = 20; y <= 80; ++y) ink(10, y);  // vertical rule
  for (int x = 50; x < 54; ++x) ink(x, 50);   // a glyph stroke
  RuleFinderOptions options;
  options.dpi = 72;
  const Rules rules = find_rules(image, options);
  ASSERT_EQ(rules.horizontal.size(), 2u);
  EXPECT_NEAR(rules.horizontal[0].y, 20.5, 0.01);
  EXPECT_NEAR(rules.horizontal[1].x1 - rules.horizontal[1].x0, 180, 1);
  ASSERT_EQ(rules.vertical.size(), 1u);
  EXPECT_NEAR(rules.vertical[0].x, 10.5, 0.01);
}

TEST(TextPlacement, GlyphsGoToTheCellHoldingTheirCentre) {
  cells::Page page;
  page.tables = build_tables(merged_grid());
  auto glyph = [](const char* text, double x, double y, bool space = false) {
    return Glyph{text, {x, y, x + 10, y + 10}, space};
  };
  // "AB" on one line, a word straddling the rule at x = 200, a second line,
  // and a title outside the table.
  const std::vector<Glyph> glyphs = {
      glyph("A", 110, 40),   glyph("B", 120, 40, true), glyph("C", 130, 40),  glyph("甲", 192, 140),
      glyph("乙", 204, 140), glyph("二", 110, 60),      glyph("表", 10, -30), glyph("题", 20, -30)};
  place_glyphs(glyphs, page);
  const cells::Table& table = page.tables[0];
  const cells::Cell* first = cell_at(table, 0, 1);
  ASSERT_EQ(first->lines.size(), 2u);
  EXPECT_EQ(first->lines[0].text, "AB C");
  EXPECT_EQ(first->lines[1].text, "二");
  EXPECT_EQ(cell_at(table, 1, 1)->lines.at(0).text, "甲");
  EXPECT_EQ(cell_at(table, 1, 2)->lines.at(0).text, "乙");
  ASSERT_EQ(page.free_lines.size(), 1u);
  EXPECT_EQ(page.free_lines[0].text, "表题");
}

}  // namespace
}  // namespace kpiform::extract
