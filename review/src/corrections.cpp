#include <algorithm>

#include "kpiform/normalize/record_builder.h"
#include "kpiform/review/review.h"

namespace kpiform::review {

std::vector<schema::FieldPath> apply_corrections(
    schema::Record& record, const std::vector<store::Correction>& corrections) {
  std::vector<schema::FieldPath> fields;
  for (const store::Correction& correction : corrections) {
    // A correction was typed when it was made: it types again.
    if (normalize::apply_correction(record, correction.field, correction.value)) continue;
    if (std::find(fields.begin(), fields.end(), correction.field) == fields.end()) {
      fields.push_back(correction.field);
    }
  }
  return fields;
}

CorrectionsByForm corrections_by_form(store::Database& db) {
  CorrectionsByForm by_form;
  for (store::Correction& correction : db.corrections()) {
    by_form[{correction.sha256, correction.form_position}].push_back(std::move(correction));
  }
  return by_form;
}

std::vector<ExportedRecord> exported_records(store::Database& db, bool as_extracted) {
  const CorrectionsByForm by_form = as_extracted ? CorrectionsByForm{} : corrections_by_form(db);
  std::vector<ExportedRecord> exported;
  std::vector<schema::Record> records = db.records();
  const std::vector<int> positions = schema::form_positions(records);
  for (std::size_t i = 0; i < records.size(); ++i) {
    const std::string digest = records[i].source.sha256.value_or("");
    ExportedRecord out{std::move(records[i]), {}};
    if (const auto found = by_form.find({digest, positions[i]}); found != by_form.end()) {
      apply_corrections(out.record, found->second);
      out.corrections = found->second;
    }
    exported.push_back(std::move(out));
  }
  return exported;
}

}  // namespace kpiform::review
