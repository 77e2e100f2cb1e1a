// `kpiform audit` opened in a real browser (Debian's Chromium, headless):
// the DOM holds one box per cell the extractor found, the failed checks of
// the ground truth, and clicking a failed cell fills the inspector with its
// text and its enlarged pixels. A screenshot is saved for a person to look
// at (build/test-output/). Scans: audit_ocr_test.cpp.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "browser.h"
#include "kpiform/extract/scan.h"
#include "kpiform/schema/json.h"
#include "sample_paths.h"

namespace kpiform {
namespace {

namespace fs = std::filesystem;
using testing::chromium;
using testing::failed_checks;
using testing::output_dir;
using testing::probe;
using testing::run_kpiform;
using testing::shell_quote;

std::size_t table_cells(const fs::path& input, extract::OcrMode mode) {
  std::size_t cells = 0;
  for (const cells::Page& page : extract::read_document(input.string(), mode)) {
    for (const cells::Table& table : page.tables) cells += table.cells.size();
  }
  return cells;
}

using AuditInBrowser = testing::BrowserTest;

TEST_F(AuditInBrowser, ShowsEveryCellAndTheGroundTruthsFailedChecksInABrowser) {
  const fs::path input = testing::sample_pdf_dir() / "portrait" / "all-forms.pdf";
  const fs::path report = output_dir() / "audit-portrait.html";
  const auto result =
      run_kpiform("audit " + shell_quote(input.string()) + " -o " + shell_quote(report.string()));
  ASSERT_EQ(result.status, 0) << result.err;

  std::vector<schema::Record> truth;
  for (const fs::path& path : testing::ground_truth_files()) {
    truth.push_back(schema::read_records_file(path.string()).front());
  }
  const nlohmann::json seen = probe(report);
  ASSERT_FALSE(seen.is_null());
  EXPECT_EQ(seen["cells"].get<std::size_t>(), table_cells(input, extract::OcrMode::kAuto));
  EXPECT_EQ(seen["images"].get<int>(), 31);
  EXPECT_EQ(seen["failed"].get<std::vector<std::string>>(), failed_checks(truth));
  ASSERT_EQ(failed_checks(truth), std::vector<std::string>{"form-7:total_score_sum"});
  // Clicking the first failed cell shows it.
  EXPECT_EQ(seen["selected"].get<int>(), 1);
  EXPECT_EQ(seen["inspectorState"].get<std::string>(), "part of a failed check");
  EXPECT_FALSE(seen["inspectorText"].get<std::string>().empty());
  EXPECT_EQ(seen["zoom"].get<std::string>(), "url(\"data:image/jpeg;base64,");
}

TEST_F(AuditInBrowser, ScreenshotOfTheFailingForm) {
  const fs::path input = testing::sample_pdf_dir() / "portrait" / "07-cadre-talent-development.pdf";
  const fs::path report = output_dir() / "audit-07.html";
  ASSERT_EQ(
      run_kpiform("audit " + shell_quote(input.string()) + " -o " + shell_quote(report.string()))
          .status,
      0);
  // The window is taller than the report: headless Chromium draws nothing
  // once a page is scrolled. The fragment selects the total score's cell.
  const std::string html = testing::read_file(report);
  std::smatch total;
  ASSERT_TRUE(std::regex_search(
      html, total, std::regex("class=\"cell failed\" id=\"([^\"]+)\"[^>]*total\\.score = ")));
  const fs::path screenshot = output_dir() / "audit-07.png";
  fs::remove(screenshot);
  const auto result = testing::run_command(
      chromium("--window-size=1400,4200 --virtual-time-budget=5000 --screenshot=" +
               shell_quote(screenshot.string()) + " " +
               shell_quote("file://" + report.string() + "#" + total[1].str())));
  ASSERT_EQ(result.status, 0) << result.err;
  ASSERT_TRUE(fs::exists(screenshot));
  // A blank page compresses to a few kilobytes; two pages of a form do not.
  EXPECT_GT(fs::file_size(screenshot), 100000u);
}

}  // namespace
}  // namespace kpiform
