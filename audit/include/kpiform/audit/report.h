// The audit report: every value kpiform extracted beside the pixels it came
// from, as one self-contained HTML file (images embedded, no external
// script, style or font), with what reviewers corrected or confirmed; and
// the comparison of a born-digital file's text layer with what OCR reads on
// the same cells.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "kpiform/cells/cells.h"
#include "kpiform/cells/form.h"
#include "kpiform/normalize/record_builder.h"

namespace kpiform::audit {

// One table cell read both ways.
struct CellComparison {
  int page = 0;
  cells::Box box;
  std::string field_type;  // see field_type()
  std::string text_layer;  // the reference
  std::string ocr;
  std::size_t errors = 0;  // edit distance, white space ignored
  std::size_t length = 0;  // characters of the reference, white space ignored
};

struct FieldTypeError {
  std::string field_type;
  int cells = 0;
  std::size_t errors = 0;
  std::size_t length = 0;

  // Character error rate: errors per reference character (0 when empty).
  double cer() const {
    return length == 0 ? 0.0 : static_cast<double>(errors) / static_cast<double>(length);
  }
};

struct OcrComparison {
  std::vector<CellComparison> cells;    // page order, then cell order
  std::vector<FieldTypeError> by_type;  // in the order of field_type()'s types
  FieldTypeError overall;               // field_type "all"
  int unmatched = 0;                    // text-layer cells with text that OCR found no cell for
};

// The kind of content a record field holds, for error rates a user can
// act on: "numbers", "level names", "indicator names", "targets",
// "header", "goals", "remarks", "funds items"; "labels" for a cell that
// feeds no field (the form's printed headings): nullopt.
std::string field_type(const std::optional<schema::FieldPath>& field);

// Matches the cells of the text-layer pages with the cells OCR found on the
// same pages (by overlap) and measures how far OCR is from the text layer.
// `records` name the fields of the cells (their sources).
OcrComparison compare_ocr(const std::vector<cells::Page>& text_pages,
                          const std::vector<cells::Page>& ocr_pages,
                          const std::vector<normalize::BuiltRecord>& records);

// What a reviewer did to one field (kpiform review), shown beside it.
struct ReviewedField {
  schema::FieldPath field;
  bool corrected = false;                // else confirmed as it stood
  std::optional<std::string> extracted;  // a correction: the value it replaced
  std::optional<std::string> value;      // the value given, or confirmed
  std::string reviewer;
  std::string at;  // ISO 8601 UTC
  std::string reason;
  // Whether this reading agrees with the one reviewed: a correction's
  // extracted value is what this reading extracts; a confirmed value is the
  // field's value now (not one corrected since).
  bool matches_reading = true;
};

struct AuditInput {
  std::string path;
  std::vector<cells::Page> pages;  // with their images, when there are any
  std::vector<cells::Form> forms;
  std::vector<normalize::BuiltRecord> records;  // one per form, same order
  double min_confidence = normalize::kLowConfidence;
  std::optional<OcrComparison> comparison;
  // From a review database (empty without one): where it is, and per form
  // (same order) what reviewers did, in the order they did it. The records
  // then hold the corrected values, their checks re-run.
  std::optional<std::string> review_database;
  std::vector<std::vector<ReviewedField>> reviewed;
};

// The report as one HTML document.
std::string write_report(const AuditInput& input);

}  // namespace kpiform::audit
