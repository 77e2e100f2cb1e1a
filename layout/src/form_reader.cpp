#include <algorithm>
#include <array>
#include <limits>
#include <map>
#include <numeric>
#include <optional>

#include "kpiform/layout/forms.h"
#include "kpiform/normalize/text.h"
#include "labels.h"

namespace kpiform::layout {

namespace {

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
constexpr double kTolerance = 2.0;  // points

// One table cell of the input, wherever it is.
struct Physical {
  int page;
  const cells::Cell* cell;
  std::string compact;  // for label matching
};

// One grid row of a table: which cell covers each grid column.
struct Row {
  int page;
  const cells::Table* table;
  int grid_row;
  std::vector<std::size_t> cover;

  bool first_of_table() const { return grid_row == 0; }
  bool last_of_table() const { return grid_row + 1 == table->rows; }
};

// A column of a section: the x range of its header cell.
struct Band {
  double x0 = 0;
  double x1 = 0;
  bool present = false;
};

enum class Section { kHeader, kFunds, kGoals, kIndicators, kDone };

struct PendingFunds {
  std::size_t item;
  std::array<std::size_t, kFundsColumns> values;
};

struct PendingIndicator {
  std::array<std::size_t, kIndicatorColumns> columns;
  int page;
  bool last_of_table;
};

struct PendingForm {
  int first_page = 0;
  int last_page = 0;
  std::optional<cells::TextLine> title;
  std::optional<cells::TextLine> year_line;
  int title_page = 0;
  bool rows_seen = false;
  Section section = Section::kHeader;
  std::array<std::size_t, 3> header = {kNone, kNone, kNone};
  std::size_t funds_label = kNone;
  std::array<Band, kFundsColumns> funds_bands;
  std::vector<PendingFunds> funds;
  std::array<Band, 2> goals_bands;
  std::size_t planned = kNone;
  std::size_t achieved = kNone;
  std::array<Band, kIndicatorColumns> indicator_bands;
  bool indicator_header_seen = false;
  std::vector<PendingIndicator> indicators;
  bool has_total = false;
  std::size_t total_weight = kNone;
  std::size_t total_score = kNone;
};

// Groups of cells that are one logical cell, each with its members in
// reading order, so that a group is read without scanning every cell.
class UnionFind {
 public:
  std::size_t add() {
    parent_.push_back(parent_.size());
    members_.push_back({parent_.size() - 1});
    return parent_.size() - 1;
  }
  std::size_t find(std::size_t i) {
    while (parent_[i] != i) i = parent_[i] = parent_[parent_[i]];
    return i;
  }
  void unite(std::size_t a, std::size_t b) {
    a = find(a);
    b = find(b);
    if (a == b) return;
    // The earlier cell stays the root; members stay in reading order.
    const std::size_t root = std::min(a, b), other = std::max(a, b);
    parent_[other] = root;
    std::vector<std::size_t>& into = members_[root];
    into.insert(into.end(), members_[other].begin(), members_[other].end());
    std::sort(into.begin(), into.end());
    members_[other].clear();
  }
  const std::vector<std::size_t>& members(std::size_t i) { return members_[find(i)]; }

 private:
  std::vector<std::size_t> parent_;
  std::vector<std::vector<std::size_t>> members_;
};

class Reader {
 public:
  explicit Reader(const std::vector<cells::Page>& pages) : pages_(pages) {}

  std::vector<cells::Form> read() {
    for (const cells::Page& page : pages_) read_page(page);
    finish_form();
    std::vector<cells::Form> forms;
    for (PendingForm& pending : done_) forms.push_back(resolve(pending));
    return forms;
  }

 private:
  // ---- input stream -------------------------------------------------------

  void read_page(const cells::Page& page) {
    // Free lines and table rows, top to bottom.
    struct Item {
      double y;
      const cells::TextLine* line;
      Row row;
    };
    std::vector<Item> items;
    for (const cells::TextLine& line : page.free_lines) items.push_back({line.box.y0, &line, {}});
    for (const cells::Table& table : page.tables) {
      std::vector<std::vector<std::size_t>> cover(static_cast<std::size_t>(table.rows),
                                                  std::vector<std::size_t>(table.cols, kNone));
      for (const cells::Cell& cell : table.cells) {
        const std::size_t id = union_find_.add();
        physical_.push_back({page.number, &cell, compact(joined_lines(cell))});
        // Cells reaching outside the grid are clipped to it.
        for (int r = std::max(0, cell.row); r < std::min(table.rows, cell.row + cell.row_span);
             ++r) {
          for (int c = std::max(0, cell.col); c < std::min(table.cols, cell.col + cell.col_span);
               ++c) {
            cover[r][c] = id;
          }
        }
      }
      for (int r = 0; r < table.rows; ++r) {
        items.push_back({table.row_edges[r], nullptr, Row{page.number, &table, r, cover[r]}});
      }
    }
    std::stable_sort(items.begin(), items.end(),
                     [](const Item& a, const Item& b) { return a.y < b.y; });
    for (const Item& item : items) {
      if (item.line) {
        read_free_line(*item.line, page.number);
      } else {
        read_row(item.row);
      }
    }
  }

  static std::string joined_lines(const cells::Cell& cell) {
    std::vector<std::string> lines;
    for (const cells::TextLine& line : cell.lines) lines.push_back(line.text);
    return normalize::join_lines(lines);
  }

  void read_free_line(const cells::TextLine& line, int page) {
    const std::string text = compact(line.text);
    if (is_title(text)) {
      finish_form();
      form_.emplace();
      form_->title = line;
      form_->title_page = form_->first_page = form_->last_page = page;
      return;
    }
    // The year line stands between the title and the table.
    if (form_ && !form_->rows_seen && !form_->year_line && text.find("年") != std::string::npos) {
      form_->year_line = line;
    }
  }

  // ---- rows -----------------------------------------------------------------

  std::vector<std::size_t> distinct_cells(const Row& row) const {
    std::vector<std::size_t> ids;
    for (std::size_t id : row.cover) {
      if (id != kNone && std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    }
    return ids;
  }

  // The cell of the row under a header band: the one overlapping it most.
  std::size_t cell_in_band(const Row& row, const Band& band) const {
    if (!band.present) return kNone;
    std::size_t best = kNone;
    double best_overlap = 0;
    const cells::Box band_box{band.x0, 0, band.x1, 0};
    for (std::size_t id : distinct_cells(row)) {
      const cells::Box& box = physical_[id].cell->box;
      const double overlap = box.x_overlap(band_box);
      if (overlap > best_overlap && overlap >= 0.5 * std::min(box.width(), band.x1 - band.x0)) {
        best = id;
        best_overlap = overlap;
      }
    }
    return best;
  }

  static Band band_of(const cells::Cell& cell) { return {cell.box.x0, cell.box.x1, true}; }

  void start_form_without_title(int page) {
    finish_form();
    form_.emplace();
    form_->first_page = form_->last_page = page;
  }

  // A row at a page foot that the break may have cut: its page and cells.
  struct CutHeader {
    int page;
    std::vector<std::size_t> ids;
  };

  // A header cell: its id and its text (with the half a page break cut
  // off, where there is one).
  struct HeaderCell {
    std::size_t id;
    std::string compact;
  };

  std::vector<HeaderCell> header_cells(const std::vector<std::size_t>& ids) const {
    std::vector<HeaderCell> cells;
    for (std::size_t id : ids) cells.push_back({id, physical_[id].compact});
    return cells;
  }

  void read_row(const Row& row) {
    const std::vector<std::size_t> ids = distinct_cells(row);
    if (read_title_row(row, ids)) return;

    if (cut_labels_ && complete_cut_labels(row, ids)) {
      note_row(row);
      return;
    }
    // A row of the header section at a page foot may be cut by the break.
    const bool header_row = read_header_row(row, header_cells(ids));
    cut_labels_.reset();
    if (row.last_of_table() && (!form_ || form_->section == Section::kHeader)) {
      cut_labels_ = CutHeader{row.page, ids};
    }
    if (header_row) {
      note_row(row);
      return;
    }

    if (form_ && form_->section == Section::kDone && cut_total_) {
      // The rest of a 总分 row cut by the page break ("89.7" + "6").
      if (const auto below = take_cut(cut_total_, row, ids)) join_halves(below->above, ids);
      return;
    }
    if (!form_ || form_->section == Section::kDone) return;

    if ((cut_header_ && complete_cut_header(row, ids)) || read_indicator_header(row, ids) ||
        read_funds_header(ids) || read_goals_header(ids)) {
      note_row(row);
      return;
    }

    switch (form_->section) {
      case Section::kHeader:
        return;
      case Section::kFunds:
        read_funds_row(row, ids);
        break;
      case Section::kGoals:
        read_goals_row(row);
        break;
      case Section::kIndicators:
        if (read_total_row(row, ids)) break;
        read_indicator_row(row);
        break;
      case Section::kDone:
        return;
    }
    note_row(row);
  }

  // Header rows: a label cell and its value to the right.
  bool read_header_row(const Row& row, const std::vector<HeaderCell>& cells) {
    bool header_row = false;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const auto field = header_field(cells[i].compact);
      if (!field) continue;
      // A second 项目名称 in one form begins a form without a title.
      if (!form_ || (field == HeaderField::kProjectName && form_->header[0] != kNone)) {
        start_form_without_title(row.page);
      }
      header_row = true;
      if (i + 1 < cells.size()) form_->header[static_cast<std::size_t>(*field)] = cells[i + 1].id;
    }
    return header_row;
  }

  // For each cell of a page's first row, the cell of the cut row above it
  // (the previous page's last row) that shares its columns; kNone where
  // none does.
  std::vector<std::size_t> cells_above(const std::vector<std::size_t>& cut,
                                       const std::vector<std::size_t>& ids) const {
    std::vector<std::size_t> above(ids.size(), kNone);
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const cells::Box& box = physical_[ids[i]].cell->box;
      for (std::size_t candidate : cut) {
        const cells::Box& other = physical_[candidate].cell->box;
        if (box.x_overlap(other) >= 0.5 * std::min(box.width(), other.width())) {
          above[i] = candidate;
        }
      }
    }
    return above;
  }

  // A row cut at the previous page's foot (taken: it applies to one row
  // only) and, for each cell of `row`, the cell above it there; nullopt
  // unless `row` is the first of the next page.
  struct BelowCut {
    std::vector<std::size_t> cut, above;
  };
  std::optional<BelowCut> take_cut(std::optional<CutHeader>& pending, const Row& row,
                                   const std::vector<std::size_t>& ids) const {
    const CutHeader cut = *pending;
    pending.reset();
    if (row.page == cut.page || !row.first_of_table()) return std::nullopt;
    return BelowCut{cut.ids, cells_above(cut.ids, ids)};
  }

  // The halves of the cells a break cut are one cell.
  void join_halves(const std::vector<std::size_t>& above, const std::vector<std::size_t>& ids) {
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (above[i] != kNone) union_find_.unite(above[i], ids[i]);
    }
  }

  // A header row cut by the page break ("主管" | "部门"): the labels read
  // with the rest of their words from the next page's first row.
  bool complete_cut_labels(const Row& row, const std::vector<std::size_t>& ids) {
    const auto below = take_cut(cut_labels_, row, ids);
    if (!below) return false;
    const std::vector<std::size_t>& above = below->above;
    std::vector<HeaderCell> joined = header_cells(below->cut);
    bool completes = false;  // a label that only the two halves make
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (above[i] == kNone || physical_[ids[i]].compact.empty()) continue;
      const auto at = std::find_if(joined.begin(), joined.end(),
                                   [&](const HeaderCell& cell) { return cell.id == above[i]; });
      completes = completes || (!header_field(at->compact) &&
                                header_field(at->compact + physical_[ids[i]].compact));
      at->compact += physical_[ids[i]].compact;
    }
    if (!completes) return false;
    join_halves(above, ids);
    return read_header_row(row, joined);
  }

  // Some templates print the title and the year line as the table's first
  // rows: one cell across the table.
  bool read_title_row(const Row& row, const std::vector<std::size_t>& ids) {
    if (ids.size() != 1) return false;
    const Physical& only = physical_[ids.front()];
    const bool year_line = form_ && !form_->rows_seen && !form_->year_line &&
                           only.compact.find("年") != std::string::npos &&
                           only.compact.find_first_of("0123456789") != std::string::npos;
    if (!is_title(only.compact) && !year_line) return false;
    cells::TextLine line{joined_lines(*only.cell), only.cell->box, 1.0};
    for (const cells::TextLine& part : only.cell->lines) {
      line.confidence = std::min(line.confidence, part.confidence);
    }
    if (year_line) {
      form_->year_line = line;
      return true;
    }
    finish_form();
    form_.emplace();
    form_->title = line;
    form_->title_page = form_->first_page = form_->last_page = row.page;
    return true;
  }

  void note_row(const Row& row) {
    form_->rows_seen = true;
    form_->last_page = std::max(form_->last_page, row.page);
  }

  // The columns a row heads, if it is an indicator header: a level column
  // and at least three headings.
  std::optional<std::array<Band, kIndicatorColumns>> indicator_header_bands(
      const std::vector<HeaderCell>& cells) const {
    std::array<Band, kIndicatorColumns> bands{};
    int found = 0;
    bool level = false;
    for (const HeaderCell& cell : cells) {
      const auto column = indicator_column(cell.compact);
      if (!column) continue;
      bands[static_cast<std::size_t>(*column)] = band_of(*physical_[cell.id].cell);
      ++found;
      level = level || *column == IndicatorColumn::kLevel1 || *column == IndicatorColumn::kLevel3;
    }
    if (!level || found < 3) return std::nullopt;
    for (const HeaderCell& cell : cells) {
      if (indicator_column(cell.compact)) continue;
      const auto column = short_indicator_heading(cell.compact);
      if (column && !bands[static_cast<std::size_t>(*column)].present) {
        bands[static_cast<std::size_t>(*column)] = band_of(*physical_[cell.id].cell);
      }
    }
    return bands;
  }

  static int present(const std::array<Band, kIndicatorColumns>& bands) {
    return static_cast<int>(
        std::count_if(bands.begin(), bands.end(), [](const Band& band) { return band.present; }));
  }

  bool read_indicator_header(const Row& row, const std::vector<std::size_t>& ids) {
    const auto bands = indicator_header_bands(header_cells(ids));
    if (!bands) return false;
    // The header again on a continuation page: the rows below it are the
    // page's first, for the rows and level cells cut by the break.
    if (form_->indicator_header_seen) repeated_header_ = RowPlace{row.table, row.grid_row};
    form_->indicator_bands = *bands;
    form_->indicator_header_seen = true;
    form_->section = Section::kIndicators;
    // A header at the foot of a page may be cut by the break: the next
    // page's first row may hold the rest of its words.
    cut_header_.reset();
    if (row.last_of_table()) cut_header_ = CutHeader{row.page, ids};
    return true;
  }

  // The first row of a page completes an indicator header cut by the break
  // when its cells, read after the header cells above them, make more
  // headings, or hold only words that finish headings.
  bool complete_cut_header(const Row& row, const std::vector<std::size_t>& ids) {
    const auto below = take_cut(cut_header_, row, ids);
    if (!below) return false;
    const std::vector<std::size_t>& above = below->above;
    std::vector<HeaderCell> joined;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      joined.push_back({ids[i], (above[i] == kNone ? "" : physical_[above[i]].compact) +
                                    physical_[ids[i]].compact});
    }
    const auto bands = indicator_header_bands(joined);
    if (!bands) return false;
    // The rest of a header: more headings, or only words that finish
    // headings (a heading read one character off, "一级指" + "标").
    bool rest_of_words = false, only_headings = true;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      // Words under a blank half are no rest of a heading (a merged label
      // such as 绩效指标 printed once, on this page).
      if (physical_[ids[i]].compact.empty()) continue;
      if (above[i] == kNone || physical_[above[i]].compact.empty()) continue;
      rest_of_words = true;
      only_headings = only_headings && indicator_column(joined[i].compact).has_value();
    }
    const bool more = present(*bands) > present(form_->indicator_bands);
    if (!more && !(rest_of_words && only_headings)) return false;
    join_halves(above, ids);
    form_->indicator_bands = *bands;
    return true;
  }

  bool read_funds_header(const std::vector<std::size_t>& ids) {
    std::array<Band, kFundsColumns> bands{};
    int found = 0;
    bool money = false;
    for (std::size_t id : ids) {
      const auto column = funds_column(physical_[id].compact);
      if (!column) continue;
      bands[static_cast<std::size_t>(*column)] = band_of(*physical_[id].cell);
      ++found;
      money = money || *column == FundsColumn::kInitialBudget ||
              *column == FundsColumn::kAnnualBudget || *column == FundsColumn::kExecuted;
    }
    if (!money || found < 2) return false;
    for (std::size_t id : ids) {
      if (funds_column(physical_[id].compact)) continue;
      const auto column = short_funds_heading(physical_[id].compact);
      if (column && !bands[static_cast<std::size_t>(*column)].present) {
        bands[static_cast<std::size_t>(*column)] = band_of(*physical_[id].cell);
      }
    }
    form_->funds_bands = bands;
    for (std::size_t id : ids) {
      if (is_funds_label(physical_[id].compact)) form_->funds_label = id;
    }
    form_->section = Section::kFunds;
    return true;
  }

  bool read_goals_header(const std::vector<std::size_t>& ids) {
    bool found = false;
    for (std::size_t id : ids) {
      if (const auto column = goals_column(physical_[id].compact)) {
        form_->goals_bands[static_cast<std::size_t>(*column)] = band_of(*physical_[id].cell);
        found = true;
      }
    }
    if (!found) return false;
    form_->section = Section::kGoals;
    return true;
  }

  // The leftmost money column: item labels stand left of it.
  double funds_items_end() const {
    double end = std::numeric_limits<double>::max();
    for (const Band& band : form_->funds_bands) {
      if (band.present) end = std::min(end, band.x0);
    }
    return end;
  }

  void read_funds_row(const Row& row, const std::vector<std::size_t>& ids) {
    // Goals given without a 预算目标 header: the label, then the text.
    for (std::size_t i = 0; i + 1 < ids.size(); ++i) {
      if (is_goals_label(physical_[ids[i]].compact)) {
        form_->planned = ids[i + 1];
        form_->section = Section::kGoals;
        return;
      }
    }
    std::size_t item = kNone;
    for (std::size_t id : ids) {
      const cells::Cell& cell = *physical_[id].cell;
      if (id == form_->funds_label || is_funds_label(physical_[id].compact)) {
        form_->funds_label = id;
        continue;
      }
      if (cell.box.x1 <= funds_items_end() + kTolerance && !physical_[id].compact.empty())
        item = id;
    }
    if (item == kNone) return;
    PendingFunds funds{item, {}};
    for (std::size_t k = 0; k < kFundsColumns; ++k) {
      funds.values[k] = cell_in_band(row, form_->funds_bands[k]);
    }
    form_->funds.push_back(funds);
  }

  void read_goals_row(const Row& row) {
    for (std::size_t k = 0; k < 2; ++k) {
      const std::size_t id = cell_in_band(row, form_->goals_bands[k]);
      if (id == kNone) continue;
      std::size_t& group = k == 0 ? form_->planned : form_->achieved;
      if (group == kNone) {
        group = id;
      } else {
        union_find_.unite(group, id);
      }
    }
  }

  bool read_total_row(const Row& row, const std::vector<std::size_t>& ids) {
    const bool total = std::any_of(ids.begin(), ids.end(), [&](std::size_t id) {
      return is_total_label(physical_[id].compact);
    });
    if (!total) return false;
    form_->has_total = true;
    form_->total_weight = cell_in_band(
        row, form_->indicator_bands[static_cast<std::size_t>(IndicatorColumn::kWeight)]);
    form_->total_score = cell_in_band(
        row, form_->indicator_bands[static_cast<std::size_t>(IndicatorColumn::kScore)]);
    form_->section = Section::kDone;
    cut_total_.reset();
    if (row.last_of_table()) cut_total_ = CutHeader{row.page, ids};
    return true;
  }

  bool group_empty(std::size_t id) {
    if (id == kNone) return true;
    for (std::size_t member : union_find_.members(id)) {
      if (!physical_[member].compact.empty()) return false;
    }
    return true;
  }

  std::string group_compact(std::size_t id) {
    std::string text;
    for (std::size_t member : union_find_.members(id)) text += physical_[member].compact;
    return text;
  }

  static std::size_t column(IndicatorColumn c) { return static_cast<std::size_t>(c); }

  void read_indicator_row(const Row& row) {
    PendingIndicator line{{}, row.page, row.last_of_table()};
    bool any_text = false;
    for (std::size_t k = 0; k < kIndicatorColumns; ++k) {
      line.columns[k] = cell_in_band(row, form_->indicator_bands[k]);
      any_text = any_text || !group_empty(line.columns[k]);
    }
    if (!any_text) return;
    if (!form_->indicators.empty() && form_->indicators.back().page != row.page) {
      if (join_across_break(form_->indicators.back(), line, row)) return;
    }
    form_->indicators.push_back(line);
  }

  // At a page break: the first indicator row of the new page either
  // continues the last row of the previous one (a row split by the break),
  // or starts a new row whose merged level cells may still continue.
  bool join_across_break(PendingIndicator& before, const PendingIndicator& after, const Row& row) {
    auto open = [&](std::size_t id, bool top) {
      if (id == kNone) return false;
      const cells::Cell& cell = *physical_[id].cell;
      return top ? cell.open_top : cell.open_bottom;
    };
    const bool page_head = row.first_of_table() || below_repeated_header(row);
    // An indicator prints its name, its points (分值, 得分) and its values
    // (指标值, 实际值); a half of a cut row lacks the name, both values, or
    // its points. A text layer's empty cell is empty: one point missing
    // there marks a half ("5.4" above the break, its 分值 below). What OCR
    // leaves empty may be a number it did not read: there only both points
    // missing do.
    const bool exact = !recognised(before.page) && !recognised(after.page);
    auto empty = [&](const PendingIndicator& line, IndicatorColumn c) {
      return group_empty(line.columns[column(c)]);
    };
    auto partial = [&](const PendingIndicator& line) {
      const bool no_weight = empty(line, IndicatorColumn::kWeight);
      const bool no_score = empty(line, IndicatorColumn::kScore);
      return empty(line, IndicatorColumn::kLevel3) ||
             (exact ? no_weight || no_score : no_weight && no_score) ||
             (empty(line, IndicatorColumn::kTarget) && empty(line, IndicatorColumn::kActual));
    };
    if (partial(before) || partial(after)) {
      for (std::size_t k = 0; k < kIndicatorColumns; ++k) {
        if (before.columns[k] == kNone) {
          before.columns[k] = after.columns[k];
        } else if (after.columns[k] != kNone) {
          union_find_.unite(before.columns[k], after.columns[k]);
        }
      }
      before.page = after.page;
      before.last_of_table = after.last_of_table;
      return true;
    }
    // Level cells split by the break: the same cell when one half is blank,
    // when both print the same name, when only the halves together make a
    // level name ("产出指" + "标"), or when the rules between them are open
    // and neither half is a name of its own (two names are two cells, even
    // where a browser drew no rule between them).
    if (!before.last_of_table || !page_head) return false;
    for (IndicatorColumn level : {IndicatorColumn::kLevel1, IndicatorColumn::kLevel2}) {
      const std::size_t a = before.columns[column(level)];
      const std::size_t b = after.columns[column(level)];
      if (a == kNone || b == kNone) break;
      const std::string first = group_compact(a);
      const std::string second = group_compact(b);
      const bool two_names = is_level_name(first) && is_level_name(second);
      const bool same = first.empty() || second.empty() || first == second ||
                        (!is_level_name(first) && is_level_name(first + second)) ||
                        (open(a, false) && open(b, true) && !two_names);
      if (!same) break;  // a new level 1 begins a new level 2 too
      union_find_.unite(a, b);
    }
    return false;
  }

  bool recognised(int page) const {
    return std::any_of(pages_.begin(), pages_.end(), [&](const cells::Page& candidate) {
      return candidate.number == page && candidate.recognised;
    });
  }

  bool below_repeated_header(const Row& row) const {
    return repeated_header_ && repeated_header_->table == row.table &&
           repeated_header_->grid_row + 1 == row.grid_row;
  }

  void finish_form() {
    // A form is a 绩效自评表: its title, or its funds or indicator table. A
    // table that only has a 项目名称 row is some other document.
    if (form_ && (form_->title || form_->indicator_header_seen || !form_->funds.empty())) {
      done_.push_back(std::move(*form_));
    }
    form_.reset();
  }

  // ---- output ---------------------------------------------------------------

  cells::FieldText field(std::size_t id) {
    cells::FieldText field;
    if (id == kNone) return field;
    std::vector<std::string> lines;
    const cells::TextLine* only_line = nullptr;
    for (std::size_t member : union_find_.members(id)) {
      const Physical& part = physical_[member];
      field.origins.push_back({part.page, part.cell->box});
      for (const cells::TextLine& line : part.cell->lines) {
        lines.push_back(line.text);
        field.confidence = std::min(field.confidence, line.confidence);
        only_line = &line;
      }
    }
    field.text = normalize::clean_text(normalize::join_lines(lines));
    if (lines.size() == 1) {
      for (const std::string& alternative : only_line->alternatives) {
        field.alternatives.push_back(normalize::clean_text(alternative));
      }
    }
    return field;
  }

  static cells::FieldText line_field(const std::optional<cells::TextLine>& line, int page) {
    cells::FieldText field;
    if (!line) return field;
    field.text = normalize::clean_text(line->text);
    field.confidence = line->confidence;
    field.origins.push_back({page, line->box});
    return field;
  }

  // A recognised (not text-layer) field that is one of the closed
  // vocabulary's words but for a misread character or two becomes that word.
  static void snap(cells::FieldText& field, const char* name,
                   std::optional<std::string_view> (*canonical)(std::string_view),
                   bool (*known)(std::string_view), std::vector<cells::Repair>& repairs) {
    if (field.empty() || field.confidence >= 1.0) return;
    const std::string read = compact(field.text);
    if (known(read)) {
      field.text = read;  // without the spaces OCR saw in it
      return;
    }
    const auto word = canonical(read);
    if (!word) return;
    repairs.push_back(
        {name, field.first_origin(), field.text, std::string(*word), "the closest standard name"});
    field.text = std::string(*word);
  }

  cells::Form resolve(PendingForm& pending) {
    cells::Form form;
    form.first_page = pending.first_page;
    form.last_page = pending.last_page;
    form.title = line_field(pending.title, pending.title_page);
    form.year_line = line_field(pending.year_line, pending.title_page);
    form.project_name = field(pending.header[0]);
    form.supervising_department = field(pending.header[1]);
    form.implementing_unit = field(pending.header[2]);
    form.funds_label = field(pending.funds_label);
    for (const PendingFunds& funds : pending.funds) {
      form.funds.push_back({field(funds.item), field(funds.values[0]), field(funds.values[1]),
                            field(funds.values[2]), field(funds.values[3]), field(funds.values[4]),
                            field(funds.values[5])});
    }
    form.goals_planned = field(pending.planned);
    form.goals_achieved = field(pending.achieved);
    for (const PendingIndicator& line : pending.indicators) {
      const auto& c = line.columns;
      form.indicators.push_back({field(c[0]), field(c[1]), field(c[2]), field(c[3]), field(c[4]),
                                 field(c[5]), field(c[6]), field(c[7])});
    }
    snap(form.title, "title", &canonical_title, &is_standard_title, form.repairs);
    for (cells::FundsLine& line : form.funds) {
      snap(line.item, "资金项目", &canonical_funds_item, &is_funds_item, form.repairs);
    }
    for (cells::IndicatorLine& line : form.indicators) {
      snap(line.level1, "一级指标", &canonical_level_name, &is_level_name, form.repairs);
      snap(line.level2, "二级指标", &canonical_level_name, &is_level_name, form.repairs);
    }
    form.has_total = pending.has_total;
    form.total_weight = field(pending.total_weight);
    form.total_score = field(pending.total_score);
    if (!pending.indicator_header_seen) {
      form.warnings.push_back("no indicator table (一级指标 / 三级指标 header) found");
    } else {
      static constexpr std::array<const char*, kIndicatorColumns> kNames = {
          "一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "得分", "偏差原因"};
      for (std::size_t k = 0; k < kIndicatorColumns; ++k) {
        if (!pending.indicator_bands[k].present) {
          form.warnings.push_back(std::string("indicator table has no ") + kNames[k] + " column");
        }
      }
    }
    return form;
  }

  const std::vector<cells::Page>& pages_;
  std::vector<Physical> physical_;
  UnionFind union_find_;
  std::optional<PendingForm> form_;
  std::vector<PendingForm> done_;
  // Where the indicator header was last printed again (a continuation page).
  struct RowPlace {
    const cells::Table* table;
    int grid_row;
  };
  std::optional<RowPlace> repeated_header_;
  // An indicator header at a page foot that the break may have cut.
  std::optional<CutHeader> cut_header_;
  // A row of the header section at a page foot.
  std::optional<CutHeader> cut_labels_;
  // The 总分 row, when it stands at a page foot.
  std::optional<CutHeader> cut_total_;
};

}  // namespace

std::vector<cells::Form> read_forms(const std::vector<cells::Page>& pages) {
  return Reader(pages).read();
}

}  // namespace kpiform::layout
