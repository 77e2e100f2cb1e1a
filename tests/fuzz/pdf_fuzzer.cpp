// Fuzz target for the PDF entry: bytes -> read_document (text layer only, no
// OCR: a fuzzer's page is no scan) -> read_forms. Any input must end in pages
// or in InputError, never a crash, a hang or another exception.
#include <cstddef>
#include <cstdint>

#include "fuzz_file.h"
#include "kpiform/extract/scan.h"
#include "kpiform/layout/forms.h"
#include "kpiform/schema/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kpiform;
  const std::string path = fuzzing::file_holding(data, size, ".pdf");
  extract::ScanOptions options;
  options.max_pages = 20;  // a fuzzer's thousand-page tree is no news
  try {
    const auto pages = extract::read_document(path, extract::OcrMode::kNever, options);
    layout::read_forms(pages);
  } catch (const InputError&) {
  }
  return 0;
}
