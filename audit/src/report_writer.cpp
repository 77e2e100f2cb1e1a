#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "base64.h"
#include "cell_index.h"
#include "kpiform/audit/report.h"
#include "kpiform/schema/checks.h"
#include "kpiform/schema/json.h"
#include "kpiform/text/html.h"
#include "report_files.h"

namespace kpiform::audit {

namespace {

using Json = nlohmann::ordered_json;

std::string fixed(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

// Box edges as percentages of the page, so boxes scale with the image.
std::string position_style(const cells::Box& box, const cells::Page& page) {
  auto share = [](double v, double of) { return fixed(of > 0 ? v / of * 100 : 0, 3) + "%"; };
  return "left:" + share(box.x0, page.width) + ";top:" + share(box.y0, page.height) +
         ";width:" + share(box.width(), page.width) + ";height:" + share(box.height(), page.height);
}

// The cell states, most pressing first: a cell shows the first that applies.
// A reviewer's correction or confirmation settles a repair or a low
// confidence, not a check that still fails.
enum class State { kFailed, kCorrected, kConfirmed, kRepaired, kLow, kFine };

// Each state's class in the page and its words in the inspector, in the
// enum's order.
struct StateNames {
  const char* css_class;
  const char* words;
};
constexpr std::array<StateNames, 6> kStateNames{{
    {"failed", "part of a failed check"},
    {"corrected", "corrected by a reviewer"},
    {"confirmed", "confirmed by a reviewer"},
    {"repaired", "repaired"},
    {"low", "low confidence"},
    {"fine", "fine"},
}};

const char* state_class(State state) {
  return kStateNames[static_cast<std::size_t>(state)].css_class;
}

const char* state_words(State state) {
  return kStateNames[static_cast<std::size_t>(state)].words;
}

// A box drawn over a page: a table cell, or a line outside the tables.
struct Mark {
  std::string id;
  bool is_cell = true;
  const cells::Page* page = nullptr;
  cells::Box box;
  std::string text;
  double confidence = 1.0;
  bool has_text = false;
  std::vector<FieldRef> fields;
  State state = State::kFine;
  std::optional<std::string> ocr;  // --compare-ocr: what OCR read here
};

// A typed value as a person reads it.
std::string describe(const schema::Record& record, const schema::FieldPath& path) {
  const auto number = [](const std::optional<double>& value) {
    return value ? schema::format_decimal(*value, 6) : std::string("—");
  };
  return std::visit(
      schema::Overloaded{
          [](std::monostate) { return std::string("—"); },
          [](const std::string* text) { return *text; },
          [](const std::optional<std::string>* text) { return text->value_or("—"); },
          [&](const std::optional<int>* year) {
            return number(*year ? std::optional<double>(**year) : std::nullopt);
          },
          [&](const std::optional<double>* value) { return number(*value); },
          [](const schema::FundsKey* key) { return std::string(schema::to_string(*key)); },
          [&](const schema::Value* value) {
            std::string text = schema::to_string(value->kind);
            if (value->op) text += std::string(" ") + schema::to_string(*value->op);
            if (value->value) text += " " + number(value->value);
            if (value->max) text += " " + number(value->max);
            if (value->unit) text += " " + *value->unit;
            return text;
          }},
      schema::field_ref(record, path));
}

// `page` with each "{{name}}" replaced by its text. Slots are filled in one
// pass, so a slot's text is never searched for slots itself.
std::string fill_slots(std::string_view page, const std::map<std::string, std::string>& slots) {
  std::string out;
  std::size_t at = 0;
  for (std::size_t open; (open = page.find("{{", at)) != std::string_view::npos;) {
    const std::size_t close = page.find("}}", open);
    if (close == std::string_view::npos) break;
    const auto slot = slots.find(std::string(page.substr(open + 2, close - open - 2)));
    out += page.substr(at, (slot == slots.end() ? close + 2 : open) - at);
    if (slot != slots.end()) out += slot->second;
    at = close + 2;
  }
  out += page.substr(at);
  return out;
}

class ReportWriter {
 public:
  explicit ReportWriter(const AuditInput& input) : input_(input), index_(input.records) {
    collect_failed_fields();
    collect_reviewed_fields();
    collect_marks();
    if (input.comparison) attach_comparison(*input.comparison);
  }

  // The page is report.html with its slots filled: the style and script
  // as they are, the document's text escaped by the writers.
  std::string write() {
    write_summary();
    if (input_.comparison) write_comparison(*input_.comparison);
    for (std::size_t form = 0; form < input_.forms.size(); ++form) write_form(form);
    write_pages();
    const std::string main = take_output();
    write_inspector();
    const std::string inspector = take_output();
    return fill_slots(k_report_html, {{"path", text::html_escaped(input_.path)},
                                      {"style", std::string(k_report_css)},
                                      {"main", main},
                                      {"inspector", inspector},
                                      {"script", std::string(k_report_js)}});
  }

 private:
  std::string take_output() {
    std::string text = out_.str();
    out_.str("");
    return text;
  }

  void collect_failed_fields() {
    for (std::size_t form = 0; form < input_.records.size(); ++form) {
      const schema::Record& record = input_.records[form].record;
      for (const schema::Check& check : record.checks) {
        if (check.ok) continue;
        for (const schema::FieldPath& field : schema::check_fields(record, check)) {
          failed_.insert({form, field});
        }
      }
    }
  }

  void collect_reviewed_fields() {
    for (std::size_t form = 0; form < input_.reviewed.size(); ++form) {
      for (const ReviewedField& reviewed : input_.reviewed[form]) {
        std::string& said = review_words_[{form, reviewed.field}];
        said += (said.empty() ? "" : "\n") + review_line(reviewed);
        if (reviewed.corrected) {
          corrected_.insert({form, reviewed.field});
        } else if (reviewed.matches_reading) {
          confirmed_.insert({form, reviewed.field});
        }
      }
    }
  }

  // "corrected by 甲 at T: 99.06 → 97.06 (reason)", "confirmed by 乙 at T: 40"
  static std::string review_line(const ReviewedField& reviewed) {
    std::string line = reviewed.corrected ? "corrected by " : "confirmed by ";
    line += reviewed.reviewer + " at " + reviewed.at + ": ";
    if (reviewed.corrected) line += reviewed.extracted.value_or("(empty)") + " → ";
    line += reviewed.value.value_or("(empty)");
    if (!reviewed.reason.empty()) line += " (" + reviewed.reason + ")";
    if (!reviewed.matches_reading) {
      line += reviewed.corrected ? " [this reading extracts the field otherwise]"
                                 : " [the value has been corrected since]";
    }
    return line;
  }

  bool repaired(int page, const cells::Box& box) const {
    return std::any_of(input_.records.begin(), input_.records.end(),
                       [&](const normalize::BuiltRecord& built) {
                         return cells::repair_at(built.repairs, {page, box}) != nullptr;
                       });
  }

  void add_mark(Mark mark) {
    mark.has_text = !mark.text.empty();
    mark.fields = index_.fields_at(mark.page->number, mark.box);
    mark.state = State::kFine;
    if (mark.has_text && mark.confidence < input_.min_confidence) mark.state = State::kLow;
    if (repaired(mark.page->number, mark.box)) mark.state = State::kRepaired;
    for (const FieldRef& ref : mark.fields) {
      const std::pair key{ref.form, ref.field};
      if (failed_.count(key)) mark.state = State::kFailed;
      if (corrected_.count(key)) mark.state = std::min(mark.state, State::kCorrected);
      if (confirmed_.count(key)) mark.state = std::min(mark.state, State::kConfirmed);
    }
    for (const FieldRef& ref : mark.fields) {
      marks_of_field_[{ref.form, ref.field}].push_back(marks_.size());
    }
    marks_.push_back(std::move(mark));
  }

  void collect_marks() {
    for (const cells::Page& page : input_.pages) {
      int count = 0;
      for (const cells::Table& table : page.tables) {
        for (const cells::Cell& cell : table.cells) {
          Mark mark;
          mark.id = "p" + std::to_string(page.number) + "-c" + std::to_string(++count);
          mark.page = &page;
          mark.box = cell.box;
          mark.text = cell_text(cell.lines);
          mark.confidence = cell_confidence(cell.lines);
          add_mark(std::move(mark));
        }
      }
      int line_count = 0;
      for (const cells::TextLine& line : page.free_lines) {
        Mark mark;
        mark.id = "p" + std::to_string(page.number) + "-l" + std::to_string(++line_count);
        mark.is_cell = false;
        mark.page = &page;
        mark.box = line.box;
        mark.text = cell_text({line});
        mark.confidence = line.confidence;
        add_mark(std::move(mark));
      }
    }
  }

  void attach_comparison(const OcrComparison& comparison) {
    for (const CellComparison& compared : comparison.cells) {
      for (Mark& mark : marks_) {
        if (mark.is_cell && mark.page->number == compared.page &&
            same_box(mark.box, compared.box)) {
          mark.ocr = compared.ocr;
        }
      }
    }
  }

  // `html` as a link to the mark's box (the inspector opens on it), or as
  // it is without a mark.
  static std::string linked(const Mark* mark, const std::string& html) {
    if (!mark) return html;
    return "<a href=\"#" + mark->id + "\" data-cell=\"" + mark->id + "\">" + html + "</a>";
  }

  const Mark* first_mark_at(int page, const cells::Box& box) const {
    for (const Mark& mark : marks_) {
      if (mark.page->number == page && same_box(mark.box, box)) return &mark;
    }
    return nullptr;
  }

  std::vector<const Mark*> marks_of(std::size_t form, const schema::FieldPath& field) const {
    std::vector<const Mark*> marks;
    const auto it = marks_of_field_.find({form, field});
    if (it == marks_of_field_.end()) return marks;
    for (const std::size_t i : it->second) marks.push_back(&marks_[i]);
    return marks;
  }

  std::string typed_value(std::size_t form, const schema::FieldPath& field) const {
    return describe(input_.records[form].record, field);
  }

  // One value of a form's tables: the typed value, linked to its cells and
  // coloured by their state.
  std::string value_cell(std::size_t form, const schema::FieldPath& field,
                         bool typed = true) const {
    const std::vector<const Mark*> marks = marks_of(form, field);
    if (marks.empty()) return "<td class=\"v\">—</td>";
    State state = State::kFine;
    for (const Mark* mark : marks) state = std::min(state, mark->state);
    const std::string shown = typed ? typed_value(form, field) : marks.front()->text;
    std::string html = "<td class=\"v ";
    html += state_class(state);
    html += "\" title=\"" + text::html_escaped(schema::to_string(field)) + "\"><a href=\"#" +
            marks.front()->id + "\" data-cell=\"" + marks.front()->id + "\">" +
            text::html_escaped(shown) + "</a>";
    for (std::size_t i = 1; i < marks.size(); ++i) {
      html += " <a class=\"more\" href=\"#" + marks[i]->id + "\" data-cell=\"" + marks[i]->id +
              "\">p" + std::to_string(marks[i]->page->number) + "</a>";
    }
    return html + "</td>";
  }

  void write_summary() {
    int checks_passed = 0, checks_failed = 0, repairs = 0, low = 0, cells = 0;
    std::set<std::string> methods;
    for (const normalize::BuiltRecord& built : input_.records) {
      methods.insert(schema::to_string(built.record.source.method));
      for (const schema::Check& check : built.record.checks)
        ++(check.ok ? checks_passed : checks_failed);
    }
    for (const normalize::BuiltRecord& built : input_.records) {
      repairs += static_cast<int>(built.repairs.size());
    }
    for (const Mark& mark : marks_) {
      if (!mark.is_cell) continue;
      ++cells;
      if (mark.has_text && mark.confidence < input_.min_confidence) ++low;
    }
    std::string method_list;
    for (const std::string& method : methods)
      method_list += (method_list.empty() ? "" : ", ") + method;
    out_ << "<header>\n<h1>kpiform audit</h1>\n<p class=\"path\">"
         << text::html_escaped(input_.path)
         << "</p>\n</header>\n<section id=\"summary\">\n<h2>Summary</h2>\n<table class=\"facts\">\n"
         << "<tr><th>forms found</th><td id=\"forms-found\">" << input_.forms.size()
         << "</td></tr>\n"
         << "<tr><th>pages</th><td>" << input_.pages.size() << "</td></tr>\n"
         << "<tr><th>method</th><td>" << text::html_escaped(method_list.empty() ? "—" : method_list)
         << "</td></tr>\n<tr><th>checks</th><td>" << checks_passed << " passed, <span class=\""
         << (checks_failed ? "bad" : "good") << "\" id=\"checks-failed\">" << checks_failed
         << " failed</span></td></tr>\n<tr><th>cells</th><td>" << cells
         << ", <span id=\"low-cells\">" << low << "</span> under "
         << fixed(input_.min_confidence * 100, 0)
         << "% confidence</td></tr>\n<tr><th>repairs</th><td>" << repairs << "</td></tr>\n";
    if (input_.review_database) {
      int corrections = 0, confirmations = 0;
      for (const auto& form : input_.reviewed) {
        for (const ReviewedField& reviewed : form)
          ++(reviewed.corrected ? corrections : confirmations);
      }
      out_ << "<tr><th>review</th><td id=\"review-counts\">" << corrections << " correction"
           << (corrections == 1 ? "" : "s") << ", " << confirmations << " confirmation"
           << (confirmations == 1 ? "" : "s") << " <span class=\"path\">("
           << text::html_escaped(*input_.review_database) << ")</span></td></tr>\n";
    }
    out_ << "</table>\n";
    out_ << "<p class=\"legend\"><span class=\"key fine\"></span>fine <span class=\"key "
            "low\"></span>"
            "low confidence <span class=\"key failed\"></span>part of a failed check "
            "<span class=\"key repaired\"></span>repaired";
    if (input_.review_database) {
      out_ << " <span class=\"key corrected\"></span>corrected <span class=\"key "
              "confirmed\"></span>confirmed";
    }
    out_ << " — click or hover a box for its pixels enlarged, its text, typed value and "
            "confidence.</p>\n";
    if (input_.forms.empty()) out_ << "<p class=\"bad\">No form was found in this input.</p>\n";
    out_ << "</section>\n";
  }

  void write_comparison(const OcrComparison& comparison) {
    out_ << "<section id=\"comparison\">\n<h2>Text layer vs OCR</h2>\n"
         << "<p>Every cell was also read by OCR; the character error rate (CER) is OCR's edit "
            "distance from the text layer per character of the text layer, white space "
            "ignored.</p>\n<table class=\"grid\" id=\"cer-by-type\">\n<tr><th>field type</th>"
            "<th>cells</th><th>characters</th><th>errors</th><th>CER</th></tr>\n";
    auto row = [&](const FieldTypeError& type) {
      if (type.cells == 0) return;
      out_ << "<tr data-type=\"" << text::html_escaped(type.field_type) << "\"><td>"
           << text::html_escaped(type.field_type) << "</td><td>" << type.cells << "</td><td>"
           << type.length << "</td><td>" << type.errors << "</td><td class=\"cer\">"
           << fixed(type.cer() * 100, 2) << "%</td></tr>\n";
    };
    for (const FieldTypeError& type : comparison.by_type) row(type);
    row(comparison.overall);
    out_ << "</table>\n";
    if (comparison.unmatched > 0) {
      out_ << "<p>" << comparison.unmatched
           << " cells with text had no OCR cell at their place (counted as wholly wrong).</p>\n";
    }
    int differing = 0;
    for (const CellComparison& cell : comparison.cells) differing += cell.errors > 0;
    out_ << "<details><summary>" << differing << " cells read differently</summary>\n"
         << "<table class=\"grid\">\n<tr><th>cell</th><th>type</th><th>text layer</th><th>OCR</th>"
            "<th>errors</th></tr>\n";
    for (const CellComparison& cell : comparison.cells) {
      if (cell.errors == 0) continue;
      const Mark* mark = first_mark_at(cell.page, cell.box);
      out_ << "<tr><td>" << (mark ? linked(mark, mark->id) : "") << "</td><td>"
           << text::html_escaped(cell.field_type) << "</td><td>"
           << text::html_escaped(cell.text_layer) << "</td><td>" << text::html_escaped(cell.ocr)
           << "</td><td>" << cell.errors << "/" << cell.length << "</td></tr>\n";
    }
    out_ << "</table>\n</details>\n</section>\n";
  }

  void write_form(std::size_t form) {
    const cells::Form& read = input_.forms[form];
    const normalize::BuiltRecord& built = input_.records[form];
    const schema::Record& record = built.record;
    out_ << "<section class=\"form\" id=\"form-" << form + 1 << "\">\n<h2>Form " << form + 1 << ": "
         << text::html_escaped(record.project_name.value_or(record.title.value_or("(untitled)")))
         << " <small>pages " << read.first_page << "–" << read.last_page << "</small></h2>\n";

    out_ << "<table class=\"grid header\">\n";
    for (const schema::FieldInfo& field : schema::fields_of(schema::Part::kForm)) {
      out_ << "<tr><th>" << field.heading << "</th>" << value_cell(form, {field.field})
           << "</tr>\n";
    }
    out_ << "</table>\n";

    if (!record.funds.empty()) {
      out_ << "<h3>项目资金 (元)</h3>\n<table class=\"grid funds\">\n<tr>";
      for (const schema::FieldInfo& field : schema::fields_of(schema::Part::kFunds)) {
        if (*field.heading == '\0') continue;  // the row's key: never printed
        out_ << "<th>" << field.heading << (field.type == schema::FieldType::kPercent ? " %" : "")
             << "</th>";
      }
      out_ << "</tr>\n";
      for (std::size_t row = 0; row < record.funds.size(); ++row) {
        out_ << "<tr>";
        for (const schema::FieldInfo& field : schema::fields_of(schema::Part::kFunds)) {
          if (*field.heading != '\0') out_ << value_cell(form, {field.field, row});
        }
        out_ << "</tr>\n";
      }
      out_ << "</table>\n";
    }

    out_ << "<h3>年度总体目标</h3>\n<table class=\"grid goals\">\n";
    for (const schema::FieldInfo& field : schema::fields_of(schema::Part::kGoals)) {
      out_ << "<tr><th>" << field.heading << "</th>" << value_cell(form, {field.field})
           << "</tr>\n";
    }
    out_ << "</table>\n";

    write_indicators(form);

    out_ << "<h3>Checks</h3>\n<ul class=\"checks\">\n";
    if (record.checks.empty())
      out_ << "<li>No check could be run (their inputs are missing).</li>\n";
    for (const schema::Check& check : record.checks) {
      out_ << "<li class=\"check " << (check.ok ? "ok" : "failed") << "\" data-rule=\""
           << schema::to_string(check.rule) << "\"><b>" << (check.ok ? "✓ " : "✗ ")
           << schema::to_string(check.rule) << "</b> " << text::html_escaped(check.message);
      if (!check.ok) {
        out_ << "<br><span class=\"involved\">cells:";
        for (const schema::FieldPath& field : schema::check_fields(record, check)) {
          for (const Mark* mark : marks_of(form, field)) {
            out_ << " "
                 << linked(mark, text::html_escaped(schema::to_string(field)) + " = " +
                                     text::html_escaped(typed_value(form, field)));
            break;
          }
        }
        out_ << "</span>";
      }
      out_ << "</li>\n";
    }
    out_ << "</ul>\n";

    if (form < input_.reviewed.size() && !input_.reviewed[form].empty()) {
      out_ << "<h3>Review</h3>\n<ul class=\"review\">\n";
      for (const ReviewedField& reviewed : input_.reviewed[form]) {
        const std::vector<const Mark*> marks = marks_of(form, reviewed.field);
        out_ << "<li class=\"" << (reviewed.corrected ? "corrected" : "confirmed") << "\">"
             << linked(marks.empty() ? nullptr : marks.front(),
                       text::html_escaped(schema::to_string(reviewed.field)))
             << ": " << text::html_escaped(review_line(reviewed)) << "</li>\n";
      }
      out_ << "</ul>\n";
    }

    if (!built.repairs.empty() || !built.warnings.empty()) {
      out_ << "<h3>Repairs and warnings</h3>\n<ul class=\"warnings\">\n";
      for (const cells::Repair& repair : built.repairs) {
        const Mark* mark = first_mark_at(repair.where.page, repair.where.box);
        out_ << "<li class=\"repair\">"
             << linked(mark, "page " + std::to_string(repair.where.page) + " " +
                                 text::html_escaped(repair.field))
             << ": read “" << text::html_escaped(repair.read) << "”, became “"
             << text::html_escaped(repair.became) << "” (" << text::html_escaped(repair.why)
             << ")</li>\n";
      }
      for (const std::string& warning : built.warnings) {
        if (warning.rfind("repaired ", 0) == 0) continue;  // listed above, with their cells
        out_ << "<li>" << text::html_escaped(warning) << "</li>\n";
      }
      out_ << "</ul>\n";
    }
    out_ << "</section>\n";
  }

  // The indicator hierarchy: a level-1 or level-2 name spans the rows it
  // heads, as on the form.
  void write_indicators(std::size_t form) {
    const schema::Record& record = input_.records[form].record;
    if (record.indicators.empty()) return;
    out_ << "<h3>绩效指标</h3>\n<table class=\"grid indicators\">\n<tr>";
    for (const schema::FieldInfo& field : schema::fields_of(schema::Part::kIndicators)) {
      out_ << "<th>" << field.heading << "</th>";
    }
    out_ << "</tr>\n";
    const auto& rows = record.indicators;
    auto run_length = [&](std::size_t from, bool level2) {
      std::size_t end = from + 1;
      while (end < rows.size() && rows[end].level1 == rows[from].level1 &&
             (!level2 || rows[end].level2 == rows[from].level2)) {
        ++end;
      }
      return end - from;
    };
    // Rows left under the level-1 and level-2 names now spanning.
    std::size_t level1_left = 0, level2_left = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      out_ << "<tr>";
      for (const schema::FieldInfo& field : schema::fields_of(schema::Part::kIndicators)) {
        const schema::FieldPath path{field.field, i};
        if (field.type != schema::FieldType::kLevelName) {
          // A target or actual shows its text as printed; the others their typed value.
          out_ << value_cell(form, path, field.type != schema::FieldType::kValue);
          continue;
        }
        const bool level2 = field.field == schema::Field::kLevel2;
        std::size_t& left = level2 ? level2_left : level1_left;
        if (left == 0) {
          left = run_length(i, level2);
          out_ << insert_rowspan(value_cell(form, path), left);
        }
      }
      --level1_left;
      --level2_left;
      out_ << "</tr>\n";
    }
    if (record.total.weight || record.total.score) {
      // 总分 spans the columns left of the weights; its weight and score under theirs.
      const auto columns = schema::fields_of(schema::Part::kIndicators);
      const auto weight = std::find_if(columns.begin(), columns.end(), [](const auto& field) {
        return field.field == schema::Field::kIndicatorWeight;
      });
      out_ << "<tr class=\"total\"><th colspan=\"" << weight - columns.begin() << "\">总分</th>";
      for (const schema::FieldInfo& field : schema::fields_of(schema::Part::kTotal)) {
        out_ << value_cell(form, {field.field});
      }
      for (auto after = weight + 2; after < columns.end(); ++after) out_ << "<td></td>";
      out_ << "</tr>\n";
    }
    out_ << "</table>\n";
  }

  static std::string insert_rowspan(std::string cell, std::size_t rows) {
    if (rows > 1) cell.insert(3, " rowspan=\"" + std::to_string(rows) + "\"");
    return cell;
  }

  void write_pages() {
    out_ << "<section id=\"pages\">\n<h2>Pages</h2>\n";
    for (const cells::Page& page : input_.pages) {
      int cells = 0;
      for (const cells::Table& table : page.tables) cells += static_cast<int>(table.cells.size());
      out_ << "<figure class=\"page\" id=\"page-" << page.number << "\">\n<figcaption>Page "
           << page.number << " · " << (page.recognised ? "OCR" : "text layer") << " · " << cells
           << " cells</figcaption>\n<div class=\"sheet\" style=\"aspect-ratio:"
           << fixed(page.width, 2) << " / " << fixed(page.height, 2) << "\">\n";
      if (!page.image.empty()) {
        out_ << "<img alt=\"page " << page.number << "\" "
             << "src=\"data:image/jpeg;base64," << base64(page.image.jpeg) << "\">\n";
      }
      for (const Mark& mark : marks_) {
        if (mark.page == &page) write_mark(mark);
      }
      out_ << "</div>\n</figure>\n";
    }
    out_ << "</section>\n";
  }

  void write_mark(const Mark& mark) {
    std::string fields;
    for (const FieldRef& ref : mark.fields) {
      fields += (fields.empty() ? "" : "\n");
      if (input_.forms.size() > 1) fields += "form " + std::to_string(ref.form + 1) + " ";
      fields += schema::to_string(ref.field) + " = " + typed_value(ref.form, ref.field);
    }
    out_ << "<div class=\"" << (mark.is_cell ? "cell " : "line ") << state_class(mark.state)
         << (mark.has_text ? "" : " blank") << "\" id=\"" << mark.id << "\" style=\""
         << position_style(mark.box, *mark.page) << "\" data-text=\""
         << text::html_escaped(mark.text) << "\" data-confidence=\""
         << fixed(mark.confidence * 100, 1) << "\" data-state=\"" << state_words(mark.state)
         << "\" data-fields=\"" << text::html_escaped(fields) << "\"";
    if (mark.ocr) out_ << " data-ocr=\"" << text::html_escaped(*mark.ocr) << "\"";
    std::string review;
    for (const FieldRef& ref : mark.fields) {
      const auto said = review_words_.find({ref.form, ref.field});
      if (said != review_words_.end()) review += (review.empty() ? "" : "\n") + said->second;
    }
    if (!review.empty()) out_ << " data-review=\"" << text::html_escaped(review) << "\"";
    out_ << "></div>\n";
  }

  void write_inspector() {
    out_ << "<aside id=\"inspector\">\n<h2>Cell</h2>\n<p class=\"hint\" id=\"hint\">Click or "
            "hover a box on a page, or a value in a form's tables.</p>\n<div id=\"zoom\"></div>\n"
            "<dl>\n<dt>cell</dt><dd id=\"i-id\"></dd>\n<dt>state</dt><dd id=\"i-state\"></dd>\n"
            "<dt>text as read</dt><dd id=\"i-text\"></dd>\n"
            "<dt>confidence</dt><dd id=\"i-confidence\"></dd>\n"
            "<dt>fields (typed)</dt><dd id=\"i-fields\"></dd>\n";
    if (input_.comparison) out_ << "<dt>OCR</dt><dd id=\"i-ocr\"></dd>\n";
    if (input_.review_database) out_ << "<dt>review</dt><dd id=\"i-review\"></dd>\n";
    out_ << "</dl>\n</aside>\n";
  }

  const AuditInput& input_;
  FieldIndex index_;
  using FormField = std::pair<std::size_t, schema::FieldPath>;
  std::set<FormField> failed_;
  std::set<FormField> corrected_, confirmed_;
  std::map<FormField, std::string> review_words_;  // review_line()s
  std::vector<Mark> marks_;
  std::map<FormField, std::vector<std::size_t>> marks_of_field_;
  std::ostringstream out_;
};

}  // namespace

std::string write_report(const AuditInput& input) {
  return ReportWriter(input).write();
}

}  // namespace kpiform::audit
