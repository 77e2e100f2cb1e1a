// The rules of number reading (extract/src/number_reading.h): text rules,
// and shape rules on glyphs drawn as boxes of ink (the OCR tests exercise
// them on scans).
#include "number_reading.h"

#include <gtest/gtest.h>
#include <leptonica/allheaders.h>

#include <memory>

namespace kpiform::extract {
namespace {

TEST(NumberReading, ACommaNotBeforeThreeDigitsIsADecimalPoint) {
  EXPECT_EQ(with_decimal_point("4,99"), "4.99");
  EXPECT_EQ(with_decimal_point("94,2"), "94.2");
  EXPECT_EQ(with_decimal_point("250,990"), "250,990");      // thousands
  EXPECT_EQ(with_decimal_point("1,234,567"), "1,234,567");  // thousands
  EXPECT_EQ(with_decimal_point("719,677.12"), "719,677.12");
  EXPECT_EQ(with_decimal_point("1,2345"), "1.2345");  // four digits: no group
  // One decimal point: a point between digit groups is a comma.
  EXPECT_EQ(with_decimal_point("29,291.200.00"), "29,291,200.00");
  EXPECT_EQ(with_decimal_point("1.234.567.89"), "1,234,567.89");
}

TEST(NumberReading, APointBeforeThreeDigitsIsAThousandsComma) {
  EXPECT_EQ(with_thousands_commas("38.800\u4EBA"), "38,800\u4EBA");  // 人
  EXPECT_EQ(with_thousands_commas("\u4E0D\u8D85\u8FC779.600\u5143"),
            "\u4E0D\u8D85\u8FC779,600\u5143");  // 不超过…元
  EXPECT_EQ(with_thousands_commas("1.500"), "1,500");
  // Two decimals, or a point after more than three digits, or in a longer
  // number: decimals as printed.
  EXPECT_EQ(with_thousands_commas("2671.13"), "2671.13");
  EXPECT_EQ(with_thousands_commas("2671.130"), "2671.130");
  EXPECT_EQ(with_thousands_commas("71.967712"), "71.967712");
  EXPECT_EQ(with_thousands_commas("1,290.320"), "1,290.320");
  EXPECT_EQ(with_thousands_commas("1.290.32"), "1.290.32");
}

TEST(NumberReading, APercentSignEndsItsNumber) {
  bool percent = false;
  const std::u32string garbled = U"\u4E0D\u8D85\u8FC739%46";  // 不超过39%46 for 不超过3%
  EXPECT_EQ(number_run_end(garbled, 3, percent), garbled.size());
  EXPECT_TRUE(percent);
  EXPECT_EQ(number_run_end(U"98%\u4EE5\u4E0A", 0, percent), 3u);  // 98%以上
  EXPECT_TRUE(percent);
  EXPECT_EQ(number_run_end(U"1,290.32\u4E07", 0, percent), 8u);
  EXPECT_FALSE(percent);
}

TEST(NumberReading, ACellsLinesArePutRightAsOneReading) {
  const auto mended = [](std::vector<std::string> texts) {
    std::vector<cells::TextLine> lines;
    for (std::string& text : texts) {
      cells::TextLine line;
      line.text = std::move(text);
      lines.push_back(std::move(line));
    }
    with_separators_over_lines(lines);
    std::vector<std::string> out;
    for (const cells::TextLine& line : lines) out.push_back(line.text);
    return out;
  };
  using Lines = std::vector<std::string>;
  EXPECT_EQ(mended({"15,016.", "900.00"}), (Lines{"15,016,", "900.00"}));
  EXPECT_EQ(mended({">=17.50", "0人"}), (Lines{">=17,50", "0人"}));
  EXPECT_EQ(mended({">=四万六干", "六百人次"}), (Lines{">=四万六千", "六百人次"}));
  // Two decimals stay a decimal; a text stays as read.
  EXPECT_EQ(mended({"1,234.5", "6万元"}), (Lines{"1,234.5", "6万元"}));
  EXPECT_EQ(mended({"项目采购流程", "较长"}), (Lines{"项目采购流程", "较长"}));
}

TEST(NumberReading, ACircleAmongChineseNumeralsIsZero) {
  EXPECT_EQ(with_chinese_numerals_as_printed("二O二〇年底前"), "二〇二〇年底前");
  EXPECT_EQ(with_chinese_numerals_as_printed("二0二一年"), "二〇二一年");
  // Not between numerals: as read.
  EXPECT_EQ(with_chinese_numerals_as_printed("O型"), "O型");
  EXPECT_EQ(with_chinese_numerals_as_printed("20二"), "20二");
}

TEST(NumberReading, ALookAlikeWhereOnlyThousandsCanStandIsThousand) {
  EXPECT_EQ(with_chinese_numerals_as_printed(">=四万六干六百人次"), ">=四万六千六百人次");
  EXPECT_EQ(with_chinese_numerals_as_printed("不少于三万一干三百人次"), "不少于三万一千三百人次");
  EXPECT_EQ(with_chinese_numerals_as_printed(">=六于二百吨"), ">=六千二百吨");
  EXPECT_EQ(with_chinese_numerals_as_printed("两干零五"), "两千零五");
  // Not where a word has them: 不低于, 若干, 一干二净.
  EXPECT_EQ(with_chinese_numerals_as_printed("不低于三百"), "不低于三百");
  EXPECT_EQ(with_chinese_numerals_as_printed("若干五百"), "若干五百");
  EXPECT_EQ(with_chinese_numerals_as_printed("一干二净"), "一干二净");
}

TEST(NumberReading, OneBetweenDigitsIsADash) {
  EXPECT_EQ(with_dashes_between_numbers("118一177场"), "118—177场");
  EXPECT_EQ(with_dashes_between_numbers("2-4篇"), "2-4篇");
  // A Chinese numeral beside words stays.
  EXPECT_EQ(with_dashes_between_numbers("一万二千人"), "一万二千人");
  EXPECT_EQ(with_dashes_between_numbers("第1一期"), "第1一期");
}

TEST(NumberReading, WellFormedNumbersAreThoseFormsPrint) {
  for (const char* number : {"10", "4.99", "90.62%", "1,234.5", "250,990", "100%"}) {
    EXPECT_TRUE(is_well_formed_number(number)) << number;
  }
  for (const char* text : {"10094x", "1,23", "100%%", "=100%", "", "1..2", "一"}) {
    EXPECT_FALSE(is_well_formed_number(text)) << text;
  }
  EXPECT_TRUE(is_number_reading("=100%"));
  EXPECT_TRUE(is_number_reading("\u226590%"));
  EXPECT_TRUE(is_number_reading("<5"));
  EXPECT_FALSE(is_number_reading("\u4E8C 10094"));
}

TEST(NumberReading, TheDigitsReadingKeepsALeadTheDigitsModelCannotRead) {
  EXPECT_EQ(merge_number_readings("\u226590%", "290%"), "\u226590%");
  EXPECT_EQ(merge_number_readings("1000%", "100%"), "100%");
  EXPECT_EQ(merge_number_readings("15", "1"), "1");  // lengths differ: the digits model's
}

// A binary line image with a box of ink per glyph: {x, y, w, h}.
struct InkBox {
  int x, y, w, h;
};
struct PixDeleter {
  void operator()(Pix* pix) const { pixDestroy(&pix); }
};
std::unique_ptr<Pix, PixDeleter> line_of(std::initializer_list<InkBox> glyphs) {
  std::unique_ptr<Pix, PixDeleter> ink(pixCreate(120, 20, 1));
  for (const InkBox& glyph : glyphs) {
    pixRasterop(ink.get(), glyph.x, glyph.y, glyph.w, glyph.h, PIX_SET, nullptr, 0, 0);
  }
  return ink;
}

// Two digits (narrow) and a glyph as wide as tall: "12门" or "12%".
TEST(NumberReading, AUnitWordLastStaysAndTheDigitsModelsPercentMakesWayForIt) {
  const auto ink = line_of({{2, 4, 6, 12}, {11, 4, 6, 12}, {21, 4, 12, 12}});
  const auto last = wide_last_glyph(ink.get());
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->first, 21);
  EXPECT_EQ(last->second, 33);
  EXPECT_EQ(with_unit("12%", ink.get(), "\u95E8"), "12\u95E8");  // 门
  // What was read before the unit must be a number.
  EXPECT_EQ(with_unit("1%%", ink.get(), "\u5143"), std::nullopt);
  // Read as a unit word, it is no percent; misread as digits, it is one.
  EXPECT_EQ(as_number("12\u95E8", ink.get()), "12\u95E8");
  EXPECT_EQ(as_number("1294", ink.get()), "12%");
  EXPECT_EQ(as_number("120%", ink.get()), "12%");  // the sign's circle read as a 0 too
  EXPECT_EQ(as_number("12%", ink.get()), "12%");
  // A word that is no unit is no reason to keep the reading.
  EXPECT_EQ(as_number("12\u89D2", ink.get()), "12%");  // 角
}

TEST(NumberReading, AWaveBetweenTwoNumbersIsTheRangesWaveDash) {
  // Two digits, a mark, two digits: the mark a stroke 2 high stepping up
  // and down (a wave), or lying level (a dash).
  const auto wave = line_of({{2, 4, 6, 12},
                             {11, 4, 6, 12},
                             {20, 9, 4, 2},
                             {24, 7, 4, 2},
                             {28, 9, 4, 2},
                             {36, 4, 6, 12},
                             {45, 4, 6, 12}});
  EXPECT_EQ(with_wave_dash_as_shaped("36—54", wave.get()), "36～54");
  EXPECT_EQ(with_wave_dash_as_shaped("36 ~ 54门", wave.get()), "36～54门");
  EXPECT_EQ(with_wave_dash_as_shaped("36人54门", wave.get()), "36～54门");
  const auto dash =
      line_of({{2, 4, 6, 12}, {11, 4, 6, 12}, {20, 9, 12, 2}, {36, 4, 6, 12}, {45, 4, 6, 12}});
  EXPECT_EQ(with_wave_dash_as_shaped("36—54", dash.get()), "36—54");
  EXPECT_EQ(with_wave_dash_as_shaped("36-54", dash.get()), "36-54");
  // No range: as read.
  EXPECT_EQ(with_wave_dash_as_shaped("36人", wave.get()), "36人");
  EXPECT_EQ(with_wave_dash_as_shaped("—54", wave.get()), "—54");
}

TEST(NumberReading, OnlyAGlyphWiderThanTheDigitsIsAUnitOrPercent) {
  const auto digits = line_of({{2, 4, 6, 12}, {11, 4, 6, 12}, {20, 4, 6, 12}});
  EXPECT_FALSE(wide_last_glyph(digits.get()).has_value());
  EXPECT_EQ(as_number("129", digits.get()), "129");
}

// "=" drawn as two flat bars in front of two digits.
TEST(NumberReading, ASignIsPutInFrontOfAQuantityOnlyWhereTheShapeShowsOne) {
  const auto equals = line_of({{2, 6, 10, 2}, {2, 11, 10, 2}, {16, 4, 6, 12}, {25, 4, 6, 12}});
  EXPECT_EQ(with_shaped_sign("\u5DF227\u5929", equals.get()), "=27\u5929");   // 已27天
  EXPECT_EQ(with_shaped_sign("57\u5929", equals.get()), "=57\u5929");         // dropped
  EXPECT_EQ(with_shaped_sign("\u5DF2 27\u5929", equals.get()), "=27\u5929");  // and a space
  // A unit broken over the cell's lines: 万 of 万元.
  EXPECT_EQ(with_shaped_sign("\u5DF227\u4E07", equals.get()), "=27\u4E07");
  // No quantity: a word that is no unit, or text.
  EXPECT_EQ(with_shaped_sign("\u5DF21009\u89D2", equals.get()), "\u5DF21009\u89D2");
  EXPECT_EQ(with_shaped_sign("\u5DF2\u5B8C\u6210", equals.get()), "\u5DF2\u5B8C\u6210");
  // A number in Chinese numerals, after a sign read as one; after a word
  // (约, "about") it is no sign's place.
  EXPECT_EQ(with_shaped_sign(">三万零八百人次", equals.get()), "=三万零八百人次");
  EXPECT_EQ(with_shaped_sign("约三万人", equals.get()), "约三万人");
  EXPECT_EQ(with_shaped_sign(">三万零八百", equals.get()), ">三万零八百") << "no unit";
  const auto digits = line_of({{2, 4, 6, 12}, {11, 4, 6, 12}, {21, 4, 12, 12}});
  EXPECT_EQ(with_shaped_sign("27\u5929", digits.get()), "27\u5929");
}

// "≥" drawn as its three strokes before two digits, about as a 300-dpi scan
// shows it; then with the one-pixel bridge by which blur joins its bar to
// its angle.
TEST(NumberReading, ASignsBarJoinedToItsAngleIsStillASign) {
  std::unique_ptr<Pix, PixDeleter> ink(pixCreate(80, 40, 1));
  pixRenderLine(ink.get(), 2, 2, 20, 12, 3, L_SET_PIXELS);   // upper arm
  pixRenderLine(ink.get(), 20, 12, 2, 22, 3, L_SET_PIXELS);  // lower arm
  pixRenderLine(ink.get(), 2, 30, 20, 30, 3, L_SET_PIXELS);  // bar
  pixRasterop(ink.get(), 28, 2, 10, 30, PIX_SET, nullptr, 0, 0);
  pixRasterop(ink.get(), 44, 2, 10, 30, PIX_SET, nullptr, 0, 0);
  EXPECT_EQ(as_number("290", ink.get()), "\u226590");
  pixRenderLine(ink.get(), 3, 23, 3, 29, 1, L_SET_PIXELS);
  EXPECT_EQ(as_number("290", ink.get()), "\u226590");
}

// A "2" has a bar under a stroke too, but its diagonal is a whole stroke
// wide across every row: no sign.
TEST(NumberReading, ADigitWithABarIsNoSign) {
  std::unique_ptr<Pix, PixDeleter> ink(pixCreate(80, 40, 1));
  pixRenderLine(ink.get(), 2, 8, 8, 2, 3, L_SET_PIXELS);
  pixRenderLine(ink.get(), 8, 2, 16, 2, 3, L_SET_PIXELS);
  pixRenderLine(ink.get(), 16, 2, 20, 8, 3, L_SET_PIXELS);
  pixRenderLine(ink.get(), 20, 8, 2, 30, 3, L_SET_PIXELS);
  pixRenderLine(ink.get(), 2, 30, 20, 30, 3, L_SET_PIXELS);
  pixRasterop(ink.get(), 28, 2, 10, 30, PIX_SET, nullptr, 0, 0);
  pixRasterop(ink.get(), 44, 2, 10, 30, PIX_SET, nullptr, 0, 0);
  EXPECT_EQ(as_number("255", ink.get()), "255");
}

// A speck of scanner noise under "<" is no bar of "≤".
TEST(NumberReading, NoiseUnderASignIsNoPartOfIt) {
  const auto specks = line_of({{2, 17, 2, 1}, {16, 4, 6, 12}, {25, 4, 6, 12}, {34, 4, 6, 12}});
  EXPECT_EQ(with_shaped_sign("<15\u5143", specks.get()), "<15\u5143");
}

TEST(NumberReading, NoSpaceStandsBetweenANumberAndTheChineseWordBesideIt) {
  EXPECT_EQ(without_spaces_by_numbers("1273 \u9879"), "1273\u9879");  // 1273 项
  EXPECT_EQ(without_spaces_by_numbers("2023 \u5E74  9\u6708"), "2023\u5E749\u6708");
  EXPECT_EQ(without_spaces_by_numbers("\u8FBE\u5230 80%"), "\u8FBE\u523080%");  // 达到
  // Between two numbers, or words, or at the edges, spaces stay.
  EXPECT_EQ(without_spaces_by_numbers("5 5"), "5 5");
  EXPECT_EQ(without_spaces_by_numbers("(1) \u9879\u76EE"), "(1) \u9879\u76EE");
  EXPECT_EQ(without_spaces_by_numbers("\u9879 \u76EE"), "\u9879 \u76EE");
}

TEST(NumberReading, DashStrokesAloneAreTheDash) {
  EXPECT_TRUE(reads_as_dash("\u4E00\u4E00"));
  EXPECT_TRUE(reads_as_dash("--"));
  EXPECT_TRUE(reads_as_dash("\u2014"));
  EXPECT_FALSE(reads_as_dash("\u4E00\u7EA7"));  // 一级
  EXPECT_FALSE(reads_as_dash(""));
  EXPECT_FALSE(reads_as_dash("-5"));
}

}  // namespace
}  // namespace kpiform::extract
