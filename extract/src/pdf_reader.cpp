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
#include <mutex>

#include "grid_builder.h"
#include "kpiform/extract/pdf.h"
#include "kpiform/schema/error.h"
#include "pdf_pages.h"
#include "rule_finder.h"
#include "text_placement.h"
#include "utf8.h"

namespace kpiform::extract {

namespace {

// Poppler prints its parser complaints to standard error; a library must
// not, and the damage that matters is reported as InputError.
void silence_poppler() {
  static std::once_flag once;
  std::call_once(
      once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

// Checks what can be told without a PDF parser, for a clear reason.
void check_file(const std::string& path) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (error || !std::filesystem::exists(status)) {
    throw InputError(path, kStage, "no such file");
  }
  if (std::filesystem::is_directory(status)) throw InputError(path, kStage, "is a directory");
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

// Quarter turns clockwise that make most of the page's text upright: a page
// shown sideways (its /Rotate disagreeing with its content) reads like any
// other once turned.
int upright_turns(const std::vector<poppler::text_box>& words) {
  std::array<std::size_t, 4> characters{};
  for (const poppler::text_box& word : words) {
    characters[static_cast<std::size_t>(word.rotation() & 3)] += word.text().size();
  }
  const auto dominant = std::max_element(characters.begin(), characters.end()) - characters.begin();
  return static_cast<int>((4 - dominant) % 4);
}

// A box of a page `width` × `height` after `turns` quarter turns clockwise.
cells::Box turned(const cells::Box& box, int turns, double width, double height) {
  switch (turns) {
    case 1:
      return {height - box.y1, box.x0, height - box.y0, box.x1};
    case 2:
      return {width - box.x1, height - box.y1, width - box.x0, height - box.y0};
    case 3:
      return {box.y0, width - box.x1, box.y1, width - box.x0};
    default:
      return box;
  }
}

std::vector<Glyph> read_glyphs(const std::vector<poppler::text_box>& words, int turns, double width,
                               double height) {
  std::vector<Glyph> glyphs;
  for (const poppler::text_box& word : words) {
    const poppler::ustring text = word.text();
    // char_bbox(i) is the box of the i-th code point.
    std::vector<std::string> characters;
    for (std::size_t i = 0; i < text.size(); ++i) {
      char32_t code = text[i];
      if (code >= 0xD800 && code <= 0xDBFF && i + 1 < text.size() && text[i + 1] >= 0xDC00 &&
          text[i + 1] <= 0xDFFF) {
        code = 0x10000 + ((code - 0xD800) << 10) + (text[i + 1] - 0xDC00);
        ++i;
      }
      characters.push_back(utf8_of(code));
    }
    const poppler::rectf word_box = word.bbox();
    for (std::size_t i = 0; i < characters.size(); ++i) {
      poppler::rectf box = word.char_bbox(i);
      if (box.width() <= 0 && box.height() <= 0) {
        // No glyph box: share the word's box evenly.
        const double step = word_box.width() / static_cast<double>(characters.size());
        box = poppler::rectf(word_box.x() + step * static_cast<double>(i), word_box.y(), step,
                             word_box.height());
      }
      glyphs.push_back(
          {characters[i],
           turned({box.left(), box.top(), box.right(), box.bottom()}, turns, width, height),
           i + 1 == characters.size() && word.has_space_after()});
    }
  }
  return glyphs;
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
  silence_poppler();
  check_file(path);
  std::unique_ptr<poppler::document> document(poppler::document::load_from_file(path));
  if (!document) throw InputError(path, kStage, "damaged PDF: cannot be parsed");
  if (document->is_locked()) throw InputError(path, kStage, "encrypted PDF: a password is needed");
  if (document->pages() <= 0) throw InputError(path, kStage, "damaged PDF: no pages");
  return document;
}

TextLayer read_text_layer(const poppler::page& page) {
  TextLayer layer;
  const std::vector<poppler::text_box> words = page.text_list();
  layer.turns = upright_turns(words);
  // The displayed page (its /Rotate applied), as the text boxes are given.
  const poppler::rectf media = page.page_rect();
  const bool sideways = page.orientation() == poppler::page::landscape ||
                        page.orientation() == poppler::page::seascape;
  layer.width = sideways ? media.height() : media.width();
  layer.height = sideways ? media.width() : media.height();
  layer.glyphs = read_glyphs(words, layer.turns, layer.width, layer.height);
  return layer;
}

bool text_layer_usable(const poppler::page& page, const TextLayer& layer,
                       const PdfOptions& options) {
  // A broken font gives glyphs that map to nothing readable.
  std::size_t readable = 0;
  for (const Glyph& glyph : layer.glyphs) {
    const char32_t first = decode_utf8(glyph.text).front();
    const bool unreadable = first == 0xFFFD || (first >= 0xE000 && first <= 0xF8FF) || first < 0x20;
    if (!unreadable) ++readable;
  }
  if (readable * 2 < layer.glyphs.size()) return false;
  if (readable >= 20) return true;
  // Little text: a short last page of a form, or a scan (perhaps with a
  // stamp's few characters). With the glyphs blanked out, a vector page
  // keeps only its rules; a scanned image keeps the ink of its text.
  const GrayImage image = render_for_rules(page, layer.glyphs, options.rule_dpi, layer.turns);
  RuleFinderOptions finder;
  finder.dpi = options.rule_dpi;
  const Rules rules = find_rules(image, finder);
  std::vector<bool> on_rule(image.pixels.size(), false);
  const double scale = options.rule_dpi / 72.0;
  auto mark = [&](double x0, double y0, double x1, double y1) {
    for (int y = std::max(0, static_cast<int>(y0 * scale) - 2);
         y <= std::min(image.height - 1, static_cast<int>(y1 * scale) + 2); ++y) {
      for (int x = std::max(0, static_cast<int>(x0 * scale) - 2);
           x <= std::min(image.width - 1, static_cast<int>(x1 * scale) + 2); ++x) {
        on_rule[static_cast<std::size_t>(y) * image.width + x] = true;
      }
    }
  };
  for (const HorizontalRule& rule : rules.horizontal) mark(rule.x0, rule.y, rule.x1, rule.y);
  for (const VerticalRule& rule : rules.vertical) mark(rule.x, rule.y0, rule.x, rule.y1);
  std::size_t stray_ink = 0;
  for (std::size_t i = 0; i < image.pixels.size(); ++i) {
    stray_ink += image.pixels[i] < 160 && !on_rule[i];
  }
  return stray_ink * 2000 < image.pixels.size();
}

cells::Page text_layer_page(const poppler::page& page, const TextLayer& layer, int number,
                            const PdfOptions& options, const std::string& path) {
  cells::Page out;
  out.number = number;
  const GrayImage image = render_for_rules(page, layer.glyphs, options.rule_dpi, layer.turns);
  if (image.pixels.empty()) throw InputError(path, kStage, "page cannot be rendered", number);
  out.width = image.width * 72.0 / options.rule_dpi;
  out.height = image.height * 72.0 / options.rule_dpi;
  RuleFinderOptions finder;
  finder.dpi = options.rule_dpi;
  out.tables = build_tables(find_rules(image, finder));
  place_glyphs(layer.glyphs, out);
  return out;
}

}  // namespace kpiform::extract
