// kpiform-scangen: makes office "scans" of the born-digital sample PDFs, so
// that the OCR path has inputs with a known ground truth. Each page is
// rendered with Poppler, then degraded with Leptonica the way scanners and
// stamps degrade paper: a red seal (公章) over the table, a slight rotation,
// noise, blur, and JPEG compression.
//
//   kpiform-scangen OUTDIR PDF...
//
// writes, for each PDF NAME:
//   OUTDIR/300/NAME.pdf        image-only PDF, 300 dpi grayscale, +0.8°
//   OUTDIR/300/NAME.tif        the same pages as one multi-page TIFF
//   OUTDIR/300/NAME-pN.png     the same pages as PNG files
//   OUTDIR/200/NAME.pdf        image-only PDF, 200 dpi colour, -1.5°, red
//                              seal on page 1, more noise, blur, JPEG q70
//
//   kpiform-scangen --profile SPEC --seed N PDF OUT
//
// scans one PDF as SPEC says (the family corpus's scanners), a comma list of
//   dpi=N skew=DEGREES noise=SIGMA jpeg=QUALITY   numbers
//   colour blur saltpepper shadow bilevel seal    switches
//   format=pdf|image|tiff                         container
// and writes OUT.pdf (image-only PDF, JPEG pages), OUT.png (a one-page
// form; OUT.tif for more pages) or OUT.tif (multi-page; Group 4 when
// bilevel). A seal sits over the 得分 column at the 总分 row (or mid-page
// where a page has no 总分); shadow darkens one edge and shades the page.
#include <leptonica/allheaders.h>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <random>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

struct PixDeleter {
  void operator()(PIX* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

struct PixaDeleter {
  void operator()(PIXA* pixa) const { pixaDestroy(&pixa); }
};
using PixaPtr = std::unique_ptr<PIXA, PixaDeleter>;

struct Degradation {
  int dpi;
  bool colour;
  double skew_degrees;
  double noise_sigma;
  bool blur;
  bool seal;
  int jpeg_quality;
  bool salt_and_pepper = false;
  bool shadow = false;
  bool bilevel = false;
  // Seals follow the score column (profile mode); otherwise one seal on
  // the first page at a fixed place over the funds table.
  bool seal_over_scores = false;
};

// Where a seal goes, as fractions of the page, and its radius as a
// fraction of the page width.
struct SealPlace {
  double x = 0.68, y = 0.30, radius = 0.12;
};

PixPtr render(const poppler::page& page, int dpi) {
  poppler::page_renderer renderer;
  renderer.set_render_hints(poppler::page_renderer::antialiasing |
                            poppler::page_renderer::text_antialiasing);
  renderer.set_image_format(poppler::image::format_argb32);
  const poppler::image image = renderer.render_page(&page, dpi, dpi);
  PixPtr pix(pixCreate(image.width(), image.height(), 32));
  pixSetResolution(pix.get(), dpi, dpi);
  for (int y = 0; y < image.height(); ++y) {
    const auto* row = reinterpret_cast<const std::uint8_t*>(image.const_data()) +
                      static_cast<std::ptrdiff_t>(y) * image.bytes_per_row();
    l_uint32* line = pixGetData(pix.get()) + static_cast<std::ptrdiff_t>(y) * pixGetWpl(pix.get());
    for (int x = 0; x < image.width(); ++x) {
      // argb32 rows hold 0xAARRGGBB words in native order (opaque page).
      std::uint32_t word;
      std::memcpy(&word, row + 4 * x, 4);
      composeRGBPixel(static_cast<l_int32>((word >> 16) & 0xFF),
                      static_cast<l_int32>((word >> 8) & 0xFF), static_cast<l_int32>(word & 0xFF),
                      line + x);
    }
  }
  return pix;
}

// A red seal: two rings, a star and stroke-like marks, multiplied onto the
// page like ink, so that black text under it stays dark.
void stamp_seal(PIX* page, const SealPlace& place, std::mt19937& random) {
  const l_int32 w = pixGetWidth(page), h = pixGetHeight(page);
  PixPtr mask(pixCreate(w, h, 1));
  const double cx = place.x * w, cy = place.y * h, radius = place.radius * w;
  const auto ring = [&](double r, int width) {
    PTA* circle = ptaCreate(0);
    for (int i = 0; i <= 360; ++i) {
      const double a = i * M_PI / 180;
      ptaAddPt(circle, static_cast<float>(cx + r * std::cos(a)),
               static_cast<float>(cy + r * std::sin(a)));
    }
    pixRenderPolyline(mask.get(), circle, width, L_SET_PIXELS, 1);
    ptaDestroy(&circle);
  };
  ring(radius, std::max(3, w / 220));
  ring(radius * 0.93, std::max(1, w / 900));
  PTA* star = ptaCreate(0);
  for (int i = 0; i <= 10; ++i) {
    const double a = -M_PI / 2 + i * M_PI / 5;
    const double r = (i % 2 == 0 ? 0.28 : 0.11) * radius;
    ptaAddPt(star, static_cast<float>(cx + r * std::cos(a)),
             static_cast<float>(cy + r * std::sin(a)));
  }
  pixRenderPolyline(mask.get(), star, std::max(2, w / 400), L_SET_PIXELS, 1);
  ptaDestroy(&star);
  // Characters around the rim: short strokes.
  std::uniform_real_distribution<double> unit(0, 1);
  for (int c = 0; c < 14; ++c) {
    const double a = M_PI * (0.95 + 1.1 * c / 13.0);
    const double bx = cx + 0.72 * radius * std::cos(a), by = cy + 0.72 * radius * std::sin(a);
    for (int s = 0; s < 4; ++s) {
      const double x0 = bx + (unit(random) - 0.5) * 0.12 * radius;
      const double y0 = by + (unit(random) - 0.5) * 0.12 * radius;
      const double x1 = x0 + (unit(random) - 0.5) * 0.14 * radius;
      const double y1 = y0 + (unit(random) - 0.5) * 0.14 * radius;
      pixRenderLine(mask.get(), static_cast<l_int32>(x0), static_cast<l_int32>(y0),
                    static_cast<l_int32>(x1), static_cast<l_int32>(y1), std::max(2, w / 500),
                    L_SET_PIXELS);
    }
  }
  const l_int32 mask_wpl = pixGetWpl(mask.get()), page_wpl = pixGetWpl(page);
  for (l_int32 y = 0; y < h; ++y) {
    const l_uint32* mask_line = pixGetData(mask.get()) + y * mask_wpl;
    l_uint32* line = pixGetData(page) + y * page_wpl;
    for (l_int32 x = 0; x < w; ++x) {
      if (!GET_DATA_BIT(mask_line, x)) continue;
      l_int32 r, g, b;
      extractRGBValues(line[x], &r, &g, &b);
      composeRGBPixel(r * 225 / 255, g * 45 / 255, b * 50 / 255, line + x);
    }
  }
}

void add_noise(PIX* pix, double sigma, std::mt19937& random) {
  std::normal_distribution<double> noise(0, sigma);
  const l_int32 w = pixGetWidth(pix), h = pixGetHeight(pix), wpl = pixGetWpl(pix);
  const l_int32 depth = pixGetDepth(pix);
  auto clamp = [](double v) {
    return static_cast<l_int32>(std::lround(std::min(255.0, std::max(0.0, v))));
  };
  for (l_int32 y = 0; y < h; ++y) {
    l_uint32* line = pixGetData(pix) + y * wpl;
    for (l_int32 x = 0; x < w; ++x) {
      const double n = noise(random);
      if (depth == 8) {
        SET_DATA_BYTE(line, x, static_cast<l_uint8>(clamp(GET_DATA_BYTE(line, x) + n)));
      } else {
        l_int32 r, g, b;
        extractRGBValues(line[x], &r, &g, &b);
        composeRGBPixel(clamp(r + n), clamp(g + n), clamp(b + n), line + x);
      }
    }
  }
}

// Over the 得分 column at the 总分 (or 合计) row; mid-page where the page
// has no such row; nothing on a page without a 得分 heading or 总分 row.
std::optional<SealPlace> seal_over_scores(const poppler::page& page) {
  const poppler::rectf size = page.page_rect();
  std::optional<double> score_x, total_y;
  for (const poppler::text_box& box : page.text_list()) {
    const poppler::byte_array utf8 = box.text().to_utf8();
    const std::string text(utf8.begin(), utf8.end());
    const poppler::rectf r = box.bbox();
    if (text.find("得分") != std::string::npos) score_x = r.x() + r.width() / 2;
    if (text == "总分" || text == "合计") total_y = r.y() + r.height() / 2;
  }
  if (!score_x && !total_y) return std::nullopt;
  SealPlace place;
  place.x = score_x.value_or(0.75 * size.width()) / size.width();
  place.y = total_y.value_or(0.5 * size.height()) / size.height();
  place.radius = 0.8 * 72 / size.width();  // a seal is about 4 cm across
  return place;
}

// Uneven light: a gradient across the page and the dark edge of a book or
// a lid that did not close, multiplied onto the paper.
void add_shadow(PIX* pix, std::mt19937& random) {
  std::uniform_real_distribution<double> unit(0, 1);
  const bool left = unit(random) < 0.5;
  const double gradient = 0.08 + 0.2 * unit(random);
  const double edge = 0.03 + 0.04 * unit(random);
  const l_int32 w = pixGetWidth(pix), h = pixGetHeight(pix), wpl = pixGetWpl(pix);
  const l_int32 depth = pixGetDepth(pix);
  std::vector<double> factor(static_cast<std::size_t>(w));
  for (l_int32 x = 0; x < w; ++x) {
    const double from_edge = (left ? x : w - 1 - x) / static_cast<double>(w);
    double f = 1 - gradient * (1 - from_edge);
    if (from_edge < edge) f *= 0.35 + 0.65 * from_edge / edge;
    factor[static_cast<std::size_t>(x)] = f;
  }
  for (l_int32 y = 0; y < h; ++y) {
    l_uint32* line = pixGetData(pix) + y * wpl;
    for (l_int32 x = 0; x < w; ++x) {
      const double f = factor[static_cast<std::size_t>(x)];
      if (depth == 8) {
        SET_DATA_BYTE(line, x, static_cast<l_uint8>(GET_DATA_BYTE(line, x) * f));
      } else {
        l_int32 r, g, b;
        extractRGBValues(line[x], &r, &g, &b);
        composeRGBPixel(static_cast<l_int32>(r * f), static_cast<l_int32>(g * f),
                        static_cast<l_int32>(b * f), line + x);
      }
    }
  }
}

// Dust and dropouts: single pixels turned black or white (8 bpp).
void add_salt_and_pepper(PIX* pix, std::mt19937& random) {
  const l_int32 w = pixGetWidth(pix), h = pixGetHeight(pix);
  const long count = static_cast<long>(w) * h / 600;
  std::uniform_int_distribution<l_int32> column(0, w - 1), row(0, h - 1);
  for (long i = 0; i < count; ++i) {
    const l_int32 x = column(random), y = row(random);
    const bool black = (i & 1) == 0;
    if (pixGetDepth(pix) == 8) {
      pixSetPixel(pix, x, y, black ? 0 : 255);
    } else {
      pixSetPixel(pix, x, y, black ? 0 : 0xFFFFFF00);
    }
  }
}

PixPtr degrade(const poppler::page& page, const Degradation& how, bool first_page,
               std::mt19937& random) {
  PixPtr pix = render(page, how.dpi);
  if (how.seal && how.seal_over_scores) {
    if (const std::optional<SealPlace> place = seal_over_scores(page)) {
      stamp_seal(pix.get(), *place, random);
    }
  } else if (how.seal && first_page) {
    stamp_seal(pix.get(), SealPlace{}, random);
  }
  if (!how.colour) pix.reset(pixConvertRGBToLuminance(pix.get()));
  if (how.shadow) add_shadow(pix.get(), random);
  pix.reset(pixRotate(pix.get(), static_cast<float>(how.skew_degrees * M_PI / 180),
                      L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
  if (how.blur) pix.reset(pixBlockconv(pix.get(), 1, 1));
  add_noise(pix.get(), how.noise_sigma, random);
  if (how.salt_and_pepper) add_salt_and_pepper(pix.get(), random);
  if (how.bilevel) pix.reset(pixThresholdToBinary(pix.get(), 150));
  pixSetResolution(pix.get(), how.dpi, how.dpi);
  return pix;
}

enum class Container { kPdf, kImage, kTiff };

struct Profile {
  Degradation how{300, false, 0, 0, false, false, 75};
  Container container = Container::kPdf;
};

Profile parse_profile(const std::string& spec) {
  Profile profile;
  Degradation& how = profile.how;
  how.seal_over_scores = true;
  std::stringstream items(spec);
  std::string item;
  while (std::getline(items, item, ',')) {
    const std::size_t equals = item.find('=');
    const std::string key = item.substr(0, equals);
    const std::string value = equals == std::string::npos ? "" : item.substr(equals + 1);
    if (key == "dpi") {
      how.dpi = std::stoi(value);
    } else if (key == "skew") {
      how.skew_degrees = std::stod(value);
    } else if (key == "noise") {
      how.noise_sigma = std::stod(value);
    } else if (key == "jpeg") {
      how.jpeg_quality = std::stoi(value);
    } else if (key == "colour") {
      how.colour = true;
    } else if (key == "blur") {
      how.blur = true;
    } else if (key == "seal") {
      how.seal = true;
    } else if (key == "saltpepper") {
      how.salt_and_pepper = true;
    } else if (key == "shadow") {
      how.shadow = true;
    } else if (key == "bilevel") {
      how.bilevel = true;
    } else if (key == "format") {
      profile.container = value == "image" ? Container::kImage
                                           : (value == "tiff" ? Container::kTiff : Container::kPdf);
    } else {
      throw std::invalid_argument("unknown profile item '" + item + "'");
    }
  }
  return profile;
}

int scan_with_profile(const std::string& spec, unsigned seed, const fs::path& input,
                      const fs::path& out) {
  const Profile profile = parse_profile(spec);
  std::unique_ptr<poppler::document> document(poppler::document::load_from_file(input.string()));
  if (!document) {
    std::cerr << "kpiform-scangen: " << input.string() << ": cannot read\n";
    return 1;
  }
  std::mt19937 random(seed);
  const int pages = document->pages();
  Container container = profile.container;
  if (container == Container::kImage && pages > 1) container = Container::kTiff;
  fs::create_directories(out.parent_path());
  PixaPtr images(pixaCreate(0));
  for (int p = 0; p < pages; ++p) {
    std::unique_ptr<poppler::page> page(document->create_page(p));
    PixPtr pix = degrade(*page, profile.how, p == 0, random);
    if (container == Container::kImage) {
      const std::string png = out.string() + ".png";
      if (pixWrite(png.c_str(), pix.get(), IFF_PNG) != 0) return 1;
    } else if (container == Container::kTiff) {
      const std::string tif = out.string() + ".tif";
      const l_int32 format = profile.how.bilevel ? IFF_TIFF_G4 : IFF_TIFF_ZIP;
      if (pixWriteTiff(tif.c_str(), pix.get(), format, p == 0 ? "w" : "a") != 0) return 1;
    } else {
      pixaAddPix(images.get(), pix.release(), L_INSERT);
    }
  }
  if (container == Container::kPdf) {
    const std::string pdf = out.string() + ".pdf";
    if (pixaConvertToPdf(images.get(), profile.how.dpi, 1.0, L_JPEG_ENCODE,
                         profile.how.jpeg_quality, out.filename().c_str(), pdf.c_str()) != 0) {
      std::cerr << "kpiform-scangen: cannot write " << pdf << "\n";
      return 1;
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  setMsgSeverity(L_SEVERITY_ERROR);
  if (argc == 7 && std::string(argv[1]) == "--profile" && std::string(argv[3]) == "--seed") {
    try {
      return scan_with_profile(argv[2], static_cast<unsigned>(std::stoul(argv[4])), argv[5],
                               argv[6]);
    } catch (const std::exception& error) {
      std::cerr << "kpiform-scangen: " << error.what() << '\n';
      return 2;
    }
  }
  if (argc < 3) {
    std::cerr << "usage: kpiform-scangen OUTDIR PDF...\n";
    return 2;
  }
  setMsgSeverity(L_SEVERITY_ERROR);
  const fs::path out = argv[1];
  const Degradation office{300, false, 0.8, 6, false, false, 85};
  const Degradation rough{200, true, -1.5, 12, true, true, 70};
  for (int i = 2; i < argc; ++i) {
    const fs::path input = argv[i];
    const std::string name = input.stem().string();
    std::unique_ptr<poppler::document> document(poppler::document::load_from_file(input.string()));
    if (!document) {
      std::cerr << "kpiform-scangen: " << input.string() << ": cannot read\n";
      return 1;
    }
    std::mt19937 random(static_cast<unsigned>(std::hash<std::string>{}(name)));
    for (const auto& [folder, how] : {std::pair{"300", office}, std::pair{"200", rough}}) {
      fs::create_directories(out / folder);
      PixaPtr pages(pixaCreate(0));
      for (int p = 0; p < document->pages(); ++p) {
        std::unique_ptr<poppler::page> page(document->create_page(p));
        PixPtr pix = degrade(*page, how, p == 0, random);
        if (how.dpi == 300) {
          const fs::path png = out / folder / (name + "-p" + std::to_string(p + 1) + ".png");
          pixWrite(png.c_str(), pix.get(), IFF_PNG);
          const fs::path tif = out / folder / (name + ".tif");
          pixWriteTiff(tif.c_str(), pix.get(), IFF_TIFF_ZIP, p == 0 ? "w" : "a");
        }
        pixaAddPix(pages.get(), pix.release(), L_INSERT);
      }
      const fs::path pdf = out / folder / (name + ".pdf");
      if (pixaConvertToPdf(pages.get(), how.dpi, 1.0, L_JPEG_ENCODE, how.jpeg_quality, name.c_str(),
                           pdf.c_str()) != 0) {
        std::cerr << "kpiform-scangen: cannot write " << pdf.string() << "\n";
        return 1;
      }
    }
  }
  return 0;
}
