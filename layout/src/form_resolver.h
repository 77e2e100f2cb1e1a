// Reads a pending form's fields out of its cells: the text of each field's
// group of cells, with its confidence and origins, recognised level and
// funds names snapped to the closed vocabulary, and the warnings of a form
// whose indicator table lacks columns.
#pragma once

#include "kpiform/cells/form.h"
#include "pending_form.h"
#include "row_stream.h"

namespace kpiform::layout {

cells::Form resolve(const PendingForm& pending, CellStore& store);

}  // namespace kpiform::layout
