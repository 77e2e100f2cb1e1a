// Fuzz target for the image readers: bytes -> the format by its first bytes
// -> each page's header -> the page decoded (PNG, JPEG, TIFF of any pages).
// Pages over a few megapixels are only measured, as read_document refuses
// them before decoding.
#include <cstddef>
#include <cstdint>

#include "fuzz_file.h"
#include "image_file.h"
#include "kpiform/schema/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kpiform;
  const std::string path = fuzzing::file_holding(data, size, ".img");
  const auto format = extract::image_format_of(path);
  if (!format) return 0;
  try {
    const extract::ImageFile file(path, *format);
    for (int page = 0; page < file.pages() && page < 8; ++page) {
      const extract::PageSize page_size = file.size_of(page);
      if (page_size.pixels() > 4'000'000) continue;
      const extract::DecodedPage decoded = file.decode(page);
      if (!decoded.pix) __builtin_trap();  // decode() returns a page or throws
    }
  } catch (const InputError&) {
  }
  return 0;
}
