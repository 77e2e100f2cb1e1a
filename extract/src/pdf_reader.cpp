#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <new>

#include "grid_builder.h"
#include "kpiform/extract/pdf.h"
#include "kpiform/schema/error.h"
#include "kpiform/text/utf8.h"
#include "pdf_pages.h"
#include "rule_finder.h"
#include "text_placement.h"

namespace kpiform::extract {

using text::decode_utf8;

namespace {

// Checks what can be told without a PDF parser, for a clear reason (the
// file is a regular one: check_input_file).
void check_file(const std::string& path) {
  std::error_code error;
  std::ifstream file(path, std::ios::binary);
  if (!file) throw InputError(path, kStage, std::string("cannot open: ") + std::strerror(errno));
  const auto size = std::filesystem::file_size(path, error);
  if (error) throw InputError(path, kStage, "cannot read its size");
  if (size == 0) throw InputError(path, kStage, "empty file");
  std::string head(1024, '\0');
  file.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(file.gcount()));
  if (head.find("%PDF-") == std::string::npos) {
    throw InputError(path, kStage, "not a PDF (no %PDF- header)");
  }
  // A complete PDF ends with %%EOF (trailing junk after it is common).
  const std::streamoff tail_size =
      std::min<std::streamoff>(2048, static_cast<std::streamoff>(size));
  file.clear();
  file.seekg(-tail_size, std::ios::end);
  std::string tail(static_cast<std::size_t>(tail_size), '\0');
  file.read(tail.data(), tail_size);
  if (tail.find("%%EOF") == std::string::npos) {
    throw InputError(path, kStage, "truncated PDF (no %%EOF at the end)");
  }
}

// Renders the page in gray without anti-aliasing, so that a hairline rule is
// one solid pixel wide, and blanks out the glyphs so that no text stroke is
// taken for a rule.
GrayImage render_for_rules(const poppler::page& page, const std::vector<Glyph>& glyphs, double dpi,
                           int turns) {
  poppler::page_renderer renderer;
  renderer.set_render_hints(0);
  renderer.set_image_format(poppler::image::format_gray8);
  const poppler::image rendered =
      renderer.render_page(&page, dpi, dpi, -1, -1, -1, -1, rotation_of(turns));
  GrayImage image;
  if (!rendered.is_valid()) return image;
  if (!rendered.const_data()) throw std::bad_alloc();  // Poppler could not allocate the pixels
  image.width = rendered.width();
  image.height = rendered.height();
  image.pixels.resize(static_cast<std::size_t>(image.width) * image.height);
  const int stride = rendered.bytes_per_row();
  for (int y = 0; y < image.height; ++y) {
    std::memcpy(&image.pixels[static_cast<std::size_t>(y) * image.width],
                rendered.const_data() + static_cast<std::ptrdiff_t>(y) * stride,
                static_cast<std::size_t>(image.width));
  }
  const double scale = dpi / 72.0;
  for (const Glyph& glyph : glyphs) {
    // The whole advance, but not the full line height: font boxes may reach
    // up or down to a nearby rule.
    const double inset_x = 0, inset_y = glyph.box.height() * 0.15;
    const int x0 = std::max(0, static_cast<int>((glyph.box.x0 + inset_x) * scale));
    const int x1 = std::min(image.width, static_cast<int>((glyph.box.x1 - inset_x) * scale) + 1);
    const int y0 = std::max(0, static_cast<int>((glyph.box.y0 + inset_y) * scale));
    const int y1 = std::min(image.height, static_cast<int>((glyph.box.y1 - inset_y) * scale) + 1);
    for (int y = y0; y < y1; ++y) {
      std::fill_n(&image.pixels[static_cast<std::size_t>(y) * image.width + x0],
                  std::max(0, x1 - x0), std::uint8_t{255});
    }
  }
  return image;
}

}  // namespace

std::unique_ptr<poppler::document> open_pdf(const std::string& path) {
  check_file(path);
  std::unique_ptr<poppler::document> document(poppler::document::load_from_file(path));
  if (!document) throw InputError(path, kStage, "damaged PDF: cannot be parsed");
  if (document->is_locked()) throw InputError(path, kStage, "encrypted PDF: a password is needed");
  if (document->pages() <= 0) throw InputError(path, kStage, "damaged PDF: no pages");
  return document;
}

bool text_layer_usable(const PageContent& content) {
  // A broken font gives glyphs that map to nothing readable.
  std::size_t readable = 0;
  for (const Glyph& glyph : content.glyphs) {
    const char32_t first = decode_utf8(glyph.text).front();
    const bool unreadable = first == 0xFFFD || (first >= 0xE000 && first <= 0xF8FF) || first < 0x20;
    if (!unreadable) ++readable;
  }
  if (readable * 2 < content.glyphs.size()) return false;
  if (readable >= 20) return true;
  // Little text: a short last page of a form, or a scan (perhaps with a
  // stamp's few characters). A page that is mostly a picture is a scan.
  return content.image_area < 0.5 * content.width * content.height;
}

cells::Page text_layer_page(const poppler::page& page, const PageContent& content, int number,
                            const PdfOptions& options, const std::string& path) {
  cells::Page out;
  out.number = number;
  out.width = content.width;
  out.height = content.height;
  if (!content.rules.horizontal.empty() || !content.rules.vertical.empty()) {
    out.tables = build_tables(content.rules);
  } else if (content.image_area > 0) {
    // No vector rules but an image: perhaps a table drawn as a picture.
    const GrayImage image = render_for_rules(page, content.glyphs, options.rule_dpi, content.turns);
    if (image.pixels.empty()) throw InputError(path, kStage, "page cannot be rendered", number);
    RuleFinderOptions finder;
    finder.dpi = options.rule_dpi;
    out.tables = build_tables(find_rules(image, finder));
  }
  place_glyphs(content.glyphs, out);
  return out;
}

}  // namespace kpiform::extract
