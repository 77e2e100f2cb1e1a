// Scanned image files (PNG, JPEG, TIFF of any number of pages) decoded one
// page at a time, after their headers say how large the page is. The
// decoders' messages go to LibraryMessages, never to standard error.
// Private to extract/.
#pragma once

#include <optional>
#include <string>

#include "page_scan.h"

namespace kpiform::extract {

enum class ImageFormat { kPng, kJpeg, kTiff };

// The format by the file's first bytes; nullopt when it is none of them.
std::optional<ImageFormat> image_format_of(const std::string& path);

struct PageSize {
  long long width = 0;
  long long height = 0;
  long long pixels() const { return width * height; }
};

struct DecodedPage {
  PixPtr pix;  // 1, 8 or 32 bpp; what was transparent is white
  int dpi;     // as the file says, 300 when it says nothing plausible
};

class ImageFile {
 public:
  // Throws InputError (stage "image") when a TIFF's pages cannot be
  // counted; a PNG's or JPEG's one header is first read by size_of(0).
  ImageFile(std::string path, ImageFormat format);

  int pages() const { return pages_; }
  // From the page's header, before anything is decoded. `index` is 0-based.
  PageSize size_of(int index) const;
  // Throws InputError naming the page when it cannot be decoded, and
  // std::bad_alloc when memory runs out.
  DecodedPage decode(int index) const;

 private:
  std::string path_;
  ImageFormat format_;
  int pages_ = 1;
};

}  // namespace kpiform::extract
