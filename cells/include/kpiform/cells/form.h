// The vocabulary between layout and normalize: one form, its fields as the
// text printed in them, and where each was read. No typing yet: numbers are
// still text here.
#pragma once

#include <string>
#include <vector>

#include "kpiform/cells/cells.h"
#include "kpiform/schema/fields.h"

namespace kpiform::cells {

// Where part of a field was read: a cell (or line) on a page.
struct Origin {
  int page = 0;
  Box box;
};

struct FieldText {
  std::string text;             // lines joined and cleaned (RECORD.md text rules)
  double confidence = 1.0;      // the lowest of the lines it was read from
  std::vector<Origin> origins;  // in reading order; several when split by pages
  // Other OCR readings of the whole field (a field of one line only).
  std::vector<std::string> alternatives{};

  bool empty() const { return text.empty(); }
  // Where it was first read (none for a field read nowhere).
  Origin first_origin() const { return origins.empty() ? Origin{} : origins.front(); }
};

// Where one field of the record was read from.
struct FieldSource {
  schema::FieldPath field;  // its place in the record
  FieldText read;           // the text as read, its confidence and its cells
};

// Recognised text replaced by the word of the form's closed vocabulary it
// stands for.
struct Repair {
  std::string field;  // what the text is: "一级指标", "title"
  Origin where;
  std::string read;
  std::string became;
  std::string why;
};

// The repair made to the text read at `origin`, or null.
inline const Repair* repair_at(const std::vector<Repair>& repairs, const Origin& origin) {
  for (const Repair& repair : repairs) {
    if (repair.where.page == origin.page && same_box(repair.where.box, origin.box)) return &repair;
  }
  return nullptr;
}

struct FundsLine {
  FieldText item;  // the label as printed: 年度资金总额, 其中：当年财政拨款, …
  FieldText initial_budget;
  FieldText annual_budget;
  FieldText executed;
  FieldText weight;
  FieldText execution_rate;
  FieldText score;
};

// One row of the indicator table: the text under each of its columns, one
// per field of schema::fields_of(Part::kIndicators), levels filled down from
// merged cells.
struct IndicatorLine {
  std::vector<FieldText> columns =
      std::vector<FieldText>(schema::fields_of(schema::Part::kIndicators).size());

  FieldText& operator[](schema::Field field) { return columns[schema::place_in_part(field)]; }
  const FieldText& operator[](schema::Field field) const {
    return columns[schema::place_in_part(field)];
  }
};

struct Form {
  int first_page = 0;  // 1-based pages of the input holding the form
  int last_page = 0;
  FieldText title;
  FieldText year_line;
  FieldText project_name;
  FieldText supervising_department;
  FieldText implementing_unit;
  FieldText funds_label;  // "项目资金 (元)": tells the money unit
  std::vector<FundsLine> funds;
  FieldText goals_planned;
  FieldText goals_achieved;
  std::vector<IndicatorLine> indicators;
  bool has_total = false;
  FieldText total_weight;
  FieldText total_score;
  // Damage the reader survived, for the user ("indicator table has no 分值
  // column"); the form is still returned.
  std::vector<std::string> warnings;
  std::vector<Repair> repairs;
};

}  // namespace kpiform::cells
