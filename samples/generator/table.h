// A ruled table with row and column spans, and the page flow that draws it
// into a PDF with pango: cells wrap their text, rows split over page breaks
// at line boundaries, merged cells keep their text centred over their extent.
#pragma once

#include <cairo.h>

#include <memory>
#include <string>
#include <vector>

namespace kpiform::samples {

enum class HAlign { kLeft, kCenter };
enum class VAlign { kTop, kMiddle };

struct Cell {
  int col = 0;
  int colspan = 1;
  int rowspan = 1;
  std::string text;
  HAlign halign = HAlign::kCenter;
  VAlign valign = VAlign::kMiddle;
};

struct Table {
  std::vector<double> column_widths;  // points
  std::vector<std::vector<Cell>> rows;
};

struct PageStyle {
  double width = 595.3;  // A4 portrait, points
  double height = 841.9;
  double margin_top = 56;
  double margin_bottom = 56;
  double margin_left = 40;
  std::string font_family = "Noto Serif CJK SC";
  double font_size = 8.5;
  double cell_padding = 3;
  double rule_width = 0.6;
  // Whether a row split by a page break is closed at the page foot and
  // reopened at the next page's head (Word does; many producers do not).
  bool close_split_rows = true;
  bool page_numbers = false;  // "- N -" centred in the bottom margin
};

// Draws pages into one PDF file. Text stays real text (embedded CID fonts
// with ToUnicode), as office producers write it.
class Document {
 public:
  Document(const std::string& path, const PageStyle& style);
  ~Document();
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  // A centred line of text in the given size; moves the flow down.
  void centered_line(const std::string& text, double font_size, bool bold);
  void space(double points);
  void new_page();
  // Starts a new page unless `points` of height remain on this one.
  void keep_space(double points);
  bool at_page_top() const;
  void draw_table(const Table& table);
  // Finishes the file; throws std::runtime_error when cairo failed.
  void close();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kpiform::samples
