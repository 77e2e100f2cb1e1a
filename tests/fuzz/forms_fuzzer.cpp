// Fuzz target for layout and normalize on arbitrary cells: bytes describe
// pages of ruled tables (rows, cells with spans, open edges) and free lines
// whose texts come from the form's own vocabulary, numbers and noise, so
// that the fuzzer reaches deep into the form reader. Whatever the cells,
// read_forms and build_record return (no crash, no hang), every record
// writes out and reads back to itself, and a form's pages lie in the input.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "kpiform/cells/cells.h"
#include "kpiform/layout/forms.h"
#include "kpiform/normalize/record_builder.h"
#include "kpiform/schema/json.h"

namespace {

using namespace kpiform;

// Texts a cell of this family holds: labels, level names, values, and
// strings that are almost those.
const char* const kTexts[] = {"财政项目支出绩效自评表",
                              "（2020年度）",
                              "项目名称",
                              "主管部门",
                              "实施单位",
                              "项目资金（元）",
                              "项目资金（万元）",
                              "年初预算数",
                              "全年预算数",
                              "全年执行数",
                              "分值",
                              "执行率",
                              "得分",
                              "年度资金总额",
                              "其中：当年财政拨款",
                              "上年结转资金",
                              "其他资金",
                              "年度总体目标",
                              "预期目标",
                              "实际完成情况",
                              "绩效指标",
                              "一级指标",
                              "二级指标",
                              "三级指标",
                              "年度指标值",
                              "实际完成值",
                              "偏差原因分析及改进措施",
                              "产出指标",
                              "数量指标",
                              "质量指标",
                              "时效指标",
                              "成本指标",
                              "效益指标",
                              "满意度指标",
                              "总分",
                              "100",
                              "=100%",
                              "≥90%",
                              "≤5天",
                              "不低于10家",
                              "10",
                              "9.5",
                              "1,234,567.89",
                              "90.62%",
                              "二〇二〇年",
                              "12所",
                              "2-4篇",
                              "有效",
                              "—",
                              "",
                              "财政项目支出绩效目评表",
                              "得 分",
                              "100%以上",
                              "0",
                              "-3",
                              "1e308",
                              "%",
                              "≥",
                              "（",
                              "）",
                              "\xE5\xBE",
                              "a\nb"};
constexpr std::size_t kTextCount = sizeof kTexts / sizeof kTexts[0];

class Bytes {
 public:
  Bytes(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  bool more() const { return at_ < size_; }
  uint8_t next() { return at_ < size_ ? data_[at_++] : 0; }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t at_ = 0;
};

cells::TextLine line_of(Bytes& bytes, const cells::Box& box) {
  cells::TextLine line;
  line.text = kTexts[bytes.next() % kTextCount];
  line.box = box;
  const uint8_t confidence = bytes.next();
  line.confidence = confidence > 200 ? 1.0 : confidence / 200.0;
  if (confidence % 5 == 0) line.alternatives.push_back(kTexts[bytes.next() % kTextCount]);
  return line;
}

// Ops: 0 a new row of cells in the table, 1 a cell (width, spans, lines),
// 2 a new table, 3 a free line, 4 a new page, 5 open edges.
std::vector<cells::Page> pages_of(Bytes& bytes) {
  std::vector<cells::Page> pages;
  auto new_page = [&] {
    cells::Page page;
    page.number = static_cast<int>(pages.size()) + 1;
    page.width = 595;
    page.height = 842;
    page.recognised = bytes.next() % 2 == 1;
    pages.push_back(std::move(page));
  };
  new_page();
  double y = 40, x = 40;
  int row = -1, col = 0;
  while (bytes.more() && pages.size() <= 8) {
    cells::Page& page = pages.back();
    switch (bytes.next() % 6) {
      case 0:
        if (page.tables.empty()) break;
        ++row;
        col = 0;
        x = 40;
        y += 20;
        page.tables.back().rows = row + 1;
        page.tables.back().row_edges.push_back(y + 20);
        break;
      case 1: {
        if (page.tables.empty() || row < 0) break;
        cells::Table& table = page.tables.back();
        cells::Cell cell;
        cell.row = row;
        cell.col = col;
        cell.row_span = 1 + bytes.next() % 3;
        cell.col_span = 1 + bytes.next() % 3;
        const double width = 20 + bytes.next() % 180;
        cell.box = {x, y, x + width, y + 20.0 * cell.row_span};
        for (int lines = bytes.next() % 3; lines > 0; --lines) {
          cell.lines.push_back(line_of(bytes, cell.box));
        }
        table.cells.push_back(std::move(cell));
        col += table.cells.back().col_span;
        x += width;
        table.cols = std::max(table.cols, col);
        table.box.x1 = std::max(table.box.x1, x);
        table.box.y1 = std::max(table.box.y1, y + 20);
        break;
      }
      case 2: {
        cells::Table table;
        y += 30;
        table.box = {40, y, 40, y};
        table.row_edges = {y};
        page.tables.push_back(std::move(table));
        row = -1;
        break;
      }
      case 3:
        y += 15;
        page.free_lines.push_back(line_of(bytes, {40, y, 300, y + 12}));
        break;
      case 4:
        new_page();
        y = 40;
        row = -1;
        break;
      case 5:
        if (page.tables.empty()) break;
        page.tables.back().open_top = bytes.next() % 2 == 1;
        page.tables.back().open_bottom = bytes.next() % 2 == 1;
        break;
    }
  }
  for (cells::Page& page : pages) {
    for (cells::Table& table : page.tables) {
      table.col_edges.clear();
      for (int c = 0; c <= table.cols; ++c) table.col_edges.push_back(40 + 60.0 * c);
      table.row_edges.resize(static_cast<std::size_t>(table.rows) + 1, table.box.y1);
    }
  }
  return pages;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Bytes bytes(data, size);
  const std::vector<cells::Page> pages = pages_of(bytes);
  for (const cells::Form& form : layout::read_forms(pages)) {
    if (form.first_page < 1 || form.last_page < form.first_page ||
        form.last_page > static_cast<int>(pages.size())) {
      __builtin_trap();
    }
    const normalize::BuiltRecord built = normalize::build_record(form, {"fuzz", std::nullopt});
    const std::string written = schema::record_to_json(built.record);
    if (schema::record_to_json(schema::record_from_json(written, "fuzz")) != written) {
      __builtin_trap();
    }
  }
  return 0;
}
