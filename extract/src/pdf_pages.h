// One PDF page at a time, for the document reader: the text layer, whether
// it can be trusted, and the page of cells it gives. Private to extract/.
#pragma once

#include <poppler-document.h>
#include <poppler-page.h>

#include <memory>
#include <string>
#include <vector>

#include "geometry.h"
#include "kpiform/cells/cells.h"
#include "kpiform/extract/pdf.h"
#include "page_content.h"

namespace kpiform::extract {

inline constexpr const char* kStage = "pdf";

// Opens a PDF, or throws InputError saying why it cannot be read.
std::unique_ptr<poppler::document> open_pdf(const std::string& path);

// The renderer's rotation for `turns` quarter turns clockwise.
inline poppler::rotation_enum rotation_of(int turns) {
  static constexpr poppler::rotation_enum kTurns[] = {poppler::rotate_0, poppler::rotate_90,
                                                      poppler::rotate_180, poppler::rotate_270};
  return kTurns[turns & 3];
}

// Whether the text layer stands for the page (else: OCR): readable, and
// either plenty of it or no scanned image under it.
bool text_layer_usable(const PageContent& content);

// The page's tables from its vector rules (from a rendering of it when it
// has none but an image) with the glyphs placed in their cells.
cells::Page text_layer_page(const poppler::page& page, const PageContent& content, int number,
                            const PdfOptions& options, const std::string& path);

}  // namespace kpiform::extract
