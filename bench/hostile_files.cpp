#include "hostile_files.h"

#include <leptonica/allheaders.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace kpiform::testing {

namespace {

struct PixDeleter {
  void operator()(PIX* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

}  // namespace

bool write_poster_pdf(const std::filesystem::path& path) {
  std::string body = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (const char* object :
       {"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 5000 5000] >>"}) {
    offsets.push_back(body.size());
    body += std::to_string(offsets.size()) + " 0 obj\n" + object + "\nendobj\n";
  }
  const std::size_t xref = body.size();
  body += "xref\n0 4\n0000000000 65535 f \n";
  for (std::size_t offset : offsets) {
    char line[21];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
    body += line;
  }
  body += "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  std::ofstream file(path, std::ios::binary);
  file << body;
  file.close();
  return static_cast<bool>(file);
}

bool write_long_tiff(const std::filesystem::path& path, int pages) {
  PixPtr page(pixCreate(827, 1169, 8));
  if (!page) return false;
  pixSetAll(page.get());
  pixRasterop(page.get(), 200, 300, 400, 2, PIX_CLR, nullptr, 0, 0);
  pixSetResolution(page.get(), 100, 100);
  for (int i = 0; i < pages; ++i) {
    if (pixWriteTiff(path.c_str(), page.get(), IFF_TIFF_ZIP, i ? "a" : "w") != 0) return false;
  }
  return true;
}

bool write_blank_png(const std::filesystem::path& path, int width, int height) {
  PixPtr blank(pixCreate(width, height, 1));
  return blank && pixWrite(path.c_str(), blank.get(), IFF_PNG) == 0;
}

}  // namespace kpiform::testing
