// Finds table rules in a rendered page: long, thin runs of dark pixels.
#pragma once

#include <cstdint>
#include <vector>

#include "geometry.h"

namespace kpiform::extract {

// An 8-bit grayscale image, row-major, 0 = black.
struct GrayImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;

  std::uint8_t at(int x, int y) const { return pixels[static_cast<std::size_t>(y) * width + x]; }
};

struct RuleFinderOptions {
  double dpi = 72;           // of the image; results are in points
  double min_length = 8;     // points; shorter runs are glyph strokes
  double max_thickness = 4;  // points; thicker runs are filled areas
  int max_gap = 1;           // pixels of broken rule bridged
  std::uint8_t dark = 160;   // a pixel below this is ink
  bool horizontal = true;    // which rules to look for
  bool vertical = true;
};

Rules find_rules(const GrayImage& image, const RuleFinderOptions& options);

}  // namespace kpiform::extract
