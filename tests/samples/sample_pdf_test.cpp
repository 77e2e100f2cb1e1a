// The generated sample PDFs: they open in poppler's tools, carry every value
// of their record in the text layer, and cover the layouts the extractor must
// handle (two geometries, 万元, page-split rows, several forms per file).
#include <gtest/gtest.h>

#include <filesystem>

#include "kpiform/schema/json.h"
#include "sample_paths.h"

namespace kpiform {
namespace {

namespace fs = std::filesystem;

const char* const kStyles[] = {"portrait", "landscape"};

std::string strip_whitespace(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c != ' ' && c != '\n' && c != '\t' && c != '\r') out += c;
  }
  return out;
}

// The text layer of each page, white space removed.
std::vector<std::string> page_texts(const fs::path& pdf) {
  const auto result = testing::run_command("pdftotext -raw -enc UTF-8 " +
                                           testing::shell_quote(pdf.string()) + " -");
  EXPECT_EQ(result.status, 0) << result.err;
  std::vector<std::string> pages;
  std::size_t start = 0;
  for (std::size_t feed; (feed = result.out.find('\f', start)) != std::string::npos;
       start = feed + 1) {
    pages.push_back(strip_whitespace(result.out.substr(start, feed - start)));
  }
  return pages;
}

bool is_utf8_start(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
}

enum class Placement { kMissing, kOnOnePage, kSplitOverPages };

// Where a cell's text stands: whole on one page, or begun on one page and
// continued on the following ones (a row split by page breaks).
Placement find_text(const std::vector<std::string>& pages, const std::string& wanted) {
  const std::string text = strip_whitespace(wanted);
  for (std::size_t first = 0; first < pages.size(); ++first) {
    std::string rest = text;
    for (std::size_t page = first; page < pages.size(); ++page) {
      if (pages[page].find(rest) != std::string::npos) {
        return page == first ? Placement::kOnOnePage : Placement::kSplitOverPages;
      }
      // The longest beginning of the rest that this page holds.
      std::size_t cut = rest.size();
      while (cut > 0 && (!is_utf8_start(rest[cut]) ||
                         pages[page].find(rest.substr(0, cut)) == std::string::npos)) {
        --cut;
      }
      if (cut == 0) break;
      rest = rest.substr(cut);
    }
  }
  return Placement::kMissing;
}

// Every text of the record that the form prints verbatim.
std::vector<std::string> printed_texts(const schema::Record& record) {
  std::vector<std::string> texts;
  auto add = [&](const std::optional<std::string>& text) {
    if (text && !text->empty()) texts.push_back(*text);
  };
  add(record.title);
  add(record.project_name);
  add(record.supervising_department);
  add(record.implementing_unit);
  add(record.goals.planned);
  add(record.goals.achieved);
  for (const schema::Indicator& indicator : record.indicators) {
    add(indicator.level1);
    add(indicator.level2);
    add(indicator.level3);
    add(indicator.target.raw);
    add(indicator.actual.raw);
    add(indicator.deviation);
  }
  return texts;
}

TEST(SamplePdf, EachStyleHasOneFilePerFormAndOneWithAll) {
  for (const char* style : kStyles) {
    SCOPED_TRACE(style);
    for (const auto& record : testing::ground_truth_files()) {
      EXPECT_TRUE(
          fs::exists(testing::sample_pdf_dir() / style / (record.stem().string() + ".pdf")));
    }
    EXPECT_TRUE(fs::exists(testing::sample_pdf_dir() / style / "all-forms.pdf"));
  }
}

TEST(SamplePdf, EveryPrintedTextIsInTheTextLayer) {
  int split_cells = 0;
  for (const char* style : kStyles) {
    for (const auto& path : testing::ground_truth_files()) {
      const schema::Record record = schema::read_records_file(path.string()).front();
      const auto pages =
          page_texts(testing::sample_pdf_dir() / style / (path.stem().string() + ".pdf"));
      for (const std::string& text : printed_texts(record)) {
        const Placement placement = find_text(pages, text);
        EXPECT_NE(placement, Placement::kMissing)
            << style << "/" << path.stem().string() << ": " << text;
        if (placement == Placement::kSplitOverPages) ++split_cells;
      }
    }
  }
  // The corpus must exercise cells split by a page break.
  EXPECT_GE(split_cells, 2);
}

TEST(SamplePdf, AmountsArePrintedInTheStylesUnit) {
  const auto path = testing::records_dir() / "01-zhangjiang-renovation.json";
  const auto portrait =
      page_texts(testing::sample_pdf_dir() / "portrait" / "01-zhangjiang-renovation.pdf");
  const auto landscape =
      page_texts(testing::sample_pdf_dir() / "landscape" / "01-zhangjiang-renovation.pdf");
  EXPECT_EQ(find_text(portrait, "项目资金(元)"), Placement::kOnOnePage);
  EXPECT_EQ(find_text(portrait, "719,677.12"), Placement::kOnOnePage);
  EXPECT_EQ(find_text(landscape, "项目资金（万元）"), Placement::kOnOnePage);
  EXPECT_EQ(find_text(landscape, "71.967712"), Placement::kOnOnePage);
  EXPECT_EQ(find_text(landscape, "441.6"), Placement::kOnOnePage);
}

TEST(SamplePdf, AllFormsFileHoldsTwelveFormsBackToBack) {
  for (const char* style : kStyles) {
    SCOPED_TRACE(style);
    const auto pages = page_texts(testing::sample_pdf_dir() / style / "all-forms.pdf");
    int titles = 0;
    for (const std::string& page : pages) {
      for (std::size_t at = 0; (at = page.find("财政项目支出绩效自评表", at)) != std::string::npos;
           ++at) {
        ++titles;
      }
    }
    EXPECT_EQ(titles, 12);
    EXPECT_GT(pages.size(), 12u) << "forms run over page breaks";
  }
}

TEST(SamplePdf, StylesDifferInGeometry) {
  auto page_size = [](const char* style) {
    const auto result = testing::run_command(
        "pdfinfo " +
        testing::shell_quote(
            (testing::sample_pdf_dir() / style / "01-zhangjiang-renovation.pdf").string()));
    EXPECT_EQ(result.status, 0);
    const auto at = result.out.find("Page size:");
    return result.out.substr(at, result.out.find('\n', at) - at);
  };
  EXPECT_NE(page_size("portrait").find("595.3 x 841.9"), std::string::npos);
  EXPECT_NE(page_size("landscape").find("841.9 x 595.3"), std::string::npos);
}

TEST(SamplePdf, PagesRenderToImages) {
  const fs::path out = fs::temp_directory_path() / "kpiform-sample-render";
  const auto result = testing::run_command(
      "pdftoppm -r 50 -png -f 1 -l 1 " +
      testing::shell_quote((testing::sample_pdf_dir() / "landscape" / "all-forms.pdf").string()) +
      " " + testing::shell_quote(out.string()));
  EXPECT_EQ(result.status, 0) << result.err;
  const fs::path png = out.string() + "-01.png";
  ASSERT_TRUE(fs::exists(png));
  EXPECT_GT(fs::file_size(png), 10000u);
  fs::remove(png);
}

}  // namespace
}  // namespace kpiform
