// Places the glyphs of a page into the cells of its tables, or into free
// lines outside them, and groups them into lines.
#pragma once

#include <vector>

#include "geometry.h"
#include "kpiform/cells/cells.h"

namespace kpiform::extract {

// Each glyph goes to the cell that holds its centre, so a word that
// straddles a rule is split between its cells. Glyphs outside every table
// become the page's free lines; a wide gap splits a free line in two.
void place_glyphs(const std::vector<Glyph>& glyphs, cells::Page& page);

// Groups glyphs into lines, top to bottom, each left to right; a producer's
// word break becomes one space.
std::vector<cells::TextLine> group_lines(std::vector<const Glyph*> glyphs, bool split_wide_gaps);

}  // namespace kpiform::extract
