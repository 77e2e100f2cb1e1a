// Turns the rules of a page into tables of cells with row and column spans.
#pragma once

#include <vector>

#include "geometry.h"
#include "kpiform/cells/cells.h"

namespace kpiform::extract {

struct GridOptions {
  double tolerance = 2.0;  // points: rules this close are one
  // Share of a cell side a rule must cover to separate two cells.
  double min_coverage = 0.6;
  double min_table_width = 36;  // points
  // A row holds a line of print, 7 pt and more: edges closer are one rule.
  double min_row_height = 5;  // points
};

// Groups rules into tables (rules that touch belong together) and builds
// each table's cells; cells have no text yet. A table whose outer top or
// bottom rule is missing (a row split by a page break) is closed at the
// ends of its vertical rules and marked open there.
std::vector<cells::Table> build_tables(const Rules& rules, const GridOptions& options = {});

}  // namespace kpiform::extract
