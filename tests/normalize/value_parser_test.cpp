#include <gtest/gtest.h>

#include <cmath>

#include "kpiform/normalize/value.h"
#include "kpiform/schema/json.h"
#include "sample_paths.h"

namespace kpiform {
namespace {

using schema::Op;
using schema::ValueKind;

struct Case {
  const char* raw;
  ValueKind kind;
  std::optional<Op> op;
  std::optional<double> value;
  std::optional<double> max;
  std::optional<std::string> unit;
};

constexpr auto Q = ValueKind::kQuantity;
constexpr auto R = ValueKind::kRange;
constexpr auto T = ValueKind::kText;
constexpr auto E = ValueKind::kEmpty;
const std::optional<Op> kNoOp;
const std::optional<double> kNone;
const std::optional<std::string> kNoUnit;

std::string describe(const schema::Value& value) {
  std::string text = std::string("kind=") + schema::to_string(value.kind);
  text += " op=" + std::string(value.op ? schema::to_string(*value.op) : "null");
  text += " value=" + (value.value ? std::to_string(*value.value) : "null");
  text += " max=" + (value.max ? std::to_string(*value.max) : "null");
  text += " unit=" + value.unit.value_or("null");
  return text;
}

void expect_parses(const Case& c) {
  const schema::Value parsed = normalize::parse_value(c.raw);
  const std::string shown = describe(parsed);
  EXPECT_EQ(parsed.kind, c.kind) << "input: " << c.raw << " -> " << shown;
  EXPECT_EQ(parsed.op, c.op) << "input: " << c.raw << " -> " << shown;
  EXPECT_EQ(parsed.unit, c.unit) << "input: " << c.raw << " -> " << shown;
  ASSERT_EQ(parsed.value.has_value(), c.value.has_value()) << "input: " << c.raw << " -> " << shown;
  if (c.value) {
    EXPECT_NEAR(*parsed.value, *c.value, 1e-9) << "input: " << c.raw;
  }
  ASSERT_EQ(parsed.max.has_value(), c.max.has_value()) << "input: " << c.raw << " -> " << shown;
  if (c.max) {
    EXPECT_NEAR(*parsed.max, *c.max, 1e-9) << "input: " << c.raw;
  }
}

TEST(ValueParser, EveryGroundTruthValueParsesExactly) {
  int compared = 0;
  for (const auto& path : testing::ground_truth_files()) {
    for (const auto& record : schema::read_records_file(path.string())) {
      for (const auto& indicator : record.indicators) {
        for (const schema::Value* expected : {&indicator.target, &indicator.actual}) {
          const schema::Value parsed = normalize::parse_value(expected->raw.value_or(""));
          EXPECT_EQ(parsed, *expected)
              << path.filename().string() << ": " << expected->raw.value_or("(null)") << " -> "
              << describe(parsed);
          ++compared;
        }
      }
    }
  }
  EXPECT_EQ(compared, 278);
}

TEST(ValueParser, Operators) {
  const Case cases[] = {
      {"=100%", Q, Op::kEq, 100, kNone, "%"},
      {"=100", Q, Op::kEq, 100, kNone, kNoUnit},
      {"≥90%", Q, Op::kGe, 90, kNone, "%"},
      {">=90%", Q, Op::kGe, 90, kNone, "%"},
      {"＞＝９０％", Q, Op::kGe, 90, kNone, "%"},
      {"≧95%", Q, Op::kGe, 95, kNone, "%"},
      {"≤5%", Q, Op::kLe, 5, kNone, "%"},
      {"<=5%", Q, Op::kLe, 5, kNone, "%"},
      {"＜＝５％", Q, Op::kLe, 5, kNone, "%"},
      {">80", Q, Op::kGt, 80, kNone, kNoUnit},
      {"＞80%", Q, Op::kGt, 80, kNone, "%"},
      {"<3天", Q, Op::kLt, 3, kNone, "天"},
      {"＜3次", Q, Op::kLt, 3, kNone, "次"},
      {"＝100％", Q, Op::kEq, 100, kNone, "%"},
      {"不低于10家", Q, Op::kGe, 10, kNone, "家"},
      {"不少于500人次", Q, Op::kGe, 500, kNone, "人次"},
      {"不小于3个", Q, Op::kGe, 3, kNone, "个"},
      {"至少2篇", Q, Op::kGe, 2, kNone, "篇"},
      {"最少1场", Q, Op::kGe, 1, kNone, "场"},
      {"达到95%", Q, Op::kGe, 95, kNone, "%"},
      {"大于等于90%", Q, Op::kGe, 90, kNone, "%"},
      {"3项以上", Q, Op::kGe, 3, kNone, "项"},
      {"5个及以上", Q, Op::kGe, 5, kNone, "个"},
      {"10人或以上", Q, Op::kGe, 10, kNone, "人"},
      {"不高于5%", Q, Op::kLe, 5, kNone, "%"},
      {"不超过30天", Q, Op::kLe, 30, kNone, "天"},
      {"不多于2次", Q, Op::kLe, 2, kNone, "次"},
      {"不大于1%", Q, Op::kLe, 1, kNone, "%"},
      {"至多3次", Q, Op::kLe, 3, kNone, "次"},
      {"最多4个", Q, Op::kLe, 4, kNone, "个"},
      {"小于等于2%", Q, Op::kLe, 2, kNone, "%"},
      {"7个工作日以内", Q, Op::kLe, 7, kNone, "个工作日"},
      {"30天之内", Q, Op::kLe, 30, kNone, "天"},
      {"5%以下", Q, Op::kLe, 5, kNone, "%"},
      {"3次及以下", Q, Op::kLe, 3, kNone, "次"},
      {"高于80%", Q, Op::kGt, 80, kNone, "%"},
      {"大于5家", Q, Op::kGt, 5, kNone, "家"},
      {"超过100人", Q, Op::kGt, 100, kNone, "人"},
      {"多于2项", Q, Op::kGt, 2, kNone, "项"},
      {"低于5%", Q, Op::kLt, 5, kNone, "%"},
      {"小于1天", Q, Op::kLt, 1, kNone, "天"},
      {"少于3次", Q, Op::kLt, 3, kNone, "次"},
      {"等于100%", Q, Op::kEq, 100, kNone, "%"},
      {"≥ 90 %", Q, Op::kGe, 90, kNone, "%"},
      {"不低于5个以上", Q, Op::kGe, 5, kNone, "个"},
  };
  for (const Case& c : cases) expect_parses(c);
}

TEST(ValueParser, NumbersAndUnits) {
  const Case cases[] = {
      {"100%", Q, kNoOp, 100, kNone, "%"},
      {"60%", Q, kNoOp, 60, kNone, "%"},
      {"16.30%", Q, kNoOp, 16.3, kNone, "%"},
      {"0", Q, kNoOp, 0, kNone, kNoUnit},
      {"0%", Q, kNoOp, 0, kNone, "%"},
      {"-5%", Q, kNoOp, -5, kNone, "%"},
      {"-0.5", Q, kNoOp, -0.5, kNone, kNoUnit},
      {"+3", Q, kNoOp, 3, kNone, kNoUnit},
      {"1,000", Q, kNoOp, 1000, kNone, kNoUnit},
      {"1,234,567.89元", Q, kNoOp, 1234567.89, kNone, "元"},
      {"12.5", Q, kNoOp, 12.5, kNone, kNoUnit},
      {"５", Q, kNoOp, 5, kNone, kNoUnit},
      {"３．５％", Q, kNoOp, 3.5, kNone, "%"},
      {"5‰", Q, kNoOp, 5, kNone, "‰"},
      {"3个", Q, kNoOp, 3, kNone, "个"},
      {"10家", Q, kNoOp, 10, kNone, "家"},
      {"4项", Q, kNoOp, 4, kNone, "项"},
      {"2次", Q, kNoOp, 2, kNone, "次"},
      {"20人", Q, kNoOp, 20, kNone, "人"},
      {"500人次", Q, kNoOp, 500, kNone, "人次"},
      {"30万元", Q, kNoOp, 30, kNone, "万元"},
      {"0.5万元", Q, kNoOp, 0.5, kNone, "万元"},
      {"1200元", Q, kNoOp, 1200, kNone, "元"},
      {"15天", Q, kNoOp, 15, kNone, "天"},
      {"6个月", Q, kNoOp, 6, kNone, "个月"},
      {"1年", Q, kNoOp, 1, kNone, "年"},
      {"3篇", Q, kNoOp, 3, kNone, "篇"},
      {"2场", Q, kNoOp, 2, kNone, "场"},
      {"4期", Q, kNoOp, 4, kNone, "期"},
      {"10套", Q, kNoOp, 10, kNone, "套"},
      {"8台", Q, kNoOp, 8, kNone, "台"},
      {"20条", Q, kNoOp, 20, kNone, "条"},
      {"100万条", Q, kNoOp, 100, kNone, "万条"},
      {"3辆", Q, kNoOp, 3, kNone, "辆"},
      {"12件", Q, kNoOp, 12, kNone, "件"},
      {"1.5倍", Q, kNoOp, 1.5, kNone, "倍"},
      {"5个百分点", Q, kNoOp, 5, kNone, "个百分点"},
      {"90分", Q, kNoOp, 90, kNone, "分"},
      {"2000平方米", Q, kNoOp, 2000, kNone, "平方米"},
      {"24小时", Q, kNoOp, 24, kNone, "小时"},
      {"20人左右", Q, kNoOp, 20, kNone, "人"},
      {"1.2万", Q, kNoOp, 12000, kNone, kNoUnit},
      {"3千", Q, kNoOp, 3000, kNone, kNoUnit},
      {"1.5万人次", Q, kNoOp, 1.5, kNone, "万人次"},
      {"2万人", Q, kNoOp, 2, kNone, "万人"},
  };
  for (const Case& c : cases) expect_parses(c);
}

TEST(ValueParser, ChineseNumerals) {
  const Case cases[] = {
      {"三", Q, kNoOp, 3, kNone, kNoUnit},
      {"十", Q, kNoOp, 10, kNone, kNoUnit},
      {"十一", Q, kNoOp, 11, kNone, kNoUnit},
      {"二十", Q, kNoOp, 20, kNone, kNoUnit},
      {"九十九", Q, kNoOp, 99, kNone, kNoUnit},
      {"一百零五", Q, kNoOp, 105, kNone, kNoUnit},
      {"一百一十", Q, kNoOp, 110, kNone, kNoUnit},
      {"两千", Q, kNoOp, 2000, kNone, kNoUnit},
      {"三千五", Q, kNoOp, 3500, kNone, kNoUnit},
      {"一万二千", Q, kNoOp, 12000, kNone, kNoUnit},
      {"一万二", Q, kNoOp, 12000, kNone, kNoUnit},
      {"一万零五十", Q, kNoOp, 10050, kNone, kNoUnit},
      {"十万", Q, kNoOp, 100000, kNone, kNoUnit},
      {"一亿", Q, kNoOp, 1e8, kNone, kNoUnit},
      {"三亿五千万", Q, kNoOp, 3.5e8, kNone, kNoUnit},
      {"二〇二一", Q, kNoOp, 2021, kNone, kNoUnit},
      {"二〇二〇年", Q, kNoOp, 2020, kNone, "年"},
      {"三点五", Q, kNoOp, 3.5, kNone, kNoUnit},
      {"零点五", Q, kNoOp, 0.5, kNone, kNoUnit},
      {"百分之九十五", Q, kNoOp, 95, kNone, "%"},
      {"百分之九十", Q, kNoOp, 90, kNone, "%"},
      {"百分之百", Q, kNoOp, 100, kNone, "%"},
      {"百分之95", Q, kNoOp, 95, kNone, "%"},
      {"千分之五", Q, kNoOp, 5, kNone, "‰"},
      {"不低于百分之九十", Q, Op::kGe, 90, kNone, "%"},
      {"二十万元", Q, kNoOp, 20, kNone, "万元"},
      {"十万元", Q, kNoOp, 10, kNone, "万元"},
      {"五千万元", Q, kNoOp, 5000, kNone, "万元"},
      {"三个", Q, kNoOp, 3, kNone, "个"},
      {"两家", Q, kNoOp, 2, kNone, "家"},
      {"不少于五家", Q, Op::kGe, 5, kNone, "家"},
      {"达到三项", Q, Op::kGe, 3, kNone, "项"},
      {"十二个月", Q, kNoOp, 12, kNone, "个月"},
      {"一年", Q, kNoOp, 1, kNone, "年"},
      {"三次以上", Q, Op::kGe, 3, kNone, "次"},
  };
  for (const Case& c : cases) expect_parses(c);
}

TEST(ValueParser, Ranges) {
  const Case cases[] = {
      {"1—2家", R, kNoOp, 1, 2, "家"},       {"2~3次", R, kNoOp, 2, 3, "次"},
      {"2-3次", R, kNoOp, 2, 3, "次"},       {"2–3次", R, kNoOp, 2, 3, "次"},
      {"2～3次", R, kNoOp, 2, 3, "次"},      {"2〜3次", R, kNoOp, 2, 3, "次"},
      {"15至20人", R, kNoOp, 15, 20, "人"},  {"15到20人", R, kNoOp, 15, 20, "人"},
      {"90%-95%", R, kNoOp, 90, 95, "%"},    {"90%~100%", R, kNoOp, 90, 100, "%"},
      {"1-2", R, kNoOp, 1, 2, kNoUnit},      {"两到三次", R, kNoOp, 2, 3, "次"},
      {"三至五家", R, kNoOp, 3, 5, "家"},    {"1——2家", R, kNoOp, 1, 2, "家"},
      {"５－１０个", R, kNoOp, 5, 10, "个"}, {"0.5-1万元", R, kNoOp, 0.5, 1, "万元"},
      {"-5-5%", R, kNoOp, -5, 5, "%"},
  };
  for (const Case& c : cases) expect_parses(c);
}

TEST(ValueParser, SubjectBeforeTheNumber) {
  const Case cases[] = {
      {"订阅专业期刊库5个以上", Q, Op::kGe, 5, kNone, "个"},
      {"新增数据100万条以上", Q, Op::kGe, 100, kNone, "万条"},
      {"培训人次不低于500", Q, Op::kGe, 500, kNone, kNoUnit},
      {"完成率≥95%", Q, Op::kGe, 95, kNone, "%"},
      {"举办培训3次", Q, kNoOp, 3, kNone, "次"},
      {"服务企业不少于十家", Q, Op::kGe, 10, kNone, "家"},
      {"满意度不低于百分之九十", Q, Op::kGe, 90, kNone, "%"},
      {"合作高校1—2家", R, kNoOp, 1, 2, "家"},
  };
  for (const Case& c : cases) expect_parses(c);
}

// A number in digits followed by a short word is a quantity whatever the
// word; 百分比 spells out %.
TEST(ValueParser, AnyShortUnitWordAfterDigits) {
  const Case cases[] = {
      {"≥40公斤", Q, Op::kGe, 40, kNone, "公斤"},
      {"≥8万亩", Q, Op::kGe, 8, kNone, "万亩"},
      {"1,200批次", Q, kNoOp, 1200, kNone, "批次"},
      {"3张以上", Q, Op::kGe, 3, kNone, "张"},
      {"≥95百分比", Q, Op::kGe, 95, kNone, "%"},
      {"达到98百分比", Q, Op::kGe, 98, kNone, "%"},
      {"5000—7500批次", R, kNoOp, 5000, 7500, "批次"},
      {"5以上", Q, Op::kGe, 5, kNone, kNoUnit},
      {"10左右", Q, kNoOp, 10, kNone, kNoUnit},
      {"3个工作日以内", Q, Op::kLe, 3, kNone, "个工作日"},
      {"二万七千九百亩以上", Q, Op::kGe, 27900, kNone, "亩"},
  };
  for (const Case& c : cases) expect_parses(c);
}

TEST(ValueParser, TextStaysText) {
  const Case cases[] = {
      {"规范", T, kNoOp, kNone, kNone, kNoUnit},
      {"显著提升", T, kNoOp, kNone, kNone, kNoUnit},
      {"有所提升", T, kNoOp, kNone, kNone, kNoUnit},
      {"建设完善并执行有效", T, kNoOp, kNone, kNone, kNoUnit},
      {"一流", T, kNoOp, kNone, kNone, kNoUnit},
      {"统一", T, kNoOp, kNone, kNone, kNoUnit},
      {"重点", T, kNoOp, kNone, kNone, kNoUnit},
      {"第三方评价", T, kNoOp, kNone, kNone, kNoUnit},
      {"无", T, kNoOp, kNone, kNone, kNoUnit},
      {"100%完成", T, kNoOp, kNone, kNone, kNoUnit},
      {"完成3篇论文", T, kNoOp, kNone, kNone, kNoUnit},
      {"2020年12月底前完成", T, kNoOp, kNone, kNone, kNoUnit},
      {"二〇一八年底前", T, kNoOp, kNone, kNone, kNoUnit},
      {"与中科院系统单位组织开展不少于3项协同创新任务，在产业技术领域推动不少于1项的国际间技术合作",
       T, kNoOp, kNone, kNone, kNoUnit},
      {"各类活动开展的时间符合上级工作部署要求", T, kNoOp, kNone, kNone, kNoUnit},
      {"1,2,3", T, kNoOp, kNone, kNone, kNoUnit},
      {"1.2.3", T, kNoOp, kNone, kNone, kNoUnit},
      {"5%，较上年提高", T, kNoOp, kNone, kNone, kNoUnit},
      {"ISO9001", T, kNoOp, kNone, kNone, kNoUnit},
      {"约", T, kNoOp, kNone, kNone, kNoUnit},
      {"≥", T, kNoOp, kNone, kNone, kNoUnit},
      {"%", T, kNoOp, kNone, kNone, kNoUnit},
      {"百分之", T, kNoOp, kNone, kNone, kNoUnit},
      {"一二三百", T, kNoOp, kNone, kNone, kNoUnit},
      {"万元", T, kNoOp, kNone, kNone, kNoUnit},
  };
  for (const Case& c : cases) expect_parses(c);
}

TEST(ValueParser, EmptyAndPlaceholders) {
  for (const char* blank : {"", " ", "\t\n", "\u3000", "<p></p>"}) {
    const schema::Value value = normalize::parse_value(blank);
    EXPECT_EQ(value.kind, ValueKind::kEmpty) << "input: '" << blank << "'";
    EXPECT_FALSE(value.raw.has_value()) << "input: '" << blank << "'";
  }
  for (const char* placeholder : {"—", "－", "-", "/", "／", "N/A", "n/a", "——"}) {
    const schema::Value value = normalize::parse_value(placeholder);
    EXPECT_EQ(value.kind, ValueKind::kEmpty) << "input: " << placeholder;
    EXPECT_EQ(value.raw, placeholder) << "the printed text is kept";
    EXPECT_FALSE(value.value.has_value());
  }
}

TEST(ValueParser, RawKeepsThePrintedTextCleaned) {
  EXPECT_EQ(normalize::parse_value("  ≥９０％ ").raw, "≥９０％");
  EXPECT_EQ(normalize::parse_value("<p>=100%</p>").raw, "=100%");
  EXPECT_EQ(normalize::parse_value("显著提⾼").raw, "显著提高");
}

}  // namespace
}  // namespace kpiform
