// `import` and `export` with PostgreSQL as the store, against the same
// commands with SQLite: the same records, the same tables. A throwaway
// server runs for the test program (postgres_server.h), on loopback.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "postgres_server.h"
#include "sample_paths.h"

namespace kpiform {
namespace {

namespace fs = std::filesystem;
using testing::shell_quote;

class PostgresImport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = bench::PostgresServer::start(); }
  static void TearDownTestSuite() { server_.reset(); }

  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kpiform-postgres-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  static std::unique_ptr<bench::PostgresServer> server_;
  fs::path dir_;
};

std::unique_ptr<bench::PostgresServer> PostgresImport::server_;

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
      // A scan: its cells read with confidences, its misread title repaired.
      shell_quote(
          (testing::binary_dir() / "samples" / "scan" / "300" / "08-official-vehicle-renewal.pdf")
              .string()) +
      " " + shell_quote(broken.string());
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
  EXPECT_NE(into_postgres.out.find("imported 5 documents (15 forms"), std::string::npos)
      << into_postgres.out;

  const auto records_sqlite = testing::run_kpiform("export --db " + shell_quote(sqlite));
  const auto records_postgres = testing::run_kpiform("export --db " + shell_quote(postgres));
  ASSERT_EQ(records_postgres.status, 0) << records_postgres.err;
  EXPECT_EQ(records_postgres.out, records_sqlite.out);
  for (const char* table :
       {"forms", "funds", "indicators", "checks", "cells", "repairs", "documents"}) {
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
  EXPECT_NE(again.out.find("skipped 5"), std::string::npos) << again.out;
  const auto repairs =
      testing::run_kpiform("export --db " + shell_quote(postgres) + " --table repairs");
  EXPECT_NE(repairs.out.find("财政项目支出绩效自评表"), std::string::npos)
      << "the scan's repaired title is a row:\n"
      << repairs.out;
}

TEST_F(PostgresImport, AnOlderDatabaseGainsTheColumnsOfFieldsAddedSince) {
  const fs::path pdf = testing::sample_pdf_dir() / "portrait";
  const std::string url = server_->new_database("added_columns");
  auto import = [&](const char* name) {
    return testing::run_kpiform("import -q -j 1 --db " + shell_quote(url) + " " +
                                shell_quote((pdf / name).string()));
  };
  ASSERT_EQ(import("01-zhangjiang-renovation.pdf").status, 0);
  // As if the database had been made before indicators had a deviation.
  auto psql = [&](const std::string& sql) {
    return testing::run_command("psql -Atc " + shell_quote(sql) + " " + shell_quote(url));
  };
  const std::string column_type =
      "SELECT data_type FROM information_schema.columns "
      "WHERE table_name = 'indicators' AND column_name = 'deviation'";
  ASSERT_EQ(psql("ALTER TABLE indicators DROP COLUMN deviation").status, 0);
  ASSERT_EQ(psql(column_type).out, "");

  const auto later = import("07-cadre-talent-development.pdf");
  ASSERT_EQ(later.status, 0) << later.err;
  EXPECT_EQ(psql(column_type).out, "text\n");
  EXPECT_EQ(psql("SELECT count(*) FROM indicators WHERE deviation IS NOT NULL").out, "1\n")
      << "the later form's one deviation; the earlier rows hold null";
}

TEST_F(PostgresImport, AServerThatCannotBeReachedIsOneLineWithoutThePassword) {
  const auto result = testing::run_kpiform(
      "export --db 'postgresql://kpiform:secret@127.0.0.1:1/none?connect_timeout=5'");
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
  EXPECT_EQ(result.err.rfind("postgresql://kpiform:***@127.0.0.1:1/none", 0), 0u) << result.err;
  EXPECT_EQ(result.err.find("secret"), std::string::npos) << result.err;
}

// The queue's inputs: the twelve per-form sample PDFs, a twelve-form file,
// a page without a form and a file that is no PDF.
std::string queue_inputs(const fs::path& broken) {
  std::ofstream(broken) << "%PDF-1.4 cut short";
  std::string inputs;
  for (const fs::path& record : testing::ground_truth_files()) {
    inputs += " " + shell_quote((testing::sample_pdf_dir() / "portrait" /
                                 record.filename().replace_extension(".pdf"))
                                    .string());
  }
  inputs += " " + shell_quote((testing::sample_pdf_dir() / "landscape" / "all-forms.pdf").string());
  inputs += " " + shell_quote((testing::sample_pdf_dir() / "other" / "project-sheet.pdf").string());
  return inputs + " " + shell_quote(broken.string());
}

std::string kpiform_binary() {
  return shell_quote((testing::binary_dir() / "kpiform").string());
}

// `kpiform worker` on `url` in the background of a shell script.
std::string worker_in_background(const std::string& url) {
  return kpiform_binary() + " worker -q -j 1 --lease 3 --exit-when-empty --db " + shell_quote(url) +
         " & ";
}

// Three workers on one queue, one of them killed while it works; the queue
// is then emptied, and the database equals a one-process SQLite import.
TEST_F(PostgresImport, WorkersKilledMidDocumentLoseNothingAndDuplicateNothing) {
  const std::string inputs = queue_inputs(dir_ / "broken.pdf");
  const std::string url = server_->new_database("queue_killed");
  // Scans first (jobs are taken in the order they were enqueued, by the
  // second), one for each worker: seconds of OCR each, so that the kills
  // find the workers with a document under way.
  const fs::path scans = testing::binary_dir() / "samples" / "scan" / "300";
  const std::string scan_inputs =
      " " + shell_quote((scans / "03-classified-network-upgrade.pdf").string()) + " " +
      shell_quote((scans / "08-official-vehicle-renewal.pdf").string()) + " " +
      shell_quote((scans / "08-official-vehicle-renewal.tif").string());
  ASSERT_EQ(testing::run_command(kpiform_binary() + " enqueue --db " + shell_quote(url) +
                                 scan_inputs + " && sleep 1.1")
                .status,
            0);
  const auto enqueued = testing::run_kpiform("enqueue --db " + shell_quote(url) + inputs);
  EXPECT_EQ(enqueued.status, 0) << enqueued.err;  // broken.pdf fails when it is worked on
  EXPECT_NE(enqueued.out.find("enqueued 15 documents, 0 queued or done already"), std::string::npos)
      << enqueued.out;
  const auto twice = testing::run_kpiform("enqueue --db " + shell_quote(url) + inputs);
  EXPECT_NE(twice.out.find("enqueued 0 documents, 15 queued or done already"), std::string::npos)
      << twice.out;

  // Kill one worker of three at once, then another of the rest after a
  // while, at moments when they hold documents; the last one empties the
  // queue, taking over the lapsed leases.
  // At random moments (the seed is printed when the test fails).
  const unsigned seed = std::random_device{}();
  std::mt19937 random(seed);
  auto moment = [&] {
    return std::to_string(std::uniform_int_distribution<int>(300, 1500)(random) / 1000.0);
  };
  const auto run = testing::run_command(
      worker_in_background(url) + "first=$!; " + worker_in_background(url) + "second=$!; " +
      worker_in_background(url) + "third=$!; sleep " + moment() + "; kill -9 $first; sleep " +
      moment() + "; kill -9 $second; wait $third; " + kpiform_binary() +
      " worker -q --exit-when-empty --lease 3 --db " + shell_quote(url));
  SCOPED_TRACE("seed " + std::to_string(seed));
  EXPECT_EQ(run.status, 0) << run.err;

  // The killed workers' documents were taken over (claimed again).
  const auto taken_over = testing::run_command(
      "psql -Atc 'SELECT count(*) FROM jobs WHERE attempts > 1' " + shell_quote(url));
  EXPECT_GE(std::atoi(taken_over.out.c_str()), 1) << taken_over.out << taken_over.err;

  const std::string sqlite = (dir_ / "forms.sqlite").string();
  testing::run_kpiform("import -q -j 1 --db " + shell_quote(sqlite) + inputs + scan_inputs);
  const auto expected = testing::run_kpiform("export --db " + shell_quote(sqlite));
  const auto actual = testing::run_kpiform("export --db " + shell_quote(url));
  ASSERT_EQ(actual.status, 0) << actual.err;
  EXPECT_EQ(actual.out, expected.out) << "records of the queue and of a SQLite import";

  const auto status = testing::run_kpiform("status --db " + shell_quote(url));
  EXPECT_NE(status.out.find("queued 0, running 0, done 17, failed 1"), std::string::npos)
      << status.out;
  EXPECT_NE(status.out.find("failed: " + (dir_ / "broken.pdf").string() + ": "), std::string::npos)
      << status.out;
  const auto documents =
      testing::run_kpiform("export --db " + shell_quote(url) + " --table documents");
  EXPECT_EQ(std::count(documents.out.begin(), documents.out.end(), '\n'), 19)
      << "a header and each document once:\n"
      << documents.out;
}

// --store-bytes: the workers need no shared disk (the file is gone when the
// worker runs); SIGTERM: the document under way is finished, then the
// worker stops with status 0.
TEST_F(PostgresImport, StoredBytesNeedNoDiskAndSigtermFinishesTheDocument) {
  const std::string url = server_->new_database("stored_bytes");
  const fs::path scan = dir_ / "scan.pdf";
  fs::copy_file(
      testing::binary_dir() / "samples" / "scan" / "300" / "08-official-vehicle-renewal.pdf", scan);
  ASSERT_EQ(testing::run_kpiform("enqueue --store-bytes --db " + shell_quote(url) + " " +
                                 shell_quote(scan.string()))
                .status,
            0);
  fs::remove(scan);
  const auto run = testing::run_command(worker_in_background(url) +
                                        "worker=$!; sleep 2; kill -TERM $worker; wait $worker");
  EXPECT_EQ(run.status, 0) << run.err;
  const auto status = testing::run_kpiform("status --db " + shell_quote(url));
  EXPECT_NE(status.out.find("queued 0, running 0, done 1, failed 0"), std::string::npos)
      << status.out;
  const auto records = testing::run_kpiform("export --db " + shell_quote(url));
  EXPECT_NE(records.out.find("更新公务车辆"), std::string::npos) << records.out;
}

}  // namespace
}  // namespace kpiform
