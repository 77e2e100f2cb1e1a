// Options for the text-layer path of read_document (scan.h): born-digital
// pages give their text layer and their ruled tables.
#pragma once

namespace kpiform::extract {

struct PdfOptions {
  // Resolution at which pages are rendered to find the table rules.
  double rule_dpi = 72;
};

}  // namespace kpiform::extract
