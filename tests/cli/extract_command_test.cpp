// `kpiform extract` as a user runs it: formats, outputs, parallel runs, and
// one clear line per bad input with the exit status of RECORD.md.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "kpiform/schema/csv.h"
#include "kpiform/schema/json.h"
#include "sample_paths.h"
#include "schema_printers.h"

namespace kpiform {
namespace {

namespace fs = std::filesystem;
using testing::shell_quote;

testing::CommandResult kpiform(const std::string& arguments) {
  return testing::run_command(shell_quote((testing::binary_dir() / "kpiform").string()) + " " +
                              arguments);
}

fs::path sample(const std::string& style, const std::string& name) {
  return testing::sample_pdf_dir() / style / name;
}

class ExtractCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kpiform-extract-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write(const std::string& name, const std::string& content) {
    std::ofstream(dir_ / name, std::ios::binary) << content;
    return dir_ / name;
  }

  fs::path dir_;
};

std::size_t count_lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

TEST_F(ExtractCommand, PrintsAJsonArrayOfRecords) {
  const auto result =
      kpiform("extract " + shell_quote(sample("portrait", "07-cadre-talent-development.pdf")));
  EXPECT_EQ(result.status, 0) << result.err;
  EXPECT_TRUE(result.err.empty()) << result.err;
  const fs::path out = write("out.json", result.out);
  const auto records = schema::read_records_file(out.string());
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].project_name, "干部和人才队伍建设");
  ASSERT_FALSE(records[0].checks.empty());
  EXPECT_EQ(records[0].checks[0].rule, schema::CheckRule::kTotalScoreSum);
  EXPECT_FALSE(records[0].checks[0].ok) << "form 07's printed total is wrong";
}

TEST_F(ExtractCommand, JsonLinesHaveOneRecordEach) {
  const auto result =
      kpiform("extract -f jsonl " + shell_quote(sample("landscape", "all-forms.pdf")));
  EXPECT_EQ(result.status, 0) << result.err;
  EXPECT_EQ(count_lines(result.out), 12u);
  std::size_t start = 0;
  for (std::size_t end; (end = result.out.find('\n', start)) != std::string::npos;
       start = end + 1) {
    EXPECT_NO_THROW(schema::record_from_json(result.out.substr(start, end - start), "line"));
  }
}

TEST_F(ExtractCommand, CsvHasTheContractColumnsAndOneRowPerIndicator) {
  const fs::path out = dir_ / "forms.csv";
  const auto result = kpiform("extract -f csv -o " + shell_quote(out.string()) + " " +
                              shell_quote(sample("portrait", "all-forms.pdf")));
  EXPECT_EQ(result.status, 0) << result.err;
  EXPECT_TRUE(result.out.empty());
  const std::string text = testing::read_file(out);
  EXPECT_EQ(text.rfind("\xEF\xBB\xBF", 0), 0u) << "UTF-8 byte-order mark";
  const auto rows = schema::parse_csv(text);
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0], schema::csv_columns());
  std::size_t indicators = 0;
  for (const auto& path : testing::ground_truth_files()) {
    indicators += schema::read_records_file(path.string()).front().indicators.size();
  }
  EXPECT_EQ(rows.size(), 1 + indicators);
  for (std::size_t i = 1; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), rows[0].size()) << "row " << i;
  }
  // Fields holding commas (form 10's half-width deviations) are quoted and
  // read back whole: every row kept its column count above.
  const bool comma_field = std::any_of(rows.begin() + 1, rows.end(), [](const auto& row) {
    return row[23].find(',') != std::string::npos;
  });
  EXPECT_TRUE(comma_field);
  EXPECT_EQ(rows[1][2], "2020");
  EXPECT_EQ(rows[1][9], "规范") << "target_raw of the first indicator";
}

TEST_F(ExtractCommand, ParallelJobsGiveTheSameOutputInInputOrder) {
  std::string inputs;
  for (const auto& path : testing::ground_truth_files()) {
    inputs += " " + shell_quote(sample("landscape", path.stem().string() + ".pdf").string());
  }
  const auto one = kpiform("extract -f jsonl -j 1" + inputs);
  const auto two = kpiform("extract -f jsonl -j 2" + inputs);
  EXPECT_EQ(one.status, 0);
  EXPECT_EQ(two.status, 0);
  EXPECT_EQ(one.out, two.out);
  EXPECT_EQ(count_lines(one.out), 12u);
}

// -j far above the cores: one file's pages, and forty files, read as with
// one worker (the scan's pages on the workers, the files each on one).
TEST_F(ExtractCommand, AHundredJobsGiveTheOutputOfOne) {
  const std::string scan = shell_quote(
      (testing::binary_dir() / "samples" / "scan" / "300" / "03-classified-network-upgrade.pdf")
          .string());
  const auto scan_one = kpiform("extract -f jsonl -j 1 " + scan);
  const auto scan_hundred = kpiform("extract -f jsonl -j 100 " + scan);
  EXPECT_EQ(scan_one.status, 0) << scan_one.err;
  EXPECT_EQ(scan_hundred.status, 0) << scan_hundred.err;
  EXPECT_EQ(scan_hundred.out, scan_one.out);

  std::string inputs;
  const auto truths = testing::ground_truth_files();
  for (int i = 0; i < 40; ++i) {
    const fs::path& truth = truths[static_cast<std::size_t>(i) % truths.size()];
    const fs::path link = dir_ / ("copy-" + std::to_string(i) + ".pdf");
    fs::create_symlink(sample(i % 2 ? "portrait" : "landscape", truth.stem().string() + ".pdf"),
                       link);
    inputs += " " + shell_quote(link.string());
  }
  const auto one = kpiform("extract -f jsonl -j 1" + inputs);
  const auto hundred = kpiform("extract -f jsonl -j 100" + inputs);
  EXPECT_EQ(one.status, 0) << one.err;
  EXPECT_EQ(hundred.out, one.out);
  EXPECT_EQ(count_lines(one.out), 40u);
}

struct BadInput {
  std::string name;
  std::string reason;
};

TEST_F(ExtractCommand, BadInputsGiveOneLineEachAndTheOthersAreStillProcessed) {
  const std::string good = testing::read_file(sample("portrait", "01-zhangjiang-renovation.pdf"));
  const fs::path empty = write("empty.pdf", "");
  const fs::path text = write("notes.pdf", "这不是PDF文件\n");
  const fs::path truncated = write("truncated.pdf", good.substr(0, good.size() / 2));
  const fs::path directory = dir_ / "folder.pdf";
  fs::create_directories(directory);
  const fs::path missing = dir_ / "missing.pdf";
  const fs::path encrypted = testing::source_dir() / "tests" / "data" / "encrypted.pdf";
  const std::vector<BadInput> bad = {
      {empty.string(), "empty file"},
      {text.string(), "not a PDF"},
      {truncated.string(), "truncated PDF"},
      {directory.string(), "is a directory"},
      {missing.string(), "no such file"},
      {encrypted.string(), "encrypted PDF: a password is needed"},
  };
  std::string arguments = "extract -o " + shell_quote((dir_ / "out.json").string());
  for (const BadInput& input : bad) arguments += " " + shell_quote(input.name);
  arguments += " " + shell_quote(sample("portrait", "02-strategic-consulting.pdf").string());

  const auto result = kpiform(arguments);
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(count_lines(result.err), bad.size()) << result.err;
  for (const BadInput& input : bad) {
    EXPECT_NE(result.err.find(input.name + ": " + input.reason), std::string::npos)
        << "expected '" << input.reason << "' for " << input.name << " in:\n"
        << result.err;
  }
  const auto records = schema::read_records_file((dir_ / "out.json").string());
  ASSERT_EQ(records.size(), 1u) << "the good file's record is written";
  EXPECT_EQ(records[0].project_name, "战略咨询服务能力建设");
}

TEST_F(ExtractCommand, AFileWithoutAFormGivesAWarningAndNoRecord) {
  const auto result = kpiform("extract " + shell_quote(sample("other", "no-form.pdf")));
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.out, "[]\n");
  EXPECT_NE(result.err.find("no-form.pdf: warning: no form found"), std::string::npos);
  const auto quiet = kpiform("extract --quiet " + shell_quote(sample("other", "no-form.pdf")));
  EXPECT_TRUE(quiet.err.empty());
}

// A table with a 项目名称 row but no funds or indicator table is some other
// document: no record, one warning.
TEST_F(ExtractCommand, ATableThatIsNotThisFormGivesOneWarningAndNoRecord) {
  const auto result = kpiform("extract " + shell_quote(sample("other", "project-sheet.pdf")));
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.out, "[]\n");
  EXPECT_EQ(result.err,
            sample("other", "project-sheet.pdf").string() + ": warning: no form found\n");
}

// A FIFO or a device given as input is one error line, never a wait; the
// other inputs are still read.
TEST_F(ExtractCommand, AFifoOrADeviceAsInputIsAnErrorNotAWait) {
  const fs::path fifo = dir_ / "input.pdf";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const auto result = testing::run_command(
      "timeout 60 " + shell_quote((testing::binary_dir() / "kpiform").string()) + " extract -q " +
      shell_quote(fifo.string()) + " /dev/zero " +
      shell_quote(sample("portrait", "02-strategic-consulting.pdf").string()));
  EXPECT_EQ(result.status, 1) << result.err;
  EXPECT_NE(result.err.find(fifo.string() + ": not a regular file (a FIFO)"), std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("/dev/zero: not a regular file (a device)"), std::string::npos)
      << result.err;
  EXPECT_NE(result.out.find("战略咨询服务能力建设"), std::string::npos);
}

// Never harm a user's file: what -o names is replaced only when it is a
// regular file; a symlink and a FIFO are written through.
TEST_F(ExtractCommand, OutputThroughASymlinkOrAFifoKeepsThem) {
  const std::string input = shell_quote(sample("portrait", "03-classified-network-upgrade.pdf"));
  const fs::path target = dir_ / "target.json", link = dir_ / "link.json";
  fs::create_symlink(target, link);
  ASSERT_EQ(kpiform("extract -o " + shell_quote(link.string()) + " " + input).status, 0);
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(schema::read_records_file(target.string()).size(), 1u);

  const fs::path fifo = dir_ / "fifo", copy = dir_ / "copy.json";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const auto result = testing::run_command(
      "cat " + shell_quote(fifo.string()) + " > " + shell_quote(copy.string()) + " & " +
      shell_quote((testing::binary_dir() / "kpiform").string()) + " extract -o " +
      shell_quote(fifo.string()) + " " + input + "; status=$?; wait; exit $status");
  EXPECT_EQ(result.status, 0) << result.err;
  EXPECT_TRUE(fs::is_fifo(fifo));
  EXPECT_EQ(schema::read_records_file(copy.string()).size(), 1u);
}

TEST_F(ExtractCommand, UnwritableOutputFailsWithoutAPartialFile) {
  const fs::path target = dir_ / "no-such-dir" / "out.json";
  const auto result = kpiform("extract -o " + shell_quote(target.string()) + " " +
                              shell_quote(sample("portrait", "03-classified-network-upgrade.pdf")));
  EXPECT_EQ(result.status, 1);
  EXPECT_NE(result.err.find("cannot write the output"), std::string::npos) << result.err;
  EXPECT_FALSE(fs::exists(target));
}

TEST_F(ExtractCommand, OutputThatIsAnInputIsRefusedBeforeAnythingIsRead) {
  // -o onto the PDF being read destroyed it, with exit 0; so through a link.
  const fs::path pdf = dir_ / "form.pdf", link = dir_ / "link.pdf";
  fs::copy_file(sample("portrait", "03-classified-network-upgrade.pdf"), pdf);
  fs::create_symlink(pdf, link);
  const std::string before = testing::read_file(pdf);
  for (const fs::path& output : {pdf, link}) {
    const auto result =
        kpiform("extract -o " + shell_quote(output.string()) + " " + shell_quote(pdf.string()));
    EXPECT_EQ(result.status, 2) << result.err;
    EXPECT_NE(result.err.find("is the input " + pdf.string()), std::string::npos) << result.err;
  }
  EXPECT_EQ(testing::read_file(pdf), before);
  // export onto its own database, likewise.
  const fs::path db = dir_ / "forms.sqlite";
  ASSERT_EQ(kpiform("import -q --db " + shell_quote(db.string()) + " " + shell_quote(pdf.string()))
                .status,
            0);
  const auto size = fs::file_size(db);
  const auto refused =
      kpiform("export --db " + shell_quote(db.string()) + " -o " + shell_quote(db.string()));
  EXPECT_EQ(refused.status, 2) << refused.err;
  EXPECT_EQ(fs::file_size(db), size);
}

TEST_F(ExtractCommand, AFullStandardOutputIsAFailure) {
  const auto result = testing::run_command(
      shell_quote((testing::binary_dir() / "kpiform").string()) + " extract " +
      shell_quote(sample("portrait", "03-classified-network-upgrade.pdf").string()) +
      " > /dev/full");
  EXPECT_EQ(result.status, 1);
  EXPECT_NE(result.err.find("cannot write to standard output"), std::string::npos) << result.err;
}

TEST_F(ExtractCommand, CellsListWhereEveryFieldWasRead) {
  const std::string input = shell_quote(sample("portrait", "07-cadre-talent-development.pdf"));
  const auto plain = kpiform("extract -f jsonl " + input);
  const auto with_cells = kpiform("extract -f jsonl --cells " + input);
  ASSERT_EQ(with_cells.status, 0) << with_cells.err;
  const auto tree = nlohmann::json::parse(with_cells.out);
  ASSERT_TRUE(tree.contains("cells"));
  // Without its cells the record is the one extract writes anyway.
  auto record = tree;
  record.erase("cells");
  EXPECT_EQ(schema::record_from_json(record.dump(), "with cells"),
            schema::record_from_json(plain.out, "plain"));
  const schema::Record typed = schema::record_from_json(plain.out, "plain");
  bool seen_total = false;
  for (const auto& cell : tree["cells"]) {
    EXPECT_DOUBLE_EQ(cell["confidence"].get<double>(), 1.0);  // a text layer
    ASSERT_FALSE(cell["origins"].empty()) << cell.dump();
    for (const auto& origin : cell["origins"]) {
      const auto box = origin["box"].get<std::vector<double>>();
      ASSERT_EQ(box.size(), 4u);
      EXPECT_LT(box[0], box[2]);
      EXPECT_LT(box[1], box[3]);
      EXPECT_GE(origin["page"].get<int>(), 1);
      EXPECT_LE(origin["page"].get<int>(), 2);
    }
    if (cell["field"] == "total.score") {
      seen_total = true;
      EXPECT_EQ(std::stod(cell["text"].get<std::string>()), *typed.total.score);
      EXPECT_EQ(cell["origins"][0]["page"], 2);
    }
  }
  EXPECT_TRUE(seen_total);
  // One entry per level-3 name: one per indicator.
  std::size_t level3 = 0;
  for (const auto& cell : tree["cells"]) {
    const std::string field = cell["field"];
    level3 += field.size() > 7 && field.compare(field.size() - 7, 7, ".level3") == 0;
  }
  EXPECT_EQ(level3, typed.indicators.size());
}

// --table: each part of the records as its own CSV, one row per form
// (forms) or per row of the part, keyed by file and form position, with the
// import database's column names.
TEST_F(ExtractCommand, TablesGiveEachPartOfTheRecordsKeyedByFileAndForm) {
  const std::string all_forms = shell_quote(sample("portrait", "all-forms.pdf"));
  std::vector<schema::Record> truth;
  for (const auto& path : testing::ground_truth_files()) {
    truth.push_back(schema::read_records_file(path.string()).front());
  }
  const std::string db = (dir_ / "forms.sqlite").string();
  ASSERT_EQ(kpiform("import -q --db " + shell_quote(db) + " " + all_forms).status, 0);
  for (const char* table : {"forms", "funds", "indicators", "checks"}) {
    SCOPED_TRACE(table);
    const auto result = kpiform(std::string("extract --table ") + table + " " + all_forms);
    ASSERT_EQ(result.status, 0) << result.err;
    const auto rows = schema::parse_csv(result.out);
    ASSERT_FALSE(rows.empty());
    std::size_t expected = 0;
    for (const schema::Record& record : truth) {
      expected += table == std::string("forms")        ? 1
                  : table == std::string("funds")      ? record.funds.size()
                  : table == std::string("indicators") ? record.indicators.size()
                                                       : record.checks.size();
    }
    EXPECT_EQ(rows.size(), 1 + expected);
    EXPECT_EQ(rows[0][0], "source_path");
    EXPECT_EQ(rows[0][1], "form_position");
    // The database's columns, without its keys (and the record's JSON).
    auto stored =
        schema::parse_csv(kpiform("export --db " + shell_quote(db) + " --table " + table).out)[0];
    const bool forms = table == std::string("forms");  // its position is form_position
    std::erase_if(stored, [&](const std::string& column) {
      return column == "id" || column == "form_id" || column == "document_id" ||
             column == "record_json" || (forms && column == "position");
    });
    EXPECT_EQ(std::vector<std::string>(rows[0].begin() + 2, rows[0].end()), stored);
    for (std::size_t i = 1; i < rows.size(); ++i) ASSERT_EQ(rows[i].size(), rows[0].size());
    EXPECT_EQ(rows.back()[1], "11") << "the twelfth form of the file";
  }
  // The funds row a researcher wants: budgets, execution rate and score.
  const auto funds = schema::parse_csv(kpiform("extract --table funds " + all_forms).out);
  const auto column = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(funds[0].begin(), funds[0].end(), name) -
                                    funds[0].begin());
  };
  for (std::size_t form = 0, row = 1; form < truth.size(); ++form) {
    for (const schema::FundsRow& expected : truth[form].funds) {
      ASSERT_LT(row, funds.size());
      EXPECT_EQ(funds[row][column("form_position")], std::to_string(form));
      EXPECT_EQ(funds[row][column("key")], schema::to_string(expected.key));
      if (expected.execution_rate) {
        EXPECT_DOUBLE_EQ(std::stod(funds[row][column("execution_rate")]), *expected.execution_rate);
      }
      ++row;
    }
  }
}

TEST_F(ExtractCommand, UsageErrorsExitTwo) {
  for (const char* arguments :
       {"", "-f xml x.pdf", "-j 0 x.pdf", "--ocr x.pdf", "--cells -f csv x.pdf",
        "--min-confidence 1.5 x.pdf", "--min-confidence abc x.pdf", "--min-confidence 101% x.pdf",
        "--table fund x.pdf", "--table funds -f json x.pdf"}) {
    SCOPED_TRACE(arguments);
    const auto result = kpiform(std::string("extract ") + arguments);
    EXPECT_EQ(result.status, 2);
    EXPECT_EQ(result.err.rfind("kpiform: ", 0), 0u) << result.err;
  }
}

}  // namespace
}  // namespace kpiform
