// Files that once made kpiform take gigabytes, written for the memory
// benchmark (memory_bounds.cpp) and tests/cli/hostile_input_test.cpp alike.
// Each returns false when it cannot be written.
#pragma once

#include <filesystem>

namespace kpiform::testing {

// A one-page PDF whose page is 5000 × 5000 pt (434 megapixels at 300 dpi).
bool write_poster_pdf(const std::filesystem::path& path);

// `pages` blank pages of 8-bit gray at 100 dpi with one short rule each;
// decoded, every page takes a megabyte.
bool write_long_tiff(const std::filesystem::path& path, int pages);

// A blank 1-bit PNG of `width` × `height` (30000 × 30000 is about 1 MB).
bool write_blank_png(const std::filesystem::path& path, int width, int height);

}  // namespace kpiform::testing
