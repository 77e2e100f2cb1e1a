// The form reader proper: walks the row stream section by section (header
// rows, funds, goals, indicators, 总分), starting a form at a title or a
// second 项目名称, and leaves headers to table_header, breaks to
// page_break and the reading of fields to form_resolver.
#include <algorithm>
#include <limits>
#include <optional>

#include "form_resolver.h"
#include "kpiform/layout/forms.h"
#include "labels.h"
#include "page_break.h"
#include "pending_form.h"
#include "row_stream.h"
#include "table_header.h"

namespace kpiform::layout {

namespace {

constexpr double kTolerance = 2.0;  // points; a cell's edge drawn on a band's edge

// A line that may be a form's year line standing apart from its title: a
// year, so 年 and a digit ("（2021年度）").
bool names_a_year(const std::string& compact) {
  return compact.find("年") != std::string::npos &&
         compact.find_first_of("0123456789") != std::string::npos;
}

class Reader {
 public:
  explicit Reader(const std::vector<cells::Page>& pages) : pages_(pages) {}

  std::vector<cells::Form> read() {
    for (const cells::Page& page : pages_) {
      for (const PageItem& item : page_items(page, store_)) {
        if (item.line) {
          read_free_line(*item.line, page.number);
        } else {
          read_row(item.row);
        }
      }
    }
    finish_form();
    std::vector<cells::Form> forms;
    for (const PendingForm& pending : done_) forms.push_back(resolve(pending, store_));
    return forms;
  }

 private:
  void read_free_line(const cells::TextLine& line, int page) {
    const std::string text = compact(line.text);
    if (is_title(text)) {
      start_form(page, line);
      return;
    }
    // The year line stands between the title and the table.
    if (form_ && !form_->rows_seen && !form_->year_line && text.find("年") != std::string::npos) {
      form_->year_line = line;
      return;
    }
    // Above a table whose title could not be read, it is still the year
    // line of the form that table begins (on this page).
    if ((!form_ || form_->rows_seen) && names_a_year(text)) {
      untitled_year_line_ = UntitledYearLine{line, page};
    }
  }

  void start_form(int page, std::optional<cells::TextLine> title) {
    finish_form();
    form_.emplace();
    form_->first_page = form_->last_page = page;
    if (title) {
      form_->title = std::move(title);
      form_->title_page = page;
    } else if (untitled_year_line_ && untitled_year_line_->page == page) {
      form_->year_line = std::move(untitled_year_line_->line);
      form_->title_page = page;
    }
    untitled_year_line_.reset();
  }

  void finish_form() {
    // A form is a 绩效自评表: its title, or its funds or indicator table. A
    // table that only has a 项目名称 row is some other document.
    if (form_ && (form_->title || form_->indicator_header_seen || !form_->funds.empty())) {
      done_.push_back(std::move(*form_));
    }
    form_.reset();
  }

  void read_row(const Row& row) {
    const std::vector<std::size_t> ids = row.cells();
    if (read_title_row(row, ids)) return;

    if (const auto labels = complete_cut_labels(cut_labels_, row, ids, store_)) {
      read_header_row(row, *labels);
      note_row(row);
      return;
    }
    // A row of the header section at a page foot may be cut by the break.
    const bool header_row = read_header_row(row, header_cells(ids, store_));
    cut_labels_.reset();
    if (row.last_of_table() && (!form_ || form_->section == Section::kHeader)) {
      cut_labels_ = CutRow{row.page, ids};
    }
    if (header_row) {
      note_row(row);
      return;
    }

    if (form_ && form_->section == Section::kDone && cut_total_) {
      complete_cut_total(cut_total_, row, ids, store_);
      return;
    }
    if (!form_ || form_->section == Section::kDone) return;

    if (read_indicator_header(row, ids) || read_funds_header(ids) || read_goals_header(ids)) {
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

  void note_row(const Row& row) {
    form_->rows_seen = true;
    form_->last_page = std::max(form_->last_page, row.page);
  }

  // Some templates print the title and the year line as the table's first
  // rows: one cell across the table.
  bool read_title_row(const Row& row, const std::vector<std::size_t>& ids) {
    if (ids.size() != 1) return false;
    const Physical& only = store_[ids.front()];
    const bool year_line =
        form_ && !form_->rows_seen && !form_->year_line && names_a_year(only.compact);
    if (!is_title(only.compact) && !year_line) return false;
    cells::TextLine line{cell_text(*only.cell), only.cell->box, 1.0};
    for (const cells::TextLine& part : only.cell->lines) {
      line.confidence = std::min(line.confidence, part.confidence);
    }
    if (year_line) {
      form_->year_line = line;
    } else {
      start_form(row.page, line);
    }
    return true;
  }

  // Header rows: a label cell and its value to the right.
  bool read_header_row(const Row& row, const std::vector<HeaderCell>& cells) {
    bool header_row = false;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const auto field = header_field(cells[i].compact);
      if (!field) continue;
      // A second 项目名称 in one form begins a form without a title.
      if (!form_ || (field == HeaderField::kProjectName && form_->header[0] != kNoCell)) {
        start_form(row.page, std::nullopt);
      }
      header_row = true;
      if (i + 1 < cells.size()) form_->header[static_cast<std::size_t>(*field)] = cells[i + 1].id;
    }
    return header_row;
  }

  bool read_indicator_header(const Row& row, const std::vector<std::size_t>& ids) {
    if (const auto rest =
            complete_cut_header(cut_header_, row, ids, form_->indicator_bands, store_)) {
      form_->indicator_bands = *rest;
      return true;
    }
    const auto bands = header_bands(header_cells(ids, store_), store_, kIndicatorHeadings);
    if (!bands) return false;
    // The header again on a continuation page: the rows below it are the
    // page's first, for the rows and level cells cut by the break.
    if (form_->indicator_header_seen) repeated_header_ = RowPlace{row.table, row.grid_row};
    form_->indicator_bands = *bands;
    form_->indicator_header_seen = true;
    form_->section = Section::kIndicators;
    // A header at the foot of a page may be cut by the break.
    if (row.last_of_table()) cut_header_ = CutRow{row.page, ids};
    return true;
  }

  bool read_funds_header(const std::vector<std::size_t>& ids) {
    const auto bands = header_bands(header_cells(ids, store_), store_, kFundsHeadings);
    if (!bands) return false;
    form_->funds_bands = *bands;
    for (std::size_t id : ids) {
      if (is_funds_label(store_.compact(id))) form_->funds_label = id;
    }
    form_->section = Section::kFunds;
    return true;
  }

  bool read_goals_header(const std::vector<std::size_t>& ids) {
    const auto bands = header_bands(header_cells(ids, store_), store_, kGoalsHeadings);
    if (!bands) return false;
    form_->goals_bands = *bands;
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
      if (is_goals_label(store_.compact(ids[i]))) {
        form_->planned = ids[i + 1];
        form_->section = Section::kGoals;
        return;
      }
    }
    std::size_t item = kNoCell;
    for (std::size_t id : ids) {
      if (id == form_->funds_label || is_funds_label(store_.compact(id))) {
        form_->funds_label = id;
        continue;
      }
      if (store_.box(id).x1 <= funds_items_end() + kTolerance && !store_.compact(id).empty()) {
        item = id;
      }
    }
    if (item == kNoCell) return;
    PendingFunds funds{item, {}};
    for (std::size_t k = 0; k < kFundsColumns; ++k) {
      funds.values[k] = cell_in_band(row, form_->funds_bands[k], store_);
    }
    form_->funds.push_back(funds);
  }

  void read_goals_row(const Row& row) {
    for (std::size_t k = 0; k < 2; ++k) {
      const std::size_t id = cell_in_band(row, form_->goals_bands[k], store_);
      if (id == kNoCell) continue;
      std::size_t& group = k == 0 ? form_->planned : form_->achieved;
      if (group == kNoCell) {
        group = id;
      } else {
        store_.unite(group, id);
      }
    }
  }

  // The 总分 row: the total weight under 分值, the total score under 得分.
  bool read_total_row(const Row& row, const std::vector<std::size_t>& ids) {
    const bool total = std::any_of(
        ids.begin(), ids.end(), [&](std::size_t id) { return is_total_label(store_.compact(id)); });
    if (!total) return false;
    auto under = [&](schema::Field column) {
      return cell_in_band(row, form_->indicator_bands[indicator_column_index(column)], store_);
    };
    form_->has_total = true;
    form_->total_weight = under(schema::Field::kIndicatorWeight);
    form_->total_score = under(schema::Field::kIndicatorScore);
    form_->section = Section::kDone;
    cut_total_.reset();
    if (row.last_of_table()) cut_total_ = CutRow{row.page, ids};
    return true;
  }

  void read_indicator_row(const Row& row) {
    PendingIndicator line{std::vector<std::size_t>(indicator_columns()), row.page,
                          row.last_of_table()};
    bool any_text = false;
    for (std::size_t k = 0; k < line.columns.size(); ++k) {
      line.columns[k] = cell_in_band(row, form_->indicator_bands[k], store_);
      any_text = any_text || !store_.group_empty(line.columns[k]);
    }
    if (!any_text) return;
    PendingIndicator* before = form_->indicators.empty() ? nullptr : &form_->indicators.back();
    if (before && before->page != row.page) {
      const RowsAtBreak at{row.first_of_table() || below_repeated_header(row),
                           recognised(before->page) || recognised(row.page) ? Reading::kRecognised
                                                                            : Reading::kTextLayer};
      if (join_across_break(*before, line, at, store_)) return;
    }
    form_->indicators.push_back(line);
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

  const std::vector<cells::Page>& pages_;
  CellStore store_;
  std::optional<PendingForm> form_;
  std::vector<PendingForm> done_;
  // A year line read where no form had begun: the title above it unread.
  struct UntitledYearLine {
    cells::TextLine line;
    int page;
  };
  std::optional<UntitledYearLine> untitled_year_line_;
  // Where the indicator header was last printed again (a continuation page).
  struct RowPlace {
    const cells::Table* table;
    int grid_row;
  };
  std::optional<RowPlace> repeated_header_;
  // Rows at a page foot that the break may have cut: an indicator header, a
  // row of the header section, the 总分 row.
  std::optional<CutRow> cut_header_;
  std::optional<CutRow> cut_labels_;
  std::optional<CutRow> cut_total_;
};

}  // namespace

std::vector<cells::Form> read_forms(const std::vector<cells::Page>& pages) {
  return Reader(pages).read();
}

}  // namespace kpiform::layout
