#include "family_score.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "kpiform/schema/checks.h"
#include "kpiform/schema/fields.h"
#include "kpiform/text/clean.h"
#include "kpiform/text/utf8.h"

namespace kpiform::family {

namespace {

using schema::FieldPath;
using schema::FieldType;
using schema::Indicator;
using schema::Part;
using schema::Record;
using schema::Value;

constexpr double kNumberTolerance = 0.005;  // money in yuan to the fen, points to 0.01

bool same_number(const std::optional<double>& a, const std::optional<double>& b) {
  return a.has_value() == b.has_value() && (!a || std::fabs(*a - *b) <= kNumberTolerance);
}

std::string shown(const std::optional<std::string>& text) {
  return text ? "\"" + *text + "\"" : "null";
}

std::string shown(const std::optional<double>& number) {
  return number ? schema::format_decimal(*number, 4) : "null";
}

bool same_value(const Value& a, const Value& b) {
  return a.kind == b.kind && a.op == b.op && same_number(a.value, b.value) &&
         same_number(a.max, b.max) && a.unit == b.unit;
}

class Scorer {
 public:
  Scorer(Score& score, std::vector<std::string>* errors) : score_(score), errors_(errors) {}

  void text_field(const std::string& where, const std::optional<std::string>& truth,
                  const std::optional<std::string>& read) {
    ++score_.fields;
    if (truth == read) {
      ++score_.fields_right;
    } else {
      error(where + ": " + shown(truth) + " read " + shown(read));
    }
  }

  void number_field(const std::string& where, const std::optional<double>& truth,
                    const std::optional<double>& read) {
    ++score_.fields;
    const bool right = same_number(truth, read);
    if (right) ++score_.fields_right;
    number(truth, read);
    if (!right) error(where + ": " + shown(truth) + " read " + shown(read));
  }

  // A number the truth prints, counted for the number accuracy.
  void number(const std::optional<double>& truth, const std::optional<double>& read) {
    if (!truth) return;
    ++score_.numbers;
    if (same_number(truth, read)) ++score_.numbers_right;
  }

  void value(const std::string& where, const Value& truth, const Value* read) {
    ++score_.values;
    number(truth.value, read ? read->value : std::nullopt);
    number(truth.max, read ? read->max : std::nullopt);
    if (read && same_value(truth, *read)) {
      ++score_.values_right;
    } else {
      error(where + " typed: " + shown(truth.raw) + " as " + schema::to_string(truth.kind) +
            " read " + (read ? std::string(schema::to_string(read->kind)) : "nothing"));
    }
  }

  void goals(const std::optional<std::string>& truth, const std::optional<std::string>& read) {
    if (!truth) return;
    score_.goal_characters += static_cast<long>(text::character_count(*truth));
    score_.goal_errors += static_cast<long>(text::edit_distance(*truth, read.value_or("")));
  }

  // Truth's field at `path` against the reading's at `read_path` (no
  // reading: every field null), counted as the field's type is.
  void field(const std::string& where, const Record& truth, const FieldPath& path,
             const Record* read, const FieldPath& read_path) {
    const schema::FieldInfo& info = schema::info(path.field);
    const std::string at = where + "." + info.name;
    switch (info.type) {
      case FieldType::kFundsKey:
        return;  // which row it is, not a value read
      case FieldType::kYear:
      case FieldType::kMoney:
      case FieldType::kPercent:
      case FieldType::kNumber:
        number_field(at, schema::number_at(truth, path),
                     read ? schema::number_at(*read, read_path) : std::nullopt);
        return;
      case FieldType::kValue:
        text_field(at + ".raw", schema::text_at(truth, path),
                   read ? schema::text_at(*read, read_path) : std::nullopt);
        value(at, *schema::value_at(truth, path),
              read ? schema::value_at(*read, read_path) : nullptr);
        return;
      case FieldType::kText:
      case FieldType::kLevelName:
        text_field(at, schema::text_at(truth, path),
                   read ? schema::text_at(*read, read_path) : std::nullopt);
        return;
    }
  }

  // Every field of a part's row (or of the form's own part) against the reading's.
  void row(const std::string& where, schema::Part part, const Record& truth, std::size_t truth_row,
           const Record* read, std::size_t read_row) {
    for (const schema::FieldInfo& info : schema::fields_of(part)) {
      field(where, truth, {info.field, truth_row}, read, {info.field, read_row});
    }
  }

  void form(const std::string& where, const Record& truth, const Record* read) {
    static const Record kNone{};
    const Record& r = read ? *read : kNone;
    row(where, Part::kForm, truth, 0, read, 0);
    for (std::size_t i = 0; i < truth.funds.size(); ++i) {
      const schema::FundsKey key = truth.funds[i].key;
      const auto found = std::find_if(r.funds.begin(), r.funds.end(),
                                      [&](const schema::FundsRow& x) { return x.key == key; });
      row(where + ".funds." + schema::to_string(key), Part::kFunds, truth, i,
          found == r.funds.end() ? nullptr : &r, static_cast<std::size_t>(found - r.funds.begin()));
    }
    row(where + ".total", Part::kTotal, truth, 0, read, 0);
    for (const schema::FieldInfo& info : schema::fields_of(Part::kGoals)) {
      goals(schema::text_at(truth, {info.field}), schema::text_at(r, {info.field}));
    }

    const std::vector<int> pairs = align(truth, r);
    std::vector<bool> used(r.indicators.size(), false);
    for (std::size_t i = 0; i < truth.indicators.size(); ++i) {
      const int j = pairs[i];
      if (j >= 0) used[static_cast<std::size_t>(j)] = true;
      row(where + ".indicators[" + std::to_string(i) + "]", Part::kIndicators, truth, i,
          j >= 0 ? &r : nullptr, static_cast<std::size_t>(std::max(j, 0)));
    }
    for (std::size_t j = 0; j < r.indicators.size(); ++j) {
      if (used[j]) continue;
      score_.fields += counted_fields(Part::kIndicators);
      error(where + ": extra indicator " + shown(r.indicators[j].level3));
    }

    std::map<schema::CheckRule, bool> truth_checks, read_checks;
    for (const schema::Check& check : truth.checks) truth_checks[check.rule] = check.ok;
    for (const schema::Check& check : r.checks) read_checks[check.rule] = check.ok;
    if (read && truth_checks == read_checks) {
      ++score_.checks_agreeing;
    } else {
      for (const auto& [rule, ok] : truth_checks) {
        const auto found = read_checks.find(rule);
        if (found == read_checks.end() || found->second != ok) {
          error(where + ".checks." + schema::to_string(rule) + ": " + (ok ? "ok" : "failed") +
                " read " +
                (found == read_checks.end() ? "absent" : (found->second ? "ok" : "failed")));
        }
      }
    }
  }

 private:
  // The fields of `part` a score counts (all but the funds key).
  static long counted_fields(Part part) {
    const auto fields = schema::fields_of(part);
    return std::count_if(fields.begin(), fields.end(), [](const schema::FieldInfo& info) {
      return info.type != FieldType::kFundsKey;
    });
  }

  // How many fields of two indicator rows are equal (a Value by its text).
  static int equal_fields(const Record& truth, std::size_t i, const Record& read, std::size_t j) {
    int equal = 0;
    for (const schema::FieldInfo& info : schema::fields_of(Part::kIndicators)) {
      const FieldPath a{info.field, i}, b{info.field, j};
      equal += schema::is_numeric(info.type)
                   ? same_number(schema::number_at(truth, a), schema::number_at(read, b))
                   : schema::text_at(truth, a) == schema::text_at(read, b);
    }
    return equal;
  }

  // The order-keeping pairing of truth and read indicators with the most
  // equal fields (a pair needs three); -1 for a truth row left unpaired.
  static std::vector<int> align(const Record& truth, const Record& read) {
    const std::size_t n = truth.indicators.size(), m = read.indicators.size();
    std::vector<std::vector<int>> best(n + 1, std::vector<int>(m + 1, 0));
    const auto gain = [&](std::size_t i, std::size_t j) {
      const int equal = equal_fields(truth, i, read, j);
      return equal >= 3 ? equal : -1;
    };
    for (std::size_t i = 1; i <= n; ++i) {
      for (std::size_t j = 1; j <= m; ++j) {
        best[i][j] = std::max(best[i - 1][j], best[i][j - 1]);
        const int g = gain(i - 1, j - 1);
        if (g > 0) best[i][j] = std::max(best[i][j], best[i - 1][j - 1] + g);
      }
    }
    std::vector<int> pairs(n, -1);
    for (std::size_t i = n, j = m; i > 0 && j > 0;) {
      const int g = gain(i - 1, j - 1);
      if (g > 0 && best[i][j] == best[i - 1][j - 1] + g) {
        pairs[i - 1] = static_cast<int>(j - 1);
        --i;
        --j;
      } else if (best[i][j] == best[i - 1][j]) {
        --i;
      } else {
        --j;
      }
    }
    return pairs;
  }

  void error(const std::string& text) {
    if (errors_) errors_->push_back(text);
  }

  Score& score_;
  std::vector<std::string>* errors_;
};

// How much a read form looks like a truth form: its name, and the share of
// the truth's indicator names it has.
double likeness(const Record& truth, const Record& read) {
  double names = 0;
  for (const Indicator& indicator : truth.indicators) {
    names += std::any_of(read.indicators.begin(), read.indicators.end(),
                         [&](const Indicator& x) { return x.level3 == indicator.level3; });
  }
  return (truth.project_name == read.project_name ? 1.0 : 0.0) +
         names / static_cast<double>(std::max<std::size_t>(1, truth.indicators.size()));
}

}  // namespace

void Score::add(const Score& other) {
  forms_expected += other.forms_expected;
  forms_found += other.forms_found;
  fields += other.fields;
  fields_right += other.fields_right;
  values += other.values;
  values_right += other.values_right;
  numbers += other.numbers;
  numbers_right += other.numbers_right;
  goal_characters += other.goal_characters;
  goal_errors += other.goal_errors;
  checks_agreeing += other.checks_agreeing;
}

namespace {
double ratio(long part, long whole) {
  return whole == 0 ? 1.0 : static_cast<double>(part) / static_cast<double>(whole);
}
}  // namespace

double Score::field_accuracy() const {
  return ratio(fields_right, fields);
}
double Score::value_accuracy() const {
  return ratio(values_right, values);
}
double Score::number_accuracy() const {
  return ratio(numbers_right, numbers);
}
double Score::goals_cer() const {
  return ratio(goal_errors, goal_characters);
}
double Score::checks_agreement() const {
  return ratio(checks_agreeing, forms_expected);
}

Score score_input(const std::vector<Record>& truth, const std::vector<Record>& read,
                  std::vector<std::string>* errors) {
  Score score;
  Scorer scorer(score, errors);
  std::vector<bool> taken(read.size(), false);
  for (std::size_t t = 0; t < truth.size(); ++t) {
    // The untaken read form most like this one, if it is like it at all.
    int best = -1;
    double best_likeness = 0.3;
    for (std::size_t r = 0; r < read.size(); ++r) {
      if (taken[r]) continue;
      const double l = likeness(truth[t], read[r]);
      if (l > best_likeness) {
        best_likeness = l;
        best = static_cast<int>(r);
      }
    }
    ++score.forms_expected;
    const std::string where = "form " + std::to_string(t + 1);
    if (best >= 0) {
      taken[static_cast<std::size_t>(best)] = true;
      ++score.forms_found;
    } else if (errors) {
      errors->push_back(where + ": not found (" + shown(truth[t].project_name) + ")");
    }
    scorer.form(where, truth[t], best >= 0 ? &read[static_cast<std::size_t>(best)] : nullptr);
  }
  return score;
}

}  // namespace kpiform::family
