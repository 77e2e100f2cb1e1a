// `kpiform audit` on what needs OCR (label ocr): a scan whose printed total
// was altered on purpose is flagged in the browser with the cells it adds
// up, and --compare-ocr measures OCR against a text layer per field type.
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

using AuditInBrowser = testing::BrowserTest;

TEST_F(AuditInBrowser, FlagsAScannedTotalThatWasAlteredAndTheCellsItAddsUp) {
  const fs::path input =
      testing::binary_dir() / "samples" / "tampered" / "scan" / "300" / "all-forms.pdf";
  const fs::path report = output_dir() / "audit-tampered.html";
  const auto result = run_kpiform("audit -j 2 " + shell_quote(input.string()) + " -o " +
                                  shell_quote(report.string()));
  ASSERT_EQ(result.status, 0) << result.err;
  const schema::Record truth =
      schema::read_records_file(
          (testing::source_dir() / "samples" / "tampered" / "08-total-altered.json").string())
          .front();
  const nlohmann::json seen = probe(report);
  ASSERT_FALSE(seen.is_null());
  EXPECT_EQ(seen["failed"].get<std::vector<std::string>>(), failed_checks({truth}));
  // The total, the funds score and every indicator score are marked.
  std::size_t scores = 1;
  for (const schema::Indicator& indicator : truth.indicators) scores += indicator.score ? 1 : 0;
  const auto fields = seen["failedFields"].get<std::vector<std::string>>();
  EXPECT_EQ(fields.size(), scores + 1);
  EXPECT_NE(std::find(fields.begin(), fields.end(), "total.score = 99.06"), fields.end());
  EXPECT_EQ(seen["inspectorState"].get<std::string>(), "part of a failed check");
}

TEST_F(AuditInBrowser, CompareOcrGivesAnErrorRatePerFieldType) {
  const fs::path input = testing::sample_pdf_dir() / "portrait" / "08-official-vehicle-renewal.pdf";
  const fs::path report = output_dir() / "audit-compare.html";
  const auto result = run_kpiform("audit --compare-ocr -j 2 " + shell_quote(input.string()) +
                                  " -o " + shell_quote(report.string()));
  ASSERT_EQ(result.status, 0) << result.err;
  // Printed too: "numbers  25  130  1  0.77%".
  std::map<std::string, double> cer;
  const std::regex row("^([a-z ]+?) +\\d+ +\\d+ +\\d+ +([0-9.]+)%$");
  std::istringstream lines(result.out);
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (std::regex_match(line, m, row)) cer[m[1].str()] = std::stod(m[2].str());
  }
  for (const char* type :
       {"numbers", "level names", "indicator names", "targets", "labels", "all"}) {
    EXPECT_TRUE(cer.count(type)) << type << " missing from:\n" << result.out;
  }
  // OCR of a clean rendering is close to the text layer.
  EXPECT_LT(cer["all"], 5.0) << result.out;
  const std::string html = testing::read_file(report);
  EXPECT_NE(html.find("id=\"cer-by-type\""), std::string::npos);
  EXPECT_NE(html.find("data-ocr="), std::string::npos);
}

}  // namespace
}  // namespace kpiform
