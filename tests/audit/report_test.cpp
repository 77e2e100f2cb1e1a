// The audit report's parts on hand-built pages: base64 of embedded images,
// field types, the text layer vs OCR comparison, and the HTML's cell boxes,
// states and links. The report in a real browser: tests/e2e/audit_test.cpp.
#include "kpiform/audit/report.h"

#include <gtest/gtest.h>

#include "base64.h"
#include "kpiform/schema/checks.h"
#include "schema_printers.h"

namespace kpiform {
namespace {

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
    ++n;
  }
  return n;
}

cells::Cell cell(int row, int col, cells::Box box, const std::string& text,
                 double confidence = 1.0) {
  cells::Cell out;
  out.row = row;
  out.col = col;
  out.box = box;
  if (!text.empty()) out.lines.push_back({text, box, confidence});
  return out;
}

// One page: a label, an amount, an indicator score and the total score.
cells::Page page_of(const std::string& amount, const std::string& total, double confidence = 1.0) {
  cells::Page page;
  page.number = 1;
  page.width = 400;
  page.height = 200;
  cells::Table table;
  table.rows = 2;
  table.cols = 2;
  table.cells = {cell(0, 0, {10, 10, 100, 30}, "全年执行数"),
                 cell(0, 1, {100, 10, 200, 30}, amount, confidence),
                 cell(1, 0, {10, 30, 100, 50}, "8"), cell(1, 1, {100, 30, 200, 50}, total)};
  page.tables.push_back(table);
  return page;
}

cells::FieldText read_at(const cells::Cell& cell) {
  return {cell.lines.empty() ? "" : cell.lines[0].text,
          cell.lines.empty() ? 1.0 : cell.lines[0].confidence,
          {{1, cell.box}}};
}

// A record whose total (9) is not funds score (0) + the indicator's (8).
normalize::BuiltRecord record_of(const cells::Page& page) {
  const auto& cells = page.tables[0].cells;
  normalize::BuiltRecord built;
  schema::FundsRow funds;
  funds.item = "年度资金总额";
  funds.executed = 4416000;
  funds.score = 0;
  built.record.funds.push_back(funds);
  schema::Indicator indicator;
  indicator.level3 = "完成率";
  indicator.score = 8;
  built.record.indicators.push_back(indicator);
  built.record.total.score = 9;
  built.record.checks = schema::run_checks(built.record);
  built.sources = {{schema::path("funds[0].executed"), read_at(cells[1])},
                   {schema::path("indicators[0].score"), read_at(cells[2])},
                   {schema::path("total.score"), read_at(cells[3])}};
  return built;
}

TEST(AuditBase64, EncodesRfc4648Vectors) {
  EXPECT_EQ(audit::base64(""), "");
  EXPECT_EQ(audit::base64("f"), "Zg==");
  EXPECT_EQ(audit::base64("fo"), "Zm8=");
  EXPECT_EQ(audit::base64("foo"), "Zm9v");
  EXPECT_EQ(audit::base64("foobar"), "Zm9vYmFy");
  EXPECT_EQ(audit::base64(std::string("\xff\xfe\x00", 3)), "//4A");
}

TEST(AuditFieldType, GroupsFieldsByWhatTheyHold) {
  EXPECT_EQ(audit::field_type(schema::path("funds[2].executed")), "numbers");
  EXPECT_EQ(audit::field_type(schema::path("funds[0].item")), "funds items");
  EXPECT_EQ(audit::field_type(schema::path("total.score")), "numbers");
  EXPECT_EQ(audit::field_type(schema::path("indicators[12].weight")), "numbers");
  EXPECT_EQ(audit::field_type(schema::path("indicators[0].level1")), "level names");
  EXPECT_EQ(audit::field_type(schema::path("indicators[0].level2")), "level names");
  EXPECT_EQ(audit::field_type(schema::path("indicators[3].level3")), "indicator names");
  EXPECT_EQ(audit::field_type(schema::path("indicators[3].actual")), "targets");
  EXPECT_EQ(audit::field_type(schema::path("indicators[3].deviation")), "remarks");
  EXPECT_EQ(audit::field_type(schema::path("goals.planned")), "goals");
  EXPECT_EQ(audit::field_type(schema::path("project_name")), "header");
  EXPECT_EQ(audit::field_type(std::nullopt), "labels");
}

TEST(AuditComparison, MeasuresOcrAgainstTheTextLayerPerFieldType) {
  const cells::Page text_page = page_of("4416000", "9");
  cells::Page ocr_page = page_of("4 41 6600", "9");  // one digit wrong; spaces ignored
  ocr_page.recognised = true;
  for (cells::Cell& c : ocr_page.tables[0].cells) {  // OCR boxes land a little off
    c.box.x0 += 1.5;
    c.box.y1 -= 1.0;
  }
  ocr_page.tables[0].cells[0].lines[0].text = "全年执行教";
  const auto comparison = audit::compare_ocr({text_page}, {ocr_page}, {record_of(text_page)});
  ASSERT_EQ(comparison.cells.size(), 4u);
  EXPECT_EQ(comparison.cells[1].text_layer, "4416000");
  EXPECT_EQ(comparison.cells[1].errors, 1u);
  EXPECT_EQ(comparison.unmatched, 0);
  for (const audit::FieldTypeError& type : comparison.by_type) {
    if (type.field_type == "numbers") {
      EXPECT_EQ(type.cells, 3);
      EXPECT_EQ(type.length, 9u);
      EXPECT_EQ(type.errors, 1u);
    } else if (type.field_type == "labels") {
      EXPECT_EQ(type.cells, 1);
      EXPECT_DOUBLE_EQ(type.cer(), 0.2);
    } else {
      EXPECT_EQ(type.cells, 0) << type.field_type;
    }
  }
  EXPECT_EQ(comparison.overall.errors, 2u);
  EXPECT_EQ(comparison.overall.length, 14u);
}

TEST(AuditComparison, ACellOcrMissedCountsAsWhollyWrong) {
  const cells::Page text_page = page_of("4416000", "9");
  cells::Page ocr_page = page_of("4416000", "9");
  ocr_page.tables[0].cells.pop_back();
  const auto comparison = audit::compare_ocr({text_page}, {ocr_page}, {record_of(text_page)});
  EXPECT_EQ(comparison.unmatched, 1);
  EXPECT_EQ(comparison.overall.errors, 1u);  // the total's one character
}

TEST(AuditReport, DrawsEveryCellAndColoursItsState) {
  audit::AuditInput input;
  input.path = "forms/a<b>.pdf";
  input.pages = {page_of("4416000", "9", 0.4)};
  input.forms.resize(1);
  input.records = {record_of(input.pages[0])};
  const std::string html = audit::write_report(input);
  EXPECT_EQ(count(html, "<div class=\"cell "), 4u);
  // The total fails: the total and the scores it adds are marked, the low
  // confidence amount too; the label is fine.
  EXPECT_NE(html.find("class=\"cell failed\" id=\"p1-c4\""), std::string::npos);
  EXPECT_NE(html.find("class=\"cell failed\" id=\"p1-c3\""), std::string::npos);
  EXPECT_NE(html.find("class=\"cell low\" id=\"p1-c2\""), std::string::npos);
  EXPECT_NE(html.find("class=\"cell fine\" id=\"p1-c1\""), std::string::npos);
  EXPECT_NE(html.find("data-rule=\"total_score_sum\""), std::string::npos);
  EXPECT_NE(html.find("data-cell=\"p1-c4\">total.score = 9</a>"), std::string::npos);
  // Boxes are placed in percent of the page.
  EXPECT_NE(html.find("left:25.000%;top:15.000%;width:25.000%;height:10.000%"), std::string::npos);
  // Text is escaped, never markup.
  EXPECT_NE(html.find("forms/a&lt;b&gt;.pdf"), std::string::npos);
  EXPECT_EQ(html.find("a<b>"), std::string::npos);
  // Self-contained: nothing fetched from elsewhere.
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
}

TEST(AuditReport, EmbedsPageImagesAsDataUrls) {
  audit::AuditInput input;
  input.path = "a.pdf";
  input.pages = {page_of("1", "2")};
  input.pages[0].image = {"foobar", 40, 20};
  const std::string html = audit::write_report(input);
  EXPECT_NE(html.find("src=\"data:image/jpeg;base64,Zm9vYmFy\""), std::string::npos);
  EXPECT_NE(html.find("No form was found"), std::string::npos);
}

}  // namespace
}  // namespace kpiform
