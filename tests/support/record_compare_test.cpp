#include "record_compare.h"

#include <gtest/gtest.h>

#include "kpiform/schema/json.h"
#include "sample_paths.h"

namespace kpiform {
namespace {

using testing::compare_records;

schema::Record form(const char* name) {
  const auto path = testing::records_dir() / name;
  return schema::record_from_json(testing::read_file(path), path.string());
}

TEST(RecordCompare, EqualRecordsHaveNoDifference) {
  const schema::Record record = form("10-innovation-services.json");
  EXPECT_TRUE(compare_records(record, record).empty());
}

TEST(RecordCompare, CatchesAChangedNumberAndNamesTheField) {
  const schema::Record expected = form("01-zhangjiang-renovation.json");
  schema::Record actual = expected;
  actual.indicators[3].score = 9;
  const auto differences = compare_records(expected, actual);
  ASSERT_EQ(differences.size(), 1u) << testing::describe(differences);
  EXPECT_EQ(differences[0].path, "indicators[3].score");
  EXPECT_EQ(differences[0].expected, "10");
  EXPECT_EQ(differences[0].actual, "9");
}

TEST(RecordCompare, NumbersWithinToleranceAreEqual) {
  const schema::Record expected = form("01-zhangjiang-renovation.json");
  schema::Record actual = expected;
  *actual.funds[0].executed += 0.004;  // e.g. 万元 × 10000 rounding
  EXPECT_TRUE(compare_records(expected, actual).empty());
  *actual.funds[0].executed += 0.01;
  EXPECT_EQ(compare_records(expected, actual).size(), 1u);
}

TEST(RecordCompare, CatchesAMissingIndicatorAsOneDifference) {
  const schema::Record expected = form("07-cadre-talent-development.json");
  schema::Record actual = expected;
  actual.indicators.erase(actual.indicators.begin() + 4);
  const auto differences = compare_records(expected, actual);
  ASSERT_EQ(differences.size(), 1u) << testing::describe(differences);
  EXPECT_EQ(differences[0].path, "indicators[4]");
  EXPECT_NE(differences[0].expected.find("培训计划开展及时率"), std::string::npos);
  EXPECT_EQ(differences[0].actual, "(missing)");
}

TEST(RecordCompare, CatchesAnExtraIndicator) {
  const schema::Record expected = form("07-cadre-talent-development.json");
  schema::Record actual = expected;
  actual.indicators.push_back(actual.indicators.front());
  actual.indicators.back().level3 = "多出的指标";
  const auto differences = compare_records(expected, actual);
  ASSERT_EQ(differences.size(), 1u) << testing::describe(differences);
  EXPECT_EQ(differences[0].expected, "(absent)");
  EXPECT_NE(differences[0].actual.find("多出的指标"), std::string::npos);
}

TEST(RecordCompare, CatchesAChangedText) {
  const schema::Record expected = form("03-classified-network-upgrade.json");
  schema::Record actual = expected;
  actual.indicators[6].level3 = "长效管理制度建设及执";
  actual.goals.achieved.reset();
  const auto differences = compare_records(expected, actual);
  ASSERT_EQ(differences.size(), 2u) << testing::describe(differences);
  EXPECT_EQ(differences[0].path, "goals.achieved");
  EXPECT_EQ(differences[1].path, "indicators[6].level3");
  EXPECT_EQ(differences[1].expected, "\"长效管理制度建设及执行情况\"");
}

TEST(RecordCompare, IgnoredPathsAndCheckMessagesAreSkipped) {
  const schema::Record expected = form("02-strategic-consulting.json");
  schema::Record actual = expected;
  actual.source.path = "elsewhere.pdf";
  actual.checks[0].message = "another wording";
  testing::CompareOptions options;
  options.ignored.push_back("source");
  EXPECT_TRUE(compare_records(expected, actual, options).empty());
  actual.checks[0].ok = false;
  const auto differences = compare_records(expected, actual, options);
  ASSERT_EQ(differences.size(), 1u);
  EXPECT_EQ(differences[0].path, "checks[0].ok");
}

}  // namespace
}  // namespace kpiform
