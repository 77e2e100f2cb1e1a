// Finds a table's header row by its headings, one way for every table of
// the form (funds, goals, indicators): a row is the header when it names
// one of the table's key columns and enough columns in all; its cells'
// x ranges are then the table's columns.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "row_stream.h"

namespace kpiform::layout {

// A column of a table: the x range of its heading cell.
struct Band {
  double x0 = 0;
  double x1 = 0;
  bool present = false;
};
using Bands = std::vector<Band>;  // one per column of the table

// A header cell: its id and its text (with the half a page break cut off,
// where there is one).
struct HeaderCell {
  std::size_t id;
  std::string compact;
};

// A table's headings and what makes a row its header.
struct TableHeadings {
  std::size_t columns;
  // The column a cell's text names, wherever the row is.
  std::optional<std::size_t> (*heading)(std::string_view compact);
  // In a row that is a header, the column a heading read one character off
  // names (null: none such).
  std::optional<std::size_t> (*short_heading)(std::string_view compact);
  // A header names one of these columns (empty: any) ...
  std::vector<std::size_t> key_columns;
  // ... and at least this many columns in all.
  int min_headings;
  // Columns that stand side by side, left to right, in this order: a cell
  // whose heading cannot be read, left of one that can, takes the column
  // before it ("-级指标" left of 指标值 is 三级指标).
  std::vector<std::size_t> in_order = {};
  // The table's columns left to right as the standard template prints
  // them: cells whose headings cannot be read (a seal over them), between
  // two cells named as columns of this order with just their room between
  // them, are the columns between (分值 between 实际完成值 and 得分). A form
  // printing its columns in another order leaves no such room.
  std::vector<std::size_t> printed_order = {};
};

// 年初预算数 / 全年预算数 / 全年执行数 with 分值, 执行率, 得分: two at least.
extern const TableHeadings kFundsHeadings;
// 预算目标 (预期目标) / 实际完成情况, in that order.
extern const TableHeadings kGoalsHeadings;
// A level column (一级指标 or 三级指标) or 指标值, and at least three
// headings; the levels stand in order left of 指标值.
extern const TableHeadings kIndicatorHeadings;

std::vector<HeaderCell> header_cells(const std::vector<std::size_t>& ids, const CellStore& store);

// The columns `cells` head if they are a header of `table`.
std::optional<Bands> header_bands(const std::vector<HeaderCell>& cells, const CellStore& store,
                                  const TableHeadings& table);

// How many columns `bands` found.
int present(const Bands& bands);

// The cell of `row` under `band`: the one overlapping it most, by half its
// width or the band's at least; kNoCell when none.
std::size_t cell_in_band(const Row& row, const Band& band, const CellStore& store);

}  // namespace kpiform::layout
