#include "kpiform/schema/checks.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace kpiform::schema {

namespace {

// Comparisons allow for binary rounding on top of the printed tolerance.
constexpr double kEpsilon = 1e-9;

bool within_tolerance(double a, double b, double tolerance = kCheckTolerance) {
  return std::fabs(a - b) <= tolerance + kEpsilon;
}

// One unit of the last place `value` was printed with.
double printed_unit(double value, int decimals) {
  if (decimals < 0) {
    decimals = 0;
    while (decimals < 2 && std::fabs(value * std::pow(10.0, decimals) -
                                     std::round(value * std::pow(10.0, decimals))) > 1e-6) {
      ++decimals;
    }
  }
  return std::pow(10.0, -decimals);
}

std::string format_number(double x, int decimals = 2) {
  return format_decimal(x, decimals);
}

const FundsRow* funds_total(const Record& record) {
  auto it = std::find_if(record.funds.begin(), record.funds.end(),
                         [](const FundsRow& row) { return row.key == FundsKey::kTotal; });
  return it == record.funds.end() ? nullptr : &*it;
}

bool over_weight(const std::optional<double>& score, const std::optional<double>& weight) {
  return score && weight && *score > *weight + kEpsilon;
}

// Σ of one indicator field over the rows that print it; nullopt when none do.
std::optional<double> indicator_sum(const Record& record, std::optional<double> Indicator::*field) {
  std::optional<double> sum;
  for (const Indicator& indicator : record.indicators) {
    if (indicator.*field) sum = sum.value_or(0) + *(indicator.*field);
  }
  return sum;
}

void check_sum(const Record& record, const FundsRow* funds,
               std::optional<double> FundsRow::*funds_field,
               std::optional<double> Indicator::*indicator_field,
               std::optional<double> Total::*total_field, CheckRule rule, const char* total_label,
               const char* item_label, std::vector<Check>& out) {
  const std::optional<double> printed = record.total.*total_field;
  const std::optional<double> items = indicator_sum(record, indicator_field);
  if (!printed || !funds || !(funds->*funds_field) || !items) return;
  const double funds_part = *(funds->*funds_field);
  const double expected = funds_part + *items;
  out.push_back({rule, within_tolerance(*printed, expected),
                 std::string(total_label) + " " + format_number(*printed) + " vs " +
                     format_number(funds_part) + " + Σ" + item_label + " " + format_number(*items) +
                     " = " + format_number(expected)});
}

}  // namespace

std::string format_decimal(double value, int max_decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", max_decimals, value);
  std::string text = buffer;
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  return text;
}

std::vector<Check> run_checks(const Record& record, const PrintedPrecision& precision) {
  std::vector<Check> checks;
  const FundsRow* funds = funds_total(record);

  check_sum(record, funds, &FundsRow::score, &Indicator::score, &Total::score,
            CheckRule::kTotalScoreSum, "总分", "得分", checks);
  check_sum(record, funds, &FundsRow::weight, &Indicator::weight, &Total::weight,
            CheckRule::kTotalWeightSum, "总分值", "分值", checks);

  if (funds && funds->execution_rate && funds->executed && funds->annual_budget &&
      *funds->annual_budget != 0) {
    const double computed = *funds->executed / *funds->annual_budget * 100;
    const double unit = printed_unit(*funds->execution_rate, precision.execution_rate_decimals);
    checks.push_back(
        {CheckRule::kExecutionRate, within_tolerance(*funds->execution_rate, computed, unit),
         "执行率 " + format_number(*funds->execution_rate) + "% vs " +
             format_number(*funds->executed) + " / " + format_number(*funds->annual_budget) +
             " × 100 = " + format_number(computed, 4) + "%"});
  }

  if (funds && funds->score && funds->execution_rate && funds->weight) {
    const double rate = std::min(*funds->execution_rate, 100.0);
    const double computed = rate / 100 * *funds->weight;
    const double unit = printed_unit(*funds->score, precision.funds_score_decimals);
    checks.push_back({CheckRule::kFundsScore, within_tolerance(*funds->score, computed, unit),
                      "资金得分 " + format_number(*funds->score) + " vs min(" +
                          format_number(*funds->execution_rate) + ", 100) / 100 × " +
                          format_number(*funds->weight) + " = " + format_number(computed, 4)});
  }

  std::vector<std::string> offenders;
  bool any_pair = false;
  auto inspect = [&](const std::optional<double>& score, const std::optional<double>& weight,
                     const std::string& label) {
    if (!score || !weight) return;
    any_pair = true;
    if (over_weight(score, weight)) {
      offenders.push_back(label + " 得分 " + format_number(*score) + " > 分值 " +
                          format_number(*weight));
    }
  };
  if (funds) inspect(funds->score, funds->weight, "资金");
  for (const Indicator& indicator : record.indicators) {
    inspect(indicator.score, indicator.weight, indicator.level3.value_or("(无名指标)"));
  }
  if (any_pair) {
    std::string message = "得分均不超过分值";
    if (!offenders.empty()) {
      message.clear();
      for (const std::string& item : offenders) {
        message += (message.empty() ? "" : "; ") + item;
      }
    }
    checks.push_back({CheckRule::kScoreWithinWeight, offenders.empty(), message});
  }
  return checks;
}

std::vector<FieldPath> check_fields(const Record& record, const Check& check) {
  std::vector<FieldPath> fields;
  const FundsRow* funds = funds_total(record);
  auto add_funds = [&](Field field) {
    if (funds) fields.push_back({field, static_cast<std::size_t>(funds - record.funds.data())});
  };
  auto add_indicators = [&](Field field) {
    for (std::size_t i = 0; i < record.indicators.size(); ++i) {
      if (number_at(record, {field, i})) fields.push_back({field, i});
    }
  };
  switch (check.rule) {
    case CheckRule::kTotalScoreSum:
      fields.push_back({Field::kTotalScore});
      add_funds(Field::kFundsScore);
      add_indicators(Field::kIndicatorScore);
      break;
    case CheckRule::kTotalWeightSum:
      fields.push_back({Field::kTotalWeight});
      add_funds(Field::kFundsWeight);
      add_indicators(Field::kIndicatorWeight);
      break;
    case CheckRule::kExecutionRate:
      add_funds(Field::kExecutionRate);
      add_funds(Field::kExecuted);
      add_funds(Field::kAnnualBudget);
      break;
    case CheckRule::kFundsScore:
      add_funds(Field::kFundsScore);
      add_funds(Field::kExecutionRate);
      add_funds(Field::kFundsWeight);
      break;
    case CheckRule::kScoreWithinWeight:
      if (funds && over_weight(funds->score, funds->weight)) {
        add_funds(Field::kFundsScore);
        add_funds(Field::kFundsWeight);
      }
      for (std::size_t i = 0; i < record.indicators.size(); ++i) {
        const Indicator& indicator = record.indicators[i];
        if (!over_weight(indicator.score, indicator.weight)) continue;
        fields.push_back({Field::kIndicatorScore, i});
        fields.push_back({Field::kIndicatorWeight, i});
      }
      break;
  }
  return fields;
}

}  // namespace kpiform::schema
