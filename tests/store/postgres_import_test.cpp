// `import` and `export` with PostgreSQL as the store, against the same
// commands with SQLite: the same records, the same tables. A throwaway
// server runs for the test program (postgres_server.h), on loopback.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "postgres_server.h"
#include "sample_paths.h"

namespace kpiform {
namespace {

namespace fs = std::filesystem;
using testing::shell_quote;

class PostgresImport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = testing::PostgresServer::start(); }
  static void TearDownTestSuite() { server_.reset(); }

  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kpiform-postgres-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  static std::unique_ptr<testing::PostgresServer> server_;
  fs::path dir_;
};

std::unique_ptr<testing::PostgresServer> PostgresImport::server_;

// The documents table without its imported_at column (the time of import).
std::string without_import_times(const std::string& csv) {
  std::istringstream lines(csv);
  std::string line, out;
  while (std::getline(lines, line)) out += line.substr(0, line.rfind(',')) + "\n";
  return out;
}

TEST_F(PostgresImport, ImportsAsSqliteDoesAndASecondRunImportsNothingNew) {
  const fs::path pdf = testing::sample_pdf_dir();
  const fs::path broken = dir_ / "broken.pdf";
  std::ofstream(broken) << "%PDF-1.4 cut short";
  const std::string inputs =
      " " + shell_quote((pdf / "portrait" / "01-zhangjiang-renovation.pdf").string()) + " " +
      shell_quote((pdf / "landscape" / "02-strategic-consulting.pdf").string()) + " " +
      shell_quote((pdf / "portrait" / "all-forms.pdf").string()) + " " +
      shell_quote((pdf / "other" / "project-sheet.pdf").string()) + " " +
      shell_quote(broken.string());
  const std::string sqlite = (dir_ / "forms.sqlite").string();
  const std::string postgres = server_->new_database("same_as_sqlite");

  // One worker: rows are written in input order in both, so ids agree.
  const auto into_sqlite =
      testing::run_kpiform("import -q -j 1 --db " + shell_quote(sqlite) + inputs);
  const auto into_postgres =
      testing::run_kpiform("import -q -j 1 --db " + shell_quote(postgres) + inputs);
  EXPECT_EQ(into_sqlite.status, 1) << into_sqlite.err;  // broken.pdf
  EXPECT_EQ(into_postgres.status, 1) << into_postgres.err;
  EXPECT_EQ(into_postgres.out, into_sqlite.out);
  EXPECT_NE(into_postgres.out.find("imported 4 documents (14 forms"), std::string::npos)
      << into_postgres.out;

  const auto records_sqlite = testing::run_kpiform("export --db " + shell_quote(sqlite));
  const auto records_postgres = testing::run_kpiform("export --db " + shell_quote(postgres));
  ASSERT_EQ(records_postgres.status, 0) << records_postgres.err;
  EXPECT_EQ(records_postgres.out, records_sqlite.out);
  for (const char* table : {"forms", "funds", "indicators", "checks", "documents"}) {
    const auto from_sqlite =
        testing::run_kpiform("export --db " + shell_quote(sqlite) + " --table " + table);
    const auto from_postgres =
        testing::run_kpiform("export --db " + shell_quote(postgres) + " --table " + table);
    ASSERT_EQ(from_postgres.status, 0) << from_postgres.err;
    if (std::string(table) == "documents") {
      EXPECT_EQ(without_import_times(from_postgres.out), without_import_times(from_sqlite.out));
    } else {
      EXPECT_EQ(from_postgres.out, from_sqlite.out) << table;
    }
  }

  const auto again = testing::run_kpiform("import -q --db " + shell_quote(postgres) + inputs);
  EXPECT_NE(again.out.find("imported 0 documents"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("skipped 4"), std::string::npos) << again.out;
}

TEST_F(PostgresImport, AServerThatCannotBeReachedIsOneLineWithoutThePassword) {
  const auto result = testing::run_kpiform(
      "export --db 'postgresql://kpiform:secret@127.0.0.1:1/none?connect_timeout=5'");
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
  EXPECT_EQ(result.err.rfind("postgresql://kpiform:***@127.0.0.1:1/none", 0), 0u) << result.err;
  EXPECT_EQ(result.err.find("secret"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace kpiform
