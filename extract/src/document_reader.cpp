#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <sys/stat.h>

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
#include <semaphore>
#include <stdexcept>
#include <thread>

#include "kpiform/extract/pdf.h"
#include "kpiform/extract/scan.h"
#include "kpiform/schema/error.h"
#include "page_scan.h"
#include "pdf_pages.h"

namespace kpiform::extract {

namespace {

constexpr const char* kImageStage = "image";

std::string first_bytes(const std::string& path, std::size_t n) {
  std::ifstream file(path, std::ios::binary);
  std::string head(n, '\0');
  file.read(head.data(), static_cast<std::streamsize>(n));
  head.resize(static_cast<std::size_t>(file.gcount()));
  return head;
}

// The file is a regular one (check_input_file).
void check_image_file(const std::string& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  if (error)
    throw InputError(path, kImageStage, std::string("cannot read its size: ") + error.message());
  if (size == 0) throw InputError(path, kImageStage, "empty file");
}

// Leptonica reports decoding trouble on standard error; a library must not.
void silence_leptonica() {
  static std::once_flag once;
  std::call_once(once, [] { setMsgSeverity(L_SEVERITY_NONE); });
}

int resolution_of(PIX* pix) {
  const l_int32 dpi = pixGetXRes(pix);
  // Scanners write their resolution; without one, office scans are 300 dpi.
  return dpi >= 70 && dpi <= 1200 ? dpi : 300;
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
  PixPtr pix(pixCreate(image.width(), image.height(), 32));
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

// Recognises pages on `threads` workers while the caller renders the next
// ones; at most twice as many page images as workers wait in memory.
class PagePool {
 public:
  PagePool(const ScanOptions& options, const std::string& path)
      : options_(options), path_(path), slots_(2 * std::max(1, options.threads)) {
    for (int t = 0; t < std::max(1, options.threads); ++t) {
      workers_.emplace_back([this] { work(); });
    }
  }
  ~PagePool() { finish(); }

  // Takes the image; the page lands in `out`, which must outlive finish().
  void add(PixPtr image, int dpi, int number, cells::Page* out) {
    slots_.acquire();
    std::lock_guard lock(mutex_);
    jobs_.push_back({std::move(image), dpi, number, out});
    ready_.notify_one();
  }

  // Waits for every page; rethrows the first failure.
  void finish() {
    {
      std::lock_guard lock(mutex_);
      closing_ = true;
      ready_.notify_all();
    }
    for (std::thread& worker : workers_) {
      if (worker.joinable()) worker.join();
    }
    if (failure_) {
      auto failure = failure_;
      failure_ = nullptr;
      std::rethrow_exception(failure);
    }
  }

 private:
  struct Job {
    PixPtr image;
    int dpi;
    int number;
    cells::Page* out;
  };

  void work() {
    while (true) {
      Job job;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] { return closing_ || !jobs_.empty(); });
        if (jobs_.empty()) return;
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      slots_.release();
      try {
        *job.out = ocr_page(job.image.get(), job.dpi, job.number, options_, path_);
      } catch (...) {
        std::lock_guard lock(mutex_);
        if (!failure_) failure_ = std::current_exception();
      }
    }
  }

  ScanOptions options_;
  std::string path_;
  std::counting_semaphore<64> slots_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Job> jobs_;
  bool closing_ = false;
  std::exception_ptr failure_;
  std::vector<std::thread> workers_;
};

std::vector<cells::Page> read_image(const std::string& path, const ScanOptions& options) {
  silence_leptonica();
  check_image_file(path);
  std::vector<cells::Page> pages;
  const std::string head = first_bytes(path, 4);
  const bool tiff = head == std::string("II*\0", 4) || head == std::string("MM\0*", 4);
  if (tiff) {
    PIXA* raw = pixaReadMultipageTiff(path.c_str());
    if (!raw || pixaGetCount(raw) == 0) {
      pixaDestroy(&raw);
      throw InputError(path, kImageStage, "TIFF image cannot be decoded");
    }
    for (l_int32 i = 0; i < pixaGetCount(raw); ++i) {
      PixPtr pix(pixaGetPix(raw, i, L_CLONE));
      pages.push_back(ocr_page(pix.get(), resolution_of(pix.get()), i + 1, options, path));
    }
    pixaDestroy(&raw);
    return pages;
  }
  PixPtr pix(pixRead(path.c_str()));
  if (!pix) throw InputError(path, kImageStage, "image cannot be decoded");
  pages.push_back(ocr_page(pix.get(), resolution_of(pix.get()), 1, options, path));
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

bool is_image_file(const std::string& path) {
  const std::string head = first_bytes(path, 4);
  return head == std::string("\x89PNG", 4) || head.rfind("\xFF\xD8\xFF", 0) == 0 ||
         head == std::string("II*\0", 4) || head == std::string("MM\0*", 4);
}

std::vector<cells::Page> read_document(const std::string& path, OcrMode mode,
                                       const ScanOptions& options) {
  check_input_file(path);
  if (is_image_file(path)) {
    if (mode == OcrMode::kNever) {
      throw InputError(path, kImageStage, "an image needs OCR, and --ocr never was given");
    }
    return read_image(path, options);
  }
  const auto document = open_pdf(path);
  ContentReader content_reader(path);
  // Poppler renders on this thread (a document is not shared between
  // threads); recognition runs on the pool.
  std::vector<cells::Page> pages(static_cast<std::size_t>(document->pages()));
  std::optional<PagePool> pool;
  for (int index = 0; index < document->pages(); ++index) {
    std::unique_ptr<poppler::page> page(document->create_page(index));
    if (!page) throw InputError(path, kStage, "damaged page", index + 1);
    const PageContent content = content_reader.read(index);
    const bool ocr =
        mode == OcrMode::kAlways || (mode == OcrMode::kAuto && !text_layer_usable(content));
    cells::Page& out = pages[static_cast<std::size_t>(index)];
    if (!ocr) {
      out = text_layer_page(*page, content, index + 1, options.pdf, path);
      if (options.image_dpi > 0) {
        silence_leptonica();
        PixPtr image = render_in_colour(*page, options.image_dpi, content.turns);
        if (!image) throw InputError(path, kStage, "page cannot be rendered", index + 1);
        out.image = encode_page_image(image.get(), options.image_dpi, options.image_dpi);
      }
      continue;
    }
    silence_leptonica();
    PixPtr image = render_in_colour(*page, options.dpi);
    if (!image) throw InputError(path, kStage, "page cannot be rendered", index + 1);
    if (!pool) pool.emplace(options, path);
    pool->add(std::move(image), options.dpi, index + 1, &out);
  }
  if (pool) pool->finish();
  return pages;
}

}  // namespace kpiform::extract
