// Turns a form read by layout into the typed record of RECORD.md: money in
// yuan, percentages, Values, the funds keys, and the consistency checks.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kpiform/cells/form.h"
#include "kpiform/schema/fields.h"
#include "kpiform/schema/record.h"

namespace kpiform::normalize {

struct SourceInfo {
  std::string path;
  std::optional<std::string> sha256;
  schema::Method method = schema::Method::kTextLayer;
};

// Recognised cells read with less confidence than this (by default) are
// counted in a warning, so that the record says it needs a look.
inline constexpr double kLowConfidence = 0.6;

struct BuiltRecord {
  schema::Record record;
  // Cells whose text could not be typed ("12,34" in a money column); the
  // field is null in the record and the reason is here; and, when fields
  // were read with less than the minimum confidence, how many. Repairs are
  // not warnings: they are below, with their cells.
  std::vector<std::string> warnings;
  std::vector<cells::FieldSource> sources;  // every field read, in form order
  // Recognised text replaced: by layout (closed vocabulary), while typing
  // (a number where a number belongs) and by the arithmetic, each with its
  // cell.
  std::vector<cells::Repair> repairs;
  int low_confidence_fields = 0;  // read with less than the minimum confidence
};

// A reviewer's correction: the field at `path` takes
// `text`, typed as the field types a printed cell (money in yuan, as the
// record holds it; a target or actual as a Value), and the record's checks
// are run again. Returns why not when `record` has no such row, the field
// is not a value (a funds row's label or key) or the text is not what the
// field holds ("abc" for a score).
std::optional<std::string> apply_correction(schema::Record& record, const schema::FieldPath& path,
                                            const std::string& text);

// The value of the field at `path` as text: a number as the forms print it,
// a Value's raw text; nullopt for a null field, a row not in `record` or a
// funds row's label or key.
std::optional<std::string> field_text(const schema::Record& record, const schema::FieldPath& path);

BuiltRecord build_record(const cells::Form& form, const SourceInfo& source,
                         double min_confidence = kLowConfidence);

}  // namespace kpiform::normalize
