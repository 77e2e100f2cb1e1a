// `kpiform import` and `kpiform export`: counts over an archive of 200+
// files, re-runs that import nothing new, kill -9 at random moments, the
// round trip to `extract`, and progress with and without a terminal.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "kpiform/schema/csv.h"
#include "sample_paths.h"

namespace kpiform {
namespace {

namespace fs = std::filesystem;
using testing::shell_quote;

std::string kpiform_binary() {
  return (testing::binary_dir() / "kpiform").string();
}

testing::CommandResult kpiform(const std::string& arguments) {
  return testing::run_command(shell_quote(kpiform_binary()) + " " + arguments);
}

// The sample PDFs, each copied `variants` times with a different trailing
// comment (so a different SHA-256), plus three bad files.
struct Archive {
  fs::path root;
  std::size_t good = 0;
  std::size_t bad = 0;
};

Archive make_archive(const fs::path& root, int variants, std::size_t max_files = 100000) {
  Archive archive{root};
  std::vector<fs::path> samples;
  for (const auto& entry : fs::recursive_directory_iterator(testing::sample_pdf_dir())) {
    if (entry.path().extension() == ".pdf") samples.push_back(entry.path());
  }
  std::sort(samples.begin(), samples.end());
  for (int v = 0; v < variants; ++v) {
    const fs::path dir = root / ("batch-" + std::to_string(v));
    fs::create_directories(dir);
    for (const fs::path& sample : samples) {
      if (archive.good == max_files) break;
      std::string bytes = testing::read_file(sample);
      bytes += "\n% kpiform test variant " + std::to_string(v) + "\n";
      std::ofstream(
          dir / (sample.parent_path().filename().string() + "-" + sample.filename().string()),
          std::ios::binary)
          << bytes;
      ++archive.good;
    }
  }
  fs::create_directories(root / "bad");
  std::ofstream(root / "bad" / "empty.pdf").flush();
  std::ofstream(root / "bad" / "text.pdf") << "not a pdf";
  const std::string half = testing::read_file(samples.front());
  std::ofstream(root / "bad" / "truncated.pdf", std::ios::binary)
      << half.substr(0, half.size() / 2);
  std::ofstream(root / "bad" / "ignored.txt") << "not picked by a directory search";
  archive.bad = 3;
  return archive;
}

class ImportCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kpiform-import-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string db(const std::string& name) const { return (dir_ / name).string(); }

  fs::path dir_;
};

// The database's content as text: records in order, and the documents
// without their row ids and import times.
std::string canonical(const std::string& db) {
  const auto records = kpiform("export --db " + shell_quote(db) + " --format jsonl");
  EXPECT_EQ(records.status, 0) << records.err;
  const auto documents = kpiform("export --db " + shell_quote(db) + " --table documents");
  EXPECT_EQ(documents.status, 0) << documents.err;
  auto rows = schema::parse_csv(documents.out);
  EXPECT_FALSE(rows.empty());
  std::vector<std::string> lines;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    // id, sha256, path, pages, status, error, method, forms, imported_at
    lines.push_back(rows[i][1] + "|" + rows[i][2] + "|" + rows[i][3] + "|" + rows[i][4] + "|" +
                    rows[i][5] + "|" + rows[i][6] + "|" + rows[i][7]);
  }
  std::sort(lines.begin(), lines.end());
  std::string text = records.out;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

TEST_F(ImportCommand, ImportsAnArchiveAndASecondRunImportsNothingNew) {
  const Archive archive = make_archive(dir_ / "archive", 8);
  ASSERT_GE(archive.good + archive.bad, 200u);
  const std::string database = db("forms.sqlite");
  const auto first = kpiform("import -q -j 2 --db " + shell_quote(database) + " " +
                             shell_quote(archive.root.string()));
  EXPECT_EQ(first.status, 1) << "bad files fail the run:\n" << first.err;
  EXPECT_NE(first.out.find("imported " + std::to_string(archive.good) + " documents"),
            std::string::npos)
      << first.out;
  EXPECT_NE(first.out.find("failed " + std::to_string(archive.bad)), std::string::npos);
  // Failures are errors, one line each, on standard error (not progress:
  // --quiet has none).
  EXPECT_NE(first.err.find("empty.pdf: empty file"), std::string::npos) << first.err;
  EXPECT_EQ(first.out.find("empty.pdf"), std::string::npos) << first.out;
  EXPECT_EQ(static_cast<std::size_t>(std::count(first.err.begin(), first.err.end(), '\n')),
            archive.bad)
      << first.err;

  const auto documents = kpiform("export --db " + shell_quote(database) + " --table documents");
  EXPECT_EQ(schema::parse_csv(documents.out).size(), 1 + archive.good + archive.bad);

  const auto second = kpiform("import -q -j 2 --db " + shell_quote(database) + " " +
                              shell_quote(archive.root.string()));
  EXPECT_NE(second.out.find("imported 0 documents"), std::string::npos) << second.out;
  EXPECT_NE(second.out.find("skipped " + std::to_string(archive.good)), std::string::npos);
  EXPECT_NE(second.out.find("failed " + std::to_string(archive.bad)), std::string::npos)
      << "failed documents are tried again";

  const auto forced = kpiform("import -q --force --db " + shell_quote(database) + " " +
                              shell_quote((archive.root / "batch-0").string()));
  EXPECT_EQ(forced.status, 0);
  EXPECT_NE(forced.out.find("imported " + std::to_string(archive.good / 8) + " documents"),
            std::string::npos)
      << forced.out;
  EXPECT_EQ(
      schema::parse_csv(kpiform("export --db " + shell_quote(database) + " --table documents").out)
          .size(),
      1 + archive.good + archive.bad)
      << "--force replaces, never duplicates";
}

TEST_F(ImportCommand, KilledAtRandomMomentsThenRerunEqualsAnUninterruptedRun) {
  const Archive archive = make_archive(dir_ / "archive", 2, 40);
  const std::string inputs = shell_quote(archive.root.string());
  const std::string reference = db("reference.sqlite");
  kpiform("import -q -j 2 --db " + shell_quote(reference) + " " + inputs);

  const std::string killed = db("killed.sqlite");
  std::mt19937 random(20201231);
  std::uniform_int_distribution<int> delay_ms(50, 1500);
  int kills = 0;
  for (int attempt = 0; attempt < 4; ++attempt) {
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      ::freopen("/dev/null", "w", stdout);
      ::freopen("/dev/null", "w", stderr);
      ::execl(kpiform_binary().c_str(), "kpiform", "import", "-q", "-j", "2", "--db",
              killed.c_str(), archive.root.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(random)));
    if (::kill(child, SIGKILL) == 0) ++kills;
    int status = 0;
    ::waitpid(child, &status, 0);
  }
  EXPECT_GE(kills, 1);
  const auto finish = kpiform("import -q -j 2 --db " + shell_quote(killed) + " " + inputs);
  EXPECT_NE(finish.out.find("failed " + std::to_string(archive.bad)), std::string::npos)
      << finish.out;
  EXPECT_EQ(canonical(killed), canonical(reference));
}

TEST_F(ImportCommand, ExportEqualsExtract) {
  std::vector<std::string> files;
  for (const auto& path : testing::ground_truth_files()) {
    files.push_back(
        (testing::sample_pdf_dir() / "landscape" / (path.stem().string() + ".pdf")).string());
  }
  files.push_back((testing::sample_pdf_dir() / "portrait" / "all-forms.pdf").string());
  std::sort(files.begin(), files.end());
  std::string arguments;
  for (const std::string& file : files) arguments += " " + shell_quote(file);
  const std::string database = db("round-trip.sqlite");
  ASSERT_EQ(kpiform("import -q --db " + shell_quote(database) + arguments).status, 0);
  for (const char* format : {"jsonl", "csv"}) {
    SCOPED_TRACE(format);
    const auto extracted = kpiform(std::string("extract -q -f ") + format + arguments);
    const auto exported = kpiform("export --db " + shell_quote(database) + " --format " + format);
    EXPECT_EQ(exported.status, 0) << exported.err;
    EXPECT_EQ(exported.out, extracted.out);
  }
}

TEST_F(ImportCommand, ProgressIsLiveOnATerminalAndPlainOtherwise) {
  const std::string input =
      shell_quote((testing::sample_pdf_dir() / "portrait" / "all-forms.pdf").string());
  const auto plain =
      kpiform("import --progress-every 0 --db " + shell_quote(db("plain.sqlite")) + " " + input);
  EXPECT_NE(plain.err.find("kpiform import: files 0/1"), std::string::npos) << plain.err;
  EXPECT_NE(plain.err.find("kpiform import: files 1/1  forms 12"), std::string::npos) << plain.err;
  EXPECT_EQ(plain.err.find('\r'), std::string::npos);

  // `script` gives the command a pseudo-terminal.
  const std::string command = shell_quote(kpiform_binary()) + " import --db " +
                              shell_quote(db("live.sqlite")) + " " + input;
  const auto live = testing::run_command("script -qfec " + shell_quote(command) + " /dev/null");
  EXPECT_EQ(live.status, 0) << live.err;
  EXPECT_NE(live.out.find("\r\033[Kfiles 1/1  forms 12"), std::string::npos) << live.out;
  EXPECT_NE(live.out.find("imported 1 documents"), std::string::npos);
}

TEST_F(ImportCommand, ListFilesAndUsageErrors) {
  const fs::path list = dir_ / "todo.txt";
  std::ofstream(list)
      << "# two files\n"
      << (testing::sample_pdf_dir() / "portrait" / "01-zhangjiang-renovation.pdf").string()
      << "\n\n"
      << (testing::sample_pdf_dir() / "landscape" / "02-strategic-consulting.pdf").string() << "\n";
  const auto result = kpiform("import -q --db " + shell_quote(db("list.sqlite")) + " @" +
                              shell_quote(list.string()));
  EXPECT_EQ(result.status, 0) << result.err;
  EXPECT_NE(result.out.find("imported 2 documents (2 forms"), std::string::npos) << result.out;

  // An @LIST that is no list is one error before anything is read: a
  // directory (was an empty list), a device (/dev/zero grew memory without
  // end), a file of one endless line.
  const fs::path endless = dir_ / "endless.bin";
  std::ofstream(endless) << std::string(100000, 'x');
  for (const std::string& bad : {dir_.string(), std::string("/dev/zero"), endless.string()}) {
    const auto refused =
        kpiform("import -q --db " + shell_quote(db("bad-list.sqlite")) + " @" + shell_quote(bad));
    EXPECT_EQ(refused.status, 1) << bad;
    EXPECT_EQ(std::count(refused.err.begin(), refused.err.end(), '\n'), 1) << refused.err;
    EXPECT_EQ(refused.err.rfind("@" + bad + ": ", 0), 0u) << refused.err;
    EXPECT_EQ(refused.out, "") << refused.out;
  }

  EXPECT_EQ(kpiform("import x.pdf").status, 2) << "--db is required";
  EXPECT_EQ(kpiform("import --db x.sqlite").status, 2) << "inputs are required";
  EXPECT_EQ(kpiform("export").status, 2);
  const auto missing = kpiform("export --db " + shell_quote(db("none.sqlite")));
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.err.find("none.sqlite: cannot open the database"), std::string::npos)
      << missing.err;
}

}  // namespace
}  // namespace kpiform
