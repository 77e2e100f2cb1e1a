#include "row_stream.h"

#include <algorithm>

#include "kpiform/text/clean.h"
#include "labels.h"

namespace kpiform::layout {

std::size_t CellStore::add(int page, const cells::Cell& cell) {
  physical_.push_back({page, &cell, layout::compact(cell_text(cell))});
  parent_.push_back(parent_.size());
  members_.push_back({parent_.size() - 1});
  return parent_.size() - 1;
}

std::size_t CellStore::root(std::size_t id) {
  while (parent_[id] != id) id = parent_[id] = parent_[parent_[id]];
  return id;
}

void CellStore::unite(std::size_t a, std::size_t b) {
  a = root(a);
  b = root(b);
  if (a == b) return;
  // The earlier cell stays the root; members stay in reading order.
  const std::size_t kept = std::min(a, b), other = std::max(a, b);
  parent_[other] = kept;
  std::vector<std::size_t>& into = members_[kept];
  into.insert(into.end(), members_[other].begin(), members_[other].end());
  std::sort(into.begin(), into.end());
  members_[other].clear();
}

const std::vector<std::size_t>& CellStore::members(std::size_t id) {
  return members_[root(id)];
}

bool CellStore::group_empty(std::size_t id) {
  if (id == kNoCell) return true;
  return std::all_of(members(id).begin(), members(id).end(),
                     [&](std::size_t member) { return physical_[member].compact.empty(); });
}

std::string CellStore::group_compact(std::size_t id) {
  std::string text;
  for (std::size_t member : members(id)) text += physical_[member].compact;
  return text;
}

std::vector<std::size_t> Row::cells() const {
  std::vector<std::size_t> ids;
  for (std::size_t id : cover) {
    if (id != kNoCell && std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
  return ids;
}

std::vector<PageItem> page_items(const cells::Page& page, CellStore& store) {
  struct Placed {
    double y;
    PageItem item;
  };
  std::vector<Placed> placed;
  for (const cells::TextLine& line : page.free_lines) placed.push_back({line.box.y0, {&line, {}}});
  for (const cells::Table& table : page.tables) {
    std::vector<std::vector<std::size_t>> cover(static_cast<std::size_t>(table.rows),
                                                std::vector<std::size_t>(table.cols, kNoCell));
    for (const cells::Cell& cell : table.cells) {
      const std::size_t id = store.add(page.number, cell);
      // Cells reaching outside the grid are clipped to it.
      for (int r = std::max(0, cell.row); r < std::min(table.rows, cell.row + cell.row_span); ++r) {
        for (int c = std::max(0, cell.col); c < std::min(table.cols, cell.col + cell.col_span);
             ++c) {
          cover[r][c] = id;
        }
      }
    }
    for (int r = 0; r < table.rows; ++r) {
      placed.push_back({table.row_edges[r], {nullptr, Row{page.number, &table, r, cover[r]}}});
    }
  }
  std::stable_sort(placed.begin(), placed.end(),
                   [](const Placed& a, const Placed& b) { return a.y < b.y; });
  std::vector<PageItem> items;
  for (Placed& one : placed) items.push_back(std::move(one.item));
  return items;
}

std::string cell_text(const cells::Cell& cell) {
  std::vector<std::string> lines;
  for (const cells::TextLine& line : cell.lines) lines.push_back(line.text);
  return text::join_lines(lines);
}

}  // namespace kpiform::layout
