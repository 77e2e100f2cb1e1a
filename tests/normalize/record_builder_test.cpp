#include "kpiform/normalize/record_builder.h"

#include <gtest/gtest.h>

#include "schema_printers.h"

namespace kpiform {
namespace {

using schema::Field;

cells::FieldText text(const std::string& value) {
  return {value, 1.0, {}};
}

cells::Form small_form() {
  cells::Form form;
  form.first_page = 3;
  form.last_page = 4;
  form.title = text("财政项目支出绩效自评表");
  form.year_line = text("（2021年度）");
  form.project_name = text("测试项目");
  form.funds_label = text("项目资金（万元）");
  form.funds.push_back({text("年度资金总额"), text("441.6"), text("441.6"), text("71.967712"),
                        text("10"), text("16.30%"), text("1.63")});
  form.funds.push_back({text("其中：当年财政拨款"), {}, {}, {}, text("—"), {}, {}});
  cells::IndicatorLine line;
  line[Field::kLevel1] = text("产出指标");
  line[Field::kLevel2] = text("数量指标");
  line[Field::kLevel3] = text("完成率");
  line[Field::kTarget] = text("≥90%");
  line[Field::kActual] = text("一百");
  line[Field::kIndicatorWeight] = text("90");
  line[Field::kIndicatorScore] = text("83");
  form.indicators.push_back(line);
  form.has_total = true;
  form.total_weight = text("100");
  form.total_score = text("84.63");
  return form;
}

TEST(RecordBuilder, LevelPointsPrintedWithTheNameAreNotPartOfIt) {
  cells::Form form = small_form();
  form.indicators[0][Field::kLevel1] = text("产出指标(50分)");
  form.indicators[0][Field::kLevel2] = text("数量指标（12.5分）");
  form.indicators.push_back(form.indicators[0]);
  form.indicators[1][Field::kLevel1] = text("满意度指标（十分）");  // not points in digits: kept
  const auto built = normalize::build_record(form, {"a.pdf", "", schema::Method::kTextLayer});
  EXPECT_EQ(built.record.indicators[0].level1, "产出指标");
  EXPECT_EQ(built.record.indicators[0].level2, "数量指标");
  EXPECT_EQ(built.record.indicators[1].level1, "满意度指标（十分）");
}

// The checks allow one unit of the last place the form prints.
TEST(RecordBuilder, ChecksFollowThePrintedPrecision) {
  cells::Form form = small_form();
  form.funds[0] = {text("年度资金总额"), text("100"),  text("100"), text("99.6"),
                   text("10"),           text("100%"), text("10")};
  form.indicators[0][Field::kIndicatorScore] = text("80");
  form.total_score = text("90");
  auto rule = [](const schema::Record& record, schema::CheckRule name) {
    for (const schema::Check& check : record.checks) {
      if (check.rule == name) return check.ok;
    }
    return false;
  };
  const auto whole = normalize::build_record(form, {"a.pdf", "", schema::Method::kTextLayer});
  EXPECT_TRUE(rule(whole.record, schema::CheckRule::kExecutionRate)) << "\"100%\" for 99.6%";
  form.funds[0].execution_rate = text("100.00%");
  const auto exact = normalize::build_record(form, {"a.pdf", "", schema::Method::kTextLayer});
  EXPECT_FALSE(rule(exact.record, schema::CheckRule::kExecutionRate)) << "\"100.00%\" for 99.6%";
}

TEST(RecordBuilder, TypesEveryField) {
  const auto built =
      normalize::build_record(small_form(), {"a.pdf", "abc", schema::Method::kTextLayer});
  const schema::Record& record = built.record;
  EXPECT_TRUE(built.warnings.empty());
  EXPECT_EQ(record.year, 2021);
  EXPECT_EQ(record.source.first_page, 3);
  EXPECT_EQ(record.source.last_page, 4);
  EXPECT_EQ(record.source.sha256, "abc");
  ASSERT_EQ(record.funds.size(), 2u);
  EXPECT_EQ(record.funds[0].key, schema::FundsKey::kTotal);
  EXPECT_DOUBLE_EQ(*record.funds[0].initial_budget, 4416000);
  EXPECT_DOUBLE_EQ(*record.funds[0].executed, 719677.12);
  EXPECT_DOUBLE_EQ(*record.funds[0].execution_rate, 16.3);
  EXPECT_EQ(record.funds[1].key, schema::FundsKey::kCurrentAppropriation);
  EXPECT_FALSE(record.funds[1].weight);
  ASSERT_EQ(record.indicators.size(), 1u);
  EXPECT_EQ(record.indicators[0].target.op, schema::Op::kGe);
  EXPECT_EQ(record.indicators[0].actual.value, 100);
  EXPECT_FALSE(record.indicators[0].deviation) << "empty cell -> null";
  EXPECT_EQ(record.total.score, 84.63);
  ASSERT_EQ(record.checks.size(), 5u);
  EXPECT_TRUE(record.checks[0].ok) << record.checks[0].message;
}

TEST(RecordBuilder, UntypableCellsAreNullWithAWarning) {
  cells::Form form = small_form();
  form.funds[0].executed = text("71,96");
  form.indicators[0][Field::kIndicatorScore] = text("八十三");
  const auto built = normalize::build_record(form, {"a.pdf", std::nullopt, schema::Method::kOcr});
  EXPECT_FALSE(built.record.funds[0].executed);
  EXPECT_FALSE(built.record.indicators[0].score);
  ASSERT_EQ(built.warnings.size(), 2u);
  EXPECT_NE(built.warnings[0].find("全年执行数: '71,96' is not a number"), std::string::npos);
  EXPECT_NE(built.warnings[1].find("完成率 得分"), std::string::npos);
  EXPECT_EQ(built.record.source.method, schema::Method::kOcr);
}

TEST(RecordBuilder, UnknownFundsItemIsLeftOutWithAWarning) {
  cells::Form form = small_form();
  form.funds.push_back({text("备注"), {}, {}, {}, {}, {}, {}});
  const auto built =
      normalize::build_record(form, {"a.pdf", std::nullopt, schema::Method::kTextLayer});
  EXPECT_EQ(built.record.funds.size(), 2u);
  ASSERT_EQ(built.warnings.size(), 1u);
  EXPECT_NE(built.warnings[0].find("备注"), std::string::npos);
}

TEST(RecordBuilder, LowConfidenceFieldsAreCounted) {
  cells::Form form = small_form();
  form.indicators[0][Field::kIndicatorScore].confidence = 0.42;
  form.project_name.confidence = 0.55;
  form.indicators[0][Field::kDeviation] = {"", 0.1, {}};  // empty: not counted
  const auto built = normalize::build_record(form, {"a.pdf", std::nullopt, schema::Method::kOcr});
  ASSERT_EQ(built.warnings.size(), 1u);
  EXPECT_EQ(built.warnings[0],
            "low confidence: 2 fields read with less than 60% confidence (lowest 42%)");
  EXPECT_TRUE(
      normalize::build_record(small_form(), {"a.pdf", std::nullopt, schema::Method::kTextLayer})
          .warnings.empty());
}

TEST(RecordBuilder, TheMinimumConfidenceIsTheCallers) {
  cells::Form form = small_form();
  form.project_name.confidence = 0.75;
  const normalize::SourceInfo source{"a.pdf", std::nullopt, schema::Method::kOcr};
  EXPECT_EQ(normalize::build_record(form, source).low_confidence_fields, 0);
  const auto strict = normalize::build_record(form, source, 0.8);
  EXPECT_EQ(strict.low_confidence_fields, 1);
  ASSERT_EQ(strict.warnings.size(), 1u);
  EXPECT_EQ(strict.warnings[0],
            "low confidence: 1 field read with less than 80% confidence (lowest 75%)");
}

TEST(RecordBuilder, SourcesNameEachFieldByItsPathInTheRecord) {
  cells::Form form = small_form();
  form.funds.insert(form.funds.begin(), {text("备注"), {}, {}, {}, {}, {}, {}});  // left out
  form.total_score.origins = {{2, {10, 20, 30, 40}}};
  const auto built =
      normalize::build_record(form, {"a.pdf", std::nullopt, schema::Method::kTextLayer});
  auto find = [&](std::string_view path) -> const cells::FieldSource* {
    for (const auto& source : built.sources) {
      if (source.field == schema::path(path)) return &source;
    }
    return nullptr;
  };
  ASSERT_NE(find("project_name"), nullptr);
  EXPECT_EQ(find("project_name")->read.text, form.project_name.text);
  // The unknown funds row is not in the record, so funds[0] is the first known one.
  ASSERT_NE(find("funds[0].executed"), nullptr);
  EXPECT_EQ(find("funds[0].executed")->read.text, form.funds[1].executed.text);
  ASSERT_NE(find("indicators[0].score"), nullptr);
  EXPECT_EQ(find("indicators[0].score")->read.text,
            form.indicators[0][Field::kIndicatorScore].text);
  ASSERT_NE(find("total.score"), nullptr);
  ASSERT_EQ(find("total.score")->read.origins.size(), 1u);
  EXPECT_EQ(find("total.score")->read.origins[0].page, 2);
  for (const auto& source : built.sources)
    EXPECT_FALSE(source.read.empty()) << schema::to_string(source.field);
}

TEST(RecordBuilder, AGarbledNumberIsReplacedByAnotherReadingThatIsOne) {
  cells::Form form = small_form();
  form.indicators[0][Field::kIndicatorScore] = {"了3", 0.4, {{2, {1, 2, 3, 4}}}, {"83"}};
  form.indicators[0][Field::kTarget] = {"三 10090", 0.3, {{2, {5, 6, 7, 8}}}, {"≥90%"}};
  form.indicators[0][Field::kActual] = {"有效", 0.9, {}, {"1"}};  // text without digits stays
  const auto built = normalize::build_record(form, {"a.pdf", std::nullopt, schema::Method::kOcr});
  EXPECT_EQ(built.record.indicators[0].score, 83);
  EXPECT_EQ(built.record.indicators[0].target.op, schema::Op::kGe);
  EXPECT_EQ(built.record.indicators[0].target.value, 90);
  EXPECT_EQ(built.record.indicators[0].actual.kind, schema::ValueKind::kText);
  ASSERT_EQ(built.repairs.size(), 2u);
  EXPECT_EQ(built.repairs[0].read, "三 10090");
  EXPECT_EQ(built.repairs[0].became, "≥90%");
  EXPECT_EQ(built.repairs[1].where.page, 2);
  EXPECT_EQ(built.repairs[1].read, "了3");
  EXPECT_EQ(built.repairs[1].became, "83");
  for (const std::string& warning : built.warnings) {
    EXPECT_EQ(warning.find("repaired"), std::string::npos)
        << "a repair is not a warning: " << warning;
  }
}

TEST(RecordBuilder, ADateIsNoGarbledNumber) {
  // The digits model's "201849" for 2018年9月 had replaced the date.
  cells::Form form = small_form();
  form.indicators[0][Field::kActual] = {"2018年9月", 0.9, {}, {"201849"}};
  form.indicators[0][Field::kTarget] = {"2018年12月底前", 0.9, {}, {"2018412"}};
  const auto built = normalize::build_record(form, {"a.pdf", std::nullopt, schema::Method::kOcr});
  EXPECT_EQ(built.record.indicators[0].actual.kind, schema::ValueKind::kText);
  EXPECT_EQ(built.record.indicators[0].actual.raw, "2018年9月");
  EXPECT_EQ(built.record.indicators[0].target.raw, "2018年12月底前");
  EXPECT_TRUE(built.repairs.empty());
}

TEST(RecordBuilder, TheFormsArithmeticChoosesAmongOtherReadings) {
  cells::Form form = small_form();
  // Read 88, and by another framing 83: only 83 adds up to the total.
  form.indicators[0][Field::kIndicatorScore] = {"88", 0.5, {{3, {1, 2, 3, 4}}}, {"38", "83"}};
  const auto built = normalize::build_record(form, {"a.pdf", std::nullopt, schema::Method::kOcr});
  EXPECT_EQ(built.record.indicators[0].score, 83);
  for (const auto& check : built.record.checks) EXPECT_TRUE(check.ok) << check.message;
  ASSERT_EQ(built.repairs.size(), 1u);
  EXPECT_EQ(built.repairs[0].field, "indicators[0].score");
  EXPECT_EQ(built.repairs[0].read, "88");
  EXPECT_EQ(built.repairs[0].became, "83");
  EXPECT_NE(built.repairs[0].why.find("total_score_sum"), std::string::npos);
}

TEST(RecordBuilder, ANumberReadWithoutOtherReadingsIsNeverChangedToAddUp) {
  cells::Form form = small_form();
  form.total_score = text("86.63");  // printed wrong, read surely
  const auto built = normalize::build_record(form, {"a.pdf", std::nullopt, schema::Method::kOcr});
  EXPECT_EQ(built.record.total.score, 86.63);
  EXPECT_TRUE(built.repairs.empty());
  EXPECT_EQ(built.record.checks[0].rule, schema::CheckRule::kTotalScoreSum);
  EXPECT_FALSE(built.record.checks[0].ok);
}

TEST(RecordBuilder, FormWithoutTotalHasNullTotal) {
  cells::Form form = small_form();
  form.has_total = false;
  const auto built =
      normalize::build_record(form, {"a.pdf", std::nullopt, schema::Method::kTextLayer});
  EXPECT_FALSE(built.record.total.weight);
  EXPECT_FALSE(built.record.total.score);
  for (const auto& check : built.record.checks)
    EXPECT_NE(check.rule, schema::CheckRule::kTotalScoreSum);
}

}  // namespace
}  // namespace kpiform
