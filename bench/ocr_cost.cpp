// What OCR costs: kpiform's CPU seconds per scanned page against plain
// Tesseract's (`tesseract PAGE.png - -l chi_sim`) on the same pages in the
// same run (the ratio is the figure to compare across machines), then the
// pages per second of one `kpiform extract -j 2` over the whole batch and
// its peak memory. Both programs run with one OpenMP thread, as kpiform's
// workers do.
//
//   kpiform-bench-ocr-cost KPIFORM SCAN...   (image-only PDFs, TIFF, PNG, JPEG)
//
// A PDF's page images are taken out with pdfimages (poppler-utils) for
// Tesseract, at the resolution the PDF gives them.
#include <leptonica/allheaders.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "child_process.h"

namespace fs = std::filesystem;
using kpiform::bench::output_of;
using kpiform::bench::Run;
using kpiform::bench::run;

namespace {

struct PageImage {
  std::string path;
  int dpi = 0;  // 0: the image says
};

// The page images Tesseract reads for `scan`, written under `scratch`.
std::vector<PageImage> page_images(const std::string& scan, const fs::path& scratch, int index) {
  std::vector<PageImage> pages;
  if (fs::path(scan).extension() != ".pdf") {
    FILE* file = std::fopen(scan.c_str(), "rb");
    l_int32 count = 1;
    if (file && fileFormatIsTiff(file)) tiffGetCount(file, &count);
    if (file) std::fclose(file);
    // A multi-page TIFF is one Tesseract run over all its pages.
    for (int page = 0; page < count; ++page) pages.push_back({page == 0 ? scan : "", 0});
    return pages;
  }
  // "page num type width height color comp bpc enc interp object ID x-ppi y-ppi ..."
  int dpi = 0;
  const std::string list = output_of("pdfimages -list '" + scan + "' 2>/dev/null");
  for (std::size_t at = list.find('\n', list.find("-----")); at != std::string::npos;
       at = list.find('\n', at + 1)) {
    int page = 0, x_ppi = 0;
    char type[32];
    if (std::sscanf(list.c_str() + at + 1, "%d %*d %31s %*d %*d %*s %*d %*d %*s %*s %*d %*d %d",
                    &page, type, &x_ppi) == 3) {
      dpi = x_ppi;
      break;
    }
  }
  const std::string prefix = (scratch / ("scan" + std::to_string(index))).string();
  if (!run({"pdfimages", "-png", scan, prefix}, true).ok) return pages;
  std::vector<std::string> images;
  for (const auto& entry : fs::directory_iterator(scratch)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("scan" + std::to_string(index) + "-", 0) == 0) images.push_back(entry.path());
  }
  std::sort(images.begin(), images.end());
  for (const std::string& image : images) pages.push_back({image, dpi});
  return pages;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: kpiform-bench-ocr-cost KPIFORM SCAN...\n");
    return 2;
  }
  const std::string kpiform = argv[1];
  const std::vector<std::string> scans(argv + 2, argv + argc);
  ::setenv("OMP_THREAD_LIMIT", "1", 1);
  const fs::path scratch =
      fs::temp_directory_path() / ("kpiform-bench-ocr-cost-" + std::to_string(::getpid()));
  fs::create_directories(scratch);

  int pages = 0;
  double ours = 0, theirs = 0;
  // Scan by scan, the two programs alternating: a busy machine favours
  // neither.
  for (std::size_t i = 0; i < scans.size(); ++i) {
    const std::vector<PageImage> images = page_images(scans[i], scratch, static_cast<int>(i));
    if (images.empty()) {
      std::fprintf(stderr, "%s: no page images\n", scans[i].c_str());
      return 1;
    }
    const Run kpiform_run =
        run({kpiform, "extract", "-q", "-j", "1", "-o", (scratch / "out.json").string(), scans[i]},
            true);
    double tesseract_seconds = 0;
    for (const PageImage& image : images) {
      if (image.path.empty()) continue;
      std::vector<std::string> command = {"tesseract", image.path, "-", "-l", "chi_sim"};
      if (image.dpi > 0) command.insert(command.end(), {"--dpi", std::to_string(image.dpi)});
      const Run tesseract_run = run(command, true);
      if (!tesseract_run.ok) {
        std::fprintf(stderr, "tesseract failed on %s (is tesseract-ocr installed?)\n",
                     image.path.c_str());
        return 1;
      }
      tesseract_seconds += tesseract_run.cpu_seconds;
    }
    if (!kpiform_run.ok) {
      std::fprintf(stderr, "kpiform failed on %s\n", scans[i].c_str());
      return 1;
    }
    pages += static_cast<int>(images.size());
    ours += kpiform_run.cpu_seconds;
    theirs += tesseract_seconds;
  }
  std::vector<std::string> batch = {
      kpiform, "extract", "-q", "-j", "2", "-o", (scratch / "out.json").string()};
  batch.insert(batch.end(), scans.begin(), scans.end());
  const Run batch_run = run(batch, true);
  fs::remove_all(scratch);
  if (!batch_run.ok) {
    std::fprintf(stderr, "kpiform -j 2 failed on the batch\n");
    return 1;
  }
  std::printf("%-34s %6s %12s %12s %7s\n", "CPU per page (one core each)", "pages", "kpiform s",
              "tesseract s", "ratio");
  std::printf("%-34s %6d %12.2f %12.2f %7.2f\n", "kpiform extract / tesseract chi_sim", pages,
              ours / pages, theirs / pages, ours / theirs);
  std::printf("%-34s %6s %12s %12s %9s\n", "batch", "pages", "wall s", "pages/s", "peak MiB");
  std::printf("%-34s %6d %12.1f %12.2f %9.1f\n", "kpiform extract -j 2", pages, batch_run.seconds,
              pages / batch_run.seconds, static_cast<double>(batch_run.peak_kib) / 1024.0);
  return 0;
}
