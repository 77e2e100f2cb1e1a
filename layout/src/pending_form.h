// A form as the reader finds it: the cell ids of its fields, before their
// texts are read out (cells of one field may still be joined later, by a
// page break or a merged cell).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <vector>

#include "kpiform/cells/cells.h"
#include "labels.h"
#include "row_stream.h"
#include "table_header.h"

namespace kpiform::layout {

enum class Section { kHeader, kFunds, kGoals, kIndicators, kDone };

struct PendingFunds {
  std::size_t item;
  std::array<std::size_t, kFundsColumns> values;
};

struct PendingIndicator {
  std::vector<std::size_t> columns;  // by indicator_column_index
  int page;
  bool last_of_table;

  std::size_t operator[](schema::Field column) const {
    return columns[indicator_column_index(column)];
  }
};

struct PendingForm {
  int first_page = 0;
  int last_page = 0;
  std::optional<cells::TextLine> title;
  std::optional<cells::TextLine> year_line;
  int title_page = 0;
  bool rows_seen = false;
  Section section = Section::kHeader;
  std::array<std::size_t, 3> header = {kNoCell, kNoCell, kNoCell};  // by HeaderField
  std::size_t funds_label = kNoCell;
  Bands funds_bands = Bands(kFundsColumns);
  std::vector<PendingFunds> funds;
  Bands goals_bands = Bands(2);
  std::size_t planned = kNoCell;
  std::size_t achieved = kNoCell;
  Bands indicator_bands = Bands(indicator_columns());
  bool indicator_header_seen = false;
  std::vector<PendingIndicator> indicators;
  bool has_total = false;
  std::size_t total_weight = kNoCell;
  std::size_t total_score = kNoCell;
};

}  // namespace kpiform::layout
