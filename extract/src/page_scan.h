// A scanned page image to a page of cells: cleaning, rules, cell OCR.
#pragma once

#include <leptonica/allheaders.h>

#include <memory>
#include <string>

#include "kpiform/cells/cells.h"

namespace kpiform::extract {

struct PixDeleter {
  void operator()(PIX* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

// Recognises a page image (8 or 32 bpp) scanned at `dpi`. Boxes in the
// result are in points of the cleaned (deskewed) page.
cells::Page recognise_page(PIX* scan, int dpi, int number, const std::string& languages);

}  // namespace kpiform::extract
