// Layout on hand-built pages of cells: no PDF, no OCR.
#include <gtest/gtest.h>

#include <map>

#include "kpiform/layout/forms.h"

namespace kpiform {
namespace {

using cells::Cell;
using cells::Page;
using cells::Table;
using schema::Field;

struct Spec {
  int row, col, row_span, col_span;
  std::string text;  // lines separated by '\n'
};

// A table on a grid of equal 40 pt columns and 20 pt rows starting at `top`.
Table table(int rows, int cols, double top, const std::vector<Spec>& specs) {
  Table t;
  t.rows = rows;
  t.cols = cols;
  for (int c = 0; c <= cols; ++c) t.col_edges.push_back(40.0 * c);
  for (int r = 0; r <= rows; ++r) t.row_edges.push_back(top + 20.0 * r);
  t.box = {0, top, 40.0 * cols, top + 20.0 * rows};
  for (const Spec& spec : specs) {
    Cell cell;
    cell.row = spec.row;
    cell.col = spec.col;
    cell.row_span = spec.row_span;
    cell.col_span = spec.col_span;
    cell.box = {40.0 * spec.col, top + 20.0 * spec.row, 40.0 * (spec.col + spec.col_span),
                top + 20.0 * (spec.row + spec.row_span)};
    std::size_t start = 0;
    while (!spec.text.empty() && start <= spec.text.size()) {
      const std::size_t end = std::min(spec.text.find('\n', start), spec.text.size());
      cell.lines.push_back({spec.text.substr(start, end - start), cell.box});
      start = end + 1;
    }
    t.cells.push_back(cell);
  }
  return t;
}

cells::TextLine line(const std::string& text, double y) {
  return {text, {0, y, 200, y + 12}};
}

// Header, funds (in 万元) and goals of a small form, on grid rows 0..8 of a
// 9-column table whose column 0 is the block label column.
std::vector<Spec> head_rows() {
  return {
      {0, 0, 1, 1, "项目名称"},
      {0, 1, 1, 8, "测试项目"},
      {1, 0, 1, 1, "主管部门"},
      {1, 1, 1, 3, "某某委员会"},
      {1, 4, 1, 1, "实施单位"},
      {1, 5, 1, 4, "某某研究院"},
      {2, 0, 3, 1, "项目资金\n（万元）"},
      {2, 1, 1, 2, ""},
      {2, 3, 1, 1, "年初预算数"},
      {2, 4, 1, 1, "全年预算数"},
      {2, 5, 1, 1, "全年执行数"},
      {2, 6, 1, 1, "分值"},
      {2, 7, 1, 1, "执行率"},
      {2, 8, 1, 1, "得分"},
      {3, 1, 1, 2, "年度资金总额"},
      {3, 3, 1, 1, "100"},
      {3, 4, 1, 1, "100"},
      {3, 5, 1, 1, "90"},
      {3, 6, 1, 1, "10"},
      {3, 7, 1, 1, "90.00%"},
      {3, 8, 1, 1, "9"},
      {4, 1, 1, 2, "其中：当年财政拨款"},
      {4, 3, 1, 1, ""},
      {4, 4, 1, 1, ""},
      {4, 5, 1, 1, ""},
      {4, 6, 1, 1, "—"},
      {4, 7, 1, 1, ""},
      {4, 8, 1, 1, ""},
      {5, 0, 2, 1, "年度总体\n目标"},
      {5, 1, 1, 4, "预算目标"},
      {5, 5, 1, 4, "实际完成情况"},
      {6, 1, 1, 4, "完成全部\n工作"},
      {6, 5, 1, 4, "已完成"},
  };
}

// The indicator header of a table without a 绩效指标 column, at `row`,
// with synonyms and 得分 before 分值 (or in the standard order).
std::vector<Spec> indicator_header(int row, bool score_first = true) {
  return {{row, 0, 1, 1, "一级指标"},
          {row, 1, 1, 1, "二级指标"},
          {row, 2, 1, 2, "三级指标"},
          {row, 4, 1, 1, "指标值"},
          {row, 5, 1, 1, "实际值"},
          {row, 6, 1, 1, score_first ? "得分" : "分值"},
          {row, 7, 1, 1, score_first ? "分值" : "得分"},
          {row, 8, 1, 1, "未完成原因分析"}};
}

std::vector<Spec> indicator(int row, const std::string& level3, const std::string& weight,
                            const std::string& score, const std::string& deviation = "",
                            bool score_first = true) {
  return {{row, 2, 1, 2, level3},
          {row, 4, 1, 1, "≥90%"},
          {row, 5, 1, 1, "95%"},
          {row, 6, 1, 1, score_first ? score : weight},
          {row, 7, 1, 1, score_first ? weight : score},
          {row, 8, 1, 1, deviation}};
}

void append(std::vector<Spec>& to, const std::vector<Spec>& more) {
  to.insert(to.end(), more.begin(), more.end());
}

Page one_page_form(bool score_first = true) {
  std::vector<Spec> specs = head_rows();
  append(specs, indicator_header(7, score_first));
  specs.push_back({8, 0, 3, 1, "产出指标"});
  specs.push_back({8, 1, 2, 1, "数量指标"});
  specs.push_back({10, 1, 1, 1, "质量指标"});
  append(specs, indicator(8, "完成率", "30", "30", "", score_first));
  append(specs, indicator(9, "覆盖率", "30", "28", "部分未覆盖", score_first));
  append(specs, indicator(10, "达标率", "30", "30", "", score_first));
  specs.push_back({11, 0, 1, 6, "总分"});
  specs.push_back({11, 6, 1, 1, "97"});
  specs.push_back({11, 7, 1, 1, "100"});
  specs.push_back({11, 8, 1, 1, ""});
  Page page;
  page.number = 1;
  page.free_lines = {line("项目支出绩效自评表", 10), line("（2021年度）", 30)};
  page.tables.push_back(table(12, 9, 50, specs));
  return page;
}

TEST(FormReader, ReadsEveryBlockByItsLabels) {
  const auto forms = layout::read_forms({one_page_form()});
  ASSERT_EQ(forms.size(), 1u);
  const cells::Form& form = forms[0];
  EXPECT_EQ(form.title.text, "项目支出绩效自评表");
  EXPECT_EQ(form.year_line.text, "（2021年度）");
  EXPECT_EQ(form.project_name.text, "测试项目");
  EXPECT_EQ(form.supervising_department.text, "某某委员会");
  EXPECT_EQ(form.implementing_unit.text, "某某研究院");
  EXPECT_EQ(form.funds_label.text, "项目资金（万元）");
  ASSERT_EQ(form.funds.size(), 2u);
  EXPECT_EQ(form.funds[0].item.text, "年度资金总额");
  EXPECT_EQ(form.funds[0].executed.text, "90");
  EXPECT_EQ(form.funds[0].execution_rate.text, "90.00%");
  EXPECT_EQ(form.funds[1].weight.text, "—");
  EXPECT_EQ(form.goals_planned.text, "完成全部工作");
  EXPECT_EQ(form.goals_achieved.text, "已完成");
  ASSERT_EQ(form.indicators.size(), 3u);
  EXPECT_TRUE(form.has_total);
  EXPECT_EQ(form.total_weight.text, "100");
  EXPECT_EQ(form.total_score.text, "97");
  EXPECT_TRUE(form.warnings.empty());
}

// The page as OCR might read it: a few characters of closed-vocabulary
// words wrong, with less than full confidence.
Page recognised(Page page, const std::map<std::string, std::string>& misreads) {
  page.recognised = true;
  auto misread = [&](cells::TextLine& line) {
    line.confidence = 0.9;
    const auto it = misreads.find(line.text);
    if (it != misreads.end()) line.text = it->second;
  };
  for (cells::TextLine& line : page.free_lines) misread(line);
  for (Table& t : page.tables) {
    for (Cell& cell : t.cells) {
      for (cells::TextLine& line : cell.lines) misread(line);
    }
  }
  return page;
}

TEST(FormReader, RecognisedVocabularyWordsAreRepairedAndEachRepairIsRecorded) {
  const std::map<std::string, std::string> misreads = {{"项目支出绩效自评表", "项目支出绩效目评表"},
                                                       {"其中：当年财政拨款", "其中:当年财政拨款"},
                                                       {"数量指标", "数量指木"}};
  const auto form = layout::read_forms({recognised(one_page_form(), misreads)}).at(0);
  EXPECT_EQ(form.title.text, "项目支出绩效自评表");
  EXPECT_EQ(form.funds[1].item.text, "其中：当年财政拨款");
  EXPECT_EQ(form.indicators[0][Field::kLevel2].text, "数量指标");
  EXPECT_EQ(form.indicators[1][Field::kLevel2].text, "数量指标");
  ASSERT_GE(form.repairs.size(), 3u);
  bool funds_item_repaired = false;
  for (const cells::Repair& repair : form.repairs) {
    EXPECT_EQ(repair.where.page, 1);
    EXPECT_GT(repair.where.box.width(), 0);
    if (repair.field == "资金项目") {
      funds_item_repaired = true;
      EXPECT_EQ(repair.read, "其中:当年财政拨款");
      EXPECT_EQ(repair.became, "其中：当年财政拨款");
      EXPECT_FALSE(repair.why.empty());
    }
  }
  EXPECT_TRUE(funds_item_repaired);
  // A word too far from every standard one is left as read.
  const auto far = layout::read_forms({recognised(one_page_form(), {{"数量指标", "数据统计"}})});
  EXPECT_EQ(far.at(0).indicators[0][Field::kLevel2].text, "数据统计");
}

TEST(FormReader, ShortHeadingsOneCharacterOffAreKnownInTheHeaderRowOnly) {
  // OCR reads 分值 as 分全: in the indicator header row that is still 分值.
  const auto form = layout::read_forms({recognised(one_page_form(), {{"分值", "分全"}})}).at(0);
  EXPECT_EQ(form.indicators[1][Field::kIndicatorWeight].text, "30");
  EXPECT_EQ(form.indicators[1][Field::kIndicatorScore].text, "28");
  EXPECT_TRUE(form.warnings.empty()) << form.warnings.front();
}

TEST(FormReader, LevelHeadingsThatCannotBeReadAreKnownByTheirPlace) {
  // At 150 dpi 一 and 三 are lost: "-级指标" could be any level, and 三级指标
  // may come out 二级指标. The levels stand in order left of 指标值, so
  // the row is still the header and each level has its column.
  for (const auto& misreads : std::vector<std::map<std::string, std::string>>{
           {{"一级指标", "指容"}, {"二级指标", ".级指标"}, {"三级指标", "-级指标"}},
           {{"三级指标", "-级指标"}},
           {{"三级指标", "二级指标"}},  // read as the level before it
           {{"二级指标", ".级指标"}, {"三级指标", "一级指标"}}}) {
    const auto forms = layout::read_forms({recognised(one_page_form(), misreads)});
    ASSERT_EQ(forms.size(), 1u);
    const auto& form = forms[0];
    ASSERT_EQ(form.indicators.size(), 3u) << misreads.begin()->second;
    EXPECT_EQ(form.indicators[1][Field::kLevel1].text, "产出指标");
    EXPECT_EQ(form.indicators[1][Field::kLevel3].text, "覆盖率");
    EXPECT_EQ(form.indicators[1][Field::kIndicatorScore].text, "28");
    EXPECT_TRUE(form.warnings.empty()) << form.warnings.front();
  }
}

TEST(FormReader, HeadingsUnderASealAreKnownBetweenTheirNeighbours) {
  // A seal over 分值 (or 执行率) leaves it unreadable; in the standard order,
  // between 实际值 and 得分 (全年执行数 and 得分 with 分值 read) there is
  // room for it alone.
  for (const auto& misreads :
       std::vector<std::map<std::string, std::string>>{{{"分值", "挟"}}, {{"执行率", "站"}}}) {
    const auto forms = layout::read_forms({recognised(one_page_form(false), misreads)});
    ASSERT_EQ(forms.size(), 1u);
    EXPECT_EQ(forms[0].indicators[1][Field::kIndicatorWeight].text, "30")
        << misreads.begin()->second;
    EXPECT_EQ(forms[0].indicators[1][Field::kIndicatorScore].text, "28");
    EXPECT_EQ(forms[0].funds[0].execution_rate.text, "90.00%");
  }
  // Two headings lost: the room is two columns wide and each takes its own.
  const auto form =
      layout::read_forms({recognised(one_page_form(false), {{"实际值", "坏"}, {"分值", "挟"}})})
          .at(0);
  EXPECT_EQ(form.indicators[1][Field::kActual].text, "95%");
  EXPECT_EQ(form.indicators[1][Field::kIndicatorWeight].text, "30");
  // Where the form prints 得分 before 分值, the room between 实际值 and
  // 分值 is no place for it: it stays unknown rather than taken wrongly.
  const auto other_order =
      layout::read_forms({recognised(one_page_form(), {{"得分", "挟"}})}).at(0);
  EXPECT_EQ(other_order.indicators[1][Field::kIndicatorWeight].text, "30");
  EXPECT_EQ(other_order.indicators[1][Field::kIndicatorScore].text, "");
}

TEST(FormReader, MarksNoCellBeginsOrEndsWithAreOcrsAndDropped) {
  const auto form = layout::read_forms({recognised(one_page_form(),
                                                   {{"覆盖率", "\u201D覆盖率\uFF0C"},  // ”覆盖率，
                                                    {"达标率", "\u2014\u2014达标率|"}})})
                        .at(0);
  EXPECT_EQ(form.indicators[1][Field::kLevel3].text, "覆盖率");
  EXPECT_EQ(form.indicators[2][Field::kLevel3].text, "达标率");
  // A cell that is nothing but a dash means "none" and stays.
  const auto dash = layout::read_forms({recognised(one_page_form(), {{"完成率", "\u2014"}})}).at(0);
  EXPECT_EQ(dash.indicators[0][Field::kLevel3].text, "\u2014");
  // The text layer is read as printed.
  Page page = one_page_form();
  for (Cell& cell : page.tables[0].cells) {
    for (cells::TextLine& line : cell.lines) {
      if (line.text == "覆盖率") line.text = "覆盖率\uFF0C";
    }
  }
  EXPECT_EQ(layout::read_forms({page}).at(0).indicators[1][Field::kLevel3].text, "覆盖率\uFF0C");
}

TEST(FormReader, TheGoalsHeadingLeftOfTheAchievedOneIsThePlannedOne) {
  const std::string planned = layout::read_forms({one_page_form()}).at(0).goals_planned.text;
  ASSERT_FALSE(planned.empty());
  // 预期目标 (a synonym) and a heading read two characters off, left of
  // 实际完成情况.
  for (const char* misread : {"预期目标", "蔬期目标", "X#目标"}) {
    const auto form =
        layout::read_forms({recognised(one_page_form(), {{"预算目标", misread}})}).at(0);
    EXPECT_EQ(form.goals_planned.text, planned) << misread;
  }
}

TEST(FormReader, ShortFundsHeadingsOneCharacterOffAreKnownInTheHeaderRow) {
  const auto form = layout::read_forms({recognised(one_page_form(), {{"执行率", "故行率"}})}).at(0);
  EXPECT_EQ(form.funds[0].execution_rate.text, "90.00%");
}

TEST(FormReader, OneLineFieldsKeepTheirAlternativeReadings) {
  Page page = recognised(one_page_form(), {{"28", "2B"}});
  for (Cell& cell : page.tables[0].cells) {
    if (!cell.lines.empty() && cell.lines[0].text == "2B") cell.lines[0].alternatives = {"28"};
  }
  const auto form = layout::read_forms({page}).at(0);
  EXPECT_EQ(form.indicators[1][Field::kIndicatorScore].text, "2B");
  EXPECT_EQ(form.indicators[1][Field::kIndicatorScore].alternatives,
            std::vector<std::string>{"28"});
  EXPECT_TRUE(form.indicators[0][Field::kIndicatorScore].alternatives.empty());
}

TEST(FormReader, TextLayerWordsAreNeverRepaired) {
  Page page = one_page_form();
  int changed = 0;
  for (Cell& cell : page.tables[0].cells) {
    for (cells::TextLine& line : cell.lines) {
      if (line.text == "其中：当年财政拨款") {
        line.text = "其中:当年财政拨款";  // printed so, in a text layer
        ++changed;
      }
    }
  }
  ASSERT_EQ(changed, 1);
  const auto form = layout::read_forms({page}).at(0);
  EXPECT_EQ(form.funds[1].item.text, "其中:当年财政拨款");
  EXPECT_TRUE(form.repairs.empty());
}

TEST(FormReader, ColumnsFollowTheirHeadersNotTheirPositions) {
  const auto form = layout::read_forms({one_page_form()}).at(0);
  EXPECT_EQ(form.indicators[1][Field::kIndicatorWeight].text, "30")
      << "分值 is the 8th column here";
  EXPECT_EQ(form.indicators[1][Field::kIndicatorScore].text, "28");
  EXPECT_EQ(form.indicators[1][Field::kTarget].text, "≥90%");
  EXPECT_EQ(form.indicators[1][Field::kActual].text, "95%");
  EXPECT_EQ(form.indicators[1][Field::kDeviation].text, "部分未覆盖");
}

TEST(FormReader, ALevelNameCutShortIsTheOneStandardNameItBegins) {
  // The last line of a merged level cell lost at a page's foot.
  const auto cut = layout::read_forms({recognised(one_page_form(), {{"数量指标", "社会效益"}})});
  EXPECT_EQ(cut.at(0).indicators[0][Field::kLevel2].text, "社会效益指标");
  // 生态环境 begins two standard names: it stays as read.
  const auto two = layout::read_forms({recognised(one_page_form(), {{"数量指标", "生态环境"}})});
  EXPECT_EQ(two.at(0).indicators[0][Field::kLevel2].text, "生态环境");
}

TEST(FormReader, MergedLevelCellsAreFilledDown) {
  const auto form = layout::read_forms({one_page_form()}).at(0);
  const std::vector<std::pair<std::string, std::string>> levels = {
      {"产出指标", "数量指标"}, {"产出指标", "数量指标"}, {"产出指标", "质量指标"}};
  for (std::size_t i = 0; i < levels.size(); ++i) {
    EXPECT_EQ(form.indicators[i][Field::kLevel1].text, levels[i].first) << i;
    EXPECT_EQ(form.indicators[i][Field::kLevel2].text, levels[i].second) << i;
  }
}

// Two pages: the indicator table continues on page 2 without its header;
// `split` puts the second half of row "覆盖率" on page 2.
std::vector<Page> two_pages(bool open_rules, const std::string& level1_on_page1,
                            const std::string& level1_on_page2) {
  std::vector<Spec> first = head_rows();
  append(first, indicator_header(7));
  first.push_back({8, 0, 2, 1, level1_on_page1});
  first.push_back({8, 1, 2, 1, "数量指标"});
  append(first, indicator(8, "完成率", "30", "30"));
  append(first, indicator(9, "覆盖", "30", "28", "部分"));
  Page one;
  one.number = 1;
  one.free_lines = {line("财政项目支出绩效自评表", 10)};
  one.tables.push_back(table(10, 9, 50, first));

  std::vector<Spec> second = {
      {0, 0, 2, 1, level1_on_page2}, {0, 1, 1, 1, ""}, {1, 1, 1, 1, "质量指标"}};
  append(second, indicator(0, "率", "", "", "未覆盖"));
  append(second, indicator(1, "达标率", "40", "39"));
  second.push_back({2, 0, 1, 6, "总分"});
  second.push_back({2, 6, 1, 1, "97"});
  second.push_back({2, 7, 1, 1, "100"});
  second.push_back({2, 8, 1, 1, ""});
  Page two;
  two.number = 2;
  two.tables.push_back(table(3, 9, 40, second));
  if (open_rules) {
    for (Cell& cell : one.tables[0].cells) cell.open_bottom = cell.row + cell.row_span == 10;
    for (Cell& cell : two.tables[0].cells) cell.open_top = cell.row == 0;
    // Values are printed on the first part only: an open rule is the sign.
    for (Cell& cell : two.tables[0].cells) {
      if (cell.row == 0 && cell.col >= 4 && cell.col <= 5) cell.lines.clear();
    }
  }
  return {one, two};
}

TEST(FormReader, RowSplitByAPageBreakIsJoined) {
  for (bool open_rules : {false, true}) {
    SCOPED_TRACE(open_rules ? "open rules" : "closed rules, continuation without 分值");
    const auto forms = layout::read_forms(two_pages(open_rules, "产出指标", ""));
    ASSERT_EQ(forms.size(), 1u);
    const cells::Form& form = forms[0];
    EXPECT_EQ(form.first_page, 1);
    EXPECT_EQ(form.last_page, 2);
    ASSERT_EQ(form.indicators.size(), 3u);
    EXPECT_EQ(form.indicators[1][Field::kLevel3].text, "覆盖率");
    EXPECT_EQ(form.indicators[1][Field::kIndicatorWeight].text, "30");
    EXPECT_EQ(form.indicators[1][Field::kDeviation].text, "部分未覆盖");
    EXPECT_EQ(form.indicators[2][Field::kLevel3].text, "达标率");
    EXPECT_EQ(form.indicators[2][Field::kLevel1].text, "产出指标") << "filled down over the break";
    EXPECT_EQ(form.indicators[2][Field::kLevel2].text, "质量指标");
  }
}

TEST(FormReader, LevelNameSplitByAPageBreakIsOneName) {
  const auto forms = layout::read_forms(two_pages(false, "产出指", "标"));
  ASSERT_EQ(forms.size(), 1u);
  for (const auto& indicator : forms[0].indicators) {
    EXPECT_EQ(indicator[Field::kLevel1].text, "产出指标");
  }
}

TEST(FormReader, LevelPrintedOnlyAfterTheBreakCoversRowsBeforeIt) {
  const auto forms = layout::read_forms(two_pages(false, "", "产出指标"));
  ASSERT_EQ(forms.size(), 1u);
  EXPECT_EQ(forms[0].indicators[0][Field::kLevel1].text, "产出指标");
  EXPECT_EQ(forms[0].indicators[2][Field::kLevel1].text, "产出指标");
}

TEST(FormReader, SeveralFormsOnePerTitle) {
  Page page = one_page_form();
  Page second = one_page_form();
  second.number = 2;
  const auto forms = layout::read_forms({page, second});
  ASSERT_EQ(forms.size(), 2u);
  EXPECT_EQ(forms[0].first_page, 1);
  EXPECT_EQ(forms[1].first_page, 2);
}

TEST(FormReader, FormWithoutTitleStartsAtItsProjectName) {
  Page page = one_page_form();
  page.free_lines.clear();
  Page again = page;
  again.number = 2;
  const auto forms = layout::read_forms({page, again});
  ASSERT_EQ(forms.size(), 2u);
  EXPECT_TRUE(forms[0].title.empty());
  EXPECT_EQ(forms[1].project_name.text, "测试项目");
}

TEST(FormReader, AnUnreadTitlesYearLineStillBelongsToTheFormBelowIt) {
  // The title was read as noise: the year line had no form to go to.
  Page page = one_page_form();
  page.free_lines = {line("潮和项占尖和轴环歼首至表", 10), line("（2020年度）", 30)};
  Page next = one_page_form();
  next.number = 2;
  next.free_lines.clear();
  const auto forms = layout::read_forms({page, next});
  ASSERT_EQ(forms.size(), 2u);
  EXPECT_TRUE(forms[0].title.empty());
  EXPECT_EQ(forms[0].year_line.text, "（2020年度）");
  // A year line is the form's on its own page only.
  EXPECT_TRUE(forms[1].year_line.empty());
}

TEST(FormReader, PagesWithoutAFormGiveNone) {
  Page page;
  page.number = 1;
  page.free_lines = {line("会议纪要", 10)};
  page.tables.push_back(table(
      2, 2, 40,
      {{0, 0, 1, 1, "时间"}, {0, 1, 1, 1, "12月3日"}, {1, 0, 1, 1, "议题"}, {1, 1, 1, 1, "预算"}}));
  EXPECT_TRUE(layout::read_forms({page}).empty());
  EXPECT_TRUE(layout::read_forms({}).empty());
}

TEST(FormReader, MissingIndicatorTableIsAWarning) {
  Page page;
  page.number = 1;
  page.free_lines = {line("财政项目支出绩效自评表", 10)};
  page.tables.push_back(table(7, 9, 40, head_rows()));
  const auto forms = layout::read_forms({page});
  ASSERT_EQ(forms.size(), 1u);
  ASSERT_FALSE(forms[0].warnings.empty());
  EXPECT_NE(forms[0].warnings[0].find("no indicator table"), std::string::npos);
}

// Some templates print the title and the year line as the table's first
// rows, one cell across the table.
TEST(FormReader, TitleAndYearPrintedInsideTheTableStartTheForm) {
  Page page = one_page_form();
  page.free_lines.clear();
  std::vector<Spec> specs = {{0, 0, 1, 9, "财政项目支出绩效自评表"}, {1, 0, 1, 9, "(2022年度)"}};
  for (Spec spec : head_rows()) {
    spec.row += 2;
    specs.push_back(spec);
  }
  append(specs, indicator_header(9));
  specs.push_back({10, 0, 1, 1, "产出指标"});
  specs.push_back({10, 1, 1, 1, "数量指标"});
  append(specs, indicator(10, "完成率", "90", "90"));
  page.tables = {table(11, 9, 50, specs)};
  const auto forms = layout::read_forms({page});
  ASSERT_EQ(forms.size(), 1u);
  EXPECT_EQ(forms[0].title.text, "财政项目支出绩效自评表");
  EXPECT_EQ(forms[0].year_line.text, "(2022年度)");
  EXPECT_EQ(forms[0].project_name.text, "测试项目");
  ASSERT_EQ(forms[0].indicators.size(), 1u);
}

// Page 2 of a browser print: the indicator header again, then rows whose
// level cells continue page 1's (their text is not printed again).
TEST(FormReader, RowsUnderARepeatedHeaderContinueTheLevelCells) {
  std::vector<Page> pages = two_pages(false, "产出指标", "");
  std::vector<Spec> second = indicator_header(0);
  second.push_back({1, 0, 2, 1, ""});
  second.push_back({1, 1, 2, 1, ""});
  append(second, indicator(1, "合格率", "20", "20"));
  append(second, indicator(2, "达标率", "20", "19"));
  pages[1].tables = {table(3, 9, 40, second)};
  const auto forms = layout::read_forms(pages);
  ASSERT_EQ(forms.size(), 1u);
  ASSERT_EQ(forms[0].indicators.size(), 4u) << "the header is no indicator";
  for (const auto& indicator : forms[0].indicators) {
    EXPECT_EQ(indicator[Field::kLevel1].text, "产出指标") << indicator[Field::kLevel3].text;
    EXPECT_EQ(indicator[Field::kLevel2].text, "数量指标") << indicator[Field::kLevel3].text;
  }
}

// A break between two whole rows: no rule on either side (as browsers
// print it), but each half has its points and values, and each level cell
// its own name.
TEST(FormReader, WholeRowsOnEitherSideOfABreakStayTwoWithoutARule) {
  std::vector<Page> pages = two_pages(true, "产出指标", "效益指标");
  std::vector<Spec> second = {{0, 0, 2, 1, "效益指标"}, {0, 1, 2, 1, "社会效益指标"}};
  append(second, indicator(0, "受益人数", "20", "20"));
  append(second, indicator(1, "满意度", "20", "19"));
  pages[1].tables = {table(2, 9, 40, second)};
  for (Cell& cell : pages[1].tables[0].cells) cell.open_top = cell.row == 0;
  const auto forms = layout::read_forms(pages);
  ASSERT_EQ(forms.size(), 1u);
  ASSERT_EQ(forms[0].indicators.size(), 4u);
  EXPECT_EQ(forms[0].indicators[1][Field::kLevel3].text, "覆盖");
  EXPECT_EQ(forms[0].indicators[1][Field::kLevel1].text, "产出指标");
  EXPECT_EQ(forms[0].indicators[2][Field::kLevel1].text, "效益指标");
  EXPECT_EQ(forms[0].indicators[2][Field::kLevel2].text, "社会效益指标");
}

// The indicator header at a page foot, cut by the break: "一级" | "指标".
TEST(FormReader, IndicatorHeaderCutByABreakIsCompletedByTheNextPage) {
  std::vector<Spec> first = head_rows();
  first.push_back({7, 0, 1, 1, "一级"});
  first.push_back({7, 1, 1, 1, "二级"});
  first.push_back({7, 2, 1, 2, "三级指标"});
  first.push_back({7, 4, 1, 1, "指标值"});
  first.push_back({7, 5, 1, 1, "实际值"});
  first.push_back({7, 6, 1, 1, "得"});
  first.push_back({7, 7, 1, 1, "分"});
  first.push_back({7, 8, 1, 1, "未完成原因"});
  Page one;
  one.number = 1;
  one.free_lines = {line("财政项目支出绩效自评表", 10)};
  one.tables.push_back(table(8, 9, 50, first));
  std::vector<Spec> second = {{0, 0, 1, 1, "指标"}, {0, 1, 1, 1, "指标"}, {0, 2, 1, 2, ""},
                              {0, 4, 1, 1, ""},     {0, 5, 1, 1, ""},     {0, 6, 1, 1, "分"},
                              {0, 7, 1, 1, "值"},   {0, 8, 1, 1, "分析"}};
  second.push_back({1, 0, 1, 1, "产出指标"});
  second.push_back({1, 1, 1, 1, "数量指标"});
  append(second, indicator(1, "完成率", "90", "88"));
  Page two;
  two.number = 2;
  two.tables.push_back(table(2, 9, 40, second));
  const auto forms = layout::read_forms({one, two});
  ASSERT_EQ(forms.size(), 1u);
  ASSERT_EQ(forms[0].indicators.size(), 1u) << "the header's second half is no indicator";
  EXPECT_EQ(forms[0].indicators[0][Field::kLevel1].text, "产出指标");
  EXPECT_EQ(forms[0].indicators[0][Field::kIndicatorWeight].text, "90");
  EXPECT_EQ(forms[0].indicators[0][Field::kIndicatorScore].text, "88");
}

// A header row cut by the break: "主管" at the foot, "部门" at the head.
TEST(FormReader, HeaderLabelCutByABreakIsCompletedByTheNextPage) {
  std::vector<Spec> first = {{0, 0, 1, 1, "项目名称"}, {0, 1, 1, 8, "测试项目"},
                             {1, 0, 1, 1, "主管"},     {1, 1, 1, 3, "某某委员会"},
                             {1, 4, 1, 1, "实施"},     {1, 5, 1, 4, "某某研究院"}};
  Page one;
  one.number = 1;
  one.free_lines = {line("财政项目支出绩效自评表", 10)};
  one.tables.push_back(table(2, 9, 50, first));
  std::vector<Spec> second = {
      {0, 0, 1, 1, "部门"}, {0, 1, 1, 3, ""}, {0, 4, 1, 1, "单位"}, {0, 5, 1, 4, ""}};
  for (Spec spec : head_rows()) {
    if (spec.row < 2) continue;
    spec.row -= 1;
    second.push_back(spec);
  }
  append(second, indicator_header(6));
  second.push_back({7, 0, 1, 1, "产出指标"});
  second.push_back({7, 1, 1, 1, "数量指标"});
  append(second, indicator(7, "完成率", "90", "90"));
  Page two;
  two.number = 2;
  two.tables.push_back(table(8, 9, 40, second));
  const auto forms = layout::read_forms({one, two});
  ASSERT_EQ(forms.size(), 1u);
  EXPECT_EQ(forms[0].supervising_department.text, "某某委员会");
  EXPECT_EQ(forms[0].implementing_unit.text, "某某研究院");
}

// 项目名称 rows alone (a project sheet) are not this form.
TEST(FormReader, HeaderRowsWithoutFundsOrIndicatorsAreNoForm) {
  Page page;
  page.number = 1;
  page.free_lines = {line("项目申报书", 10)};
  page.tables.push_back(table(2, 9, 40,
                              {{0, 0, 1, 1, "项目名称"},
                               {0, 1, 1, 8, "测试项目"},
                               {1, 0, 1, 1, "主管部门"},
                               {1, 1, 1, 8, "某某委员会"}}));
  EXPECT_TRUE(layout::read_forms({page}).empty());
}

// The 总分 row at a page foot, its score wrapped over the break.
TEST(FormReader, TotalRowCutByABreakIsJoined) {
  std::vector<Spec> first = head_rows();
  append(first, indicator_header(7));
  first.push_back({8, 0, 1, 1, "产出指标"});
  first.push_back({8, 1, 1, 1, "数量指标"});
  append(first, indicator(8, "完成率", "90", "80.76"));
  first.push_back({9, 0, 1, 6, "总分"});
  first.push_back({9, 6, 1, 1, "89.7"});
  first.push_back({9, 7, 1, 1, "100"});
  first.push_back({9, 8, 1, 1, ""});
  Page one;
  one.number = 1;
  one.free_lines = {line("财政项目支出绩效自评表", 10)};
  one.tables.push_back(table(10, 9, 50, first));
  Page two;
  two.number = 2;
  two.tables.push_back(
      table(1, 9, 40, {{0, 0, 1, 6, ""}, {0, 6, 1, 1, "6"}, {0, 7, 1, 1, ""}, {0, 8, 1, 1, ""}}));
  const auto forms = layout::read_forms({one, two});
  ASSERT_EQ(forms.size(), 1u);
  EXPECT_EQ(forms[0].total_score.text, "89.76");
  EXPECT_EQ(forms[0].total_weight.text, "100");
}

// A cut row whose halves each print one of its points: "9" above the
// break, its 分值 below.
TEST(FormReader, RowCutBetweenItsPointsIsJoined) {
  std::vector<Page> pages = two_pages(false, "产出指标", "");
  std::vector<Spec> second = {{0, 0, 2, 1, ""}, {0, 1, 1, 1, ""}, {1, 1, 1, 1, "质量指标"}};
  second.push_back({0, 2, 1, 2, "率"});
  second.push_back({0, 7, 1, 1, "30"});
  append(second, indicator(1, "达标率", "40", "39"));
  pages[1].tables = {table(2, 9, 40, second)};
  for (Cell& cell : pages[0].tables[0].cells) {
    if (cell.row == 9 && cell.col == 7) cell.lines.clear();  // 分值 printed below the break
  }
  const auto forms = layout::read_forms(pages);
  ASSERT_EQ(forms.size(), 1u);
  ASSERT_EQ(forms[0].indicators.size(), 3u);
  EXPECT_EQ(forms[0].indicators[1][Field::kLevel3].text, "覆盖率");
  EXPECT_EQ(forms[0].indicators[1][Field::kIndicatorWeight].text, "30");
  EXPECT_EQ(forms[0].indicators[1][Field::kIndicatorScore].text, "28");
}

}  // namespace
}  // namespace kpiform
