#include "table_header.h"

#include <algorithm>

#include "labels.h"

namespace kpiform::layout {

namespace {

// A label function's column as an index into the table's bands.
template <auto kColumnOf>
std::optional<std::size_t> column_index(std::string_view compact) {
  const auto column = kColumnOf(compact);
  if (!column) return std::nullopt;
  return static_cast<std::size_t>(*column);
}

constexpr std::size_t index(auto column) {
  return static_cast<std::size_t>(column);
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
    2};

const TableHeadings kGoalsHeadings{2, &column_index<&goals_column>, nullptr, {}, 1};

const TableHeadings kIndicatorHeadings{
    kIndicatorColumns,
    &column_index<&indicator_column>,
    &column_index<&short_indicator_heading>,
    {index(IndicatorColumn::kLevel1), index(IndicatorColumn::kLevel3)},
    3};

std::vector<HeaderCell> header_cells(const std::vector<std::size_t>& ids, const CellStore& store) {
  std::vector<HeaderCell> cells;
  for (std::size_t id : ids) cells.push_back({id, store.compact(id)});
  return cells;
}

std::optional<Bands> header_bands(const std::vector<HeaderCell>& cells, const CellStore& store,
                                  const TableHeadings& table) {
  Bands bands(table.columns);
  int found = 0;
  bool key = table.key_columns.empty();
  for (const HeaderCell& cell : cells) {
    const auto column = table.heading(cell.compact);
    if (!column) continue;
    bands[*column] = band_of(store.box(cell.id));
    ++found;
    key = key || std::find(table.key_columns.begin(), table.key_columns.end(), *column) !=
                     table.key_columns.end();
  }
  if (!key || found < table.min_headings) return std::nullopt;
  if (!table.short_heading) return bands;
  for (const HeaderCell& cell : cells) {
    if (table.heading(cell.compact)) continue;
    const auto column = table.short_heading(cell.compact);
    if (column && !bands[*column].present) bands[*column] = band_of(store.box(cell.id));
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
