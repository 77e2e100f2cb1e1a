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
#include <random>

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
void stamp_seal(PIX* page, std::mt19937& random) {
  const l_int32 w = pixGetWidth(page), h = pixGetHeight(page);
  PixPtr mask(pixCreate(w, h, 1));
  const double cx = 0.68 * w, cy = 0.30 * h, radius = 0.12 * w;
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

PixPtr degrade(const poppler::page& page, const Degradation& how, bool first_page,
               std::mt19937& random) {
  PixPtr pix = render(page, how.dpi);
  if (how.seal && first_page) stamp_seal(pix.get(), random);
  if (!how.colour) pix.reset(pixConvertRGBToLuminance(pix.get()));
  pix.reset(pixRotate(pix.get(), static_cast<float>(how.skew_degrees * M_PI / 180),
                      L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
  if (how.blur) pix.reset(pixBlockconv(pix.get(), 1, 1));
  add_noise(pix.get(), how.noise_sigma, random);
  pixSetResolution(pix.get(), how.dpi, how.dpi);
  return pix;
}

}  // namespace

int main(int argc, char** argv) {
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
