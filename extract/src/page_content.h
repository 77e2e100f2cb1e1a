// A born-digital page read from its content stream in one pass, through
// Poppler's core output device (the layer pdftotext is built on): every
// glyph with a box from its origin, advance and font size, so that a box
// is right whatever the font type (Type 3 included); the rules the page
// strokes or fills as vector paths; and how much of it images cover.
// Private to extract/.
#pragma once

#include <memory>
#include <string>

#include "geometry.h"

namespace kpiform::extract {

struct PageContent {
  std::vector<Glyph> glyphs;  // upright page coordinates, points, y down
  Rules rules;                // the same coordinates
  double image_area = 0;      // points², of the images painted
  int turns = 0;              // quarter turns clockwise that make the page upright
  double width = 0;           // of the upright page, points
  double height = 0;
};

struct ContentOptions {
  // Strokes and filled rectangles at most this thick are rules; thicker
  // ones are drawings or shaded areas (points: 4 pt is a heavy border).
  double max_rule_thickness = 4;
  // Shorter segments are glyph-like marks, not table rules (points).
  double min_rule_length = 4;
  // Paint lighter than this (0 black, 1 white) is invisible on paper.
  double max_rule_gray = 0.6;
};

// One document's pages, read one at a time on one thread.
class ContentReader {
 public:
  // Throws InputError (stage "pdf") when the file cannot be parsed.
  explicit ContentReader(const std::string& path);
  ~ContentReader();
  ContentReader(const ContentReader&) = delete;
  ContentReader& operator=(const ContentReader&) = delete;

  // `index` is 0-based.
  PageContent read(int index, const ContentOptions& options = {});

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kpiform::extract
