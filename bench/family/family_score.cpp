#include "family_score.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "kpiform/normalize/text.h"
#include "kpiform/schema/checks.h"

namespace kpiform::family {

namespace {

using schema::Indicator;
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
    score_.goal_characters += static_cast<long>(normalize::length_in_characters(*truth));
    score_.goal_errors += static_cast<long>(normalize::edit_distance(*truth, read.value_or("")));
  }

  void indicator(const std::string& where, const Indicator& truth, const Indicator* read) {
    static const Indicator kNone{};
    const Indicator& r = read ? *read : kNone;
    text_field(where + ".level1", truth.level1, r.level1);
    text_field(where + ".level2", truth.level2, r.level2);
    text_field(where + ".level3", truth.level3, r.level3);
    text_field(where + ".target.raw", truth.target.raw, r.target.raw);
    text_field(where + ".actual.raw", truth.actual.raw, r.actual.raw);
    number_field(where + ".weight", truth.weight, r.weight);
    number_field(where + ".score", truth.score, r.score);
    text_field(where + ".deviation", truth.deviation, r.deviation);
    value(where + ".target", truth.target, read ? &read->target : nullptr);
    value(where + ".actual", truth.actual, read ? &read->actual : nullptr);
  }

  void form(const std::string& where, const Record& truth, const Record* read) {
    static const Record kNone{};
    const Record& r = read ? *read : kNone;
    text_field(where + ".title", truth.title, r.title);
    number_field(where + ".year", truth.year ? std::optional<double>(*truth.year) : std::nullopt,
                 r.year ? std::optional<double>(*r.year) : std::nullopt);
    text_field(where + ".project_name", truth.project_name, r.project_name);
    text_field(where + ".supervising_department", truth.supervising_department,
               r.supervising_department);
    text_field(where + ".implementing_unit", truth.implementing_unit, r.implementing_unit);
    for (const schema::FundsRow& row : truth.funds) {
      const std::string at = where + ".funds." + schema::to_string(row.key);
      const auto found = std::find_if(r.funds.begin(), r.funds.end(),
                                      [&](const schema::FundsRow& x) { return x.key == row.key; });
      static const schema::FundsRow kNoRow{};
      const schema::FundsRow& other = found == r.funds.end() ? kNoRow : *found;
      text_field(at + ".item", row.item,
                 found == r.funds.end() ? std::nullopt : std::optional(other.item));
      number_field(at + ".initial_budget", row.initial_budget, other.initial_budget);
      number_field(at + ".annual_budget", row.annual_budget, other.annual_budget);
      number_field(at + ".executed", row.executed, other.executed);
      number_field(at + ".weight", row.weight, other.weight);
      number_field(at + ".execution_rate", row.execution_rate, other.execution_rate);
      number_field(at + ".score", row.score, other.score);
    }
    number_field(where + ".total.weight", truth.total.weight, r.total.weight);
    number_field(where + ".total.score", truth.total.score, r.total.score);
    goals(truth.goals.planned, r.goals.planned);
    goals(truth.goals.achieved, r.goals.achieved);

    const std::vector<int> pairs = align(truth.indicators, r.indicators);
    std::vector<bool> used(r.indicators.size(), false);
    for (std::size_t i = 0; i < truth.indicators.size(); ++i) {
      const int j = pairs[i];
      if (j >= 0) used[static_cast<std::size_t>(j)] = true;
      indicator(where + ".indicators[" + std::to_string(i) + "]", truth.indicators[i],
                j >= 0 ? &r.indicators[static_cast<std::size_t>(j)] : nullptr);
    }
    for (std::size_t j = 0; j < r.indicators.size(); ++j) {
      if (used[j]) continue;
      score_.fields += 8;
      error(where + ": extra indicator " + shown(r.indicators[j].level3));
    }

    std::map<std::string, bool> truth_checks, read_checks;
    for (const schema::Check& check : truth.checks) truth_checks[check.rule] = check.ok;
    for (const schema::Check& check : r.checks) read_checks[check.rule] = check.ok;
    if (read && truth_checks == read_checks) {
      ++score_.checks_agreeing;
    } else {
      for (const auto& [rule, ok] : truth_checks) {
        const auto found = read_checks.find(rule);
        if (found == read_checks.end() || found->second != ok) {
          error(where + ".checks." + rule + ": " + (ok ? "ok" : "failed") + " read " +
                (found == read_checks.end() ? "absent" : (found->second ? "ok" : "failed")));
        }
      }
    }
  }

 private:
  static int equal_fields(const Indicator& a, const Indicator& b) {
    return (a.level1 == b.level1) + (a.level2 == b.level2) + (a.level3 == b.level3) +
           (a.target.raw == b.target.raw) + (a.actual.raw == b.actual.raw) +
           same_number(a.weight, b.weight) + same_number(a.score, b.score) +
           (a.deviation == b.deviation);
  }

  // The order-keeping pairing of truth and read indicators with the most
  // equal fields (a pair needs three); -1 for a truth row left unpaired.
  static std::vector<int> align(const std::vector<Indicator>& truth,
                                const std::vector<Indicator>& read) {
    const std::size_t n = truth.size(), m = read.size();
    std::vector<std::vector<int>> best(n + 1, std::vector<int>(m + 1, 0));
    const auto gain = [&](std::size_t i, std::size_t j) {
      const int equal = equal_fields(truth[i], read[j]);
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
