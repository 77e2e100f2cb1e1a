// Born-digital PDFs: the text layer and the ruled tables of every page.
//
// Output is pages of cells (kpiform/cells/cells.h) and knows nothing of the
// form. Thread-safe: documents may be extracted on several threads at once.
#pragma once

#include <string>
#include <vector>

#include "kpiform/cells/cells.h"

namespace kpiform::extract {

struct PdfOptions {
  // Resolution at which pages are rendered to find the table rules.
  double rule_dpi = 72;
};

// Reads every page. Throws kpiform::InputError naming the file when it is
// empty, not a PDF, damaged beyond reading, encrypted, or not a file.
std::vector<cells::Page> read_pdf(const std::string& path, const PdfOptions& options = {});

}  // namespace kpiform::extract
