#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "sample_paths.h"

namespace kpiform {
namespace {

testing::CommandResult kpiform(const std::string& arguments) {
  return testing::run_command(testing::shell_quote((testing::binary_dir() / "kpiform").string()) +
                              " " + arguments);
}

TEST(Cli, HelpListsTheCommandsAndExitsZero) {
  const auto result = kpiform("--help");
  EXPECT_EQ(result.status, 0);
  EXPECT_NE(result.out.find("Usage:"), std::string::npos);
  EXPECT_NE(result.out.find("validate"), std::string::npos);
  EXPECT_TRUE(result.err.empty());
}

TEST(Cli, VersionPrintsTheVersion) {
  const auto result = kpiform("--version");
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.out.rfind("kpiform ", 0), 0u);
  EXPECT_NE(result.out.find('.'), std::string::npos);
}

TEST(Cli, UsageErrorsExitTwoWithOneClearLine) {
  for (const char* arguments :
       {"--frobnicate", "frobnicate", "", "validate", "validate --no-such-option x.json", "audit",
        "audit x.pdf", "audit a.pdf b.pdf -o r.html", "audit --image-dpi 5 x.pdf -o r.html",
        "audit -j 0 x.pdf -o r.html"}) {
    SCOPED_TRACE(arguments);
    const auto result = kpiform(arguments);
    EXPECT_EQ(result.status, 2);
    EXPECT_EQ(result.err.rfind("kpiform", 0), 0u) << result.err;
    EXPECT_TRUE(result.out.empty());
  }
}

TEST(Cli, CommandHelpTeachesItsUse) {
  const auto result = kpiform("validate --help");
  EXPECT_EQ(result.status, 0);
  EXPECT_NE(result.out.find("Usage: kpiform validate"), std::string::npos);
  EXPECT_NE(result.out.find("Example"), std::string::npos);
}

TEST(Cli, AuditHelpTeachesItsUse) {
  const auto result = kpiform("audit --help");
  EXPECT_EQ(result.status, 0);
  EXPECT_NE(result.out.find("Usage: kpiform audit"), std::string::npos);
  EXPECT_NE(result.out.find("--compare-ocr"), std::string::npos);
  EXPECT_NE(result.out.find("--min-confidence"), std::string::npos);
  EXPECT_NE(kpiform("--help").out.find("audit"), std::string::npos);
}

TEST(Cli, AuditOfABadInputIsOneLineAndNoReport) {
  const auto dir = std::filesystem::temp_directory_path() / "kpiform-cli-audit-test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "bad.pdf") << "%PDF-1.4 not really";
  const auto report = dir / "report.html";
  const auto result = kpiform("audit " + testing::shell_quote((dir / "bad.pdf").string()) + " -o " +
                              testing::shell_quote(report.string()));
  EXPECT_EQ(result.status, 1);
  EXPECT_NE(result.err.find("bad.pdf"), std::string::npos) << result.err;
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
  EXPECT_FALSE(std::filesystem::exists(report));
  std::filesystem::remove_all(dir);
}

TEST(Cli, ValidateAcceptsTheGroundTruth) {
  std::string arguments = "validate";
  for (const auto& path : testing::ground_truth_files()) {
    arguments += " " + testing::shell_quote(path.string());
  }
  const auto result = kpiform(arguments);
  EXPECT_EQ(result.status, 0) << result.err;
  EXPECT_NE(result.out.find("07-cadre-talent-development.json: 1 record valid"), std::string::npos);
}

TEST(Cli, ValidateReportsBadFilesAndGoesOn) {
  const auto dir = std::filesystem::temp_directory_path() / "kpiform-cli-test";
  std::filesystem::create_directories(dir);
  {
    std::ofstream(dir / "broken.json") << "{\"schema_version\": 1";
    std::string lying =
        testing::read_file(testing::records_dir() / "01-zhangjiang-renovation.json");
    lying.replace(lying.find("\"score\": 84.63"), 14, "\"score\": 99.63");
    std::ofstream(dir / "lying.json") << lying;
    // A number no double holds, and a key given twice: each file's error,
    // the files after it still checked.
    std::string huge =
        testing::read_file(testing::records_dir() / "03-classified-network-upgrade.json");
    huge.replace(huge.find("\"schema_version\": 1"), 19, "\"schema_version\": 1e400");
    std::ofstream(dir / "huge.json") << huge;
    std::string twice =
        testing::read_file(testing::records_dir() / "03-classified-network-upgrade.json");
    twice.replace(twice.find("\"schema_version\": 1"), 19,
                  "\"schema_version\": 1, \"schema_version\": 2");
    std::ofstream(dir / "twice.json") << twice;
  }
  const auto good = testing::records_dir() / "02-strategic-consulting.json";
  const auto result = kpiform("validate " + testing::shell_quote((dir / "broken.json").string()) +
                              " " + testing::shell_quote((dir / "lying.json").string()) + " " +
                              testing::shell_quote((dir / "missing.json").string()) + " " +
                              testing::shell_quote((dir / "huge.json").string()) + " " +
                              testing::shell_quote((dir / "twice.json").string()) + " " +
                              testing::shell_quote(good.string()));
  EXPECT_EQ(result.status, 1);
  EXPECT_NE(result.err.find("broken.json: not valid JSON"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("lying.json: record 1 stores other check outcomes (total_score_sum)"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("missing.json: cannot open the file"), std::string::npos);
  EXPECT_NE(result.err.find("huge.json: number overflow parsing '1e400'"), std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("twice.json: the key \"schema_version\" is given twice"),
            std::string::npos)
      << result.err;
  EXPECT_EQ(result.err.find("internal error"), std::string::npos) << result.err;
  EXPECT_NE(result.out.find("02-strategic-consulting.json: 1 record valid"), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace kpiform
