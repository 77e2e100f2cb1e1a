#include <algorithm>
#include <cmath>

#include "cell_index.h"
#include "kpiform/audit/report.h"
#include "kpiform/text/clean.h"
#include "kpiform/text/utf8.h"

namespace kpiform::audit {

std::string cell_text(const std::vector<cells::TextLine>& lines) {
  std::vector<std::string> texts;
  for (const cells::TextLine& line : lines) texts.push_back(line.text);
  return text::clean_text(text::join_lines(texts));
}

double cell_confidence(const std::vector<cells::TextLine>& lines) {
  double lowest = 1.0;
  for (const cells::TextLine& line : lines) lowest = std::min(lowest, line.confidence);
  return lowest;
}

FieldIndex::FieldIndex(const std::vector<normalize::BuiltRecord>& records) {
  for (std::size_t form = 0; form < records.size(); ++form) {
    for (const cells::FieldSource& source : records[form].sources) {
      for (const cells::Origin& origin : source.read.origins) {
        by_page_[origin.page].push_back({origin.box, {form, source.field}});
      }
    }
  }
}

std::vector<FieldRef> FieldIndex::fields_at(int page, const cells::Box& box) const {
  std::vector<FieldRef> fields;
  const auto it = by_page_.find(page);
  if (it == by_page_.end()) return fields;
  for (const auto& [origin, ref] : it->second) {
    if (same_box(origin, box)) fields.push_back(ref);
  }
  return fields;
}

namespace {

// The types of field_type(), in the order a summary lists them.
constexpr const char* kFieldTypes[] = {"numbers", "level names", "indicator names",
                                       "targets", "header",      "funds items",
                                       "goals",   "remarks",     "labels"};

double overlap_ratio(const cells::Box& a, const cells::Box& b) {
  const double w = std::min(a.x1, b.x1) - std::max(a.x0, b.x0);
  const double h = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
  if (w <= 0 || h <= 0) return 0;
  const double shared = w * h;
  return shared / (a.width() * a.height() + b.width() * b.height() - shared);
}

const cells::Cell* best_match(const cells::Page& page, const cells::Box& box) {
  const cells::Cell* best = nullptr;
  double best_ratio = 0.5;  // less than half shared is another cell
  for (const cells::Table& table : page.tables) {
    for (const cells::Cell& cell : table.cells) {
      const double ratio = overlap_ratio(cell.box, box);
      if (ratio > best_ratio) {
        best_ratio = ratio;
        best = &cell;
      }
    }
  }
  return best;
}

void add_to(FieldTypeError& total, const CellComparison& cell) {
  ++total.cells;
  total.errors += cell.errors;
  total.length += cell.length;
}

}  // namespace

std::string field_type(const std::optional<schema::FieldPath>& field) {
  if (!field) return "labels";
  const schema::FieldInfo& info = schema::info(field->field);
  switch (info.part) {
    case schema::Part::kForm:
      return "header";
    case schema::Part::kGoals:
      return "goals";
    case schema::Part::kFunds:
      return info.field == schema::Field::kFundsItem ? "funds items" : "numbers";
    case schema::Part::kTotal:
      return "numbers";
    case schema::Part::kIndicators:
      break;
  }
  switch (info.type) {
    case schema::FieldType::kLevelName:
      return "level names";
    case schema::FieldType::kValue:
      return "targets";
    case schema::FieldType::kNumber:
      return "numbers";
    default:
      return info.field == schema::Field::kLevel3 ? "indicator names" : "remarks";
  }
}

OcrComparison compare_ocr(const std::vector<cells::Page>& text_pages,
                          const std::vector<cells::Page>& ocr_pages,
                          const std::vector<normalize::BuiltRecord>& records) {
  const FieldIndex index(records);
  OcrComparison comparison;
  comparison.overall.field_type = "all";
  for (const char* type : kFieldTypes) comparison.by_type.push_back({type});
  for (const cells::Page& page : text_pages) {
    const auto ocr_page =
        std::find_if(ocr_pages.begin(), ocr_pages.end(),
                     [&](const cells::Page& p) { return p.number == page.number; });
    for (const cells::Table& table : page.tables) {
      for (const cells::Cell& cell : table.cells) {
        CellComparison compared;
        compared.page = page.number;
        compared.box = cell.box;
        const std::vector<FieldRef> fields = index.fields_at(page.number, cell.box);
        compared.field_type =
            field_type(fields.empty() ? std::nullopt : std::optional(fields.front().field));
        compared.text_layer = cell_text(cell.lines);
        const cells::Cell* match =
            ocr_page == ocr_pages.end() ? nullptr : best_match(*ocr_page, cell.box);
        if (match) compared.ocr = cell_text(match->lines);
        if (compared.text_layer.empty() && compared.ocr.empty()) continue;
        if (!match) ++comparison.unmatched;
        const std::string reference = text::without_spaces(compared.text_layer);
        compared.errors = text::edit_distance(reference, text::without_spaces(compared.ocr));
        compared.length = text::character_count(reference);
        for (FieldTypeError& type : comparison.by_type) {
          if (type.field_type == compared.field_type) add_to(type, compared);
        }
        add_to(comparison.overall, compared);
        comparison.cells.push_back(std::move(compared));
      }
    }
  }
  return comparison;
}

}  // namespace kpiform::audit
