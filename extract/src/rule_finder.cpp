#include "rule_finder.h"

#include <algorithm>

namespace kpiform::extract {

namespace {

// A run of ink along one scan line, in pixels.
struct Run {
  int line;   // row for horizontal runs, column for vertical ones
  int start;  // inclusive
  int end;    // exclusive
};

// Runs of ink at least `min_length` long along each scan line; gaps of up
// to `max_gap` pixels are bridged.
template <typename InkAt>
std::vector<Run> long_runs(int lines, int length, int min_length, int max_gap, InkAt ink) {
  std::vector<Run> runs;
  for (int line = 0; line < lines; ++line) {
    int start = -1;
    int last_ink = -1;
    for (int i = 0; i <= length; ++i) {
      const bool is_ink = i < length && ink(line, i);
      if (is_ink) {
        if (start < 0 || i - last_ink - 1 > max_gap) {
          if (start >= 0 && last_ink + 1 - start >= min_length) {
            runs.push_back({line, start, last_ink + 1});
          }
          start = i;
        }
        last_ink = i;
      }
    }
    if (start >= 0 && last_ink + 1 - start >= min_length)
      runs.push_back({line, start, last_ink + 1});
  }
  return runs;
}

// A rule: runs on adjacent scan lines that overlap, merged.
struct Band {
  int first_line;
  int last_line;
  int start;
  int end;
};

std::vector<Band> merge_adjacent(std::vector<Run> runs) {
  std::sort(runs.begin(), runs.end(), [](const Run& a, const Run& b) {
    return a.line != b.line ? a.line < b.line : a.start < b.start;
  });
  std::vector<Band> bands;
  std::vector<std::size_t> open;  // bands that reached the previous line
  int current_line = -2;
  std::vector<std::size_t> next_open;
  for (const Run& run : runs) {
    if (run.line != current_line) {
      open = run.line == current_line + 1 ? next_open : std::vector<std::size_t>{};
      next_open.clear();
      current_line = run.line;
    }
    bool merged = false;
    for (std::size_t index : open) {
      Band& band = bands[index];
      if (run.start < band.end && run.end > band.start) {
        band.last_line = run.line;
        band.start = std::min(band.start, run.start);
        band.end = std::max(band.end, run.end);
        next_open.push_back(index);
        merged = true;
        break;
      }
    }
    if (!merged) {
      bands.push_back({run.line, run.line, run.start, run.end});
      next_open.push_back(bands.size() - 1);
    }
  }
  return bands;
}

}  // namespace

Rules find_rules(const GrayImage& image, const RuleFinderOptions& options) {
  const double scale = 72.0 / options.dpi;  // pixels to points
  const int min_length = std::max(3, static_cast<int>(options.min_length / scale));
  const int max_thickness = std::max(1, static_cast<int>(options.max_thickness / scale + 0.5));
  auto ink = [&](int x, int y) { return image.at(x, y) < options.dark; };

  auto to_rules = [&](const std::vector<Run>& runs, auto& out) {
    for (const Band& band : merge_adjacent(runs)) {
      if (band.last_line - band.first_line + 1 > max_thickness) continue;
      out.push_back({(band.first_line + band.last_line + 1) / 2.0 * scale, band.start * scale,
                     band.end * scale});
    }
  };
  Rules rules;
  if (options.horizontal) {
    to_rules(long_runs(image.height, image.width, min_length, options.max_gap,
                       [&](int y, int x) { return ink(x, y); }),
             rules.horizontal);
  }
  if (options.vertical) {
    to_rules(long_runs(image.width, image.height, min_length, options.max_gap,
                       [&](int x, int y) { return ink(x, y); }),
             rules.vertical);
  }
  return rules;
}

}  // namespace kpiform::extract
