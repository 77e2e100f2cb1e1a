// The OCR path on scanned samples (label ocr): an image-only PDF at 300 dpi,
// a multi-page TIFF, and a 200 dpi colour scan with a red seal over the
// funds table. Numbers must come out exact where the scan is clean and
// nearly so on the rough one; text may carry a few misread characters
// (measured by bench/ocr_accuracy).
#include <gtest/gtest.h>

#include <cmath>

#include "kpiform/pipeline/pipeline.h"
#include "kpiform/schema/json.h"
#include "record_compare.h"
#include "sample_paths.h"

namespace kpiform {
namespace {

namespace fs = std::filesystem;

fs::path scan(const std::string& relative) {
  return testing::binary_dir() / "samples" / "scan" / relative;
}

schema::Record truth(const std::string& name) {
  return schema::read_records_file((testing::records_dir() / (name + ".json")).string()).front();
}

// Every number of the record: funds, weights, scores, values, total.
std::vector<std::optional<double>> numbers(const schema::Record& record) {
  std::vector<std::optional<double>> out;
  for (const schema::FundsRow& row : record.funds) {
    for (auto field : {&schema::FundsRow::initial_budget, &schema::FundsRow::annual_budget,
                       &schema::FundsRow::executed, &schema::FundsRow::weight,
                       &schema::FundsRow::execution_rate, &schema::FundsRow::score}) {
      out.push_back(row.*field);
    }
  }
  for (const schema::Indicator& indicator : record.indicators) {
    out.push_back(indicator.target.value);
    out.push_back(indicator.actual.value);
    out.push_back(indicator.weight);
    out.push_back(indicator.score);
  }
  out.push_back(record.total.weight);
  out.push_back(record.total.score);
  return out;
}

// Share of the truth's numbers read exactly.
double exact_numbers(const schema::Record& expected, const schema::Record& actual) {
  const auto want = numbers(expected);
  const auto got = numbers(actual);
  int total = 0, exact = 0;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (!want[i]) continue;
    ++total;
    if (i < got.size() && got[i] && std::fabs(*want[i] - *got[i]) <= 0.005) ++exact;
  }
  return total ? static_cast<double>(exact) / total : 1.0;
}

pipeline::FileOutcome read(const fs::path& path, extract::OcrMode mode = extract::OcrMode::kAuto) {
  pipeline::ExtractOptions options;
  options.ocr = mode;
  options.scan.threads = 2;
  return pipeline::extract_file(path.string(), options);
}

TEST(Ocr, ImageOnlyPdfAt300DpiGivesExactNumbersAndLevels) {
  const schema::Record expected = truth("08-official-vehicle-renewal");
  const pipeline::FileOutcome outcome = read(scan("300/08-official-vehicle-renewal.pdf"));
  ASSERT_FALSE(outcome.error) << *outcome.error;
  ASSERT_EQ(outcome.records.size(), 1u);
  const schema::Record& record = outcome.records[0];
  EXPECT_EQ(record.source.method, schema::Method::kOcr) << "auto mode found no text layer";
  ASSERT_EQ(record.indicators.size(), expected.indicators.size());
  EXPECT_EQ(exact_numbers(expected, record), 1.0);
  for (std::size_t i = 0; i < expected.indicators.size(); ++i) {
    EXPECT_EQ(record.indicators[i].level1, expected.indicators[i].level1) << i;
    EXPECT_EQ(record.indicators[i].level2, expected.indicators[i].level2) << i;
  }
  EXPECT_EQ(record.project_name, expected.project_name);
  EXPECT_EQ(record.title, expected.title);
  // Funds row labels are closed vocabulary: printed "其中：当年财政拨款" even
  // where OCR reads an ASCII colon.
  ASSERT_EQ(record.funds.size(), expected.funds.size());
  for (std::size_t i = 0; i < expected.funds.size(); ++i) {
    EXPECT_EQ(record.funds[i].item, expected.funds[i].item) << i;
  }
}

TEST(Ocr, MultiPageTiffFormRunsOverThePageBreak) {
  const schema::Record expected = truth("03-classified-network-upgrade");
  const pipeline::FileOutcome outcome = read(scan("300/03-classified-network-upgrade.tif"));
  ASSERT_FALSE(outcome.error) << *outcome.error;
  EXPECT_EQ(outcome.pages, 2);
  ASSERT_EQ(outcome.records.size(), 1u);
  const schema::Record& record = outcome.records[0];
  EXPECT_EQ(record.source.first_page, 1);
  EXPECT_EQ(record.source.last_page, 2);
  ASSERT_EQ(record.indicators.size(), expected.indicators.size());
  EXPECT_EQ(exact_numbers(expected, record), 1.0);
  // The level-3 text split by the page break is joined.
  EXPECT_EQ(record.indicators[6].level3, "长效管理制度建设及执行情况");
  EXPECT_EQ(record.indicators[7].level1, "满意度指标");
}

TEST(Ocr, ColourScanWithASealStillGivesTheForm) {
  const schema::Record expected = truth("08-official-vehicle-renewal");
  const pipeline::FileOutcome outcome = read(scan("200/08-official-vehicle-renewal.pdf"));
  ASSERT_FALSE(outcome.error) << *outcome.error;
  ASSERT_EQ(outcome.records.size(), 1u);
  const schema::Record& record = outcome.records[0];
  // The seal lies over the funds table: its rules must survive the ink
  // removal, or no indicator would be found.
  EXPECT_EQ(record.indicators.size(), expected.indicators.size());
  EXPECT_GE(exact_numbers(expected, record), 0.95);
}

TEST(Ocr, NeverModeReadsNoScan) {
  const pipeline::FileOutcome pdf =
      read(scan("300/08-official-vehicle-renewal.pdf"), extract::OcrMode::kNever);
  // An error, as for an image: "no form found" would pass a scan as empty.
  ASSERT_TRUE(pdf.error);
  EXPECT_NE(pdf.error->find("no page has a usable text layer"), std::string::npos) << *pdf.error;
  EXPECT_TRUE(pdf.records.empty());

  const pipeline::FileOutcome image =
      read(scan("300/08-official-vehicle-renewal-p1.png"), extract::OcrMode::kNever);
  ASSERT_TRUE(image.error);
  EXPECT_NE(image.error->find("an image needs OCR"), std::string::npos) << *image.error;
}

TEST(Ocr, BornDigitalPdfIsNotRecognisedInAutoMode) {
  const pipeline::FileOutcome outcome =
      read(testing::sample_pdf_dir() / "portrait" / "08-official-vehicle-renewal.pdf");
  ASSERT_EQ(outcome.records.size(), 1u);
  EXPECT_EQ(outcome.records[0].source.method, schema::Method::kTextLayer);
}

}  // namespace
}  // namespace kpiform
