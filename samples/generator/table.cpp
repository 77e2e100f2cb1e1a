#include "table.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>

namespace kpiform::samples {

namespace {

struct GObjectDeleter {
  void operator()(void* object) const { g_object_unref(object); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectDeleter>;

struct FontDeleter {
  void operator()(PangoFontDescription* font) const { pango_font_description_free(font); }
};
using FontPtr = std::unique_ptr<PangoFontDescription, FontDeleter>;

constexpr double kEpsilon = 0.01;

double to_points(int pango_units) {
  return pango_units / static_cast<double>(PANGO_SCALE);
}

// One laid-out line of a cell, in points relative to the layout's origin.
struct Line {
  PangoLayoutLine* line;
  double x;
  double top;
  double height;
  double baseline;
};

struct CellLayout {
  const Cell* cell;
  int row;
  double x;  // left edge of the cell
  LayoutPtr layout;
  std::vector<Line> lines;
  double text_height = 0;
};

// A piece of a row on one page, in page coordinates.
struct Segment {
  int page;
  double top;
  double bottom;
};

struct Rule {
  double x0, y0, x1, y1;
};

struct TextLine {
  PangoLayoutLine* line;
  double x;
  double baseline;
};

struct PageOps {
  std::vector<Rule> rules;
  std::vector<TextLine> text;
};

std::vector<Line> lines_of(PangoLayout* layout) {
  std::vector<Line> lines;
  PangoLayoutIter* iter = pango_layout_get_iter(layout);
  do {
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(iter, nullptr, &logical);
    lines.push_back({pango_layout_iter_get_line_readonly(iter), to_points(logical.x),
                     to_points(logical.y), to_points(logical.height),
                     to_points(pango_layout_iter_get_baseline(iter))});
  } while (pango_layout_iter_next_line(iter));
  pango_layout_iter_free(iter);
  return lines;
}

}  // namespace

struct Document::Impl {
  PageStyle style;
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;
  int page = 1;
  double y = 0;
  bool page_used = false;

  double top() const { return style.margin_top; }
  double bottom() const { return style.height - style.margin_bottom; }

  FontPtr font(double size, bool bold) const {
    FontPtr description(pango_font_description_from_string(style.font_family.c_str()));
    pango_font_description_set_size(description.get(), static_cast<int>(size * PANGO_SCALE));
    if (bold) pango_font_description_set_weight(description.get(), PANGO_WEIGHT_BOLD);
    return description;
  }

  LayoutPtr layout(const std::string& text, double width, double size, bool bold,
                   HAlign halign) const {
    LayoutPtr result(pango_cairo_create_layout(cr));
    FontPtr description = font(size, bold);
    pango_layout_set_font_description(result.get(), description.get());
    pango_layout_set_width(result.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(result.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(result.get(),
                               halign == HAlign::kCenter ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
    pango_layout_set_text(result.get(), text.c_str(), -1);
    keep_spaces_inside_lines(result.get(), text);
    return result;
  }

  // A line wrapped at a space hides that space from every reader of the
  // text layer (it hangs invisible at the line's end). Such a line is
  // ended one character earlier with a hard break, so that each printed
  // space stands inside a line and the text reads back as written.
  static void keep_spaces_inside_lines(PangoLayout* layout, std::string text) {
    for (int attempt = 0; attempt < 64; ++attempt) {
      std::size_t hard_break = std::string::npos;
      for (GSList* item = pango_layout_get_lines_readonly(layout); item && item->next;
           item = item->next) {
        const auto* line = static_cast<PangoLayoutLine*>(item->data);
        const auto end = static_cast<std::size_t>(line->start_index + line->length);
        if (end == 0 || end >= text.size() || text[end - 1] == '\n') continue;
        const bool at_space = text[end - 1] == ' ' || text[end] == ' ';
        if (!at_space) continue;
        // Back up over the space and the character before it.
        std::size_t cut = text[end - 1] == ' ' ? end - 1 : end;
        do {
          --cut;
        } while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80);
        if (cut > static_cast<std::size_t>(line->start_index)) hard_break = cut;
        break;
      }
      if (hard_break == std::string::npos) return;
      text.insert(hard_break, "\n");
      pango_layout_set_text(layout, text.c_str(), -1);
    }
  }

  void footer() {
    if (!style.page_numbers) return;
    const std::string text = "- " + std::to_string(page) + " -";
    LayoutPtr number = layout(text, style.width, style.font_size, false, HAlign::kCenter);
    cairo_move_to(cr, 0, bottom() + style.margin_bottom / 2);
    pango_cairo_show_layout(cr, number.get());
  }

  void next_page() {
    footer();
    cairo_show_page(cr);
    ++page;
    y = top();
    page_used = false;
  }

  void emit(const PageOps& ops) {
    cairo_set_line_width(cr, style.rule_width);
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (const Rule& rule : ops.rules) {
      cairo_move_to(cr, rule.x0, rule.y0);
      cairo_line_to(cr, rule.x1, rule.y1);
    }
    cairo_stroke(cr);
    for (const TextLine& text : ops.text) {
      cairo_move_to(cr, text.x, text.baseline);
      pango_cairo_show_layout_line(cr, text.line);
    }
    if (!ops.rules.empty() || !ops.text.empty()) page_used = true;
  }

  void draw_table(const Table& table);
};

Document::Document(const std::string& path, const PageStyle& style) : impl_(new Impl) {
  impl_->style = style;
  impl_->surface = cairo_pdf_surface_create(path.c_str(), style.width, style.height);
  // Fixed dates keep regenerated samples byte-identical.
  cairo_pdf_surface_set_metadata(impl_->surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                 "2021-03-15T09:00:00+08:00");
  cairo_pdf_surface_set_metadata(impl_->surface, CAIRO_PDF_METADATA_MOD_DATE,
                                 "2021-03-15T09:00:00+08:00");
  cairo_pdf_surface_set_metadata(impl_->surface, CAIRO_PDF_METADATA_CREATOR,
                                 "kpiform sample generator");
  impl_->cr = cairo_create(impl_->surface);
  impl_->y = impl_->top();
}

Document::~Document() {
  if (impl_->cr) cairo_destroy(impl_->cr);
  if (impl_->surface) cairo_surface_destroy(impl_->surface);
}

void Document::centered_line(const std::string& text, double font_size, bool bold) {
  Impl& d = *impl_;
  const double width = d.style.width - 2 * d.style.margin_left;
  LayoutPtr line = d.layout(text, width, font_size, bold, HAlign::kCenter);
  PangoRectangle logical;
  pango_layout_get_extents(line.get(), nullptr, &logical);
  cairo_move_to(d.cr, d.style.margin_left, d.y);
  pango_cairo_show_layout(d.cr, line.get());
  d.y += to_points(logical.height);
  d.page_used = true;
}

void Document::space(double points) {
  impl_->y += points;
}

void Document::new_page() {
  impl_->next_page();
}

void Document::keep_space(double points) {
  if (impl_->y + points > impl_->bottom()) impl_->next_page();
}

bool Document::at_page_top() const {
  return !impl_->page_used;
}

void Document::draw_table(const Table& table) {
  impl_->draw_table(table);
}

void Document::close() {
  Impl& d = *impl_;
  d.footer();
  cairo_show_page(d.cr);
  cairo_destroy(d.cr);
  d.cr = nullptr;
  cairo_surface_finish(d.surface);
  const cairo_status_t status = cairo_surface_status(d.surface);
  cairo_surface_destroy(d.surface);
  d.surface = nullptr;
  if (status != CAIRO_STATUS_SUCCESS) {
    throw std::runtime_error(std::string("cairo: ") + cairo_status_to_string(status));
  }
}

void Document::Impl::draw_table(const Table& table) {
  const int ncols = static_cast<int>(table.column_widths.size());
  const int nrows = static_cast<int>(table.rows.size());
  const double pad = style.cell_padding;
  std::vector<double> x(ncols + 1, style.margin_left);
  for (int c = 0; c < ncols; ++c) x[c + 1] = x[c] + table.column_widths[c];

  // Lay out every cell and record which cell covers each grid position.
  std::vector<CellLayout> cells;
  std::vector<std::vector<int>> owner(nrows, std::vector<int>(ncols, -1));
  for (int r = 0; r < nrows; ++r) {
    for (const Cell& cell : table.rows[r]) {
      if (cell.col + cell.colspan > ncols || r + cell.rowspan > nrows) {
        throw std::logic_error("table cell outside the grid");
      }
      const int id = static_cast<int>(cells.size());
      for (int rr = r; rr < r + cell.rowspan; ++rr) {
        for (int cc = cell.col; cc < cell.col + cell.colspan; ++cc) {
          if (owner[rr][cc] != -1) throw std::logic_error("overlapping table cells");
          owner[rr][cc] = id;
        }
      }
      const double width = x[cell.col + cell.colspan] - x[cell.col] - 2 * pad;
      CellLayout laid{&cell,       r,
                      x[cell.col], layout(cell.text, width, style.font_size, false, cell.halign),
                      {},          0};
      if (!cell.text.empty()) {
        laid.lines = lines_of(laid.layout.get());
        laid.text_height = laid.lines.back().top + laid.lines.back().height;
      }
      cells.push_back(std::move(laid));
    }
  }

  // Natural row heights; a merged cell taller than its rows grows the last.
  const double min_height = style.font_size * 1.5 + 2 * pad;
  std::vector<double> height(nrows, min_height);
  for (const CellLayout& cell : cells) {
    if (cell.cell->rowspan == 1) {
      height[cell.row] = std::max(height[cell.row], cell.text_height + 2 * pad);
    }
  }
  for (const CellLayout& cell : cells) {
    const int last = cell.row + cell.cell->rowspan - 1;
    double have = 0;
    for (int r = cell.row; r <= last; ++r) have += height[r];
    if (cell.text_height + 2 * pad > have) height[last] += cell.text_height + 2 * pad - have;
  }

  // Page flow: a row that does not fit is split at a line boundary of each
  // of its cells; the rest continues at the top of the next page.
  std::vector<std::vector<Segment>> segments(nrows);
  int current_page = page;
  double cursor = y;
  bool page_has_table = page_used;
  for (int r = 0; r < nrows; ++r) {
    std::vector<const CellLayout*> own;
    for (const CellLayout& cell : cells) {
      if (cell.row == r && cell.cell->rowspan == 1) own.push_back(&cell);
    }
    std::vector<std::size_t> first_line(own.size(), 0);
    double needed = height[r];
    while (true) {
      const double available = bottom() - cursor;
      if (needed <= available + kEpsilon) {
        segments[r].push_back({current_page, cursor, cursor + needed});
        cursor += needed;
        break;
      }
      // How many more lines of each cell fit on this page.
      std::vector<std::size_t> fit(own.size());
      bool any = false;
      for (std::size_t i = 0; i < own.size(); ++i) {
        const auto& lines = own[i]->lines;
        std::size_t n = first_line[i];
        const double start = n < lines.size() ? lines[n].top : 0;
        while (n < lines.size() && lines[n].top + lines[n].height - start <= available - 2 * pad) {
          ++n;
        }
        fit[i] = n;
        any = any || n > first_line[i];
      }
      if ((!any || available < min_height) && page_has_table) {
        ++current_page;
        cursor = top();
        page_has_table = false;
        continue;
      }
      segments[r].push_back({current_page, cursor, bottom()});
      double rest = 0;
      for (std::size_t i = 0; i < own.size(); ++i) {
        const auto& lines = own[i]->lines;
        first_line[i] = fit[i];
        if (fit[i] < lines.size()) {
          rest = std::max(rest, lines.back().top + lines.back().height - lines[fit[i]].top);
        }
      }
      needed = std::max(min_height, rest + 2 * pad);
      ++current_page;
      cursor = top();
    }
    page_has_table = true;
  }

  std::vector<PageOps> ops(current_page - page + 1);
  auto page_ops = [&](int p) -> PageOps& { return ops[p - page]; };

  // Rules: a vertical rule where the cell changes; a horizontal rule where a
  // cell starts or ends, and at page breaks when the style closes them.
  for (int r = 0; r < nrows; ++r) {
    const int n = static_cast<int>(segments[r].size());
    for (int i = 0; i < n; ++i) {
      const Segment& s = segments[r][i];
      PageOps& out = page_ops(s.page);
      for (int c = 0; c <= ncols; ++c) {
        if (c == 0 || c == ncols || owner[r][c - 1] != owner[r][c]) {
          out.rules.push_back({x[c], s.top, x[c], s.bottom});
        }
      }
      const bool page_head = i > 0 || r == 0 || segments[r - 1].back().page != s.page;
      const bool next_elsewhere =
          i < n - 1 || r == nrows - 1 || segments[r + 1].front().page != s.page;
      for (int c = 0; c < ncols; ++c) {
        const bool starts = i == 0 && (r == 0 || owner[r - 1][c] != owner[r][c]);
        if (starts || (page_head && style.close_split_rows)) {
          out.rules.push_back({x[c], s.top, x[c + 1], s.top});
        }
        const bool ends = i == n - 1 && (r == nrows - 1 || owner[r + 1][c] != owner[r][c]);
        if (next_elsewhere && (ends || style.close_split_rows)) {
          out.rules.push_back({x[c], s.bottom, x[c + 1], s.bottom});
        }
      }
    }
  }

  // Text: each cell's lines flow through the parts of the page area it
  // covers; a line never straddles a page break.
  for (const CellLayout& cell : cells) {
    if (cell.lines.empty()) continue;
    std::vector<Segment> parts;
    for (int r = cell.row; r < cell.row + cell.cell->rowspan; ++r) {
      for (const Segment& s : segments[r]) {
        if (!parts.empty() && parts.back().page == s.page &&
            std::abs(parts.back().bottom - s.top) < kEpsilon) {
          parts.back().bottom = s.bottom;
        } else {
          parts.push_back(s);
        }
      }
    }
    double usable = 0;
    for (const Segment& part : parts) usable += part.bottom - part.top - 2 * pad;
    const bool flow_from_top =
        cell.cell->valign == VAlign::kTop || (cell.cell->rowspan == 1 && parts.size() > 1);
    double offset = flow_from_top ? 0 : std::max(0.0, (usable - cell.text_height) / 2);
    std::size_t part = 0;
    double part_start = 0;  // virtual position where `part` begins
    for (const Line& line : cell.lines) {
      double top_virtual = offset + line.top;
      while (part + 1 < parts.size()) {
        const double part_end = part_start + parts[part].bottom - parts[part].top - 2 * pad;
        if (top_virtual + line.height <= part_end + kEpsilon) break;
        if (top_virtual < part_end) offset += part_end - top_virtual;
        top_virtual = std::max(top_virtual, part_end);
        part_start = part_end;
        ++part;
      }
      const Segment& at = parts[part];
      const double page_top = at.top + pad + (top_virtual - part_start);
      page_ops(at.page).text.push_back(
          {line.line, cell.x + pad + line.x, page_top + (line.baseline - line.top)});
    }
  }

  const int first_page = page;
  for (int p = first_page; p <= current_page; ++p) {
    if (p > first_page) next_page();
    emit(ops[p - first_page]);
  }
  y = cursor;
}

}  // namespace kpiform::samples
