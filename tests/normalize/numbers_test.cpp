#include <gtest/gtest.h>

#include "kpiform/normalize/value.h"

namespace kpiform {
namespace {

using normalize::MoneyUnit;

struct NumberCase {
  const char* text;
  std::optional<double> value;
  bool valid;
};

void expect_number(const normalize::NumberCell& cell, const NumberCase& c) {
  EXPECT_EQ(cell.valid, c.valid) << "input: " << c.text;
  ASSERT_EQ(cell.value.has_value(), c.value.has_value()) << "input: " << c.text;
  if (c.value) {
    EXPECT_DOUBLE_EQ(*cell.value, *c.value) << "input: " << c.text;
  }
}

TEST(Money, YuanAsPrinted) {
  const NumberCase cases[] = {
      {"719,677.12", 719677.12, true},
      {"4416000.00", 4416000, true},
      {"500,000", 500000, true},
      {"13,501,206.6", 13501206.6, true},
      {"１２３４．５", 1234.5, true},
      {" 156,536.5 ", 156536.5, true},
      {"0", 0, true},
      {"-1,000.5", -1000.5, true},
      {"100元", 100, true},
      {"", std::nullopt, true},
      {"—", std::nullopt, true},
      {"－", std::nullopt, true},
      {"/", std::nullopt, true},
      {"  ", std::nullopt, true},
      {"12,34", std::nullopt, false},
      {"一百", std::nullopt, false},
      {"1.2.3", std::nullopt, false},
      {"abc", std::nullopt, false},
  };
  for (const NumberCase& c : cases)
    expect_number(normalize::parse_money(c.text, MoneyUnit::kYuan), c);
}

TEST(Money, TenThousandYuanBecomesYuanRoundedToTheFen) {
  const NumberCase cases[] = {
      {"441.6", 4416000, true}, {"71.967712", 719677.12, true}, {"1,350.12066", 13501206.6, true},
      {"0.5", 5000, true},      {"—", std::nullopt, true},
  };
  for (const NumberCase& c : cases) {
    expect_number(normalize::parse_money(c.text, MoneyUnit::kTenThousandYuan), c);
  }
  // A unit printed in the cell wins over the table's.
  expect_number(normalize::parse_money("3万元", MoneyUnit::kYuan), {"3万元", 30000, true});
  expect_number(normalize::parse_money("300元", MoneyUnit::kTenThousandYuan), {"300元", 300, true});
}

TEST(Percent, PercentNumbers) {
  const NumberCase cases[] = {
      {"16.30%", 16.3, true},     {"100.00%", 100, true},      {"96.61", 96.61, true},
      {"８５％", 85, true},       {"", std::nullopt, true},    {"—", std::nullopt, true},
      {"%", std::nullopt, false}, {"高", std::nullopt, false},
  };
  for (const NumberCase& c : cases) expect_number(normalize::parse_percent(c.text), c);
}

TEST(PlainNumber, WeightsAndScores) {
  const NumberCase cases[] = {
      {"84.63", 84.63, true},      {"10", 10, true},          {"0", 0, true},
      {"10分", 10, true},          {"—", std::nullopt, true}, {"", std::nullopt, true},
      {"十", std::nullopt, false},
  };
  for (const NumberCase& c : cases) expect_number(normalize::parse_number(c.text), c);
}

TEST(Year, FromTheYearLine) {
  EXPECT_EQ(normalize::parse_year("(2020 年度)"), 2020);
  EXPECT_EQ(normalize::parse_year("（2021年度）"), 2021);
  EXPECT_EQ(normalize::parse_year("二〇二一年度"), 2021);
  EXPECT_EQ(normalize::parse_year("（２０２２年度）"), 2022);
  EXPECT_EQ(normalize::parse_year("2019年"), 2019);
  EXPECT_EQ(normalize::parse_year("(2021]年度)"), 2021);  // a bracket misread before 年
  EXPECT_EQ(normalize::parse_year("财政项目支出绩效自评表"), std::nullopt);
  EXPECT_EQ(normalize::parse_year("(年度)"), std::nullopt);
  EXPECT_EQ(normalize::parse_year("12年度"), std::nullopt) << "not a calendar year";
}

TEST(ChineseNumber, Standalone) {
  EXPECT_EQ(normalize::parse_chinese_number("一万二千"), 12000);
  EXPECT_EQ(normalize::parse_chinese_number("两千"), 2000);
  EXPECT_EQ(normalize::parse_chinese_number("十一"), 11);
  EXPECT_EQ(normalize::parse_chinese_number("二〇二一"), 2021);
  EXPECT_EQ(normalize::parse_chinese_number("1.2万"), 12000);
  EXPECT_EQ(normalize::parse_chinese_number("42"), 42);
  EXPECT_EQ(normalize::parse_chinese_number("十十"), std::nullopt);
  EXPECT_EQ(normalize::parse_chinese_number("十百"), std::nullopt);
  EXPECT_EQ(normalize::parse_chinese_number("一百十"), 110);
  EXPECT_EQ(normalize::parse_chinese_number("三千五百"), 3500);
  EXPECT_EQ(normalize::parse_chinese_number("百"), 100);
  EXPECT_EQ(normalize::parse_chinese_number("万"), std::nullopt);
  EXPECT_EQ(normalize::parse_chinese_number(""), std::nullopt);
  EXPECT_EQ(normalize::parse_chinese_number("三点"), std::nullopt);
}

TEST(MoneyUnitLabel, FromTheFundsLabel) {
  EXPECT_EQ(normalize::money_unit_of_label("项目资金 (元)"), MoneyUnit::kYuan);
  EXPECT_EQ(normalize::money_unit_of_label("项目资金（万元）"), MoneyUnit::kTenThousandYuan);
  EXPECT_EQ(normalize::money_unit_of_label("项目资金"), MoneyUnit::kYuan);
}

TEST(MoneyUnitLabel, AMisreadTenThousandIsStillOne) {
  EXPECT_EQ(normalize::money_unit_of_label("项目资金 食元)"), MoneyUnit::kTenThousandYuan);
  EXPECT_EQ(normalize::money_unit_of_label("项目资金元)"), MoneyUnit::kYuan);
  EXPECT_EQ(normalize::money_unit_of_label("项目资金（食元)"), MoneyUnit::kTenThousandYuan);
  EXPECT_EQ(normalize::money_unit_of_label("项目资金(万7ZD)"), MoneyUnit::kTenThousandYuan);
  EXPECT_EQ(normalize::money_unit_of_label("项目资金（元）"), MoneyUnit::kYuan);
  EXPECT_EQ(normalize::money_unit_of_label("项目资金（元"), MoneyUnit::kYuan);
  EXPECT_EQ(normalize::money_unit_of_label("项目资金（、元）"), MoneyUnit::kYuan);  // a speck
}

}  // namespace
}  // namespace kpiform
