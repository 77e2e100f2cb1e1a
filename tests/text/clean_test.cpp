#include <gtest/gtest.h>

#include "kpiform/text/clean.h"
#include "kpiform/text/utf8.h"

namespace kpiform {
namespace {

using text::clean_text;
using text::join_lines;
using text::map_radicals;

TEST(LevelPoints, ThePointsAfterALevelNameAreNoPartOfIt) {
  EXPECT_EQ(text::without_level_points("产出指标(50分)"), "产出指标");
  EXPECT_EQ(text::without_level_points("满意度指标（10分）"), "满意度指标");
  EXPECT_EQ(text::without_level_points("成本指标(7.5分)"), "成本指标");
  // As a scan shows the brackets: look-alikes, a space, a lost closer.
  EXPECT_EQ(text::without_level_points("效益指标〈24分)"), "效益指标");
  EXPECT_EQ(text::without_level_points("产出指标（50分}"), "产出指标");
  EXPECT_EQ(text::without_level_points("产出指标 (41分 )"), "产出指标");
  EXPECT_EQ(text::without_level_points("满意度指标【9分"), "满意度指标");
  // Points need their digits, their 分 and a bracket before them.
  EXPECT_EQ(text::without_level_points("产出指标"), "产出指标");
  EXPECT_EQ(text::without_level_points("产出指标(分)"), "产出指标(分)");
  EXPECT_EQ(text::without_level_points("产出指标50分"), "产出指标50分");
  EXPECT_EQ(text::without_level_points("(50分)"), "(50分)");
}

TEST(TextJoin, ChineseLinesJoinWithoutSpace) {
  EXPECT_EQ(join_lines({"提升产研院站位和资源", "配置能力"}), "提升产研院站位和资源配置能力");
  EXPECT_EQ(join_lines({"长效管理制度建设及执", "行情况"}), "长效管理制度建设及执行情况");
  EXPECT_EQ(join_lines({"宣传-", "宣传知晓率"}), "宣传-宣传知晓率");
  EXPECT_EQ(join_lines({"2020年9", "月21日"}), "2020年9月21日");
  EXPECT_EQ(join_lines({"Mesh", "连接"}), "Mesh连接");
  EXPECT_EQ(join_lines({"完成", "ISO9001认证"}), "完成ISO9001认证");
}

TEST(TextJoin, LatinWordsJoinWithOneSpace) {
  EXPECT_EQ(join_lines({"Internet of", "Things"}), "Internet of Things");
  EXPECT_EQ(join_lines({"版本 Windows", "10"}), "版本 Windows 10");
  EXPECT_EQ(join_lines({"first,", "second"}), "first, second");
  EXPECT_EQ(join_lines({"Zürich", "Ärzte"}), "Zürich Ärzte") << "Latin beyond ASCII";
}

TEST(TextJoin, NumbersWrappedInACellJoinWithoutSpace) {
  EXPECT_EQ(join_lines({"4416000.0", "0"}), "4416000.00");
  EXPECT_EQ(join_lines({"719,677.", "12"}), "719,677.12");
  EXPECT_EQ(join_lines({"16.3", "0%"}), "16.30%");
}

TEST(TextJoin, LinesAreTrimmedAndBlankLinesDropped) {
  EXPECT_EQ(join_lines({"  产出指标 ", "", "\u3000", " 数量"}), "产出指标数量");
  EXPECT_EQ(join_lines({}), "");
  EXPECT_EQ(join_lines({" ", ""}), "");
}

TEST(TextClean, MarkupDebrisIsRemoved) {
  EXPECT_EQ(clean_text("<p>(1) 项目总目标</p>"), "(1) 项目总目标");
  EXPECT_EQ(clean_text("维</p> <p>修"), "维 修") << "the space between paragraphs is printed";
  EXPECT_EQ(clean_text("一<br/>二<BR>三<br />四"), "一二三四");
  EXPECT_EQ(clean_text("<span style=\"color:red\">红</span>"), "红");
  EXPECT_EQ(clean_text("A&amp;B&nbsp;C"), "A&B C");
}

// Found by the fuzzer: removing one tag joined two halves into another.
TEST(TextClean, CleaningTwiceChangesNothing) {
  for (const char* text : {"<b/n<b/npr>pr>", "<<p>p>", "&amp;nbsp;", "&am&amp;p;", "<p<br>>"}) {
    const std::string once = clean_text(text);
    EXPECT_EQ(clean_text(once), once) << "input: " << text;
  }
  EXPECT_EQ(clean_text("<<p>p>"), "");
  EXPECT_EQ(clean_text("&amp;nbsp;"), "");
}

TEST(TextClean, AngleBracketsThatAreTextStay) {
  EXPECT_EQ(clean_text("《关于<建议>的说明》"), "《关于<建议>的说明》");
  EXPECT_EQ(clean_text("a < b > c"), "a < b > c");
  EXPECT_EQ(clean_text("<p"), "<p");
  EXPECT_EQ(clean_text("<pre>"), "<pre>") << "only known tags are markup";
}

TEST(TextClean, PrintedCharactersAreKept) {
  EXPECT_EQ(clean_text("（一期）"), "（一期）") << "no width folding";
  EXPECT_EQ(clean_text("  ＝１００％ "), "＝１００％");
  EXPECT_EQ(clean_text("\u3000\u3000上海科学院\u3000"), "上海科学院");
  EXPECT_EQ(clean_text("新兴技术论坛 I 以“物联发展新机遇 数字经济新动能”"),
            "新兴技术论坛 I 以“物联发展新机遇 数字经济新动能”");
}

TEST(TextRadicals, KangxiAndSupplementRadicalsBecomeIdeographs) {
  EXPECT_EQ(map_radicals("项⽬"), "项目");
  EXPECT_EQ(map_radicals("⻓效管理"), "长效管理");
  EXPECT_EQ(map_radicals("部⻔"), "部门");
  EXPECT_EQ(map_radicals("⾦额"), "金额");
  EXPECT_EQ(map_radicals("⼀级指标"), "一级指标");
  EXPECT_EQ(map_radicals("⻅"), "见");
  EXPECT_EQ(map_radicals("⻘年"), "青年");
}

TEST(TextRadicals, RadicalsInEveryPositionOfAText) {
  const std::string expected = "项目长期建设部门";
  const std::string with_radicals[] = {
      "项⽬⻓期建设部⻔",  // middle, middle, end
      "⽬",                // alone
  };
  EXPECT_EQ(clean_text(with_radicals[0]), expected);
  EXPECT_EQ(clean_text(with_radicals[1]), "目");
  EXPECT_EQ(clean_text("⽬标"), "目标") << "first";
  EXPECT_EQ(clean_text("项⽬"), "项目") << "last";
  EXPECT_EQ(clean_text(" ⽬ "), "目") << "trimmed";
  EXPECT_EQ(clean_text("<p>⽬</p>"), "目") << "inside markup";
  EXPECT_EQ(join_lines({"项⽬", "⻓期"}), "项⽬⻓期") << "joining alone does not map";
  EXPECT_EQ(clean_text(join_lines({"项⽬", "⻓期"})), "项目长期");
}

TEST(TextRadicals, OtherCharactersAreUntouched) {
  EXPECT_EQ(map_radicals("目长门ABC123（）"), "目长门ABC123（）");
  EXPECT_EQ(map_radicals("\u2FFF\u2E7F"), "\u2FFF\u2E7F") << "outside both blocks";
}

TEST(TextClean, InvalidUtf8BecomesReplacementCharacters) {
  EXPECT_EQ(clean_text("a\xFF"
                       "b"),
            "a\uFFFDb");
  EXPECT_EQ(clean_text("\xE4\xB8"), "\uFFFD");
}

TEST(TextBlank, WhiteSpaceOnly) {
  EXPECT_TRUE(text::is_blank(""));
  EXPECT_TRUE(text::is_blank(" \t\n\u3000\u00A0"));
  EXPECT_FALSE(text::is_blank(" 。"));
}

}  // namespace
}  // namespace kpiform

namespace kpiform {
namespace {

TEST(TextEditDistance, CountsCodePoints) {
  EXPECT_EQ(text::edit_distance("一级指标", "一级指标"), 0u);
  EXPECT_EQ(text::edit_distance("一级指标", "二级指标"), 1u);
  EXPECT_EQ(text::edit_distance("实施单位", "买施单位"), 1u);
  EXPECT_EQ(text::edit_distance("财政项目支出绩效自评表", "财政项目文出绩效目评表"), 2u);
  EXPECT_EQ(text::edit_distance("", "分值"), 2u);
  EXPECT_EQ(text::edit_distance("abc", "ac"), 1u);
  EXPECT_EQ(text::character_count("分值ab"), 4u);
}

}  // namespace
}  // namespace kpiform

namespace kpiform {
namespace {

// Radicals as a simplified-Chinese font draws them; a printed traditional
// character stays as printed; GB 2312's dash is the em dash.
TEST(CleanText, RadicalsReadAsTheSimplifiedGlyphTheyShow) {
  EXPECT_EQ(text::clean_text("农⼾受益"), "农户受益");
  EXPECT_EQ(text::clean_text("⽣态"), "生态");
  EXPECT_EQ(text::clean_text("本屆"), "本屆");
  EXPECT_EQ(text::clean_text("106―159个"), "106—159个");
}

}  // namespace
}  // namespace kpiform
