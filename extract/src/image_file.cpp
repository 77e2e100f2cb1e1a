#include "image_file.h"

#include <jpeglib.h>
#include <png.h>
#include <tiffio.h>

#include <array>
#include <bit>
#include <cerrno>
#include <cmath>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <new>

#include "kpiform/schema/error.h"
#include "library_messages.h"

namespace kpiform::extract {

namespace {

constexpr const char* kStage = "image";

int plausible_dpi(long long dpi) {
  // Scanners write their resolution; without one, office scans are 300 dpi.
  return dpi >= 70 && dpi <= 1200 ? static_cast<int>(dpi) : 300;
}

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

FilePtr open_file(const std::string& path) {
  FilePtr file(std::fopen(path.c_str(), "rb"));
  if (!file) {
    throw InputError(path, kStage, std::string("cannot open the file: ") + std::strerror(errno));
  }
  return file;
}

// A 32 bpp page whose fourth byte is alpha, composited onto white paper in
// place: a transparent background is paper, not black.
void composite_on_white(PIX* pix) {
  const l_int32 width = pixGetWidth(pix), height = pixGetHeight(pix), wpl = pixGetWpl(pix);
  l_uint32* data = pixGetData(pix);
  for (l_int32 y = 0; y < height; ++y) {
    l_uint32* line = data + static_cast<std::ptrdiff_t>(y) * wpl;
    for (l_int32 x = 0; x < width; ++x) {
      const l_uint32 word = line[x];
      const l_uint32 alpha = word & 0xFF;
      auto over_white = [&](int shift) {
        const l_uint32 value = (word >> shift) & 0xFF;
        return (value * alpha + 255 * (255 - alpha) + 127) / 255;
      };
      line[x] = (over_white(24) << 24) | (over_white(16) << 16) | (over_white(8) << 8) | 0xFF;
    }
  }
  pixSetSpp(pix, 3);
}

PixPtr new_pix(long long width, long long height, int depth) {
  PixPtr pix(pixCreateNoInit(static_cast<l_int32>(width), static_cast<l_int32>(height), depth));
  if (!pix) throw std::bad_alloc();
  return pix;
}

// PNG's pHYs chunk (pixels per metre), which the simplified reader skips.
std::optional<int> png_dpi(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  file.seekg(8);  // the signature
  for (int chunk = 0; chunk < 64 && file; ++chunk) {
    unsigned char head[8];
    if (!file.read(reinterpret_cast<char*>(head), 8)) break;
    const std::uint32_t length = (std::uint32_t{head[0]} << 24) | (std::uint32_t{head[1]} << 16) |
                                 (std::uint32_t{head[2]} << 8) | head[3];
    const std::string type(reinterpret_cast<char*>(head) + 4, 4);
    if (type == "IDAT") break;
    if (type == "pHYs" && length == 9) {
      unsigned char body[9];
      if (!file.read(reinterpret_cast<char*>(body), 9)) break;
      const std::uint32_t per_metre = (std::uint32_t{body[0]} << 24) |
                                      (std::uint32_t{body[1]} << 16) |
                                      (std::uint32_t{body[2]} << 8) | body[3];
      if (body[8] != 1) return std::nullopt;  // no unit: an aspect ratio only
      return static_cast<int>(per_metre * 0.0254 + 0.5);
    }
    file.seekg(static_cast<std::streamoff>(length) + 4, std::ios::cur);  // body and CRC
  }
  return std::nullopt;
}

struct PngReader {
  png_image image{};
  explicit PngReader(const std::string& path) {
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&image, path.c_str())) {
      throw InputError(path, kStage,
                       std::string("PNG cannot be decoded (libpng: ") + image.message + ")");
    }
  }
  ~PngReader() { png_image_free(&image); }
  PngReader(const PngReader&) = delete;
  PngReader& operator=(const PngReader&) = delete;
};

DecodedPage decode_png(const std::string& path) {
  PngReader reader(path);
  png_image& image = reader.image;
  const bool colour = image.format & PNG_FORMAT_FLAG_COLOR;
  const bool alpha = image.format & PNG_FORMAT_FLAG_ALPHA;
  DecodedPage page{nullptr, plausible_dpi(png_dpi(path).value_or(0))};
  if (colour || alpha) {
    // ABGR bytes are Leptonica's 0xRRGGBBAA words on a little-endian machine.
    static_assert(std::endian::native == std::endian::little);
    image.format = PNG_FORMAT_ABGR;
    page.pix = new_pix(image.width, image.height, 32);
    pixSetSpp(page.pix.get(), 4);
  } else {
    image.format = PNG_FORMAT_GRAY;
    page.pix = new_pix(image.width, image.height, 8);
  }
  const auto stride = static_cast<png_int_32>(pixGetWpl(page.pix.get()) * 4);
  if (!png_image_finish_read(&image, nullptr, pixGetData(page.pix.get()), stride, nullptr)) {
    throw InputError(path, kStage,
                     std::string("PNG cannot be decoded (libpng: ") + image.message + ")");
  }
  if (image.format == PNG_FORMAT_GRAY) {
    pixEndianByteSwap(page.pix.get());  // bytes in Leptonica's word order
  } else if (alpha) {
    composite_on_white(page.pix.get());
  } else {
    pixSetSpp(page.pix.get(), 3);
  }
  if (!colour && image.format != PNG_FORMAT_GRAY) {
    PixPtr gray(pixConvertRGBToLuminance(page.pix.get()));
    if (!gray) throw std::bad_alloc();
    page.pix = std::move(gray);
  }
  return page;
}

// libjpeg ends a failed call by longjmp; the state it jumps back to holds no
// C++ object that needs destroying.
struct JpegErrors {
  jpeg_error_mgr manager;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

void jpeg_failed(j_common_ptr info) {
  auto* errors = reinterpret_cast<JpegErrors*>(info->err);
  (*info->err->format_message)(info, errors->message);
  std::longjmp(errors->jump, 1);
}

void jpeg_said(j_common_ptr info) {
  char message[JMSG_LENGTH_MAX];
  (*info->err->format_message)(info, message);
  keep_library_message("libjpeg", message);
}

enum class JpegStep { kHeader, kDecode };

// Reads the header (and with kDecode the pixels into a new *pix); returns
// "" or libjpeg's reason. *pix is left null on failure.
std::string read_jpeg(std::FILE* file, JpegStep step, PageSize* size, int* dpi, PIX** pix) {
  jpeg_decompress_struct info;
  JpegErrors errors;
  info.err = jpeg_std_error(&errors.manager);
  errors.manager.error_exit = jpeg_failed;
  errors.manager.output_message = jpeg_said;
  errors.message[0] = '\0';
  *pix = nullptr;
  if (setjmp(errors.jump)) {
    jpeg_destroy_decompress(&info);
    if (*pix) pixDestroy(pix);
    return errors.message[0] ? errors.message : "damaged JPEG";
  }
  jpeg_create_decompress(&info);
  jpeg_stdio_src(&info, file);
  jpeg_read_header(&info, TRUE);
  size->width = info.image_width;
  size->height = info.image_height;
  const double per_inch = info.density_unit == 1 ? 1 : info.density_unit == 2 ? 2.54 : 0;
  *dpi = plausible_dpi(static_cast<long long>(info.X_density * per_inch + 0.5));
  if (step == JpegStep::kDecode) {
    const bool cmyk = info.jpeg_color_space == JCS_CMYK || info.jpeg_color_space == JCS_YCCK;
    const bool gray = info.num_components == 1;
    info.out_color_space = gray ? JCS_GRAYSCALE : cmyk ? JCS_CMYK : JCS_EXT_XBGR;
    jpeg_start_decompress(&info);
    *pix = pixCreateNoInit(static_cast<l_int32>(info.output_width),
                           static_cast<l_int32>(info.output_height), gray ? 8 : 32);
    if (!*pix) {
      jpeg_destroy_decompress(&info);
      return "out of memory";
    }
    const l_int32 wpl = pixGetWpl(*pix);
    // From libjpeg's pool, freed with `info` however decoding ends.
    JSAMPARRAY cmyk_row = cmyk ? (*info.mem->alloc_sarray)(reinterpret_cast<j_common_ptr>(&info),
                                                           JPOOL_IMAGE, 4 * info.output_width, 1)
                               : nullptr;
    while (info.output_scanline < info.output_height) {
      l_uint32* line = pixGetData(*pix) + static_cast<std::ptrdiff_t>(info.output_scanline) * wpl;
      JSAMPROW row = cmyk ? cmyk_row[0] : reinterpret_cast<JSAMPROW>(line);
      jpeg_read_scanlines(&info, &row, 1);
      if (!cmyk) continue;
      // Photoshop's CMYK JPEGs (Adobe marker) store 255 - ink: the light
      // each ink lets through.
      for (JDIMENSION x = 0; x < info.output_width; ++x) {
        auto light = [&](int channel) {
          const int value = row[4 * x + channel];
          return info.saw_Adobe_marker ? value : 255 - value;
        };
        const int black = light(3);
        composeRGBPixel(light(0) * black / 255, light(1) * black / 255, light(2) * black / 255,
                        line + x);
      }
    }
    jpeg_finish_decompress(&info);
    if (gray) pixEndianByteSwap(*pix);
  }
  jpeg_destroy_decompress(&info);
  return "";
}

DecodedPage decode_jpeg(const std::string& path) {
  FilePtr file = open_file(path);
  PageSize size;
  int dpi = 300;
  PIX* raw = nullptr;
  const std::string failure = read_jpeg(file.get(), JpegStep::kDecode, &size, &dpi, &raw);
  if (failure == "out of memory") throw std::bad_alloc();
  if (!failure.empty()) {
    throw InputError(path, kStage, "JPEG cannot be decoded (libjpeg: " + failure + ")");
  }
  return DecodedPage{PixPtr(raw), dpi};
}

struct TiffCloser {
  void operator()(TIFF* tiff) const { TIFFClose(tiff); }
};
using TiffPtr = std::unique_ptr<TIFF, TiffCloser>;

// Leptonica reads TIFF pages in strips only; a tiled page (as archival
// scanners write large pages) goes through libtiff's RGBA reader, into the
// page's own pixels.
std::optional<DecodedPage> decode_tiled_tiff(const std::string& path, int index) {
  TiffPtr tiff(TIFFOpen(path.c_str(), "rm"));
  if (!tiff || !TIFFSetDirectory(tiff.get(), static_cast<tdir_t>(index))) return std::nullopt;
  if (!TIFFIsTiled(tiff.get())) return std::nullopt;
  std::uint32_t width = 0, height = 0;
  std::uint16_t samples = 1, bits = 1, unit = RESUNIT_INCH;
  float resolution = 0;
  TIFFGetField(tiff.get(), TIFFTAG_IMAGEWIDTH, &width);
  TIFFGetField(tiff.get(), TIFFTAG_IMAGELENGTH, &height);
  TIFFGetFieldDefaulted(tiff.get(), TIFFTAG_SAMPLESPERPIXEL, &samples);
  TIFFGetFieldDefaulted(tiff.get(), TIFFTAG_BITSPERSAMPLE, &bits);
  TIFFGetFieldDefaulted(tiff.get(), TIFFTAG_RESOLUTIONUNIT, &unit);
  TIFFGetField(tiff.get(), TIFFTAG_XRESOLUTION, &resolution);
  PixPtr pix = new_pix(width, height, 32);
  auto* raster = reinterpret_cast<std::uint32_t*>(pixGetData(pix.get()));
  if (!TIFFReadRGBAImageOriented(tiff.get(), width, height, raster, ORIENTATION_TOPLEFT, 0)) {
    throw InputError(path, kStage, "TIFF page cannot be decoded", index + 1);
  }
  // libtiff's words are 0xAABBGGRR, Leptonica's 0xRRGGBBAA.
  for (std::size_t i = 0; i < std::size_t{width} * height; ++i) {
    const std::uint32_t word = raster[i];
    raster[i] =
        (TIFFGetR(word) << 24) | (TIFFGetG(word) << 16) | (TIFFGetB(word) << 8) | TIFFGetA(word);
  }
  pixSetSpp(pix.get(), 4);
  composite_on_white(pix.get());
  if (samples < 3) {
    PixPtr gray(pixConvertRGBToLuminance(pix.get()));
    if (!gray) throw std::bad_alloc();
    pix = std::move(gray);
    if (bits == 1) pix.reset(pixConvertTo1(pix.get(), 128));  // bilevel stays bilevel
    if (!pix) throw std::bad_alloc();
  }
  const double per_inch = unit == RESUNIT_CENTIMETER ? 2.54 : unit == RESUNIT_INCH ? 1 : 0;
  return DecodedPage{std::move(pix), plausible_dpi(std::lround(resolution * per_inch))};
}

}  // namespace

std::optional<ImageFormat> image_format_of(const std::string& path) {
  // Leptonica's signature test reads 12 bytes; a shorter file is padded.
  std::array<l_uint8, 12> head{};
  std::ifstream file(path, std::ios::binary);
  file.read(reinterpret_cast<char*>(head.data()), head.size());
  l_int32 format = IFF_UNKNOWN;
  findFileFormatBuffer(head.data(), &format);
  switch (format) {
    case IFF_PNG:
      return ImageFormat::kPng;
    case IFF_JFIF_JPEG:
      return ImageFormat::kJpeg;
    case IFF_TIFF:
      return ImageFormat::kTiff;
    default:
      return std::nullopt;  // a PDF, or nothing kpiform reads as an image
  }
}

ImageFile::ImageFile(std::string path, ImageFormat format)
    : path_(std::move(path)), format_(format) {
  if (format_ != ImageFormat::kTiff) return;  // one page; size_of(0) reads its header
  FilePtr file = open_file(path_);
  l_int32 count = 0;
  if (tiffGetCount(file.get(), &count) != 0 || count <= 0) {
    LibraryMessages said;
    throw InputError(path_, kStage, "TIFF image cannot be decoded" + said.first_as_suffix());
  }
  pages_ = count;
}

PageSize ImageFile::size_of(int index) const {
  PageSize size;
  switch (format_) {
    case ImageFormat::kPng: {
      PngReader reader(path_);
      size = {reader.image.width, reader.image.height};
      break;
    }
    case ImageFormat::kJpeg: {
      FilePtr file = open_file(path_);
      int dpi = 0;
      PIX* none = nullptr;
      const std::string failure = read_jpeg(file.get(), JpegStep::kHeader, &size, &dpi, &none);
      if (!failure.empty()) {
        throw InputError(path_, kStage, "JPEG cannot be decoded (libjpeg: " + failure + ")");
      }
      break;
    }
    case ImageFormat::kTiff: {
      l_int32 width = 0, height = 0, bits = 0, samples = 0, resolution = 0, colormap = 0,
              compression = 0;
      if (readHeaderTiff(path_.c_str(), index, &width, &height, &bits, &samples, &resolution,
                         &colormap, &compression) != 0) {
        throw InputError(path_, kStage, "TIFF page cannot be decoded", index + 1);
      }
      size = {width, height};
      break;
    }
  }
  return size;
}

DecodedPage ImageFile::decode(int index) const {
  if (format_ == ImageFormat::kPng) return decode_png(path_);
  if (format_ == ImageFormat::kJpeg) return decode_jpeg(path_);
  if (auto tiled = decode_tiled_tiff(path_, index)) return std::move(*tiled);
  PixPtr pix(pixReadTiff(path_.c_str(), index));
  if (!pix) throw InputError(path_, kStage, "TIFF page cannot be decoded", index + 1);
  if (pixGetDepth(pix.get()) == 32 && pixGetSpp(pix.get()) == 4) composite_on_white(pix.get());
  const int dpi = plausible_dpi(pixGetXRes(pix.get()));  // before pix is moved from
  return DecodedPage{std::move(pix), dpi};
}

}  // namespace kpiform::extract
