// Peak memory of `kpiform extract -j 2` on the inputs that once took
// gigabytes (the hostile-inputs issue): a page just under the pixel limit, a
// page over it, a 5000-pt PDF page for OCR, a 400-page TIFF, and a batch
// of scans given -j 64. Each is shown beside one A4 page scanned at 300 dpi
// in the same run (the baseline) and against the 1 GB bound; the batch at
// -j 1 and -j 2 gives the memory of a worker.
//
//   kpiform-bench-memory KPIFORM SCANNED_PAGE.png
#include <leptonica/allheaders.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "child_process.h"
#include "hostile_files.h"

namespace fs = std::filesystem;
using kpiform::bench::Run;
using kpiform::bench::run;

namespace {

struct PixDeleter {
  void operator()(PIX* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

constexpr double kBoundMib = 1024;

// A colour page of `megapixels`, scaled up from the scanned page and said to
// be 300 dpi (a poster-sized form: the worst page the default limit admits).
void write_large_page(const fs::path& path, PIX* page, double megapixels) {
  const double pixels = static_cast<double>(pixGetWidth(page)) * pixGetHeight(page);
  const float scale = static_cast<float>(std::sqrt(megapixels * 1e6 / pixels));
  PixPtr colour(pixConvertTo32(page));
  PixPtr large(pixScale(colour.get(), scale, scale));
  pixSetResolution(large.get(), 300, 300);
  pixWrite(path.c_str(), large.get(), IFF_PNG);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: kpiform-bench-memory KPIFORM SCANNED_PAGE.png\n");
    return 2;
  }
  const std::string kpiform = argv[1];
  setMsgSeverity(L_SEVERITY_NONE);
  const fs::path scratch =
      fs::temp_directory_path() / ("kpiform-bench-memory-" + std::to_string(::getpid()));
  fs::create_directories(scratch);
  const fs::path large = scratch / "large.png", huge = scratch / "huge.png",
                 poster = scratch / "poster.pdf", tiff = scratch / "long.tif";
  // The inputs are made in a child process: a child's peak counts the
  // memory of the process it was forked from, which must stay small.
  const pid_t maker = ::fork();
  if (maker == 0) {
    PixPtr page(pixRead(argv[2]));
    if (!page) ::_exit(1);
    write_large_page(large, page.get(), 39.5);
    const bool written = kpiform::testing::write_blank_png(huge, 30000, 30000) &&
                         kpiform::testing::write_poster_pdf(poster) &&
                         kpiform::testing::write_long_tiff(tiff, 400);
    ::_exit(written ? 0 : 1);
  }
  int made = 0;
  if (maker < 0 || ::waitpid(maker, &made, 0) != maker || !WIFEXITED(made) ||
      WEXITSTATUS(made) != 0) {
    std::fprintf(stderr, "kpiform-bench-memory: cannot make the inputs from %s\n", argv[2]);
    return 1;
  }
  std::vector<std::string> batch;
  for (int i = 0; i < 16; ++i) {
    const fs::path copy = scratch / ("scan-" + std::to_string(i) + ".png");
    fs::copy_file(argv[2], copy);
    batch.push_back(copy.string());
  }

  struct Case {
    std::string name;
    std::vector<std::string> arguments;
  };
  auto extract = [&](std::vector<std::string> tail) {
    std::vector<std::string> arguments{kpiform, "extract", "-q"};
    arguments.insert(arguments.end(), tail.begin(), tail.end());
    return arguments;
  };
  auto with_batch = [&](std::vector<std::string> head) {
    head.insert(head.end(), batch.begin(), batch.end());
    return extract(head);
  };
  const std::vector<Case> cases = {
      {"one A4 page, 300 dpi (baseline)", extract({"-j", "2", argv[2]})},
      {"39.5-megapixel colour page", extract({"-j", "2", large.string()})},
      {"900-megapixel page (refused)", extract({"-j", "2", huge.string()})},
      {"5000-pt PDF page, --ocr always", extract({"-j", "2", "--ocr", "always", poster.string()})},
      {"400-page TIFF", extract({"-j", "2", tiff.string()})},
      {"16 scans, -j 1", with_batch({"-j", "1"})},
      {"16 scans, -j 2", with_batch({"-j", "2"})},
      {"16 scans, -j 64 (capped)", with_batch({"-j", "64"})},
  };
  std::printf("%-36s %9s %9s %10s %8s\n", "kpiform extract", "seconds", "peak MiB", "× baseline",
              "of 1 GB");
  double baseline = 0, one_worker = 0, two_workers = 0;
  for (const Case& item : cases) {
    const Run result = run(item.arguments, true);
    const double mib = static_cast<double>(result.peak_kib) / 1024.0;
    if (baseline == 0) baseline = mib;
    if (item.name == "16 scans, -j 1") one_worker = mib;
    if (item.name == "16 scans, -j 2") two_workers = mib;
    std::printf("%-36s %9.2f %9.0f %10.2f %7.0f%%\n", item.name.c_str(), result.seconds, mib,
                mib / baseline, 100 * mib / kBoundMib);
  }
  std::printf("memory of a second worker: %.0f MiB\n", two_workers - one_worker);
  fs::remove_all(scratch);
  return 0;
}
