// kpiform-samplegen: renders records into born-digital PDFs laid out like the
// original 绩效自评表, one file per form and one with all forms back to back,
// for each built-in style.
//
//   kpiform-samplegen OUTDIR RECORD.json...
//
// writes OUTDIR/STYLE/NAME.pdf and OUTDIR/STYLE/all-forms.pdf, and
// OUTDIR/other/no-form.pdf and project-sheet.pdf: ruled tables that are
// not a form.
#include <filesystem>
#include <iostream>

#include "form_table.h"
#include "kpiform/schema/error.h"
#include "kpiform/schema/json.h"

namespace fs = std::filesystem;
using namespace kpiform;

namespace {

void render(const fs::path& path, const std::vector<schema::Record>& records,
            const samples::FormStyle& style) {
  samples::Document document(path.string(), style.page);
  for (const schema::Record& record : records) samples::draw_form(document, record, style);
  document.close();
}

// A titled document of label rows in a ruled table: not a form.
void render_label_table(const fs::path& path, const std::string& title,
                        const std::vector<std::pair<std::string, std::string>>& rows) {
  const samples::FormStyle& style = samples::form_styles().front();
  samples::Document document(path.string(), style.page);
  document.centered_line(title, style.title_size, true);
  document.space(12);
  samples::Table table;
  table.column_widths = {120, 395};
  for (const auto& [label, text] : rows) {
    table.rows.push_back({{0, 1, 1, label}, {1, 1, 1, text, samples::HAlign::kLeft}});
  }
  document.draw_table(table);
  document.close();
}

// Meeting minutes with a table: kpiform must find no form here.
void render_no_form(const fs::path& path) {
  render_label_table(path, "会议纪要",
                     {{"会议时间", "2020年12月3日"},
                      {"参加人员", "科研处、财务处、办公室"},
                      {"议题", "讨论2021年度预算编制安排"}});
}

// A project's application sheet: 项目名称 and 主管部门 rows like a form's,
// but no funds table, no indicators and no title: kpiform must find no
// form here either.
void render_project_sheet(const fs::path& path) {
  render_label_table(path, "项目申报书",
                     {{"项目名称", "社区养老服务中心改造"},
                      {"主管部门", "杭州市民政局"},
                      {"实施单位", "杭州市社会福利院"},
                      {"申请金额", "120万元"},
                      {"项目内容", "改造护理床位60张，配置康复设备，完善消防设施"}});
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: kpiform-samplegen OUTDIR RECORD.json...\n";
    return 2;
  }
  try {
    const fs::path out = argv[1];
    std::vector<std::pair<std::string, schema::Record>> records;
    for (int i = 2; i < argc; ++i) {
      for (schema::Record& record : schema::read_records_file(argv[i])) {
        records.emplace_back(fs::path(argv[i]).stem().string(), std::move(record));
      }
    }
    for (const samples::FormStyle& style : samples::form_styles()) {
      fs::create_directories(out / style.name);
      std::vector<schema::Record> all;
      for (const auto& [name, record] : records) {
        render(out / style.name / (name + ".pdf"), {record}, style);
        all.push_back(record);
      }
      render(out / style.name / "all-forms.pdf", all, style);
    }
    fs::create_directories(out / "other");
    render_no_form(out / "other" / "no-form.pdf");
    render_project_sheet(out / "other" / "project-sheet.pdf");
  } catch (const std::exception& error) {
    std::cerr << "kpiform-samplegen: " << error.what() << '\n';
    return 1;
  }
  return 0;
}
