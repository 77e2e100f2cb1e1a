#include "table_header.h"

#include <algorithm>

#include "labels.h"

namespace kpiform::layout {

namespace {

// A column as an index into its table's bands: the funds' and goals' by
// their enums, the indicators' by their field's place in the row.
constexpr std::size_t index(auto column) {
  return static_cast<std::size_t>(column);
}
std::size_t index(schema::Field column) {
  return indicator_column_index(column);
}

// A label function's column as an index into the table's bands.
template <auto kColumnOf>
std::optional<std::size_t> column_index(std::string_view compact) {
  const auto column = kColumnOf(compact);
  if (!column) return std::nullopt;
  return index(*column);
}

Band band_of(const cells::Box& box) {
  return {box.x0, box.x1, true};
}

}  // namespace

const TableHeadings kFundsHeadings{
    kFundsColumns,
    &column_index<&funds_column>,
    &column_index<&short_funds_heading>,
    {index(FundsColumn::kInitialBudget), index(FundsColumn::kAnnualBudget),
     index(FundsColumn::kExecuted)},
    2,
    {},
    {index(FundsColumn::kInitialBudget), index(FundsColumn::kAnnualBudget),
     index(FundsColumn::kExecuted), index(FundsColumn::kWeight), index(FundsColumn::kRate),
     index(FundsColumn::kScore)}};

const TableHeadings kGoalsHeadings{
    2,       &column_index<&goals_column>,
    nullptr, {},
    1,       {index(GoalsColumn::kPlanned), index(GoalsColumn::kAchieved)}};

namespace {

// The standard template prints an indicator row's fields in the record's
// order.
std::vector<std::size_t> every_indicator_column() {
  std::vector<std::size_t> indexes(indicator_columns());
  for (std::size_t i = 0; i < indexes.size(); ++i) indexes[i] = i;
  return indexes;
}

}  // namespace

const TableHeadings kIndicatorHeadings{
    indicator_columns(),
    &column_index<&indicator_column>,
    &column_index<&short_indicator_heading>,
    {index(schema::Field::kLevel1), index(schema::Field::kLevel3), index(schema::Field::kTarget)},
    3,
    {index(schema::Field::kLevel1), index(schema::Field::kLevel2), index(schema::Field::kLevel3),
     index(schema::Field::kTarget)},
    every_indicator_column()};

std::vector<HeaderCell> header_cells(const std::vector<std::size_t>& ids, const CellStore& store) {
  std::vector<HeaderCell> cells;
  for (std::size_t id : ids) cells.push_back({id, store.compact(id)});
  return cells;
}

namespace {

// The columns of `cells` (left to right) by their order, where one is not
// named: left of the
// heading of `in_order`'s last column, read as such, stand the others, one
// a cell, from the last back. A cell there without a column, or read as
// another of them ("-级指标", or 三级指标 read 一级指标), is the one its
// place says; a cell of some other column, or a blank one, ends the run.
void place_in_order(std::vector<std::optional<std::size_t>>& columns,
                    const std::vector<HeaderCell>& cells,
                    const std::vector<std::size_t>& in_order) {
  // Where every one is named, each is where its heading says.
  if (std::all_of(in_order.begin(), in_order.end(), [&](std::size_t column) {
        return std::find(columns.begin(), columns.end(), column) != columns.end();
      })) {
    return;
  }
  const auto anchor = std::find(columns.begin(), columns.end(), in_order.back());
  if (anchor == columns.end()) return;
  std::size_t i = static_cast<std::size_t>(anchor - columns.begin());
  for (std::size_t k = in_order.size() - 1; k-- > 0 && i-- > 0;) {
    const bool ordered =
        columns[i] && std::find(in_order.begin(), in_order.end(), *columns[i]) != in_order.end();
    if (cells[i].compact.empty() || (columns[i] && !ordered)) return;
    columns[i] = in_order[k];
  }
}

// Unnamed cells between two named ones of `printed_order`, where they are
// just as many as the columns between those two, take those columns.
void place_between(std::vector<std::optional<std::size_t>>& columns,
                   const std::vector<HeaderCell>& cells,
                   const std::vector<std::size_t>& printed_order) {
  const auto order_of = [&](const std::optional<std::size_t>& column) {
    const auto at = column ? std::find(printed_order.begin(), printed_order.end(), *column)
                           : printed_order.end();
    return at == printed_order.end()
               ? std::optional<std::size_t>{}
               : std::optional(static_cast<std::size_t>(at - printed_order.begin()));
  };
  std::optional<std::size_t> last_named;  // cell index
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const auto order = order_of(columns[i]);
    if (!order) continue;
    if (last_named) {
      const std::size_t from = *last_named, gap = i - from - 1;
      const auto before = order_of(columns[from]);
      bool unnamed = true;
      for (std::size_t k = from + 1; k < i; ++k) {
        unnamed = unnamed && !cells[k].compact.empty() && !columns[k];
      }
      if (gap > 0 && *order > *before && *order - *before - 1 == gap && unnamed) {
        for (std::size_t k = 1; k <= gap; ++k) columns[from + k] = printed_order[*before + k];
      }
    }
    last_named = i;
  }
}

}  // namespace

std::optional<Bands> header_bands(const std::vector<HeaderCell>& cells, const CellStore& store,
                                  const TableHeadings& table) {
  std::vector<std::optional<std::size_t>> columns;
  for (const HeaderCell& cell : cells) columns.push_back(table.heading(cell.compact));
  const int found = static_cast<int>(std::count_if(
      columns.begin(), columns.end(), [](const auto& column) { return column.has_value(); }));
  if (found < table.min_headings) return std::nullopt;
  // In a header, a short heading may be one character off, and a heading
  // that cannot be read is known by its place.
  for (std::size_t i = 0; i < cells.size() && table.short_heading; ++i) {
    if (columns[i]) continue;
    const auto column = table.short_heading(cells[i].compact);
    if (column && std::find(columns.begin(), columns.end(), column) == columns.end()) {
      columns[i] = column;
    }
  }
  std::vector<std::optional<std::size_t>> headed = columns;  // as read, before placing
  place_in_order(columns, cells, table.in_order);
  place_between(columns, cells, table.printed_order);
  const bool key = table.key_columns.empty() ||
                   std::any_of(columns.begin(), columns.end(), [&](const auto& column) {
                     return column && std::find(table.key_columns.begin(), table.key_columns.end(),
                                                *column) != table.key_columns.end();
                   });
  if (!key) return std::nullopt;
  // A heading read in full names its column (the last such, where two
  // do); one known otherwise takes a column none names.
  Bands bands(table.columns);
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (table.heading(cells[i].compact) && columns[i] == headed[i]) {
      bands[*columns[i]] = band_of(store.box(cells[i].id));
    }
  }
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (columns[i] && !bands[*columns[i]].present) {
      bands[*columns[i]] = band_of(store.box(cells[i].id));
    }
  }
  return bands;
}

int present(const Bands& bands) {
  return static_cast<int>(
      std::count_if(bands.begin(), bands.end(), [](const Band& band) { return band.present; }));
}

std::size_t cell_in_band(const Row& row, const Band& band, const CellStore& store) {
  if (!band.present) return kNoCell;
  std::size_t best = kNoCell;
  double best_overlap = 0;
  const cells::Box band_box{band.x0, 0, band.x1, 0};
  for (std::size_t id : row.cells()) {
    const cells::Box& box = store.box(id);
    const double overlap = box.x_overlap(band_box);
    if (overlap > best_overlap && overlap >= 0.5 * std::min(box.width(), band.x1 - band.x0)) {
      best = id;
      best_overlap = overlap;
    }
  }
  return best;
}

}  // namespace kpiform::layout
