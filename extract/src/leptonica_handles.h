// Leptonica's images and boxes owned by unique_ptr: Leptonica's allocations
// throw std::bad_alloc (read_document's allocator), so a raw handle held
// across any call that allocates would leak when one fails.
#pragma once

#include <leptonica/allheaders.h>

#include <memory>

namespace kpiform::extract {

struct PixDeleter {
  void operator()(PIX* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

struct BoxDeleter {
  void operator()(BOX* box) const { boxDestroy(&box); }
};
using BoxPtr = std::unique_ptr<BOX, BoxDeleter>;

struct BoxaDeleter {
  void operator()(BOXA* boxes) const { boxaDestroy(&boxes); }
};
using BoxaPtr = std::unique_ptr<BOXA, BoxaDeleter>;

// The rectangle of `pix` (cut to the image); null when it lies outside.
inline PixPtr clipped_to(PIX* pix, l_int32 x, l_int32 y, l_int32 w, l_int32 h) {
  const BoxPtr box(boxCreate(x, y, w, h));
  return PixPtr(box ? pixClipRectangle(pix, box.get(), nullptr) : nullptr);
}

// `pix` without the white around its ink, and where the ink is in `pix`;
// both null when it has no ink.
struct Foreground {
  PixPtr ink;
  BoxPtr box;
};
inline Foreground foreground_of(PIX* pix) {
  PIX* ink = nullptr;
  BOX* box = nullptr;
  pixClipToForeground(pix, &ink, &box);
  Foreground found{PixPtr(ink), BoxPtr(box)};
  if (!found.ink || !found.box) return {};
  return found;
}

}  // namespace kpiform::extract
