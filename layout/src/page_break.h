// Joins what a page break cut: a row at a page foot whose cells continue in
// the next page's first row (header labels "主管" | "部门", an indicator
// header, the 总分 row, an indicator row), and level cells merged over the
// break. Halves are joined in the cell store; nothing else is changed.
#pragma once

#include <optional>
#include <vector>

#include "pending_form.h"
#include "row_stream.h"
#include "table_header.h"

namespace kpiform::layout {

// A row at a page foot that the break may have cut: its page and cells.
struct CutRow {
  int page;
  std::vector<std::size_t> ids;
};

// Each of these takes `cut` (a cut row continues in one row only) and
// reads `row` (cells `ids`) as its rest when it is the first row of a
// later page.

// A header section row cut by the break: the cut row's cells, each with
// the words below it, when only the halves together make a header label.
std::optional<std::vector<HeaderCell>> complete_cut_labels(std::optional<CutRow>& cut,
                                                           const Row& row,
                                                           const std::vector<std::size_t>& ids,
                                                           CellStore& store);

// An indicator header cut by the break: its columns, when the cells below,
// read after the header cells above them, make more headings than the
// `known` columns, or hold only words that finish headings ("一级指" + "标").
std::optional<Bands> complete_cut_header(std::optional<CutRow>& cut, const Row& row,
                                         const std::vector<std::size_t>& ids, const Bands& known,
                                         CellStore& store);

// A 总分 row cut by the break ("89.7" + "6"): its numbers joined.
void complete_cut_total(std::optional<CutRow>& cut, const Row& row,
                        const std::vector<std::size_t>& ids, CellStore& store);

// What is known of two indicator rows on either side of a break.
enum class Reading { kTextLayer, kRecognised };
struct RowsAtBreak {
  bool after_at_page_head;  // the later row is the first of its page's rows
  Reading reading;          // kRecognised if either page was recognised by OCR
};

// The first indicator row of a new page either continues the last row of
// the previous page (a row split by the break: `after` is joined into
// `before`, returns true) or starts a new row whose merged level cells may
// continue those of `before` (joined in the store, returns false).
bool join_across_break(PendingIndicator& before, const PendingIndicator& after,
                       const RowsAtBreak& at, CellStore& store);

}  // namespace kpiform::layout
