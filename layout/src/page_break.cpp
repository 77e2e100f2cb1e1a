#include "page_break.h"

#include <algorithm>
#include <string>

#include "labels.h"

namespace kpiform::layout {

namespace {

// For each cell of a page's first row, the cell of the cut row above it
// that shares its columns; kNoCell where none does.
std::vector<std::size_t> cells_above(const std::vector<std::size_t>& cut,
                                     const std::vector<std::size_t>& ids, const CellStore& store) {
  std::vector<std::size_t> above(ids.size(), kNoCell);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const cells::Box& box = store.box(ids[i]);
    for (std::size_t candidate : cut) {
      const cells::Box& other = store.box(candidate);
      if (box.x_overlap(other) >= 0.5 * std::min(box.width(), other.width())) {
        above[i] = candidate;
      }
    }
  }
  return above;
}

struct BelowCut {
  std::vector<std::size_t> cut, above;
};

// The cut row and, for each cell of `row`, the cell above it there;
// nullopt unless `row` is the first of a later page. `pending` is taken.
std::optional<BelowCut> take_cut(std::optional<CutRow>& pending, const Row& row,
                                 const std::vector<std::size_t>& ids, const CellStore& store) {
  if (!pending) return std::nullopt;
  const CutRow cut = *pending;
  pending.reset();
  if (row.page == cut.page || !row.first_of_table()) return std::nullopt;
  return BelowCut{cut.ids, cells_above(cut.ids, ids, store)};
}

// The halves of the cells a break cut are one cell.
void join_halves(const std::vector<std::size_t>& above, const std::vector<std::size_t>& ids,
                 CellStore& store) {
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (above[i] != kNoCell) store.unite(above[i], ids[i]);
  }
}

}  // namespace

std::optional<std::vector<HeaderCell>> complete_cut_labels(std::optional<CutRow>& cut,
                                                           const Row& row,
                                                           const std::vector<std::size_t>& ids,
                                                           CellStore& store) {
  const auto below = take_cut(cut, row, ids, store);
  if (!below) return std::nullopt;
  std::vector<HeaderCell> joined = header_cells(below->cut, store);
  bool completes = false;  // a label that only the two halves make
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (below->above[i] == kNoCell || store.compact(ids[i]).empty()) continue;
    const auto at = std::find_if(joined.begin(), joined.end(), [&](const HeaderCell& cell) {
      return cell.id == below->above[i];
    });
    completes = completes ||
                (!header_field(at->compact) && header_field(at->compact + store.compact(ids[i])));
    at->compact += store.compact(ids[i]);
  }
  if (!completes) return std::nullopt;
  join_halves(below->above, ids, store);
  return joined;
}

std::optional<Bands> complete_cut_header(std::optional<CutRow>& cut, const Row& row,
                                         const std::vector<std::size_t>& ids, const Bands& known,
                                         CellStore& store) {
  const auto below = take_cut(cut, row, ids, store);
  if (!below) return std::nullopt;
  const std::vector<std::size_t>& above = below->above;
  std::vector<HeaderCell> joined;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    joined.push_back(
        {ids[i], (above[i] == kNoCell ? "" : store.compact(above[i])) + store.compact(ids[i])});
  }
  const auto bands = header_bands(joined, store, kIndicatorHeadings);
  if (!bands) return std::nullopt;
  bool rest_of_words = false, only_headings = true;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    // Words under a blank half are no rest of a heading (a merged label
    // such as 绩效指标 printed once, on this page).
    if (store.compact(ids[i]).empty()) continue;
    if (above[i] == kNoCell || store.compact(above[i]).empty()) continue;
    rest_of_words = true;
    only_headings = only_headings && kIndicatorHeadings.heading(joined[i].compact).has_value();
  }
  const bool more = present(*bands) > present(known);
  if (!more && !(rest_of_words && only_headings)) return std::nullopt;
  join_halves(above, ids, store);
  return bands;
}

void complete_cut_total(std::optional<CutRow>& cut, const Row& row,
                        const std::vector<std::size_t>& ids, CellStore& store) {
  if (const auto below = take_cut(cut, row, ids, store)) join_halves(below->above, ids, store);
}

bool join_across_break(PendingIndicator& before, const PendingIndicator& after,
                       const RowsAtBreak& at, CellStore& store) {
  using schema::Field;
  auto empty = [&](const PendingIndicator& line, Field column) {
    return store.group_empty(line[column]);
  };
  // An indicator prints its name, its points (分值, 得分) and its values
  // (指标值, 实际值); a half of a cut row lacks the name, both values, or
  // its points. A text layer's empty cell is empty: one point missing
  // there marks a half ("5.4" above the break, its 分值 below). What OCR
  // leaves empty may be a number it did not read: there only both points
  // missing do.
  auto partial = [&](const PendingIndicator& line) {
    const bool no_weight = empty(line, Field::kIndicatorWeight);
    const bool no_score = empty(line, Field::kIndicatorScore);
    const bool points_missing =
        at.reading == Reading::kTextLayer ? no_weight || no_score : no_weight && no_score;
    return empty(line, Field::kLevel3) || points_missing ||
           (empty(line, Field::kTarget) && empty(line, Field::kActual));
  };
  if (partial(before) || partial(after)) {
    for (std::size_t k = 0; k < before.columns.size(); ++k) {
      if (before.columns[k] == kNoCell) {
        before.columns[k] = after.columns[k];
      } else if (after.columns[k] != kNoCell) {
        store.unite(before.columns[k], after.columns[k]);
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
  if (!before.last_of_table || !at.after_at_page_head) return false;
  for (Field level : {Field::kLevel1, Field::kLevel2}) {
    const std::size_t a = before[level];
    const std::size_t b = after[level];
    if (a == kNoCell || b == kNoCell) break;
    const std::string first = store.group_compact(a);
    const std::string second = store.group_compact(b);
    const bool two_names = is_level_name(first) && is_level_name(second);
    const bool open = store[a].cell->open_bottom && store[b].cell->open_top;
    const bool same = first.empty() || second.empty() || first == second ||
                      (!is_level_name(first) && is_level_name(first + second)) ||
                      (open && !two_names);
    if (!same) break;  // a new level 1 begins a new level 2 too
    store.unite(a, b);
  }
  return false;
}

}  // namespace kpiform::layout
