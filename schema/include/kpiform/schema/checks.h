// The consistency rules of RECORD.md ("checks"), run on a finished record.
//
// A rule whose inputs are missing is left out; a failed rule is data, not an
// error.
#pragma once

#include <string>
#include <vector>

#include "kpiform/schema/fields.h"
#include "kpiform/schema/record.h"

namespace kpiform::schema {

// Tolerance of the sums (total_score_sum, total_weight_sum).
inline constexpr double kCheckTolerance = 0.01;

// The decimals the form prints its funds 执行率 and 得分 with: those checks
// allow one unit of the printed last place (1 for "100%", 0.01 for
// "90.62%"), as a clerk checks them. -1, as in a record read from JSON:
// the decimals the value itself needs, at most two.
struct PrintedPrecision {
  int execution_rate_decimals = -1;
  int funds_score_decimals = -1;
};

// Shortest decimal spelling with at most `max_decimals` places: 4.99, 100,
// 71.967712 (as the forms print weights, scores and amounts).
std::string format_decimal(double value, int max_decimals);

// Returns the results in the order total_score_sum, total_weight_sum,
// execution_rate, funds_score, score_within_weight.
std::vector<Check> run_checks(const Record& record, const PrintedPrecision& precision = {});

// The fields `check` compares (total.score, funds[0].score,
// indicators[2].score, …): what to show beside a failed check. For
// score_within_weight, only the scores over their weight.
std::vector<FieldPath> check_fields(const Record& record, const Check& check);

}  // namespace kpiform::schema
