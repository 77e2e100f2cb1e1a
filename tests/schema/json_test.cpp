#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "kpiform/schema/error.h"
#include "kpiform/schema/json.h"
#include "record_compare.h"
#include "sample_paths.h"

namespace kpiform {
namespace {

using schema::record_from_json;
using schema::record_to_json;

TEST(SchemaJson, GroundTruthRoundTripsByteForByte) {
  const auto files = testing::ground_truth_files();
  ASSERT_EQ(files.size(), 12u);
  for (const auto& path : files) {
    SCOPED_TRACE(path.filename().string());
    const std::string text = testing::read_file(path);
    const schema::Record record = record_from_json(text, path.string());
    // The seed files end with a newline; the writer does not add one.
    EXPECT_EQ(record_to_json(record) + "\n", text);
  }
}

TEST(SchemaJson, WriteThenReadGivesAnEqualRecord) {
  for (const auto& path : testing::ground_truth_files()) {
    SCOPED_TRACE(path.filename().string());
    const schema::Record record = record_from_json(testing::read_file(path), path.string());
    for (auto style : {schema::JsonStyle::kPretty, schema::JsonStyle::kOneLine}) {
      EXPECT_EQ(record_from_json(record_to_json(record, style), "again"), record);
    }
  }
}

TEST(SchemaJson, OneLineStyleHasNoNewline) {
  schema::Record record;
  record.project_name = "张江基地改造（一期）";
  const std::string line = record_to_json(record, schema::JsonStyle::kOneLine);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_NE(line.find("张江基地改造（一期）"), std::string::npos) << "CJK must not be escaped";
}

TEST(SchemaJson, MoneyIsAlwaysAFloatAndScoresStayWhole) {
  schema::Record record;
  schema::FundsRow row;
  row.item = "年度资金总额";
  row.executed = 500000;
  row.weight = 10;
  row.execution_rate = 100;
  row.score = 8.5;
  record.funds.push_back(row);
  const std::string text = record_to_json(record, schema::JsonStyle::kOneLine);
  EXPECT_NE(text.find("\"executed\":500000.0"), std::string::npos) << text;
  EXPECT_NE(text.find("\"weight\":10,"), std::string::npos) << text;
  EXPECT_NE(text.find("\"execution_rate\":100.0"), std::string::npos) << text;
  EXPECT_NE(text.find("\"score\":8.5"), std::string::npos) << text;
}

TEST(SchemaJson, ArrayOfRecordsReadsBack) {
  std::vector<schema::Record> records;
  for (const auto& path : testing::ground_truth_files()) {
    records.push_back(record_from_json(testing::read_file(path), path.string()));
  }
  const auto file = std::filesystem::temp_directory_path() / "kpiform-array-test.json";
  {
    std::ofstream out(file, std::ios::binary);
    out << schema::records_to_json_array(records);
  }
  EXPECT_EQ(schema::read_records_file(file.string()), records);
  std::filesystem::remove(file);
}

struct BadRecordCase {
  const char* name;
  const char* json;
  const char* expected_in_message;
};

TEST(SchemaJson, BadRecordsNameTheFieldAndTheFile) {
  const std::string valid = testing::read_file(testing::ground_truth_files().front());
  auto replaced = [&](const std::string& from, const std::string& to) {
    std::string text = valid;
    text.replace(text.find(from), from.size(), to);
    return text;
  };
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"not json at all", "not valid JSON"},
      {"[]", "a record must be a JSON object"},
      {replaced("\"schema_version\": 1", "\"schema_version\": 7"), "schema_version"},
      {replaced("\"kind\": \"quantity\"", "\"kind\": \"amount\""),
       "indicators[1].target.kind': unknown value 'amount'"},
      {replaced("\"year\": 2020", "\"year\": \"2020\""), "'year': expected an integer"},
      {replaced("\"key\": \"total\"", "\"key\": 3"), "funds[0].key': expected a string"},
      {replaced("\"ok\": true", "\"ok\": 1"), "checks[0].ok"},
  };
  for (const auto& [text, expected] : cases) {
    SCOPED_TRACE(expected);
    try {
      record_from_json(text, "bad.json");
      ADD_FAILURE() << "accepted a bad record";
    } catch (const InputError& error) {
      const std::string message = error.what();
      EXPECT_EQ(message.rfind("bad.json: ", 0), 0u) << message;
      EXPECT_NE(message.find(expected), std::string::npos) << message;
    }
  }
}

TEST(SchemaJson, MissingFileIsAnInputError) {
  EXPECT_THROW(schema::read_records_file("/nonexistent/records.json"), InputError);
}

}  // namespace
}  // namespace kpiform
