// How GoogleTest prints the schema's typed names in a failure: as the
// contract spells them ("indicators[3].score", "total_score_sum").
#pragma once

#include <gtest/gtest.h>

#include <ostream>
#include <string_view>

#include "kpiform/schema/fields.h"
#include "kpiform/schema/record.h"

namespace kpiform::schema {

inline void PrintTo(const FieldPath& path, std::ostream* out) {
  *out << to_string(path);
}

inline void PrintTo(CheckRule rule, std::ostream* out) {
  *out << to_string(rule);
}

// A path as the contract writes it; fails the test (and gives the first
// field) for a spelling that names no field.
inline FieldPath path(std::string_view text) {
  const auto named = field_path_named(text);
  if (!named) ADD_FAILURE() << "no field '" << text << "' in the contract";
  return named.value_or(FieldPath{});
}

}  // namespace kpiform::schema
