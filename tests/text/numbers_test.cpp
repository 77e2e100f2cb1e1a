#include <gtest/gtest.h>

#include "kpiform/text/numbers.h"

namespace kpiform {
namespace {

TEST(TextNumbers, DecimalsAreWhatFormsPrint) {
  for (const std::u32string_view number :
       {U"10", U"4.99", U"1,234.5", U"250,990", U"0.5", U"12,345,678.00", U"12345.678"}) {
    EXPECT_TRUE(text::is_decimal(number));
  }
  for (const std::u32string_view text : {U"", U"1,23", U"1234,567", U",123", U"1.", U".5", U"1..2",
                                         U"1.2.3", U"1,234.5,6", U"-5", U"90%", U"一", U"１０"}) {
    EXPECT_FALSE(text::is_decimal(text));
  }
}

TEST(TextNumbers, DecimalValueTakesASign) {
  EXPECT_EQ(text::decimal_value(U"1,234.5"), 1234.5);
  EXPECT_EQ(text::decimal_value(U"-12.5"), -12.5);
  EXPECT_EQ(text::decimal_value(U"+7"), 7.0);
  EXPECT_EQ(text::decimal_value(U"1,23"), std::nullopt);
  EXPECT_EQ(text::decimal_value(U"-"), std::nullopt);
  EXPECT_EQ(text::decimal_value(U"--5"), std::nullopt);
}

TEST(TextNumbers, ADashRunOrASlashSaysNothingIsHere) {
  for (const std::u32string_view placeholder :
       {U"", U"-", U"—", U"——", U"———", U"–", U"―", U"－", U"−", U"/", U"\\", U"N/A", U"NA"}) {
    EXPECT_TRUE(text::is_placeholder(placeholder));
  }
  for (const std::u32string_view text : {U"0", U"-5", U"无", U"一", U"—5", U"N/A2"}) {
    EXPECT_FALSE(text::is_placeholder(text));
  }
  EXPECT_FALSE(text::is_dash_run(U""));
  EXPECT_TRUE(text::is_dash_run(U"-—"));
}

}  // namespace
}  // namespace kpiform
