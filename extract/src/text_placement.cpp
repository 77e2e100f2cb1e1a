#include "text_placement.h"

#include <algorithm>

namespace kpiform::extract {

namespace {

// Index of the band [edges[i], edges[i + 1]) that holds `position`.
int band_of(const std::vector<double>& edges, double position) {
  const auto it = std::upper_bound(edges.begin(), edges.end(), position);
  return static_cast<int>(it - edges.begin()) - 1;
}

cells::Cell* cell_at(cells::Table& table, double x, double y) {
  const int row = band_of(table.row_edges, y);
  const int col = band_of(table.col_edges, x);
  if (row < 0 || row >= table.rows || col < 0 || col >= table.cols) return nullptr;
  for (cells::Cell& cell : table.cells) {
    if (row >= cell.row && row < cell.row + cell.row_span && col >= cell.col &&
        col < cell.col + cell.col_span) {
      return &cell;
    }
  }
  return nullptr;
}

cells::Box united(const cells::Box& a, const cells::Box& b) {
  return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

}  // namespace

std::vector<cells::TextLine> group_lines(std::vector<const Glyph*> glyphs, bool split_wide_gaps) {
  std::sort(glyphs.begin(), glyphs.end(),
            [](const Glyph* a, const Glyph* b) { return a->box.center_y() < b->box.center_y(); });
  // Glyphs whose vertical centres lie within half a glyph height of the
  // line's first glyph share the line.
  std::vector<std::vector<const Glyph*>> rows;
  for (const Glyph* glyph : glyphs) {
    if (!rows.empty()) {
      const Glyph* first = rows.back().front();
      const double reach = 0.5 * std::max(first->box.height(), glyph->box.height());
      if (glyph->box.center_y() - first->box.center_y() <= reach) {
        rows.back().push_back(glyph);
        continue;
      }
    }
    rows.push_back({glyph});
  }
  std::vector<cells::TextLine> lines;
  for (auto& row : rows) {
    std::sort(row.begin(), row.end(),
              [](const Glyph* a, const Glyph* b) { return a->box.x0 < b->box.x0; });
    cells::TextLine line;
    line.box = row.front()->box;
    const Glyph* previous = nullptr;
    for (const Glyph* glyph : row) {
      if (previous) {
        const double gap = glyph->box.x0 - previous->box.x1;
        const double size = std::max(previous->box.height(), glyph->box.height());
        if (split_wide_gaps && gap > 3 * size) {
          lines.push_back(std::move(line));
          line = {};
          line.box = glyph->box;
        } else if (previous->space_after) {
          line.text += ' ';
        }
      }
      line.text += glyph->text;
      line.box = united(line.box, glyph->box);
      previous = glyph;
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

void place_glyphs(const std::vector<Glyph>& glyphs, cells::Page& page) {
  // Glyphs per cell, in table order, and those outside every table.
  std::vector<std::vector<std::vector<const Glyph*>>> per_cell(page.tables.size());
  for (std::size_t t = 0; t < page.tables.size(); ++t) {
    per_cell[t].resize(page.tables[t].cells.size());
  }
  std::vector<const Glyph*> outside;
  for (const Glyph& glyph : glyphs) {
    const double x = glyph.box.center_x();
    const double y = glyph.box.center_y();
    bool placed = false;
    for (std::size_t t = 0; t < page.tables.size() && !placed; ++t) {
      cells::Table& table = page.tables[t];
      if (!table.box.contains(x, y)) continue;
      if (cells::Cell* cell = cell_at(table, x, y)) {
        per_cell[t][static_cast<std::size_t>(cell - table.cells.data())].push_back(&glyph);
        placed = true;
      }
    }
    if (!placed) outside.push_back(&glyph);
  }
  for (std::size_t t = 0; t < page.tables.size(); ++t) {
    for (std::size_t c = 0; c < page.tables[t].cells.size(); ++c) {
      page.tables[t].cells[c].lines = group_lines(std::move(per_cell[t][c]), false);
    }
  }
  page.free_lines = group_lines(std::move(outside), true);
}

}  // namespace kpiform::extract
