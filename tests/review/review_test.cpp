// `kpiform review` as an auditor and a script use it: the JSON API over
// HTTP, and the page in headless Chromium driven through WebDriver. Each
// test imports its own database and starts its own server on loopback.
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "browser.h"
#include "kpiform/schema/csv.h"
#include "postgres_server.h"
#include "sample_paths.h"
#include "web_session.h"

namespace kpiform {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using testing::run_kpiform;

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

fs::path tampered_pdf() {
  return testing::binary_dir() / "samples" / "tampered" / "pdf" / "portrait" /
         "08-total-altered.pdf";
}

// A 300-dpi scan whose title OCR misreads by one character and the reader
// repairs to the standard title; nothing of it is read with low confidence.
fs::path repaired_scan() {
  return testing::binary_dir() / "samples" / "scan" / "300" / "08-official-vehicle-renewal.pdf";
}

const json* cell_named(const json& form, const std::string& field) {
  for (const json& cell : form["cells"]) {
    if (cell["field"] == field) return &cell;
  }
  ADD_FAILURE() << "no cell " << field;
  return nullptr;
}

// A database of the tampered form (its printed 总分 99.06 where the scores
// add up to 97.06) and two sound ones, with `review` serving it.
class ReviewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("kpiform-review-" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = (dir_ / "forms.sqlite").string();
  }
  void TearDown() override {
    server_.reset();
    fs::remove_all(dir_);
  }

  void import(const std::vector<fs::path>& files) {
    std::string arguments = "import -q --db " + shell_quote(db_);
    for (const fs::path& file : files) arguments += " " + shell_quote(file.string());
    const auto imported = run_kpiform(arguments);
    ASSERT_EQ(imported.status, 0) << imported.err;
  }

  void import_samples() {
    const fs::path portrait = testing::sample_pdf_dir() / "portrait";
    import({tampered_pdf(), portrait / "01-zhangjiang-renovation.pdf",
            portrait / "02-strategic-consulting.pdf"});
  }

  // Starts the server; its address ("http://127.0.0.1:PORT").
  std::string serve(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> arguments = {(testing::binary_dir() / "kpiform").string(),
                                          "review",
                                          "--db",
                                          db_,
                                          "--listen",
                                          "127.0.0.1:0",
                                          "--reviewer",
                                          "审计员甲"};
    arguments.insert(arguments.end(), extra.begin(), extra.end());
    server_.emplace(arguments, (dir_ / "review.err").string());
    const std::string line = server_->first_line(std::chrono::seconds(30));
    const std::string prefix = "kpiform review: ";
    EXPECT_EQ(line.rfind(prefix, 0), 0u) << line << testing::read_file(dir_ / "review.err");
    std::string url = line.substr(std::min(line.size(), prefix.size()));
    url = url.substr(0, url.find('/', 7));  // without the path and token
    return url;
  }

  json get(const std::string& url, const std::string& path, int expected_status = 200) {
    httplib::Client client(url);
    const auto result = client.Get(path);
    EXPECT_TRUE(result) << path;
    if (!result) return nullptr;
    EXPECT_EQ(result->status, expected_status) << path << ": " << result->body;
    return json::parse(result->body, nullptr, false);
  }

  std::pair<int, json> post(const std::string& url, const std::string& path, const json& body,
                            const httplib::Headers& headers = {}) {
    httplib::Client client(url);
    const auto result = client.Post(path, headers, body.dump(), "application/json");
    if (!result) return {-1, nullptr};
    return {result->status, json::parse(result->body, nullptr, false)};
  }

  // Exported records, one JSON object a line.
  std::vector<json> exported(const std::string& options = "") {
    const auto out = run_kpiform("export --db " + shell_quote(db_) + " " + options);
    EXPECT_EQ(out.status, 0) << out.err;
    std::vector<json> records;
    std::istringstream lines(out.out);
    for (std::string line; std::getline(lines, line);) records.push_back(json::parse(line));
    return records;
  }

  json tampered_record(const std::vector<json>& records) {
    for (const json& record : records) {
      if (record["source"]["path"].get<std::string>().find("08-total-altered") !=
          std::string::npos) {
        return record;
      }
    }
    ADD_FAILURE() << "the tampered form is not exported";
    return nullptr;
  }

  std::vector<std::vector<std::string>> table(const std::string& name) {
    const auto out = run_kpiform("export --db " + shell_quote(db_) + " --table " + name);
    EXPECT_EQ(out.status, 0) << out.err;
    return schema::parse_csv(out.out);
  }

  fs::path dir_;
  std::string db_;
  std::optional<testing::Background> server_;
};

TEST_F(ReviewTest, CorrectionPostedOverHttpAppearsInExportAndAsExtractedLeavesItOut) {
  import_samples();
  const std::string url = serve();
  const json forms = get(url, "/api/forms");
  ASSERT_EQ(forms["forms"].size(), 3u);
  EXPECT_EQ(forms["counts"]["failed_checks"], 1);
  const json first = forms["forms"][0];
  EXPECT_NE(first["document"].get<std::string>().find("08-total-altered"), std::string::npos)
      << "the form with a failed check comes first";
  EXPECT_EQ(first["doubts"]["failed_checks"], 1);
  const std::string id = std::to_string(first["id"].get<long long>());

  const json form = get(url, "/api/forms/" + id);
  EXPECT_EQ(form["record"]["total"]["score"], 99.06);
  bool total_cell = false;
  for (const json& cell : form["cells"]) {
    if (cell["field"] != "total.score") continue;
    total_cell = true;
    EXPECT_TRUE(cell["failing"].get<bool>());
    ASSERT_FALSE(cell["origins"].empty());
    EXPECT_EQ(cell["origins"][0]["box"].size(), 4u);
  }
  EXPECT_TRUE(total_cell);

  const auto [status, answer] = post(url, "/api/forms/" + id + "/corrections",
                                     {{"field", "total.score"},
                                      {"value", "97.06"},
                                      {"reason", "得分合计 9.06 + 88"},
                                      {"revision", form["revision"]}});
  ASSERT_EQ(status, 201) << answer.dump();
  for (const json& check : answer["checks"]) EXPECT_TRUE(check["ok"].get<bool>()) << check.dump();
  EXPECT_EQ(answer["revision"], 1);

  const json corrected = tampered_record(exported());
  EXPECT_EQ(corrected["total"]["score"], 97.06);
  ASSERT_EQ(corrected["corrections"].size(), 1u);
  EXPECT_EQ(corrected["corrections"][0]["field"], "total.score");
  EXPECT_EQ(corrected["corrections"][0]["extracted"], "99.06");
  EXPECT_EQ(corrected["corrections"][0]["reviewer"], "审计员甲");
  for (const json& check : corrected["checks"]) EXPECT_TRUE(check["ok"].get<bool>());

  const json as_extracted = tampered_record(exported("--as-extracted"));
  EXPECT_EQ(as_extracted["total"]["score"], 99.06);
  EXPECT_FALSE(as_extracted.contains("corrections"));

  // The imported rows are never changed.
  const auto forms_table = table("forms");
  const auto& header = forms_table.front();
  const auto column = std::find(header.begin(), header.end(), "total_score") - header.begin();
  bool kept = false;
  for (const auto& row : forms_table)
    kept = kept || row[static_cast<std::size_t>(column)] == "99.06";
  EXPECT_TRUE(kept);
}

TEST_F(ReviewTest, RefusesCrossSiteStaleAndUntypedCorrections) {
  import_samples();
  const std::string url = serve();
  const std::string id = std::to_string(get(url, "/api/forms")["forms"][0]["id"].get<long long>());
  const std::string path = "/api/forms/" + id + "/corrections";
  const json correction = {{"field", "total.score"}, {"value", "97.06"}, {"revision", 0}};

  EXPECT_EQ(post(url, path, correction, {{"Origin", "http://evil.example"}}).first, 403);
  httplib::Client client(url);
  const auto form_post = client.Post(path, "field=total.score&value=1", "text/plain");
  ASSERT_TRUE(form_post);
  EXPECT_EQ(form_post->status, 415) << "a cross-site form cannot send JSON";
  httplib::Client rebinding(url);
  const auto other_host = rebinding.Get("/api/forms", {{"Host", "attacker.example:80"}});
  ASSERT_TRUE(other_host);
  EXPECT_EQ(other_host->status, 403);

  EXPECT_EQ(post(url, path, {{"field", "total.score"}, {"value", "九十七点零六分x"}}).first, 400);
  EXPECT_EQ(post(url, path, {{"field", "indicators[99].score"}, {"value", "1"}}).first, 400);
  EXPECT_EQ(post(url, path, correction).first, 201);
  // A second reviewer's view still at revision 0: refused, not lost.
  const auto [stale, why] =
      post(url, path, {{"field", "total.score"}, {"value", "97"}, {"revision", 0}});
  EXPECT_EQ(stale, 409);
  EXPECT_NE(why["error"].get<std::string>().find("reload"), std::string::npos);
  EXPECT_EQ(table("corrections").size(), 2u) << "header and one correction";
}

TEST_F(ReviewTest, OtherThanLoopbackNeedsATokenThatEveryApiRequestCarries) {
  import_samples();
  const auto open = run_kpiform("review --db " + shell_quote(db_) + " --listen 0.0.0.0:0");
  EXPECT_EQ(open.status, 2);
  EXPECT_NE(open.err.find("--token"), std::string::npos) << open.err;

  const std::string url = serve({"--token", "s3cret"});
  get(url, "/api/forms", 401);
  httplib::Client client(url);
  const auto with_header = client.Get("/api/forms", {{"Authorization", "Bearer s3cret"}});
  ASSERT_TRUE(with_header);
  EXPECT_EQ(with_header->status, 200);
  get(url, "/api/forms?token=s3cret", 200);
}

TEST_F(ReviewTest, MovedSourceIsSaidPlainly) {
  const fs::path copy = dir_ / "08-total-altered.pdf";
  fs::copy_file(tampered_pdf(), copy);
  import({copy});
  const std::string url = serve();
  const std::string id = std::to_string(get(url, "/api/forms")["forms"][0]["id"].get<long long>());
  EXPECT_TRUE(get(url, "/api/forms/" + id)["source_problem"].is_null());
  httplib::Client client(url);
  const auto image = client.Get("/api/forms/" + id + "/pages/1.jpg");
  ASSERT_TRUE(image);
  EXPECT_EQ(image->status, 200);
  EXPECT_EQ(image->get_header_value("Content-Type"), "image/jpeg");

  fs::rename(copy, dir_ / "moved.pdf");
  const json form = get(url, "/api/forms/" + id);
  EXPECT_NE(form["source_problem"].get<std::string>().find("not where it was imported"),
            std::string::npos);
  std::ofstream(copy, std::ios::binary) << testing::read_file(dir_ / "moved.pdf") << "%changed\n";
  EXPECT_NE(get(url, "/api/forms/" + id)["source_problem"].get<std::string>().find("changed"),
            std::string::npos);
  const auto refused = client.Get("/api/forms/" + id + "/pages/1.jpg");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 409);
}

// The acceptance walk: the queue opens on the form with the failed check;
// its doubtful 总分 is clicked on the page, the right number typed, the
// check turns green; the form is marked reviewed; export has the value.
TEST_F(ReviewTest, AuditorCorrectsTheFailedTotalInTheBrowser) {
  import_samples();
  const std::string url = serve();
  testing::Browser browser;
  browser.open(url + "/");
  const std::string first_row = browser.find("#queue tbody tr.form-row");
  const std::string id = browser.attribute(first_row, "data-id");
  EXPECT_NE(browser.text(first_row).find("failed check"), std::string::npos)
      << browser.text(first_row);
  browser.click(first_row);

  // The 总分 cell's box on the page image.
  const std::string box = browser.find(".box[data-field='total.score']");
  EXPECT_NE(browser.attribute(box, "class").find("failing"), std::string::npos);
  EXPECT_TRUE(browser.wait_for(
      "return document.querySelector(\"li.check[data-rule='total_score_sum']\").className"
      ".includes('failed');"));
  browser.click(box);
  const std::string input = browser.find("tr.field[data-field='total.score'] input");
  EXPECT_TRUE(
      browser.wait_for("return document.activeElement.getAttribute('aria-label') === "
                       "'total.score';"))
      << "clicking the box selects its value";
  EXPECT_EQ(browser.attribute(input, "value"), "99.06");
  const std::string detail = browser.text(browser.find("#detail"));
  EXPECT_NE(detail.find("read: 99.06"), std::string::npos) << detail;

  browser.clear(input);
  browser.type(input, "97.06\xEE\x80\x87");  // U+E007: WebDriver's Enter
  EXPECT_TRUE(browser.wait_for(
      "const check = document.querySelector(\"li.check[data-rule='total_score_sum']\");"
      "return check !== null && check.className.includes('ok');"))
      << "the check turns green";
  {
    std::ofstream png(testing::output_dir() / "review-form.png", std::ios::binary);
    png << browser.screenshot();
  }

  // Enter on a value left as it is confirms it, in the database.
  browser.click(browser.find(".box[data-field='project_name']"));
  EXPECT_TRUE(
      browser.wait_for("return document.activeElement.getAttribute('aria-label') === "
                       "'project_name';"));
  browser.type(browser.find("tr.field[data-field='project_name'] input"), "\xEE\x80\x87");
  EXPECT_TRUE(
      browser.wait_for("return document.querySelector(\"tr.field[data-field='project_name']\")"
                       ".className.includes('confirmed');"))
      << "the confirmed value is marked";

  browser.click(browser.find("#reviewed"));
  EXPECT_TRUE(browser.wait_for("return location.hash !== '#/forms/" + id + "';"))
      << "reviewed moves to the next form";

  const json record = tampered_record(exported());
  EXPECT_EQ(record["total"]["score"], 97.06);
  const auto corrections = table("corrections");
  ASSERT_EQ(corrections.size(), 2u) << "header and one correction";
  const auto& header = corrections[0];
  auto value_of = [&](const std::string& column) {
    const auto at = std::find(header.begin(), header.end(), column) - header.begin();
    return corrections[1][static_cast<std::size_t>(at)];
  };
  EXPECT_EQ(value_of("field"), "total.score");
  EXPECT_EQ(value_of("extracted"), "99.06");
  EXPECT_EQ(value_of("value"), "97.06");
  EXPECT_EQ(value_of("reviewer"), "审计员甲");
  EXPECT_EQ(table("reviews").size(), 2u) << "the form is marked reviewed";
  const auto confirmations = table("confirmations");
  ASSERT_EQ(confirmations.size(), 2u) << "header and one confirmation";
  EXPECT_EQ(confirmations[1][2], "project_name");
  EXPECT_EQ(confirmations[1][4], "审计员甲");
}

// The queue's third tier: a form whose text the reader repaired comes after
// the failed check, before the sound form; the repair is beside its cell
// and in the repairs table. A confirmation is kept for the value confirmed.
TEST_F(ReviewTest, RepairedFormsQueueAfterDoubtAndConfirmationsAreKept) {
  import({repaired_scan(), testing::sample_pdf_dir() / "portrait" / "01-zhangjiang-renovation.pdf",
          tampered_pdf()});
  const std::string url = serve();
  const json forms = get(url, "/api/forms")["forms"];
  ASSERT_EQ(forms.size(), 3u);
  EXPECT_NE(forms[0]["document"].get<std::string>().find("08-total-altered"), std::string::npos);
  EXPECT_NE(forms[1]["document"].get<std::string>().find("scan"), std::string::npos)
      << forms.dump();
  EXPECT_EQ(forms[1]["doubts"]["low_confidence"], 0);
  EXPECT_GE(forms[1]["doubts"]["repairs"].get<int>(), 1);
  EXPECT_EQ(forms[2]["doubts"]["repairs"], 0);

  const std::string id = std::to_string(forms[1]["id"].get<long long>());
  const json form = get(url, "/api/forms/" + id);
  const json* title = cell_named(form, "title");
  ASSERT_TRUE(title);
  ASSERT_TRUE((*title)["repair"].is_object()) << title->dump();
  EXPECT_EQ((*title)["repair"]["became"], "财政项目支出绩效自评表");
  EXPECT_NE((*title)["repair"]["read"], (*title)["repair"]["became"]);
  EXPECT_TRUE((*title)["doubtful"].get<bool>()) << "a repair is a doubt until confirmed";
  EXPECT_EQ(table("repairs").size(), 1u + form["repairs"].size()) << "header and the repairs";

  const std::string confirmations = "/api/forms/" + id + "/confirmations";
  EXPECT_EQ(post(url, confirmations, {{"field", "indicators[99].score"}}).first, 400);
  const auto [status, confirmed] = post(url, confirmations, {{"field", "title"}});
  ASSERT_EQ(status, 201) << confirmed.dump();
  const json* now = cell_named(confirmed, "title");
  ASSERT_TRUE(now);
  EXPECT_EQ((*now)["confirmed"]["by"], "审计员甲");
  EXPECT_FALSE((*now)["doubtful"].get<bool>());
  const auto rows = table("confirmations");
  ASSERT_EQ(rows.size(), 2u) << "header and one confirmation";
  EXPECT_NE(std::find(rows[1].begin(), rows[1].end(), "财政项目支出绩效自评表"), rows[1].end());

  // Corrected afterwards, the field is no longer confirmed: the confirmation
  // was for the old value.
  const auto corrected =
      post(url, "/api/forms/" + id + "/corrections",
           {{"field", "title"}, {"value", "项目支出绩效自评表"}, {"revision", form["revision"]}});
  ASSERT_EQ(corrected.first, 201) << corrected.second.dump();
  EXPECT_TRUE((*cell_named(corrected.second, "title"))["confirmed"].is_null());
}

// `audit --db` shows what the review did: the corrected value in the form's
// tables, the check re-run, the correction and the confirmation listed.
TEST_F(ReviewTest, AuditReportShowsTheReviewOfItsDocument) {
  import_samples();
  const std::string report = (dir_ / "report.html").string();
  const std::string audit = "audit --db " + shell_quote(db_) + " -o " + shell_quote(report) + " " +
                            shell_quote(tampered_pdf().string());
  const auto unreviewed = run_kpiform(audit);
  ASSERT_EQ(unreviewed.status, 0) << unreviewed.err;
  EXPECT_NE(unreviewed.err.find("holds no correction or confirmation"), std::string::npos)
      << unreviewed.err;

  const std::string url = serve();
  const std::string id = std::to_string(get(url, "/api/forms")["forms"][0]["id"].get<long long>());
  ASSERT_EQ(post(url, "/api/forms/" + id + "/corrections",
                 {{"field", "total.score"}, {"value", "97.06"}, {"reason", "得分合计"}})
                .first,
            201);
  ASSERT_EQ(post(url, "/api/forms/" + id + "/confirmations", {{"field", "project_name"}}).first,
            201);
  server_.reset();

  const auto reviewed = run_kpiform(audit);
  ASSERT_EQ(reviewed.status, 0) << reviewed.err;
  EXPECT_NE(reviewed.err.find("0 failed checks"), std::string::npos) << reviewed.err;
  const std::string html = testing::read_file(report);
  EXPECT_NE(html.find("<td id=\"review-counts\">1 correction, 1 confirmation"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"v corrected\" title=\"total.score\">"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"v confirmed\" title=\"project_name\">"), std::string::npos);
  EXPECT_NE(html.find("corrected by 审计员甲 at "), std::string::npos);
  EXPECT_NE(html.find(": 99.06 → 97.06 (得分合计)"), std::string::npos);
  EXPECT_NE(html.find("class=\"check ok\" data-rule=\"total_score_sum\""), std::string::npos);
  EXPECT_EQ(html.find("class=\"check failed\""), std::string::npos);

  const auto as_read =
      run_kpiform("audit -o " + shell_quote(report) + " " + shell_quote(tampered_pdf().string()));
  ASSERT_EQ(as_read.status, 0) << as_read.err;
  EXPECT_NE(as_read.err.find("1 failed check"), std::string::npos) << "without --db, as read";
}

// Two reviewers on one PostgreSQL database (a throwaway server on
// loopback), both looking at revision 0: the first correction is kept, the
// second refused with a reason, and export shows the first.
TEST_F(ReviewTest, OnPostgresqlAStaleCorrectionIsRefusedNotLost) {
  const auto postgres = bench::PostgresServer::start();
  ASSERT_TRUE(postgres);
  db_ = postgres->new_database("review");
  import_samples();
  const std::string url = serve();
  const json forms = get(url, "/api/forms");
  ASSERT_EQ(forms["forms"].size(), 3u);
  EXPECT_EQ(forms["forms"][0]["doubts"]["failed_checks"], 1);
  const std::string path =
      "/api/forms/" + std::to_string(forms["forms"][0]["id"].get<long long>()) + "/corrections";
  const auto first =
      post(url, path,
           {{"field", "total.score"}, {"value", "97.06"}, {"revision", 0}, {"reviewer", "甲"}});
  EXPECT_EQ(first.first, 201) << first.second.dump();
  const auto second = post(
      url, path, {{"field", "total.score"}, {"value", "98"}, {"revision", 0}, {"reviewer", "乙"}});
  EXPECT_EQ(second.first, 409) << second.second.dump();
  const json record = tampered_record(exported());
  EXPECT_EQ(record["total"]["score"], 97.06);
  ASSERT_EQ(record["corrections"].size(), 1u);
  EXPECT_EQ(record["corrections"][0]["reviewer"], "甲");
  server_.reset();
}

// Cells holding markup are shown as text: no script of theirs runs.
TEST_F(ReviewTest, MarkupInCellsIsInert) {
  json record =
      json::parse(testing::read_file(testing::records_dir() / "01-zhangjiang-renovation.json"));
  const std::string script = "<script>window.pwned='script'</script>";
  const std::string image = "<img src=x onerror=\"window.pwned='img'\">";
  record["project_name"] = script;
  record["indicators"][0]["level3"] = image;
  const fs::path source = dir_ / "markup.json";
  std::ofstream(source) << record.dump();
  // The generator's fonts (fontconfig, cairo) keep caches a leak check
  // reports; the samples are generated the same way (samples/CMakeLists.txt).
  const auto generated = testing::run_command(
      "ASAN_OPTIONS=detect_leaks=0 " +
      shell_quote((testing::binary_dir() / "samples" / "kpiform-samplegen").string()) + " " +
      shell_quote((dir_ / "pdf").string()) + " " + shell_quote(source.string()));
  ASSERT_EQ(generated.status, 0) << generated.err;
  import({dir_ / "pdf" / "portrait" / "markup.pdf"});
  const std::string url = serve();
  EXPECT_EQ(get(url, "/api/forms")["forms"][0]["project_name"], script);

  testing::Browser browser;
  browser.open(url + "/");
  const std::string row = browser.find("#queue tbody tr.form-row");
  EXPECT_NE(browser.text(row).find(script), std::string::npos) << "shown as the text it is";
  const std::string id = browser.attribute(row, "data-id");
  browser.click(row);
  // The generator may hyphenate the long line where it wraps; the value
  // shown is the text read, markup and all.
  std::string read;
  const json form = get(url, "/api/forms/" + id);
  for (const json& cell : form["cells"]) {
    if (cell["field"] == "indicators[0].level3") read = cell["value"];
  }
  EXPECT_EQ(read.rfind("<img src=x onerror=", 0), 0u) << read;
  const std::string input = browser.find("tr.field[data-field='indicators[0].level3'] input");
  EXPECT_EQ(browser.attribute(input, "value"), read);
  browser.find(".box");  // the page has drawn its boxes
  EXPECT_TRUE(browser.execute("return window.pwned === undefined && "
                              "document.querySelectorAll('#app script, #app img[src=x]').length "
                              "=== 0;") == true);
}

}  // namespace
}  // namespace kpiform
