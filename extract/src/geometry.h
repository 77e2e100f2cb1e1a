// Rules and glyphs in page coordinates (points, y down), the inputs of the
// grid builder and the text placer. Private to extract/.
#pragma once

#include <string>
#include <vector>

#include "kpiform/cells/cells.h"

namespace kpiform::extract {

// A horizontal rule at y from x0 to x1, or a vertical one at x from y0 to y1.
struct HorizontalRule {
  double y;
  double x0;
  double x1;
};
struct VerticalRule {
  double x;
  double y0;
  double y1;
};

struct Rules {
  std::vector<HorizontalRule> horizontal;
  std::vector<VerticalRule> vertical;
};

// One character of the text layer with its box.
struct Glyph {
  std::string text;  // UTF-8, usually one code point
  cells::Box box;
  bool space_after = false;  // the producer put a word break after it
};

}  // namespace kpiform::extract
