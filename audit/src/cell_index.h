// Finding the cells of a page again: by the box a field's origin recorded,
// and the fields each cell feeds. Private to audit/.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "kpiform/cells/cells.h"
#include "kpiform/normalize/record_builder.h"

namespace kpiform::audit {

using cells::same_box;

// The text of a cell's lines as a record would hold it.
std::string cell_text(const std::vector<cells::TextLine>& lines);

// The lowest confidence of the lines (1 without lines).
double cell_confidence(const std::vector<cells::TextLine>& lines);

// Where a field was read: form (index into the records), field path.
struct FieldRef {
  std::size_t form = 0;
  schema::FieldPath field;
};

// The fields read from each box of each page.
class FieldIndex {
 public:
  explicit FieldIndex(const std::vector<normalize::BuiltRecord>& records);

  // The fields read (in whole or part) from the box on the page.
  std::vector<FieldRef> fields_at(int page, const cells::Box& box) const;

 private:
  std::map<int, std::vector<std::pair<cells::Box, FieldRef>>> by_page_;
};

}  // namespace kpiform::audit
