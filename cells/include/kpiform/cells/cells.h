// The vocabulary between extraction and layout: pages of ruled tables whose
// cells carry their text lines, and the text outside any table. Plain data,
// header only; no PDF or OCR type appears here.
#pragma once

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace kpiform::cells {

// A rectangle in page coordinates: points, origin top left, y downwards.
struct Box {
  double x0 = 0;
  double y0 = 0;
  double x1 = 0;
  double y1 = 0;

  double width() const { return x1 - x0; }
  double height() const { return y1 - y0; }
  double center_x() const { return (x0 + x1) / 2; }
  double center_y() const { return (y0 + y1) / 2; }
  bool contains(double x, double y) const { return x >= x0 && x <= x1 && y >= y0 && y <= y1; }
  // Length of the overlap of the x ranges (0 when apart).
  double x_overlap(const Box& other) const {
    return std::max(0.0, std::min(x1, other.x1) - std::max(x0, other.x0));
  }
};

// Whether two boxes are the same cell's: a field's origin copies its cell's
// box, and a box kept as text (a database, JSON) comes back to rounding.
inline bool same_box(const Box& a, const Box& b) {
  constexpr double kSlack = 0.01;  // points; cells are several points apart
  return std::abs(a.x0 - b.x0) < kSlack && std::abs(a.y0 - b.y0) < kSlack &&
         std::abs(a.x1 - b.x1) < kSlack && std::abs(a.y1 - b.y1) < kSlack;
}

// One visual line of text, as read (text layer or OCR).
struct TextLine {
  std::string text;
  Box box;
  double confidence = 1.0;  // 0..1; 1 for a text layer
  // Other readings of the line by OCR (another model, another framing),
  // most trusted first; for later stages to choose from when `text` does
  // not fit what the form says must be there (a number).
  std::vector<std::string> alternatives{};
};

// A table cell over grid rows [row, row + row_span) and columns
// [col, col + col_span) of its table.
struct Cell {
  int row = 0;
  int col = 0;
  int row_span = 1;
  int col_span = 1;
  Box box;
  std::vector<TextLine> lines;  // top to bottom
  // Whether the rule over the cell's top (bottom) side is missing where the
  // cell meets the table's edge: a cell continued from (onto) another page.
  bool open_top = false;
  bool open_bottom = false;

  bool empty() const { return lines.empty(); }
};

struct Table {
  Box box;
  int rows = 0;
  int cols = 0;
  std::vector<double> row_edges;  // rows + 1 y positions
  std::vector<double> col_edges;  // cols + 1 x positions
  std::vector<Cell> cells;        // by row, then column of their first grid cell
  // Whether the table's outer rule is missing at the top or bottom: a table
  // that runs on from, or over to, another page.
  bool open_top = false;
  bool open_bottom = false;
};

// A page as pixels, for showing beside what was read from it: JPEG bytes of
// the page as its boxes are measured (upright; deskewed for a scan).
struct PageImage {
  std::string jpeg;
  int width = 0;  // pixels
  int height = 0;

  bool empty() const { return jpeg.empty(); }
};

struct Page {
  int number = 0;           // 1-based page of the input
  bool recognised = false;  // text from OCR rather than a text layer
  double width = 0;
  double height = 0;
  std::vector<Table> tables;         // top to bottom
  std::vector<TextLine> free_lines;  // text outside every table, top to bottom
  PageImage image;                   // only when asked for (it is large)
};

}  // namespace kpiform::cells
