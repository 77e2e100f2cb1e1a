// The text rules of number reading (extract/src/number_reading.h); the
// shape rules (≥, =, %) are exercised on scans by the OCR tests.
#include "number_reading.h"

#include <gtest/gtest.h>

namespace kpiform::extract {
namespace {

TEST(NumberReading, ACommaNotBeforeThreeDigitsIsADecimalPoint) {
  EXPECT_EQ(with_decimal_point("4,99"), "4.99");
  EXPECT_EQ(with_decimal_point("94,2"), "94.2");
  EXPECT_EQ(with_decimal_point("250,990"), "250,990");      // thousands
  EXPECT_EQ(with_decimal_point("1,234,567"), "1,234,567");  // thousands
  EXPECT_EQ(with_decimal_point("719,677.12"), "719,677.12");
  EXPECT_EQ(with_decimal_point("1,2345"), "1.2345");  // four digits: no group
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

TEST(NumberReading, DashStrokesAloneAreTheDash) {
  EXPECT_TRUE(is_dash_run("\u4E00\u4E00"));
  EXPECT_TRUE(is_dash_run("--"));
  EXPECT_TRUE(is_dash_run("\u2014"));
  EXPECT_FALSE(is_dash_run("\u4E00\u7EA7"));  // 一级
  EXPECT_FALSE(is_dash_run(""));
  EXPECT_FALSE(is_dash_run("-5"));
}

}  // namespace
}  // namespace kpiform::extract
