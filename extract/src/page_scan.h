// A scanned page image to a page of cells: cleaning, rules, cell OCR.
#pragma once

#include <string>

#include "kpiform/cells/cells.h"
#include "leptonica_handles.h"

namespace kpiform::extract {

// A scanned page as recognise_page reads it: gray, seal ink removed,
// background normalised, deskewed (8 bpp).
PixPtr cleaned_page(PIX* scan, int dpi);

// Recognises a page image (8 or 32 bpp) scanned at `dpi`. Boxes in the
// result are in points of the cleaned (deskewed) page. With `image_dpi` > 0
// the page keeps that cleaned image, in gray, at `image_dpi`.
cells::Page recognise_page(PIX* scan, int dpi, int number, const std::string& languages,
                           int image_dpi = 0);

// A page image for showing: gray, scaled from `dpi` to `image_dpi`, JPEG.
cells::PageImage encode_page_image(PIX* page, int dpi, int image_dpi);

}  // namespace kpiform::extract
