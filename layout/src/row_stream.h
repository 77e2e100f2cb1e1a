// The input of the form reader: the cells of every page, kept once in a
// store where cells that are one logical cell (halves cut by a page break,
// merged level cells, a goals text over several rows) are grouped, and
// each page as a stream of free lines and table grid rows, top to bottom.
#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "kpiform/cells/cells.h"

namespace kpiform::layout {

inline constexpr std::size_t kNoCell = std::numeric_limits<std::size_t>::max();

// One table cell of the input, wherever it is.
struct Physical {
  int page;
  const cells::Cell* cell;
  std::string compact;  // for label matching
};

// The cells of the input by id, and their groups. Ids are given in reading
// order; a group's members stay in that order. Cells are borrowed: the
// pages must outlive the store.
class CellStore {
 public:
  std::size_t add(int page, const cells::Cell& cell);

  const Physical& operator[](std::size_t id) const { return physical_[id]; }
  const std::string& compact(std::size_t id) const { return physical_[id].compact; }
  const cells::Box& box(std::size_t id) const { return physical_[id].cell->box; }

  // Makes the groups of `a` and `b` one.
  void unite(std::size_t a, std::size_t b);
  // The cells of the group of `id`, in reading order.
  const std::vector<std::size_t>& members(std::size_t id);
  // Whether the group of `id` holds no text (true for kNoCell).
  bool group_empty(std::size_t id);
  // The compact text of the group of `id`, member after member.
  std::string group_compact(std::size_t id);

 private:
  std::size_t root(std::size_t id);

  std::vector<Physical> physical_;
  std::vector<std::size_t> parent_;
  std::vector<std::vector<std::size_t>> members_;  // of the roots only
};

// One grid row of a table: which cell covers each grid column.
struct Row {
  int page;
  const cells::Table* table;
  int grid_row;
  std::vector<std::size_t> cover;

  bool first_of_table() const { return grid_row == 0; }
  bool last_of_table() const { return grid_row + 1 == table->rows; }
  // The cells of the row, left to right, each once.
  std::vector<std::size_t> cells() const;
};

// A free line or a table row of a page (`line` null for a row).
struct PageItem {
  const cells::TextLine* line;
  Row row;
};

// The free lines and table rows of `page`, top to bottom; its table cells
// are added to `store`.
std::vector<PageItem> page_items(const cells::Page& page, CellStore& store);

// A cell's lines joined as one text.
std::string cell_text(const cells::Cell& cell);

}  // namespace kpiform::layout
