// How well extracted records match the family corpus's ground truth,
// field by field (docs/FAMILY.md says what each figure counts). Used by the
// accuracy benchmark and by the ctest slice of the dev split.
#pragma once

#include <string>
#include <vector>

#include "kpiform/schema/record.h"

namespace kpiform::family {

struct Score {
  int forms_expected = 0, forms_found = 0;
  // Header, funds rows, total and every indicator field; a missing form or
  // indicator counts all its fields wrong, an extra indicator its fields.
  long fields = 0, fields_right = 0;
  // Targets and actuals typed right (kind, op, value, max, unit).
  long values = 0, values_right = 0;
  // Every number the truth prints (year, money, rates, points, values).
  long numbers = 0, numbers_right = 0;
  // Goals text: characters of the truth, edit distance of the reading.
  long goal_characters = 0, goal_errors = 0;
  // Forms whose checks (rule → ok) are those of the truth.
  int checks_agreeing = 0;

  void add(const Score& other);
  double field_accuracy() const;
  double value_accuracy() const;
  double number_accuracy() const;
  double goals_cer() const;
  double checks_agreement() const;
};

// Scores the records read from one input against its truth (the forms of
// the file, in order). Each wrong field is described in `errors` when given.
Score score_input(const std::vector<schema::Record>& truth, const std::vector<schema::Record>& read,
                  std::vector<std::string>* errors = nullptr);

}  // namespace kpiform::family
