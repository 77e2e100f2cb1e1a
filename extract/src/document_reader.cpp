#include <openssl/evp.h>

#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <sys/stat.h>

#include <cerrno>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <new>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include "image_file.h"
#include "kpiform/extract/pdf.h"
#include "kpiform/extract/scan.h"
#include "kpiform/schema/error.h"
#include "kpiform/workers/worker_pool.h"
#include "library_messages.h"
#include "page_scan.h"
#include "pdf_pages.h"

namespace kpiform::extract {

namespace {

constexpr const char* kImageStage = "image";

// Pixel data is where memory runs out: an allocation Leptonica cannot make
// is std::bad_alloc (a document error), not a null image to fall over.
void* allocate_pixels(std::size_t bytes) {
  void* data = std::malloc(bytes);
  if (!data) throw std::bad_alloc();
  return data;
}

void use_throwing_pixel_allocator() {
  static std::once_flag once;
  std::call_once(once, [] { setPixMemoryManager(allocate_pixels, std::free); });
}

// Page images waiting or being recognised, over every document read at once:
// about 10 bytes a pixel go through cleaning, so 40 megapixels in flight keep
// the pages of -j 2 (four A4 pages at 300 dpi) with two engines under 1 GB.
constexpr long long kPixelsInFlight = 40'000'000;

// Admits pages while their pixels fit kPixelsInFlight; a page larger than
// that is admitted alone (--max-pixels bounds it).
class PixelBudget {
 public:
  class Reservation {
   public:
    Reservation() = default;
    Reservation(PixelBudget* budget, long long pixels) : budget_(budget), pixels_(pixels) {}
    Reservation(Reservation&& other) noexcept
        : budget_(std::exchange(other.budget_, nullptr)), pixels_(other.pixels_) {}
    Reservation& operator=(Reservation&& other) noexcept {
      release();
      budget_ = std::exchange(other.budget_, nullptr);
      pixels_ = other.pixels_;
      return *this;
    }
    ~Reservation() { release(); }

   private:
    void release() {
      if (budget_) budget_->give_back(pixels_);
      budget_ = nullptr;
    }
    PixelBudget* budget_ = nullptr;
    long long pixels_ = 0;
  };

  static PixelBudget& shared() {
    static PixelBudget budget;
    return budget;
  }

  Reservation reserve(long long pixels) {
    std::unique_lock lock(mutex_);
    freed_.wait(lock, [&] { return in_use_ == 0 || in_use_ + pixels <= kPixelsInFlight; });
    in_use_ += pixels;
    return Reservation(this, pixels);
  }

 private:
  void give_back(long long pixels) {
    {
      std::lock_guard lock(mutex_);
      in_use_ -= pixels;
    }
    freed_.notify_all();
  }

  std::mutex mutex_;
  std::condition_variable freed_;
  long long in_use_ = 0;
};

std::string megapixels(long long pixels) {
  return std::to_string((pixels + 500'000) / 1'000'000) + " megapixels";
}

void check_page_pixels(const std::string& path, const char* stage, long long pixels,
                       const ScanOptions& options, int page, const std::string& what) {
  if (pixels <= options.max_pixels) return;
  throw InputError(path, stage,
                   what + " is " + megapixels(pixels) + ", over the limit of " +
                       megapixels(options.max_pixels) + " a page (--max-megapixels)",
                   page);
}

void check_page_count(const std::string& path, const char* stage, int pages,
                      const ScanOptions& options) {
  if (pages <= options.max_pages) return;
  throw InputError(path, stage,
                   std::to_string(pages) + " pages, over the limit of " +
                       std::to_string(options.max_pages) + " a document (--max-pages)");
}

// The page in colour, turned by `turns` quarter turns clockwise.
PixPtr render_in_colour(const poppler::page& page, int dpi, int turns = 0) {
  poppler::page_renderer renderer;
  renderer.set_render_hints(poppler::page_renderer::antialiasing |
                            poppler::page_renderer::text_antialiasing);
  renderer.set_image_format(poppler::image::format_argb32);
  const poppler::image image =
      renderer.render_page(&page, dpi, dpi, -1, -1, -1, -1, rotation_of(turns));
  if (!image.is_valid()) return nullptr;
  // Poppler gives an image without pixels when it could not allocate them.
  if (!image.const_data()) throw std::bad_alloc();
  PixPtr pix(pixCreate(image.width(), image.height(), 32));
  if (!pix) throw std::bad_alloc();
  for (int y = 0; y < image.height(); ++y) {
    const char* row = image.const_data() + static_cast<std::ptrdiff_t>(y) * image.bytes_per_row();
    l_uint32* line = pixGetData(pix.get()) + static_cast<std::ptrdiff_t>(y) * pixGetWpl(pix.get());
    for (int x = 0; x < image.width(); ++x) {
      std::uint32_t word;  // 0xAARRGGBB
      std::memcpy(&word, row + 4 * x, 4);
      composeRGBPixel(static_cast<l_int32>((word >> 16) & 0xFF),
                      static_cast<l_int32>((word >> 8) & 0xFF), static_cast<l_int32>(word & 0xFF),
                      line + x);
    }
  }
  return pix;
}

cells::Page ocr_page(PIX* pix, int dpi, int number, const ScanOptions& options,
                     const std::string& path) {
  try {
    return recognise_page(pix, dpi, number, options.languages, options.image_dpi);
  } catch (const std::runtime_error& error) {
    throw InputError(path, "ocr", error.what(), number);
  }
}

// Pages are recognised on `threads` workers while the caller decodes or
// renders the next ones, as far as the shared PixelBudget lets it. With one
// thread the caller recognises each page itself: its engine (one per thread)
// then serves every file it reads.
int recognition_workers(const ScanOptions& options) {
  return options.threads > 1 ? options.threads : 0;
}

// Recognises `image` into `out` (which outlives the pool) on `pool`; the image
// and its reservation are given back when the page is done or dropped.
void recognise(workers::WorkerPool& pool, PixPtr image, PixelBudget::Reservation reservation,
               int dpi, int number, const ScanOptions& options, const std::string& path,
               cells::Page* out) {
  pool.submit([image = std::move(image), reservation = std::move(reservation), dpi, number,
               &options, &path, out] { *out = ocr_page(image.get(), dpi, number, options, path); });
}

// The file is a regular one (check_input_file).
void check_not_empty(const std::string& path, const char* stage) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  if (error) throw InputError(path, stage, "cannot read its size: " + error.message());
  if (size == 0) throw InputError(path, stage, "empty file");
}

// One page at a time: a page is decoded only when the budget has room for it.
std::vector<cells::Page> read_image(const std::string& path, ImageFormat format,
                                    const ScanOptions& options) {
  check_not_empty(path, kImageStage);
  const ImageFile file(path, format);
  check_page_count(path, kImageStage, file.pages(), options);
  std::vector<cells::Page> pages(static_cast<std::size_t>(file.pages()));
  workers::WorkerPool pool(recognition_workers(options));
  for (int index = 0; index < file.pages() && !pool.failed(); ++index) {
    const PageSize size = file.size_of(index);
    check_page_pixels(path, kImageStage, size.pixels(), options, index + 1, "the image");
    auto reservation = PixelBudget::shared().reserve(size.pixels());
    DecodedPage page = file.decode(index);
    recognise(pool, std::move(page.pix), std::move(reservation), page.dpi, index + 1, options, path,
              &pages[static_cast<std::size_t>(index)]);
  }
  pool.finish();
  return pages;
}

// The page's size in pixels at `dpi`, from its media box.
long long rendered_pixels(const poppler::page& page, int dpi) {
  const poppler::rectf box = page.page_rect(poppler::media_box);
  const double scale = dpi / 72.0;
  return static_cast<long long>(box.width() * scale + 1) *
         static_cast<long long>(box.height() * scale + 1);
}

// `said`: what Poppler has said while the document is read.
std::vector<cells::Page> read_pdf(const std::string& path, OcrMode mode, const ScanOptions& options,
                                  const LibraryMessages& said) {
  const auto document = open_pdf(path);
  check_page_count(path, kStage, document->pages(), options);
  ContentReader content_reader(path);
  // Poppler renders on this thread (a document is not shared between
  // threads); recognition runs on the pool.
  std::vector<cells::Page> pages(static_cast<std::size_t>(document->pages()));
  std::optional<workers::WorkerPool> pool;
  int text_pages = 0;
  for (int index = 0; index < document->pages() && !(pool && pool->failed()); ++index) {
    std::unique_ptr<poppler::page> page(document->create_page(index));
    if (!page) throw InputError(path, kStage, "damaged page", index + 1);
    const PageContent content = content_reader.read(index);
    // A content stream whose /Length runs past its end: Poppler reads the
    // next objects as page content (their keywords as unknown operators)
    // and the page's text mixes with another's. Said before any page is
    // recognised for nothing.
    if (said.said("Unknown operator 'endstream'") || said.said("Unknown operator 'endobj'")) {
      throw InputError(path, kStage,
                       "damaged PDF: a content stream's /Length runs past its end, so its text "
                       "would mix with other objects' (qpdf can repair it: qpdf IN.pdf OUT.pdf)");
    }
    const bool usable = text_layer_usable(content);
    text_pages += usable;
    const bool ocr = mode == OcrMode::kAlways || (mode == OcrMode::kAuto && !usable);
    cells::Page& out = pages[static_cast<std::size_t>(index)];
    const int dpi = ocr ? options.dpi : options.image_dpi;
    const long long pixels = dpi > 0 ? rendered_pixels(*page, dpi) : 0;
    if (dpi > 0) {
      check_page_pixels(path, kStage, pixels, options, index + 1,
                        "the page at " + std::to_string(dpi) + " dpi");
    }
    if (!ocr) {
      out = text_layer_page(*page, content, index + 1, options.pdf, path);
      if (options.image_dpi > 0) {
        PixPtr image = render_in_colour(*page, options.image_dpi, content.turns);
        if (!image) throw InputError(path, kStage, "page cannot be rendered", index + 1);
        out.image = encode_page_image(image.get(), options.image_dpi, options.image_dpi);
      }
      continue;
    }
    auto reservation = PixelBudget::shared().reserve(pixels);
    PixPtr image = render_in_colour(*page, options.dpi);
    if (!image) throw InputError(path, kStage, "page cannot be rendered", index + 1);
    if (!pool) pool.emplace(recognition_workers(options));
    recognise(*pool, std::move(image), std::move(reservation), options.dpi, index + 1, options,
              path, &out);
  }
  if (pool) pool->finish();
  if (mode == OcrMode::kNever && text_pages == 0) {
    throw InputError(path, kStage,
                     "no page has a usable text layer (a scan?), and --ocr never "
                     "was given");
  }
  return pages;
}

}  // namespace

void check_input_file(const std::string& path) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) {
    throw InputError(path, "read", errno == ENOENT ? "no such file" : std::strerror(errno));
  }
  if (S_ISDIR(status.st_mode)) throw InputError(path, "read", "is a directory");
  if (S_ISFIFO(status.st_mode)) throw InputError(path, "read", "not a regular file (a FIFO)");
  if (S_ISCHR(status.st_mode) || S_ISBLK(status.st_mode)) {
    throw InputError(path, "read", "not a regular file (a device)");
  }
  if (!S_ISREG(status.st_mode)) throw InputError(path, "read", "not a regular file");
}

namespace {

// Runs `work` on the file at `path` (a regular one) with Leptonica's
// allocations throwing: memory running out is a "memory" InputError, and
// what a library said while reading is the detail of any error's reason.
template <class Work>
auto with_library_reasons(const std::string& path, const Work& work)
    -> decltype(work(std::declval<const LibraryMessages&>())) {
  check_input_file(path);
  use_throwing_pixel_allocator();
  LibraryMessages said;
  try {
    return work(said);
  } catch (const std::bad_alloc&) {
    throw InputError(path, "memory", "out of memory" + said.first_as_suffix());
  } catch (const InputError& error) {
    throw InputError(path, error.stage(), error.reason() + said.first_as_suffix(), error.page());
  }
}

}  // namespace

std::vector<cells::Page> read_document(const std::string& path, OcrMode mode,
                                       const ScanOptions& options) {
  return with_library_reasons(path, [&](const LibraryMessages& said) {
    if (const auto format = image_format_of(path)) {
      if (mode == OcrMode::kNever) {
        throw InputError(path, kImageStage, "an image needs OCR, and --ocr never was given");
      }
      return read_image(path, *format, options);
    }
    return read_pdf(path, mode, options, said);
  });
}

namespace {

cells::PageImage page_image_of(const std::string& path, int number, OcrMode mode, int image_dpi,
                               const ScanOptions& options) {
  const auto no_page = [&](int pages) {
    return InputError(
        path, kStage,
        "no page " + std::to_string(number) + " (it has " + std::to_string(pages) + ")");
  };
  if (const auto format = image_format_of(path)) {
    const ImageFile file(path, *format);
    if (number < 1 || number > file.pages()) throw no_page(file.pages());
    const PageSize size = file.size_of(number - 1);
    check_page_pixels(path, kImageStage, size.pixels(), options, number, "the image");
    auto reservation = PixelBudget::shared().reserve(size.pixels());
    DecodedPage page = file.decode(number - 1);
    return encode_page_image(cleaned_page(page.pix.get(), page.dpi).get(), page.dpi, image_dpi);
  }
  const auto document = open_pdf(path);
  if (number < 1 || number > document->pages()) throw no_page(document->pages());
  std::unique_ptr<poppler::page> page(document->create_page(number - 1));
  if (!page) throw InputError(path, kStage, "damaged page", number);
  ContentReader content_reader(path);
  const PageContent content = content_reader.read(number - 1);
  const bool ocr =
      mode == OcrMode::kAlways || (mode == OcrMode::kAuto && !text_layer_usable(content));
  const int dpi = ocr ? options.dpi : image_dpi;
  const long long pixels = rendered_pixels(*page, dpi);
  check_page_pixels(path, kStage, pixels, options, number,
                    "the page at " + std::to_string(dpi) + " dpi");
  auto reservation = PixelBudget::shared().reserve(pixels);
  PixPtr image = render_in_colour(*page, dpi, ocr ? 0 : content.turns);
  if (!image) throw InputError(path, kStage, "page cannot be rendered", number);
  return encode_page_image(ocr ? cleaned_page(image.get(), dpi).get() : image.get(), dpi,
                           image_dpi);
}

}  // namespace

std::string file_sha256(const std::string& path) {
  extract::check_input_file(path);
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    throw InputError(path, "read", std::string("cannot open the file: ") + std::strerror(errno));
  }
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                  &EVP_MD_CTX_free);
  EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr);
  char buffer[1 << 16];
  while (file.read(buffer, sizeof buffer) || file.gcount() > 0) {
    EVP_DigestUpdate(context.get(), buffer, static_cast<std::size_t>(file.gcount()));
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(context.get(), digest, &length);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0xF];
  }
  return hex;
}

cells::PageImage read_page_image(const std::string& path, int number, OcrMode mode, int image_dpi,
                                 const ScanOptions& options) {
  return with_library_reasons(path, [&](const LibraryMessages&) {
    return page_image_of(path, number, mode, image_dpi, options);
  });
}

}  // namespace kpiform::extract
