// Every sample PDF, both styles, per-form files and the 12-form file: the
// extracted records equal the hand-checked ground truth field for field.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

#include "kpiform/pipeline/pipeline.h"
#include "kpiform/schema/json.h"
#include "record_compare.h"
#include "sample_paths.h"

namespace kpiform {
namespace {

const char* const kStyles[] = {"portrait", "landscape"};

// The ground truth names no file or page; the extractor's source is checked
// separately.
testing::CompareOptions ignoring_source() {
  testing::CompareOptions options;
  options.ignored.push_back("source");
  return options;
}

std::vector<schema::Record> ground_truth() {
  std::vector<schema::Record> records;
  for (const auto& path : testing::ground_truth_files()) {
    records.push_back(schema::read_records_file(path.string()).front());
  }
  return records;
}

class BornDigital : public ::testing::TestWithParam<const char*> {};

TEST_P(BornDigital, EachFormFileGivesItsRecord) {
  const auto truth = ground_truth();
  const auto files = testing::ground_truth_files();
  for (std::size_t i = 0; i < files.size(); ++i) {
    const auto pdf = testing::sample_pdf_dir() / GetParam() / (files[i].stem().string() + ".pdf");
    SCOPED_TRACE(pdf.string());
    const pipeline::FileOutcome outcome = pipeline::extract_file(pdf.string());
    ASSERT_FALSE(outcome.error) << *outcome.error;
    ASSERT_EQ(outcome.records.size(), 1u);
    const auto differences =
        testing::compare_records(truth[i], outcome.records[0], ignoring_source());
    EXPECT_TRUE(differences.empty()) << testing::describe(differences);
    const schema::Source& source = outcome.records[0].source;
    EXPECT_EQ(source.path, pdf.string());
    EXPECT_EQ(source.first_page, 1);
    EXPECT_EQ(source.last_page, outcome.pages);
    EXPECT_EQ(source.method, schema::Method::kTextLayer);
    EXPECT_EQ(source.sha256, extract::file_sha256(pdf.string()));
  }
}

TEST_P(BornDigital, TwelveFormFileGivesTwelveRecordsInOrder) {
  const auto truth = ground_truth();
  const auto pdf = testing::sample_pdf_dir() / GetParam() / "all-forms.pdf";
  const pipeline::FileOutcome outcome = pipeline::extract_file(pdf.string());
  ASSERT_FALSE(outcome.error) << *outcome.error;
  ASSERT_EQ(outcome.records.size(), truth.size());
  int previous_last = 0;
  for (std::size_t i = 0; i < truth.size(); ++i) {
    SCOPED_TRACE("form " + std::to_string(i + 1));
    const auto differences =
        testing::compare_records(truth[i], outcome.records[i], ignoring_source());
    EXPECT_TRUE(differences.empty()) << testing::describe(differences);
    const schema::Source& source = outcome.records[i].source;
    ASSERT_TRUE(source.first_page && source.last_page);
    EXPECT_GE(*source.first_page, previous_last) << "forms are in page order";
    EXPECT_GE(*source.last_page, *source.first_page);
    previous_last = *source.last_page;
  }
  EXPECT_EQ(previous_last, outcome.pages);
}

INSTANTIATE_TEST_SUITE_P(Styles, BornDigital, ::testing::ValuesIn(kStyles));

// Pages whose /Rotate shows them sideways or upside down are turned upright
// by their text: the same records come out.
TEST(BornDigitalRotated, SidewaysAndUpsideDownPagesGiveTheSameRecords) {
  const auto truth = ground_truth();
  const auto dir =
      std::filesystem::temp_directory_path() / ("kpiform-rotated-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  for (const char* style : kStyles) {
    for (const char* turn : {"+90", "+180", "+270"}) {
      SCOPED_TRACE(std::string(style) + " " + turn);
      const auto input = testing::sample_pdf_dir() / style / "10-innovation-services.pdf";
      const auto rotated = dir / (std::string(style) + turn + ".pdf");
      const auto made = testing::run_command("qpdf --rotate=" + std::string(turn) + " " +
                                             testing::shell_quote(input.string()) + " " +
                                             testing::shell_quote(rotated.string()));
      ASSERT_EQ(made.status, 0) << made.err;
      const pipeline::FileOutcome outcome = pipeline::extract_file(rotated.string());
      ASSERT_FALSE(outcome.error) << *outcome.error;
      ASSERT_EQ(outcome.records.size(), 1u);
      const auto differences =
          testing::compare_records(truth[9], outcome.records[0], ignoring_source());
      EXPECT_TRUE(differences.empty()) << testing::describe(differences);
    }
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace kpiform
