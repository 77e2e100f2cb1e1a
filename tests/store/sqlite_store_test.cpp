// The SQLite store against a real database file: a database made before a
// record field existed gets its column on the next writable open.
#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "kpiform/store/database.h"

namespace kpiform {
namespace {

namespace fs = std::filesystem;

class SqliteStore : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kpiform-store-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs `sql` on the file directly, as another program would.
  void raw(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path().c_str(), &db), SQLITE_OK);
    std::unique_ptr<sqlite3, int (*)(sqlite3*)> closer(db, &sqlite3_close);
    char* error = nullptr;
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK) << error;
  }

  // The first column of the first row `sql` gives, as text ("NULL" for null).
  std::string scalar(const std::string& sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(path().c_str(), &db), SQLITE_OK);
    std::unique_ptr<sqlite3, int (*)(sqlite3*)> closer(db, &sqlite3_close);
    sqlite3_stmt* statement = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db);
    std::string value = "no row";
    if (sqlite3_step(statement) == SQLITE_ROW) {
      const auto* text = sqlite3_column_text(statement, 0);
      value = text ? reinterpret_cast<const char*>(text) : "NULL";
    }
    sqlite3_finalize(statement);
    return value;
  }

  std::string path() const { return (dir_ / "forms.sqlite").string(); }

  static store::Document document(const std::string& sha256, const std::string& deviation) {
    store::Document document;
    document.sha256 = sha256;
    document.path = sha256 + ".pdf";
    document.pages = 1;
    schema::Record record;
    record.indicators.emplace_back();
    record.indicators[0].level3 = "完成率";
    record.indicators[0].deviation = deviation;
    document.records.push_back(record);
    return document;
  }

  fs::path dir_;
};

TEST_F(SqliteStore, AnOlderDatabaseGainsTheColumnsOfFieldsAddedSince) {
  store::Database::open(path(), store::Database::Mode::kReadWrite)->write(document("aa", "first"));
  // As if the database had been made before indicators had a deviation.
  raw("ALTER TABLE indicators DROP COLUMN deviation");
  ASSERT_EQ(scalar("SELECT COUNT(*) FROM pragma_table_info('indicators') "
                   "WHERE name = 'deviation'"),
            "0");

  store::Database::open(path(), store::Database::Mode::kReadWrite)->write(document("bb", "second"));

  EXPECT_EQ(scalar("SELECT type FROM pragma_table_info('indicators') WHERE name = 'deviation'"),
            "TEXT");
  EXPECT_EQ(scalar("SELECT i.deviation FROM indicators i JOIN forms f ON f.id = i.form_id "
                   "JOIN documents d ON d.id = f.document_id WHERE d.sha256 = 'bb'"),
            "second");
  EXPECT_EQ(scalar("SELECT i.deviation FROM indicators i JOIN forms f ON f.id = i.form_id "
                   "JOIN documents d ON d.id = f.document_id WHERE d.sha256 = 'aa'"),
            "NULL")
      << "rows imported before the column existed hold null";
  EXPECT_EQ(scalar("PRAGMA user_version"), std::to_string(store::kSchemaVersion));
}

TEST_F(SqliteStore, ADatabaseWithEveryColumnIsOpenedWithoutChange) {
  store::Database::open(path(), store::Database::Mode::kReadWrite)->write(document("aa", "first"));
  const std::string schema = scalar("SELECT group_concat(sql, ';') FROM sqlite_schema");
  store::Database::open(path(), store::Database::Mode::kReadWrite);
  EXPECT_EQ(scalar("SELECT group_concat(sql, ';') FROM sqlite_schema"), schema);
}

}  // namespace
}  // namespace kpiform
