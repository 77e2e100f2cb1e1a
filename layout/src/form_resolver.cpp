#include "form_resolver.h"

#include <algorithm>
#include <string>

#include "kpiform/text/clean.h"
#include "kpiform/text/utf8.h"
#include "labels.h"

namespace kpiform::layout {

namespace {

// A recognised cell's text without the marks no text of a cell begins or
// ends with: a closing quote, a comma or a rule's stray stroke before it
// ("”其他资金"), a comma, an opening bracket or a dash after it
// ("成本控制，"). What OCR made of a speck or a rule's remnant; a cell that
// is nothing but such a mark ("—", none) stays.
std::string without_stray_marks(const std::string& text) {
  static constexpr std::u32string_view kNeverFirst = U"”’，。、；：,.;:)）】》|—_~ ";
  static constexpr std::u32string_view kNeverLast = U"，、；：,;:(（“‘【《|—-_ ";
  std::u32string wide = text::decode_utf8(text);
  std::size_t first = 0, last = wide.size();
  while (first < last && kNeverFirst.find(wide[first]) != std::u32string_view::npos) ++first;
  while (last > first && kNeverLast.find(wide[last - 1]) != std::u32string_view::npos) --last;
  if (first == last) return text;
  return text::encode_utf8(std::u32string_view(wide).substr(first, last - first));
}

cells::FieldText field(std::size_t id, CellStore& store) {
  cells::FieldText field;
  if (id == kNoCell) return field;
  std::vector<std::string> lines;
  const cells::TextLine* only_line = nullptr;
  for (std::size_t member : store.members(id)) {
    const Physical& part = store[member];
    field.origins.push_back({part.page, part.cell->box});
    for (const cells::TextLine& line : part.cell->lines) {
      lines.push_back(line.text);
      field.confidence = std::min(field.confidence, line.confidence);
      only_line = &line;
    }
  }
  field.text = text::clean_text(text::join_lines(lines));
  if (field.confidence < 1.0) field.text = without_stray_marks(field.text);
  if (lines.size() == 1) {
    for (const std::string& alternative : only_line->alternatives) {
      field.alternatives.push_back(text::clean_text(alternative));
    }
  }
  return field;
}

cells::FieldText line_field(const std::optional<cells::TextLine>& line, int page) {
  cells::FieldText field;
  if (!line) return field;
  field.text = text::clean_text(line->text);
  field.confidence = line->confidence;
  field.origins.push_back({page, line->box});
  return field;
}

// A recognised (not text-layer) field that is one of the closed
// vocabulary's words but for a misread character or two becomes that word.
void snap(cells::FieldText& field, const char* name,
          std::optional<std::string_view> (*canonical)(std::string_view),
          bool (*known)(std::string_view), std::vector<cells::Repair>& repairs) {
  if (field.empty() || field.confidence >= 1.0) return;
  const std::string read = compact(field.text);
  if (known(read)) {
    field.text = read;  // without the spaces OCR saw in it
    return;
  }
  const auto word = canonical(read);
  if (!word) return;
  repairs.push_back(
      {name, field.first_origin(), field.text, std::string(*word), "the closest standard name"});
  field.text = std::string(*word);
}

}  // namespace

cells::Form resolve(const PendingForm& pending, CellStore& store) {
  auto read = [&](std::size_t id) { return field(id, store); };
  cells::Form form;
  form.first_page = pending.first_page;
  form.last_page = pending.last_page;
  form.title = line_field(pending.title, pending.title_page);
  form.year_line = line_field(pending.year_line, pending.title_page);
  form.project_name = read(pending.header[0]);
  form.supervising_department = read(pending.header[1]);
  form.implementing_unit = read(pending.header[2]);
  form.funds_label = read(pending.funds_label);
  for (const PendingFunds& funds : pending.funds) {
    const auto& v = funds.values;
    form.funds.push_back(
        {read(funds.item), read(v[0]), read(v[1]), read(v[2]), read(v[3]), read(v[4]), read(v[5])});
  }
  form.goals_planned = read(pending.planned);
  form.goals_achieved = read(pending.achieved);
  for (const PendingIndicator& pending_line : pending.indicators) {
    cells::IndicatorLine& line = form.indicators.emplace_back();
    for (std::size_t k = 0; k < line.columns.size(); ++k) {
      line.columns[k] = read(pending_line.columns[k]);
    }
  }
  snap(form.title, "title", &canonical_title, &is_standard_title, form.repairs);
  for (cells::FundsLine& line : form.funds) {
    snap(line.item, "资金项目", &canonical_funds_item, &is_funds_item, form.repairs);
  }
  for (cells::IndicatorLine& line : form.indicators) {
    for (schema::Field level : {schema::Field::kLevel1, schema::Field::kLevel2}) {
      snap(line[level], schema::info(level).heading, &canonical_level_name, &is_level_name,
           form.repairs);
    }
  }
  form.has_total = pending.has_total;
  form.total_weight = read(pending.total_weight);
  form.total_score = read(pending.total_score);
  if (!pending.indicator_header_seen) {
    form.warnings.push_back("no indicator table (一级指标 / 三级指标 header) found");
    return form;
  }
  for (const schema::FieldInfo& column : schema::fields_of(schema::Part::kIndicators)) {
    if (column.on_standard_form &&
        !pending.indicator_bands[indicator_column_index(column.field)].present) {
      form.warnings.push_back(std::string("indicator table has no ") + column.heading + " column");
    }
  }
  return form;
}

}  // namespace kpiform::layout
