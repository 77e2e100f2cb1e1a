// Scanned forms: image files (PNG, JPEG, TIFF with many pages) and PDF pages
// without a usable text layer, read by OCR into the same pages of cells as
// the text layer gives.
//
// Page cleaning (Leptonica): red seal ink removed by colour, background
// normalised, skew up to ±3° corrected, binarised, speckle removed. The
// table rules are found by morphology and go through the same grid builder
// as born-digital pages; each cell is recognised on its own (Tesseract,
// LSTM), with its confidence.
//
// One Tesseract engine per thread; set OMP_THREAD_LIMIT=1 before the first
// call (the CLI does) so that engines do not compete for cores.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kpiform/cells/cells.h"
#include "kpiform/extract/pdf.h"

namespace kpiform::extract {

enum class OcrMode {
  kAuto,    // the text layer where usable, OCR where missing or unusable
  kAlways,  // OCR every page
  kNever,   // never OCR: a page without text gives no cells
};

struct ScanOptions {
  int dpi = 300;                      // rendering of PDF pages for OCR
  std::string languages = "chi_sim";  // Tesseract languages
  int threads = 1;                    // pages recognised at once
  // When > 0, every page keeps its image (cells::Page::image) at this
  // resolution, for showing beside what was read (the audit report).
  int image_dpi = 0;
  // Limits that keep one hostile or mistaken input from taking the machine;
  // going over one fails that document with a reason naming the limit.
  // Pixels of one page as decoded, or as rendered for OCR or image_dpi (an
  // A4 page at 600 dpi is 35 million).
  long long max_pixels = 40'000'000;
  int max_pages = 2000;  // pages of one document
  PdfOptions pdf;
};

// Throws kpiform::InputError (stage "read") unless `path` names a regular
// file: it is looked at before it is opened, so that a FIFO, a device or a
// directory is one clear error, never a wait or an endless read.
void check_input_file(const std::string& path);

// Whether Tesseract can start with `languages` ("chi_sim", "chi_sim+eng"):
// nullopt, or why not (which traineddata is missing, and where it looked).
std::optional<std::string> check_languages(const std::string& languages);

// Reads any input: a PDF (per page, text layer or OCR by `mode`) or an
// image file (always OCR). Output is pages of cells and knows nothing of the
// form. Throws kpiform::InputError naming the file when it is empty, not a
// PDF or image, damaged beyond reading, encrypted, not a file, an image
// that cannot be decoded, over a limit of `options`, when memory runs out
// (stage "memory"), or when OCR cannot start.
std::vector<cells::Page> read_document(const std::string& path, OcrMode mode,
                                       const ScanOptions& options = {});

// Lowercase hex SHA-256 of a file's bytes; throws InputError (stage "read")
// unless it is a regular file that can be read.
std::string file_sha256(const std::string& path);

// Page `number` (1-based) of `path` as it was read, for showing beside its
// cells: a page read by OCR as cleaned (deskewed, so that the boxes OCR gave
// fall on it), a text-layer page as rendered; gray JPEG at `image_dpi`.
// `mode` as the document was read with (kAuto: OCR where the text layer is
// unusable). Throws InputError as read_document does, and for a page the
// document does not have.
cells::PageImage read_page_image(const std::string& path, int number, OcrMode mode, int image_dpi,
                                 const ScanOptions& options = {});

}  // namespace kpiform::extract
