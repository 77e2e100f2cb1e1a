// Tesseract behind a narrow interface: recognise one cell image.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "kpiform/cells/cells.h"

struct Pix;

namespace kpiform::extract {

struct RecognisedLine {
  std::string text;
  double confidence;  // 0..1
  // Box in the pixel coordinates of the image given.
  int x0, y0, x1, y1;
  // Where each code point of `text` lies across the image, as [x0, x1)
  // (a space: the blank between its neighbours); the recogniser's boxes,
  // rough by a few pixels.
  std::vector<std::pair<int, int>> spans{};
};

// Recognises `image` (8 bpp), one line of text, with this thread's engine
// for `languages`. Throws std::runtime_error when the engine cannot start
// (no language data).
std::vector<RecognisedLine> recognise_line(Pix* image, int dpi, const std::string& languages);

// Recognises one line that holds a number ("250,990", "=100%", ">=90%")
// with the Latin model and only number characters allowed.
std::vector<RecognisedLine> recognise_number(Pix* image, int dpi);

// Whether recognised text is probably a number: digits, signs and the
// stray marks a garbled number shows, and no run of Chinese text.
bool looks_numeric(const std::string& text);

}  // namespace kpiform::extract
