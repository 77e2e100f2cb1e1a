// Turns a form read by layout into the typed record of RECORD.md: money in
// yuan, percentages, Values, the funds keys, and the consistency checks.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kpiform/cells/form.h"
#include "kpiform/schema/record.h"

namespace kpiform::normalize {

struct SourceInfo {
  std::string path;
  std::optional<std::string> sha256;
  schema::Method method = schema::Method::kTextLayer;
};

// Recognised cells read with less confidence than this are counted in a
// warning, so that the record says it needs a look.
inline constexpr double kLowConfidence = 0.6;

struct BuiltRecord {
  schema::Record record;
  // Cells whose text could not be typed ("12,34" in a money column); the
  // field is null in the record and the reason is here.
  std::vector<std::string> warnings;
};

BuiltRecord build_record(const cells::Form& form, const SourceInfo& source);

}  // namespace kpiform::normalize
