// The image readers on small files of every kind kpiform reads: the page's
// size from its header, its resolution, its pixels (transparent paper is
// white) and a clear error for a damaged file.
#include "image_file.h"

#include <gtest/gtest.h>
#include <leptonica/allheaders.h>
#include <tiffio.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "kpiform/schema/error.h"

namespace kpiform::extract {
namespace {

namespace fs = std::filesystem;

class ImageFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("kpiform-image-test-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    // A gray page at 200 dpi: white with a black bar at the top left.
    page_.reset(pixCreate(120, 80, 8));
    pixSetAll(page_.get());
    pixRasterop(page_.get(), 10, 10, 50, 4, PIX_CLR, nullptr, 0, 0);
    pixSetResolution(page_.get(), 200, 200);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path written(const std::string& name, PIX* pix, l_int32 format) {
    const fs::path path = dir_ / name;
    EXPECT_EQ(pixWrite(path.c_str(), pix, format), 0);
    return path;
  }

  // The pixel at (x, y) of a decoded page, as gray.
  static l_uint32 gray_at(const DecodedPage& page, int x, int y) {
    PixPtr gray(pixConvertTo8(page.pix.get(), 0));
    l_uint32 value = 0;
    pixGetPixel(gray.get(), x, y, &value);
    return value;
  }

  fs::path dir_;
  PixPtr page_;
};

TEST_F(ImageFileTest, EveryFormatGivesItsSizeResolutionAndPixels) {
  PixPtr colour(pixConvertTo32(page_.get()));
  pixSetResolution(colour.get(), 200, 200);
  PixPtr bilevel(pixConvertTo1(page_.get(), 128));
  pixSetResolution(bilevel.get(), 200, 200);
  const std::vector<std::pair<fs::path, ImageFormat>> files = {
      {written("gray.png", page_.get(), IFF_PNG), ImageFormat::kPng},
      {written("colour.png", colour.get(), IFF_PNG), ImageFormat::kPng},
      {written("gray.jpg", page_.get(), IFF_JFIF_JPEG), ImageFormat::kJpeg},
      {written("colour.jpg", colour.get(), IFF_JFIF_JPEG), ImageFormat::kJpeg},
      {written("gray.tif", page_.get(), IFF_TIFF_ZIP), ImageFormat::kTiff},
      {written("bilevel.tif", bilevel.get(), IFF_TIFF_G4), ImageFormat::kTiff},
  };
  for (const auto& [path, format] : files) {
    SCOPED_TRACE(path.filename().string());
    ASSERT_EQ(image_format_of(path.string()), format);
    const ImageFile file(path.string(), format);
    ASSERT_EQ(file.pages(), 1);
    EXPECT_EQ(file.size_of(0).width, 120);
    EXPECT_EQ(file.size_of(0).height, 80);
    const DecodedPage page = file.decode(0);
    EXPECT_EQ(page.dpi, 200);
    EXPECT_LT(gray_at(page, 20, 11), 60u) << "the bar is black";
    EXPECT_GT(gray_at(page, 20, 40), 200u) << "the paper is white";
  }
}

TEST_F(ImageFileTest, TransparentPaperIsWhite) {
  // Black everywhere; opaque only where the bar is.
  PixPtr rgba(pixCreate(120, 80, 32));
  PixPtr ink(pixInvert(nullptr, page_.get()));
  pixSetRGBComponent(rgba.get(), ink.get(), L_ALPHA_CHANNEL);
  pixSetSpp(rgba.get(), 4);
  const fs::path path = written("transparent.png", rgba.get(), IFF_PNG);
  const DecodedPage page = ImageFile(path.string(), ImageFormat::kPng).decode(0);
  EXPECT_LT(gray_at(page, 20, 11), 60u);
  EXPECT_GT(gray_at(page, 20, 40), 200u);
}

TEST_F(ImageFileTest, ATiledTiffPageIsRead) {
  const fs::path path = dir_ / "tiled.tif";
  {
    std::unique_ptr<TIFF, void (*)(TIFF*)> tiff(TIFFOpen(path.c_str(), "w"), TIFFClose);
    ASSERT_TRUE(tiff);
    TIFFSetField(tiff.get(), TIFFTAG_IMAGEWIDTH, 120);
    TIFFSetField(tiff.get(), TIFFTAG_IMAGELENGTH, 80);
    TIFFSetField(tiff.get(), TIFFTAG_BITSPERSAMPLE, 8);
    TIFFSetField(tiff.get(), TIFFTAG_SAMPLESPERPIXEL, 1);
    TIFFSetField(tiff.get(), TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
    TIFFSetField(tiff.get(), TIFFTAG_COMPRESSION, COMPRESSION_ADOBE_DEFLATE);
    TIFFSetField(tiff.get(), TIFFTAG_TILEWIDTH, 16);
    TIFFSetField(tiff.get(), TIFFTAG_TILELENGTH, 16);
    TIFFSetField(tiff.get(), TIFFTAG_XRESOLUTION, 200.0);
    TIFFSetField(tiff.get(), TIFFTAG_YRESOLUTION, 200.0);
    TIFFSetField(tiff.get(), TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
    std::vector<unsigned char> tile(16 * 16);
    for (int ty = 0; ty < 80; ty += 16) {
      for (int tx = 0; tx < 120; tx += 16) {
        for (int i = 0; i < 256; ++i) {
          l_uint32 value = 255;
          pixGetPixel(page_.get(), tx + i % 16, ty + i / 16, &value);
          tile[i] = static_cast<unsigned char>(value);
        }
        ASSERT_GE(TIFFWriteTile(tiff.get(), tile.data(), tx, ty, 0, 0), 0);
      }
    }
  }
  const DecodedPage page = ImageFile(path.string(), ImageFormat::kTiff).decode(0);
  EXPECT_EQ(page.dpi, 200);
  EXPECT_EQ(pixGetDepth(page.pix.get()), 8);
  EXPECT_LT(gray_at(page, 20, 11), 60u);
  EXPECT_GT(gray_at(page, 20, 40), 200u);
}

TEST_F(ImageFileTest, ADamagedFileIsAnInputErrorNamingTheDecoder) {
  const fs::path whole = written("gray.png", page_.get(), IFF_PNG), cut = dir_ / "cut.png";
  std::string bytes(fs::file_size(whole), '\0');
  std::ifstream(whole, std::ios::binary)
      .read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  std::ofstream(cut, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  try {
    ImageFile(cut.string(), ImageFormat::kPng).decode(0);
    FAIL() << "a cut PNG decoded";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("PNG cannot be decoded (libpng: "), std::string::npos)
        << error.what();
  }
}

}  // namespace
}  // namespace kpiform::extract
