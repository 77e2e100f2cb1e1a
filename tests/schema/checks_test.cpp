#include <gtest/gtest.h>

#include "kpiform/schema/checks.h"
#include "kpiform/schema/json.h"
#include "sample_paths.h"

namespace kpiform {
namespace {

using schema::Check;
using schema::Record;

schema::Record load(const std::filesystem::path& path) {
  return schema::record_from_json(testing::read_file(path), path.string());
}

// A rule as the contract spells it.
std::string name_of(const Check& check) {
  return schema::to_string(check.rule);
}

// Rule names and outcomes only: messages are explanations.
std::vector<std::pair<std::string, bool>> outcomes(const std::vector<Check>& checks) {
  std::vector<std::pair<std::string, bool>> out;
  for (const Check& check : checks) out.emplace_back(name_of(check), check.ok);
  return out;
}

TEST(SchemaChecks, RecomputedChecksMatchTheGroundTruth) {
  for (const auto& path : testing::ground_truth_files()) {
    SCOPED_TRACE(path.filename().string());
    const Record record = load(path);
    EXPECT_EQ(outcomes(schema::run_checks(record)), outcomes(record.checks));
  }
}

TEST(SchemaChecks, Form07TotalFailsWithBothSidesInTheMessage) {
  const Record record = load(testing::records_dir() / "07-cadre-talent-development.json");
  const auto checks = schema::run_checks(record);
  ASSERT_FALSE(checks.empty());
  EXPECT_EQ(name_of(checks[0]), "total_score_sum");
  EXPECT_FALSE(checks[0].ok);
  EXPECT_NE(checks[0].message.find("88.92"), std::string::npos) << checks[0].message;
  EXPECT_NE(checks[0].message.find("92.99"), std::string::npos) << checks[0].message;
}

Record small_record() {
  Record record;
  schema::FundsRow funds;
  funds.item = "年度资金总额";
  funds.annual_budget = 1000;
  funds.executed = 500;
  funds.weight = 10;
  funds.execution_rate = 50;
  funds.score = 5;
  record.funds.push_back(funds);
  schema::Indicator indicator;
  indicator.level3 = "设备验收达标率";
  indicator.weight = 90;
  indicator.score = 80;
  record.indicators.push_back(indicator);
  record.total = {100, 85};
  return record;
}

TEST(SchemaChecks, AllRulesPassOnConsistentNumbers) {
  const auto checks = schema::run_checks(small_record());
  ASSERT_EQ(checks.size(), 5u);
  for (const Check& check : checks)
    EXPECT_TRUE(check.ok) << name_of(check) << ": " << check.message;
}

TEST(SchemaChecks, EachRuleCatchesItsOwnError) {
  struct Case {
    const char* rule;
    void (*damage)(Record&);
  };
  const Case cases[] = {
      {"total_score_sum", [](Record& r) { r.total.score = 85.02; }},
      {"total_weight_sum", [](Record& r) { r.indicators[0].weight = 80; }},
      {"execution_rate", [](Record& r) { r.funds[0].executed = 510; }},
      {"funds_score", [](Record& r) { r.funds[0].score = 4.9; }},
      {"score_within_weight", [](Record& r) { r.indicators[0].score = 91; }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.rule);
    Record record = small_record();
    c.damage(record);
    bool seen = false;
    // As printed: "50.00%" and "5.00".
    for (const Check& check : schema::run_checks(record, {2, 2})) {
      if (name_of(check) != c.rule) continue;
      seen = true;
      EXPECT_FALSE(check.ok) << check.message;
    }
    EXPECT_TRUE(seen);
  }
}

// One unit of the printed last place, as a clerk checks a rounded rate.
TEST(SchemaChecks, RateAndFundsScoreAllowOneUnitOfThePrintedLastPlace) {
  Record record = small_record();
  record.funds[0].executed = 996;  // 99.6%
  record.funds[0].execution_rate = 100;
  record.funds[0].score = 10;
  record.total = {100, 90};
  auto outcome = [&](const char* rule, schema::PrintedPrecision precision) {
    for (const Check& check : schema::run_checks(record, precision)) {
      if (name_of(check) == rule) return check.ok;
    }
    ADD_FAILURE() << rule << " not run";
    return false;
  };
  EXPECT_TRUE(outcome("execution_rate", {0, 0})) << "\"100%\" for 99.6";
  EXPECT_FALSE(outcome("execution_rate", {2, 0})) << "\"100.00%\" for 99.6";
  EXPECT_TRUE(outcome("execution_rate", {})) << "100 read from JSON: whole percent";
  record.funds[0].execution_rate = 89.6;
  record.funds[0].executed = 896;
  record.funds[0].score = 9;  // 8.96 printed to the unit
  EXPECT_TRUE(outcome("funds_score", {2, 0}));
  EXPECT_FALSE(outcome("funds_score", {2, 2})) << "\"9.00\" for 8.96";
}

TEST(SchemaChecks, EachRuleNamesTheFieldsItCompares) {
  Record record = small_record();
  schema::Indicator second;
  second.level3 = "满意度";
  second.score = 3;  // no weight printed
  record.indicators.push_back(second);
  auto fields_of = [&](const char* rule) {
    std::vector<std::string> paths;
    const Check check{*schema::check_rule_from_string(rule), false, ""};
    for (const schema::FieldPath& path : schema::check_fields(record, check)) {
      paths.push_back(schema::to_string(path));
    }
    return paths;
  };
  EXPECT_EQ(fields_of("total_score_sum"),
            (std::vector<std::string>{"total.score", "funds[0].score", "indicators[0].score",
                                      "indicators[1].score"}));
  EXPECT_EQ(fields_of("total_weight_sum"),
            (std::vector<std::string>{"total.weight", "funds[0].weight", "indicators[0].weight"}));
  EXPECT_EQ(fields_of("execution_rate"),
            (std::vector<std::string>{"funds[0].execution_rate", "funds[0].executed",
                                      "funds[0].annual_budget"}));
  EXPECT_EQ(
      fields_of("funds_score"),
      (std::vector<std::string>{"funds[0].score", "funds[0].execution_rate", "funds[0].weight"}));
  // Only the offending pair of score_within_weight.
  EXPECT_TRUE(fields_of("score_within_weight").empty());
  record.indicators[0].score = 95;
  EXPECT_EQ(fields_of("score_within_weight"),
            (std::vector<std::string>{"indicators[0].score", "indicators[0].weight"}));
}

TEST(SchemaChecks, RateRoundedUpByOneLastPlacePasses) {
  Record record = small_record();
  record.funds[0].executed = 498.55;  // 49.855% printed as 49.86%
  record.funds[0].execution_rate = 49.86;
  record.funds[0].score = 4.99;
  record.total.score = 84.99;
  for (const Check& check : schema::run_checks(record)) {
    EXPECT_TRUE(check.ok) << name_of(check) << ": " << check.message;
  }
}

TEST(SchemaChecks, RulesWithMissingInputsAreLeftOut) {
  Record record = small_record();
  record.total = {};
  record.funds[0].annual_budget.reset();
  const auto checks = schema::run_checks(record);
  std::vector<std::string> rules;
  for (const Check& check : checks) rules.push_back(name_of(check));
  EXPECT_EQ(rules, (std::vector<std::string>{"funds_score", "score_within_weight"}));
  EXPECT_TRUE(schema::run_checks(Record{}).empty());
}

TEST(SchemaChecks, ExecutionOverBudgetCapsTheFundsScore) {
  Record record = small_record();
  record.funds[0].executed = 1200;
  record.funds[0].execution_rate = 120;
  record.funds[0].score = 10;
  record.total.score = 90;
  for (const Check& check : schema::run_checks(record)) {
    EXPECT_TRUE(check.ok) << name_of(check) << ": " << check.message;
  }
}

}  // namespace
}  // namespace kpiform
