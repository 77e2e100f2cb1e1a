#include <gtest/gtest.h>

#include "kpiform/schema/fields.h"

namespace kpiform {
namespace {

using schema::Field;
using schema::FieldPath;

schema::Record record_with_one_indicator() {
  schema::Record record;
  record.year = 2021;
  record.title = "项目支出绩效自评表";
  schema::Indicator indicator;
  indicator.level3 = "设备验收达标率";
  indicator.target.raw = "≥90%";
  indicator.target.value = 90;
  indicator.weight = 10;
  record.indicators.push_back(indicator);
  return record;
}

TEST(SchemaFields, NumberAtReadsNumbersAndTheYearOnly) {
  const schema::Record record = record_with_one_indicator();
  EXPECT_EQ(schema::number_at(record, {Field::kYear}), 2021.0);
  EXPECT_EQ(schema::number_at(record, {Field::kIndicatorWeight, 0}), 10.0);
  EXPECT_EQ(schema::number_at(record, {Field::kIndicatorScore, 0}), std::nullopt);
  EXPECT_EQ(schema::number_at(record, {Field::kIndicatorWeight, 1}), std::nullopt) << "no row 1";
  EXPECT_EQ(schema::number_at(record, {Field::kTitle}), std::nullopt) << "a text field";
}

TEST(SchemaFields, TextAtReadsTextsAndValuesAsPrinted) {
  const schema::Record record = record_with_one_indicator();
  EXPECT_EQ(schema::text_at(record, {Field::kTitle}), "项目支出绩效自评表");
  EXPECT_EQ(schema::text_at(record, {Field::kLevel3, 0}), "设备验收达标率");
  EXPECT_EQ(schema::text_at(record, {Field::kTarget, 0}), "≥90%");
  EXPECT_EQ(schema::text_at(record, {Field::kActual, 0}), std::nullopt) << "an empty cell";
  EXPECT_EQ(schema::text_at(record, {Field::kIndicatorWeight, 0}), std::nullopt) << "a number";
  EXPECT_EQ(schema::text_at(record, {Field::kLevel3, 1}), std::nullopt) << "no row 1";
}

TEST(SchemaFields, ValueAtPointsIntoTheRecordForTargetsAndActualsOnly) {
  const schema::Record record = record_with_one_indicator();
  EXPECT_EQ(schema::value_at(record, {Field::kTarget, 0}), &record.indicators[0].target);
  EXPECT_EQ(schema::value_at(record, {Field::kActual, 0}), &record.indicators[0].actual);
  EXPECT_EQ(schema::value_at(record, {Field::kLevel3, 0}), nullptr);
  EXPECT_EQ(schema::value_at(record, {Field::kTarget, 1}), nullptr);
}

TEST(SchemaFields, PlaceInPartCountsFromThePartsFirstField) {
  EXPECT_EQ(schema::place_in_part(Field::kTitle), 0u);
  EXPECT_EQ(schema::place_in_part(Field::kLevel1), 0u);
  EXPECT_EQ(schema::place_in_part(Field::kTarget), 3u);
  const auto indicators = schema::fields_of(schema::Part::kIndicators);
  for (std::size_t i = 0; i < indicators.size(); ++i) {
    EXPECT_EQ(schema::place_in_part(indicators[i].field), i) << indicators[i].name;
  }
}

}  // namespace
}  // namespace kpiform
