// Finds the forms in pages of cells and reads their fields by label.
//
// Labels, not positions, locate every field: header rows (项目名称, 主管部门,
// 实施单位), the funds table (年初预算数 …), the goals (预算目标 / 实际完成情况)
// and the indicator table (一级指标 … with their synonyms). Merged level
// cells are filled down, forms run over page breaks, a row split by a page
// break is joined, and one input may hold many forms.
#pragma once

#include <vector>

#include "kpiform/cells/cells.h"
#include "kpiform/cells/form.h"

namespace kpiform::layout {

// Forms in reading order. Pages without a form give none.
std::vector<cells::Form> read_forms(const std::vector<cells::Page>& pages);

}  // namespace kpiform::layout
