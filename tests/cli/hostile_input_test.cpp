// Hostile and odd inputs, as a careful user probes them: huge images, very
// long TIFFs, more jobs than cores, memory running out, damaged PDFs, image
// variants that decoders differ on, and odd file names. Memory is read from
// outside, as the peak resident set of the kpiform process.
#include <gtest/gtest.h>
#include <leptonica/allheaders.h>
#include <sys/stat.h>
#include <tiffio.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <thread>

#include <nlohmann/json.hpp>

#include "hostile_files.h"
#include "sample_paths.h"

namespace kpiform {
namespace {

namespace fs = std::filesystem;
using testing::shell_quote;

testing::CommandResult kpiform(const std::string& arguments) {
  return testing::run_kpiform(arguments);
}

// kpiform run for its peak memory: under AddressSanitizer, whose quarantine
// keeps up to 256 MB of freed blocks, with a small quarantine, so that the
// peak is what kpiform itself keeps.
testing::CommandResult kpiform_measured(const std::string& arguments) {
  std::string environment;
#if defined(__SANITIZE_ADDRESS__)
  const char* current = std::getenv("ASAN_OPTIONS");
  environment = "ASAN_OPTIONS=" + std::string(current ? current : "") + ":quarantine_size_mb=8 ";
#endif
  return testing::run_command(
      environment + shell_quote((testing::binary_dir() / "kpiform").string()) + " " + arguments);
}

std::size_t count_lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

// A scanned page of a sample form: 300 dpi, 8-bit gray.
fs::path scanned_page() {
  return testing::binary_dir() / "samples" / "scan" / "300" / "08-official-vehicle-renewal-p1.png";
}

struct PixDeleter {
  void operator()(PIX* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

PixPtr read_gray(const fs::path& path) {
  PixPtr pix(pixRead(path.c_str()));
  if (!pix) throw std::runtime_error("cannot read " + path.string());
  return PixPtr(pixConvertTo8(pix.get(), 0));
}

// Black ink on transparent paper: the colour under the paper is black.
void write_rgba_png(const fs::path& path, PIX* gray) {
  PixPtr rgba(pixCreate(pixGetWidth(gray), pixGetHeight(gray), 32));
  PixPtr ink(pixInvert(nullptr, gray));
  pixSetRGBComponent(rgba.get(), ink.get(), L_ALPHA_CHANNEL);
  pixSetSpp(rgba.get(), 4);
  pixSetResolution(rgba.get(), 300, 300);
  ASSERT_EQ(pixWrite(path.c_str(), rgba.get(), IFF_PNG), 0);
}

// A page stored in 256-pixel tiles, as archival scanners write large pages.
void write_tiled_tiff(const fs::path& path, PIX* gray) {
  const int width = pixGetWidth(gray), height = pixGetHeight(gray), tile = 256;
  std::unique_ptr<TIFF, void (*)(TIFF*)> tiff(TIFFOpen(path.c_str(), "w"), TIFFClose);
  ASSERT_TRUE(tiff);
  TIFFSetField(tiff.get(), TIFFTAG_IMAGEWIDTH, width);
  TIFFSetField(tiff.get(), TIFFTAG_IMAGELENGTH, height);
  TIFFSetField(tiff.get(), TIFFTAG_BITSPERSAMPLE, 8);
  TIFFSetField(tiff.get(), TIFFTAG_SAMPLESPERPIXEL, 1);
  TIFFSetField(tiff.get(), TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
  TIFFSetField(tiff.get(), TIFFTAG_COMPRESSION, COMPRESSION_ADOBE_DEFLATE);
  TIFFSetField(tiff.get(), TIFFTAG_TILEWIDTH, tile);
  TIFFSetField(tiff.get(), TIFFTAG_TILELENGTH, tile);
  TIFFSetField(tiff.get(), TIFFTAG_XRESOLUTION, 300.0);
  TIFFSetField(tiff.get(), TIFFTAG_YRESOLUTION, 300.0);
  TIFFSetField(tiff.get(), TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
  std::vector<unsigned char> pixels(tile * tile);
  for (int ty = 0; ty < height; ty += tile) {
    for (int tx = 0; tx < width; tx += tile) {
      for (int y = 0; y < tile; ++y) {
        for (int x = 0; x < tile; ++x) {
          l_uint32 value = 255;
          if (tx + x < width && ty + y < height) pixGetPixel(gray, tx + x, ty + y, &value);
          pixels[y * tile + x] = static_cast<unsigned char>(value);
        }
      }
      ASSERT_GE(TIFFWriteTile(tiff.get(), pixels.data(), tx, ty, 0, 0), 0);
    }
  }
}

std::string read_bytes(const fs::path& path) {
  return testing::read_file(path);
}

void write_bytes(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

std::size_t indicators_of(const std::string& json) {
  std::size_t count = 0;
  for (const auto& record : nlohmann::json::parse(json)) count += record["indicators"].size();
  return count;
}

class HostileInput : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kpiform-hostile-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_;
};

// A 1 MB PNG of 30000 × 30000 pixels took 4.3 GB: its header is read first.
TEST_F(HostileInput, AnImageOverThePixelLimitFailsBeforeItIsDecoded) {
  const fs::path huge = dir_ / "huge.png";
  ASSERT_TRUE(testing::write_blank_png(huge, 30000, 30000));
  const auto result = kpiform_measured("extract -j 2 " + shell_quote(huge.string()));
  EXPECT_EQ(result.status, 1) << result.err;
  EXPECT_EQ(count_lines(result.err), 1u) << result.err;
  EXPECT_NE(result.err.find(huge.string() + ": page 1: the image is 900 megapixels, over the "
                                            "limit of 40 megapixels a page (--max-megapixels)"),
            std::string::npos)
      << result.err;
  EXPECT_LT(result.peak_rss_kib, 400 * 1024) << "KiB";
}

// A PDF page of 5000 × 5000 pt is 434 megapixels at 300 dpi.
TEST_F(HostileInput, APageTooLargeToRenderFailsNamingTheLimit) {
  const fs::path pdf = dir_ / "poster.pdf";
  ASSERT_TRUE(testing::write_poster_pdf(pdf));
  const auto result = kpiform_measured("extract --ocr always " + shell_quote(pdf.string()));
  EXPECT_EQ(result.status, 1) << result.err;
  EXPECT_NE(result.err.find("page 1: the page at 300 dpi is 434 megapixels, over the limit"),
            std::string::npos)
      << result.err;
  EXPECT_LT(result.peak_rss_kib, 400 * 1024) << "KiB";
}

// A 400-page TIFF kept every page decoded (3.4 GB); pages are decoded and
// recognised one at a time, so its peak is a short one's.
TEST_F(HostileInput, ALongTiffIsReadOnePageAtATime) {
  const fs::path shorter = dir_ / "short.tif", longer = dir_ / "long.tif";
  ASSERT_TRUE(testing::write_long_tiff(shorter, 10));
  ASSERT_TRUE(testing::write_long_tiff(longer, 400));
  const auto short_run = kpiform_measured("extract -j 2 " + shell_quote(shorter.string()));
  const auto long_run = kpiform_measured("extract -j 2 " + shell_quote(longer.string()));
  ASSERT_EQ(short_run.status, 0) << short_run.err;
  ASSERT_EQ(long_run.status, 0) << long_run.err;
  EXPECT_EQ(long_run.err, longer.string() + ": warning: no form found\n");
  // 390 more decoded pages would be 390 MB.
  EXPECT_LT(long_run.peak_rss_kib, short_run.peak_rss_kib + 100 * 1024)
      << "KiB; the 10-page file peaked at " << short_run.peak_rss_kib;

  const auto limited = kpiform("extract --max-pages 100 " + shell_quote(longer.string()));
  EXPECT_EQ(limited.status, 1);
  EXPECT_EQ(limited.err, longer.string() +
                             ": 400 pages, over the limit of 100 a document (--max-pages) "
                             "[image]\n");
}

// -j 64 on 40 scans started 40 engines (3.9 GB); jobs are capped at the
// cores, so -j 64 costs what -j CORES does.
TEST_F(HostileInput, JobsAreCappedAtTheCores) {
  PixPtr page = read_gray(scanned_page());
  // The title band: a line of Chinese, so every file starts an engine.
  BOX* band = boxCreate(0, 0, pixGetWidth(page.get()), 400);
  PixPtr title(pixClipRectangle(page.get(), band, nullptr));
  boxDestroy(&band);
  pixSetResolution(title.get(), 300, 300);
  std::string inputs;
  for (int i = 0; i < 12; ++i) {
    const fs::path path = dir_ / ("title-" + std::to_string(i) + ".png");
    ASSERT_EQ(pixWrite(path.c_str(), title.get(), IFF_PNG), 0);
    inputs += " " + shell_quote(path.string());
  }
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const auto capped = kpiform_measured("extract -q -j " + std::to_string(cores) + inputs);
  const auto asked = kpiform_measured("extract -q -j 64" + inputs);
  ASSERT_EQ(capped.status, 0) << capped.err;
  ASSERT_EQ(asked.status, 0) << asked.err;
  EXPECT_EQ(asked.out, capped.out);
  EXPECT_LT(asked.peak_rss_kib, capped.peak_rss_kib * 13 / 10 + 50 * 1024)
      << "KiB at -j 64; at -j " << cores << ": " << capped.peak_rss_kib;
}

// Out of memory was "no form found", exit 0, and import stored the document
// as no-form, never to be tried again.
TEST_F(HostileInput, RunningOutOfMemoryFailsTheDocumentAndImportRetriesIt) {
  const fs::path scan =
      testing::binary_dir() / "samples" / "scan" / "300" / "08-official-vehicle-renewal.pdf";
#if defined(__SANITIZE_ADDRESS__)
  // AddressSanitizer reserves terabytes of address space: a limit on it
  // cannot be set; its allocator refuses any block over 16 MB instead
  // (a page rendered at 300 dpi is 35 MB).
  const char* current = std::getenv("ASAN_OPTIONS");
  const std::string limit = "ASAN_OPTIONS=" + std::string(current ? current : "") +
                            ":allocator_may_return_null=1:max_allocation_size_mb=16 ";
#else
  const std::string limit = "ulimit -v 250000; ";
#endif
  const std::string binary = shell_quote((testing::binary_dir() / "kpiform").string());
  const auto starved =
      testing::run_command(limit + binary + " extract -q " + shell_quote(scan.string()));
  EXPECT_EQ(starved.status, 1) << starved.err;
  EXPECT_NE(starved.err.find(scan.string() + ": out of memory"), std::string::npos) << starved.err;

  const fs::path db = dir_ / "forms.sqlite";
  const auto import_starved =
      testing::run_command(limit + binary + " import -q --db " + shell_quote(db.string()) + " " +
                           shell_quote(scan.string()));
  EXPECT_EQ(import_starved.status, 1) << import_starved.err;
  const auto documents = kpiform("export --db " + shell_quote(db.string()) + " --table documents");
  EXPECT_NE(documents.out.find(",failed,"), std::string::npos) << documents.out;
  EXPECT_NE(documents.out.find("out of memory"), std::string::npos) << documents.out;
  const auto retried =
      kpiform("import -q --db " + shell_quote(db.string()) + " " + shell_quote(scan.string()));
  EXPECT_EQ(retried.status, 0) << retried.err;
  const auto records = kpiform("export --db " + shell_quote(db.string()) + " -f jsonl");
  EXPECT_EQ(count_lines(records.out), 1u) << records.out;
}

// A content stream whose /Length runs into the next objects mixed the goals
// with the table's text and lost the indicators, exit 0.
TEST_F(HostileInput, AStreamLengthRunningPastItsEndFailsTheDocument) {
  const fs::path qdf = dir_ / "qdf.pdf", damaged = dir_ / "damaged.pdf";
  const fs::path sample =
      testing::sample_pdf_dir() / "portrait" / "07-cadre-talent-development.pdf";
  ASSERT_EQ(testing::run_command("qpdf --qdf --object-streams=disable " +
                                 shell_quote(sample.string()) + " " + shell_quote(qdf.string()))
                .status,
            0);
  // qdf writes each stream's length as an object of its own: the first page's
  // content stream is followed by "N 0 obj\nLENGTH\nendobj". The length is
  // made to reach past the next stream, with the same number of digits, so
  // that no offset moves.
  std::string bytes = read_bytes(qdf);
  const std::size_t contents = bytes.find("%% Contents for page 1");
  ASSERT_NE(contents, std::string::npos);
  const std::size_t start = bytes.find("stream\n", contents) + 7;
  const std::size_t end = bytes.find("endstream", start);
  const std::size_t length_at = bytes.find(" 0 obj\n", end) + 7;
  const std::size_t length_end = bytes.find('\n', length_at);
  const std::string length = bytes.substr(length_at, length_end - length_at);
  ASSERT_EQ(std::stoul(length), end - start);  // the stream, with its last newline
  const std::size_t next_stream_end = bytes.find("endstream", bytes.find("stream\n", end + 9));
  std::string longer = std::to_string(
      std::min(next_stream_end - start, std::stoul(std::string(length.size(), '9'))));
  ASSERT_EQ(longer.size(), length.size());
  bytes.replace(length_at, length.size(), longer);
  write_bytes(damaged, bytes);

  const auto result = kpiform("extract " + shell_quote(damaged.string()));
  EXPECT_EQ(result.status, 1) << result.err;
  EXPECT_EQ(count_lines(result.err), 1u) << result.err;
  EXPECT_NE(result.err.find(damaged.string() +
                            ": damaged PDF: a content stream's /Length runs past its end"),
            std::string::npos)
      << result.err;
  // The undamaged rewrite is read as the sample is.
  const auto intact = kpiform("extract " + shell_quote(qdf.string()));
  EXPECT_EQ(intact.status, 0) << intact.err;
  EXPECT_EQ(indicators_of(intact.out), 10u);
}

// An RGBA PNG was read without its alpha (black under transparent paper: no
// form), and a tiled TIFF was rejected.
TEST_F(HostileInput, TransparentAndTiledScansAreReadAsTheirPage) {
  PixPtr page = read_gray(scanned_page());
  const fs::path rgba = dir_ / "transparent.png", tiled = dir_ / "tiled.tif";
  write_rgba_png(rgba, page.get());
  write_tiled_tiff(tiled, page.get());
  const auto result = kpiform("extract -q -f json " + shell_quote(rgba.string()) + " " +
                              shell_quote(tiled.string()));
  ASSERT_EQ(result.status, 0) << result.err;
  const auto records = nlohmann::json::parse(result.out);
  ASSERT_EQ(records.size(), 2u) << result.out;
  for (const auto& record : records) {
    EXPECT_EQ(record["project_name"], "更新公务车辆") << record["source"]["path"];
    EXPECT_GE(record["indicators"].size(), 4u) << record["source"]["path"];
  }
}

// import hashed /dev/zero forever and waited on a FIFO with no writer.
TEST_F(HostileInput, ImportRefusesADeviceAndAFifoAtOnce) {
  const fs::path fifo = dir_ / "input.pdf", db = dir_ / "forms.sqlite";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const auto result = testing::run_command(
      "timeout 60 " + shell_quote((testing::binary_dir() / "kpiform").string()) +
      " import -q --db " + shell_quote(db.string()) + " /dev/zero " + shell_quote(fifo.string()));
  EXPECT_EQ(result.status, 1) << result.err;
  // One line each, in the order the workers reach them.
  EXPECT_EQ(count_lines(result.err), 2u) << result.err;
  EXPECT_NE(result.err.find("/dev/zero: not a regular file (a device) [read]\n"), std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find(fifo.string() + ": not a regular file (a FIFO) [read]\n"),
            std::string::npos)
      << result.err;
}

// A run killed while writing -o left OUTPUT.kpiform-partial behind; the next
// run to that output takes it away.
TEST_F(HostileInput, APartialOutputLeftByAKilledRunIsGoneAfterTheNext) {
  const fs::path output = dir_ / "forms.json", partial = dir_ / "forms.json.kpiform-partial";
  write_bytes(partial, "[{\"schema_version\": 1, \"source\"");
  const fs::path sample =
      testing::sample_pdf_dir() / "portrait" / "07-cadre-talent-development.pdf";
  ASSERT_EQ(
      kpiform("extract -q -o " + shell_quote(output.string()) + " " + shell_quote(sample.string()))
          .status,
      0);
  EXPECT_FALSE(fs::exists(partial));
  EXPECT_EQ(indicators_of(read_bytes(output)), 10u);
}

// --ocr never on a scanned PDF said "no form found", where a PNG got a clear
// error.
TEST_F(HostileInput, NoOcrOnAScanIsAnErrorAsForAnImage) {
  const fs::path scan =
      testing::binary_dir() / "samples" / "scan" / "300" / "08-official-vehicle-renewal.pdf";
  const auto result = kpiform("extract --ocr never " + shell_quote(scan.string()) + " " +
                              shell_quote(scanned_page().string()));
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.err, scan.string() +
                            ": no page has a usable text layer (a scan?), and --ocr never was "
                            "given [pdf]\n" +
                            scanned_page().string() +
                            ": an image needs OCR, and --ocr never was given [image]\n");
}

TEST_F(HostileInput, ALanguageTesseractCannotStartIsAUsageError) {
  const auto result = kpiform("extract --lang xxx " + shell_quote(scanned_page().string()));
  EXPECT_EQ(result.status, 2);
  ASSERT_EQ(count_lines(result.err), 2u) << result.err;  // the reason, and where help is
  EXPECT_EQ(result.err.rfind("kpiform: Tesseract has no traineddata for 'xxx' in ", 0), 0u)
      << result.err;
  EXPECT_NE(result.err.find("(installed: "), std::string::npos) << result.err;
  // Without OCR no language is needed.
  const fs::path sample =
      testing::sample_pdf_dir() / "portrait" / "07-cadre-talent-development.pdf";
  EXPECT_EQ(kpiform("extract -q --ocr never --lang xxx " + shell_quote(sample.string())).status, 0);
}

// A newline in a file name split its error line; bytes that are not UTF-8
// went raw into JSON, CSV and the database.
TEST_F(HostileInput, OddFileNamesArePrintedAndStoredEscaped) {
  const fs::path sample =
      testing::sample_pdf_dir() / "portrait" / "07-cadre-talent-development.pdf";
  const fs::path odd = dir_ / "form\nname\xff.pdf", bad = dir_ / "bad\nname.pdf";
  fs::copy_file(sample, odd);
  write_bytes(bad, "not a pdf");
  const std::string escaped = (dir_ / "form\\x0Aname\\xFF.pdf").string();
  const auto result =
      kpiform("extract -q " + shell_quote(odd.string()) + " " + shell_quote(bad.string()));
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.err,
            (dir_ / "bad\\x0Aname.pdf").string() + ": not a PDF (no %PDF- header) [pdf]\n");
  EXPECT_EQ(nlohmann::json::parse(result.out).at(0)["source"]["path"], escaped);
  const auto csv = kpiform("extract -f csv " + shell_quote(odd.string()));
  EXPECT_NE(csv.out.find("\n" + escaped + ","), std::string::npos) << csv.out;

  const fs::path db = dir_ / "forms.sqlite";
  ASSERT_EQ(kpiform("import -q --db " + shell_quote(db.string()) + " " + shell_quote(odd.string()))
                .status,
            0);
  const auto documents = kpiform("export --db " + shell_quote(db.string()) + " --table documents");
  EXPECT_NE(documents.out.find(escaped), std::string::npos) << documents.out;
}

}  // namespace
}  // namespace kpiform
