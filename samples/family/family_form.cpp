#include "family_form.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <set>

#include "kpiform/schema/checks.h"
#include "pools.h"

namespace kpiform::family {

namespace {

using samples::with_thousands;
using schema::Op;
using schema::Value;
using schema::ValueKind;

// mt19937_64's output is fixed by the standard; the distributions of
// <random> are not, so ranges are taken from the raw output here.
class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  int between(int low, int high) {
    return low + static_cast<int>(engine_() % static_cast<std::uint64_t>(high - low + 1));
  }
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  double uniform(double low, double high) { return low + (high - low) * uniform(); }
  bool chance(double p) { return uniform() < p; }
  template <typename T>
  const T& pick(const std::vector<T>& items) {
    return items[static_cast<std::size_t>(between(0, static_cast<int>(items.size()) - 1))];
  }

 private:
  std::mt19937_64 engine_;
};

std::string decimal(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

// To `decimals` places; a negative count rounds to tens, hundreds, ….
double rounded(double value, int decimals) {
  if (decimals < 0) {
    const double step = std::pow(10.0, -decimals);
    return std::round(value / step) * step;
  }
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

// 500 → 五百, 12000 → 一万二千, 15 → 十五, 305 → 三百零五 (below 10^8).
std::string chinese_numeral(long value) {
  static const char* digits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  static const char* places[] = {"", "十", "百", "千"};
  const auto below_10000 = [&](long n, bool leading) {
    std::string out;
    bool zero = false;
    for (int place = 3; place >= 0; --place) {
      const long digit = n / static_cast<long>(std::pow(10, place)) % 10;
      if (digit == 0) {
        zero = !out.empty() || leading;
        continue;
      }
      if (zero) out += digits[0];
      zero = false;
      if (!(digit == 1 && place == 1 && out.empty() && !leading)) out += digits[digit];
      out += places[place];
    }
    return out;
  };
  if (value < 10000) return below_10000(value, false);
  std::string out = below_10000(value / 10000, false) + "万";
  if (value % 10000 != 0) {
    // "一万零五百" keeps the zero; "一万二千" has none.
    out += (value % 10000 < 1000 ? "零" : "") + below_10000(value % 10000, false);
  }
  return out;
}

// 2022 → 二〇二二.
std::string chinese_year(int year) {
  static const char* digits[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  std::string out;
  for (char c : std::to_string(year)) out += digits[c - '0'];
  return out;
}

// A printed target or actual and its meaning.
struct Typed {
  std::string raw;
  Value value;
};

Typed quantity(std::string raw, std::optional<Op> op, double number,
               std::optional<std::string> unit) {
  Value value;
  value.raw = raw;
  value.kind = ValueKind::kQuantity;
  value.op = op;
  value.value = number;
  value.unit = std::move(unit);
  return {std::move(raw), value};
}

Typed range(std::string raw, double low, double high, std::string unit) {
  Value value;
  value.raw = raw;
  value.kind = ValueKind::kRange;
  value.value = low;
  value.max = high;
  value.unit = std::move(unit);
  return {std::move(raw), value};
}

Typed text(std::string raw) {
  Value value;
  value.raw = raw;
  value.kind = ValueKind::kText;
  return {std::move(raw), value};
}

// An operator at least / at most in one of the ways forms print it.
enum class Bound { kAtLeast, kAtMost, kExactly, kNone };

Typed bounded(Random& random, Bound bound, double number, const std::string& number_text,
              const std::string& unit) {
  const std::optional<std::string> typed_unit =
      unit.empty() ? std::nullopt : std::optional(unit == "百分比" ? std::string("%") : unit);
  switch (bound) {
    case Bound::kAtLeast: {
      switch (random.between(0, 5)) {
        case 0:
          return quantity("≥" + number_text + unit, Op::kGe, number, typed_unit);
        case 1:
          return quantity(">=" + number_text + unit, Op::kGe, number, typed_unit);
        case 2:
          return quantity((unit == "%" ? "不低于" : "不少于") + number_text + unit, Op::kGe, number,
                          typed_unit);
        case 3:
          return quantity(number_text + unit + "以上", Op::kGe, number, typed_unit);
        case 4:
          return quantity("达到" + number_text + unit, Op::kGe, number, typed_unit);
        default:
          return quantity(">" + number_text + unit, Op::kGt, number, typed_unit);
      }
    }
    case Bound::kAtMost: {
      switch (random.between(0, 3)) {
        case 0:
          return quantity("≤" + number_text + unit, Op::kLe, number, typed_unit);
        case 1:
          return quantity("不超过" + number_text + unit, Op::kLe, number, typed_unit);
        case 2:
          return quantity(number_text + unit + "以内", Op::kLe, number, typed_unit);
        default:
          return quantity("<" + number_text + unit, Op::kLt, number, typed_unit);
      }
    }
    case Bound::kExactly:
      return quantity("=" + number_text + unit, Op::kEq, number, typed_unit);
    case Bound::kNone:
      break;
  }
  return quantity(number_text + unit, std::nullopt, number, typed_unit);
}

// A count printed in digits, with thousands separators, or in Chinese.
std::string count_text(Random& random, long count, bool allow_chinese) {
  if (allow_chinese && random.chance(0.12) && count % 100 == 0) return chinese_numeral(count);
  const std::string digits = std::to_string(count);
  return count >= 1000 && random.chance(0.5) ? with_thousands(digits) : digits;
}

// A percentage target and its actual.
std::pair<Typed, Typed> percent_pair(Random& random, bool lower_is_better, bool deducted) {
  if (lower_is_better) {
    const int limit = random.pick(std::vector<int>{1, 2, 3, 5, 10});
    const double actual = deducted ? limit + random.between(1, 3) : random.between(0, limit);
    return {bounded(random, Bound::kAtMost, limit, std::to_string(limit), "%"),
            quantity(decimal(actual, 0) + "%", std::nullopt, actual, "%")};
  }
  const int goal = random.pick(std::vector<int>{80, 85, 90, 95, 98, 100});
  Typed target;
  const int style = random.between(0, 9);
  if (goal == 100 && style < 4) {
    target = style == 0 ? quantity("=100", Op::kEq, 100, std::nullopt)
                        : (style == 1 ? quantity("100%", std::nullopt, 100, "%")
                                      : quantity("=100%", Op::kEq, 100, "%"));
  } else if (style == 4) {
    target = bounded(random, Bound::kAtLeast, goal, std::to_string(goal), "百分比");
  } else if (style == 5 && goal != 100) {
    target = quantity("百分之" + chinese_numeral(goal), std::nullopt, goal, "%");
  } else {
    target = bounded(random, Bound::kAtLeast, goal, std::to_string(goal), "%");
  }
  double actual = goal == 100 ? 100 : rounded(random.uniform(goal, 100), random.between(0, 2));
  if (deducted) actual = rounded(goal - random.uniform(2, 15), random.between(0, 1));
  const int decimals =
      actual == std::round(actual) ? 0 : (actual * 10 == std::round(actual * 10) ? 1 : 2);
  return {target, quantity(decimal(actual, decimals) + "%", std::nullopt, actual, "%")};
}

std::pair<Typed, Typed> count_pair(Random& random, const Thing& thing, bool deducted) {
  long goal = random.between(thing.low, thing.high);
  if (goal >= 1000) goal = goal / 100 * 100;
  if (random.chance(0.15) && goal >= 4) {
    const long high = goal + std::max<long>(2, goal / 2);
    const std::string dash = random.pick(std::vector<std::string>{"-", "～", "—", "-"});
    const long actual = deducted ? std::max<long>(0, goal - 1)
                                 : random.between(static_cast<int>(goal), static_cast<int>(high));
    return {range(std::to_string(goal) + dash + std::to_string(high) + thing.unit,
                  static_cast<double>(goal), static_cast<double>(high), thing.unit),
            quantity(std::to_string(actual) + thing.unit, std::nullopt, static_cast<double>(actual),
                     thing.unit)};
  }
  const std::string goal_text = count_text(random, goal, true);
  const Bound bound =
      random.chance(0.75) ? Bound::kAtLeast : (random.chance(0.5) ? Bound::kNone : Bound::kExactly);
  Typed target = bounded(random, bound, static_cast<double>(goal), goal_text, thing.unit);
  long actual = deducted
                    ? goal - std::max<long>(1, goal / random.between(5, 20))
                    : goal + (random.chance(0.5)
                                  ? 0
                                  : random.between(0, std::max(1, static_cast<int>(goal / 10))));
  return {target, quantity(count_text(random, actual, false) + thing.unit, std::nullopt,
                           static_cast<double>(actual), thing.unit)};
}

std::pair<Typed, Typed> cost_pair(Random& random, bool deducted) {
  const int style = random.between(0, 3);
  std::string unit = "万元";
  double limit = random.between(20, 3000);
  std::string limit_text = std::to_string(static_cast<long>(limit));
  if (style == 0) {
    unit = "元";
    limit = random.between(50, 900) * 100;
    limit_text = count_text(random, static_cast<long>(limit), false);
  } else if (style == 1) {
    unit = "亿元";
    limit = random.between(11, 49) / 10.0;
    limit_text = decimal(limit, 1);
  }
  const double actual =
      rounded(limit * (deducted ? random.uniform(1.02, 1.1) : random.uniform(0.8, 1.0)),
              unit == "元" ? 0 : 2);
  const std::string actual_text = unit == "元"
                                      ? count_text(random, static_cast<long>(actual), false)
                                      : schema::format_decimal(actual, 2);
  return {bounded(random, Bound::kAtMost, limit, limit_text, unit),
          quantity(actual_text + unit, std::nullopt, actual, unit)};
}

std::pair<Typed, Typed> duration_pair(Random& random, int year, bool deducted) {
  switch (random.between(0, 3)) {
    case 0: {
      const std::string unit = random.pick(std::vector<std::string>{"个工作日", "天", "小时"});
      const int limit =
          unit == "小时" ? random.pick(std::vector<int>{2, 4, 24, 48}) : random.between(3, 30);
      const int actual =
          deducted ? limit + random.between(1, 5) : std::max(1, limit - random.between(0, 2));
      return {bounded(random, Bound::kAtMost, limit, std::to_string(limit), unit),
              quantity(std::to_string(actual) + unit, std::nullopt, actual, unit)};
    }
    case 1:
      return {text(chinese_year(year) + "年底前"), text(deducted ? "未按期完成" : "按期完成")};
    case 2:
      return {text(std::to_string(year) + "年12月底前"),
              text(std::to_string(year) + "年" + std::to_string(random.between(6, 12)) + "月")};
    default:
      return {
          text(std::to_string(year) + "年" + std::to_string(random.between(9, 12)) + "月底前完成"),
          text(deducted ? std::to_string(year + 1) + "年3月完成" : "已完成")};
  }
}

std::pair<Typed, Typed> text_pair(Random& random) {
  return {text(random.pick(text_targets())), text(random.pick(text_actuals()))};
}

// One indicator's name and printed values for a level-2 kind.
struct IndicatorDraft {
  std::string level3;
  Typed target, actual;
};

IndicatorDraft draft(Random& random, const Sector& sector, const std::string& level2, int year,
                     bool deducted) {
  const Thing& thing = random.pick(sector.things);
  const std::string& activity = random.pick(sector.activities);
  const std::string& who = random.pick(sector.beneficiaries);
  const std::string& effect = random.pick(sector.effects);
  const auto with = [](std::string name, std::pair<Typed, Typed> values) {
    return IndicatorDraft{std::move(name), std::move(values.first), std::move(values.second)};
  };
  if (level2 == "数量指标") {
    switch (random.between(0, 2)) {
      case 0:
        return with(thing.name + "数量", count_pair(random, thing, deducted));
      case 1:
        return with(thing.name, count_pair(random, thing, deducted));
      default:
        return with(activity + "覆盖率", percent_pair(random, false, deducted));
    }
  }
  if (level2 == "质量指标") {
    switch (random.between(0, 3)) {
      case 0:
        return with(activity + "合格率", percent_pair(random, false, deducted));
      case 1:
        return with(thing.name + "验收合格率", percent_pair(random, false, deducted));
      case 2:
        return with(activity + "差错率", percent_pair(random, true, deducted));
      default:
        return with(activity + "质量",
                    {text("符合相关标准"), text(deducted ? "基本符合" : "符合")});
    }
  }
  if (level2 == "时效指标") {
    return random.chance(0.5) ? with(activity + "完成及时率", percent_pair(random, false, deducted))
                              : with(random.pick(std::vector<std::string>{
                                         "项目完成时间", activity + "完成时限", "响应时间"}),
                                     duration_pair(random, year, deducted));
  }
  if (level2 == "成本指标" || level2 == "经济成本指标") {
    return with(random.pick(std::vector<std::string>{"项目总成本", thing.name + "成本控制",
                                                     "单位" + activity + "成本"}),
                cost_pair(random, deducted));
  }
  if (level2 == "社会成本指标") {
    return random.chance(0.5) ? with("群众投诉率", percent_pair(random, true, deducted))
                              : with("对社会秩序的影响", {text("无明显负面影响"), text("无")});
  }
  if (level2 == "生态环境成本指标") {
    return random.chance(0.5)
               ? with("能源消耗量", {bounded(random, Bound::kAtMost, 120, "120", "吨"),
                                     quantity("96吨", std::nullopt, 96, "吨")})
               : with("对生态环境的影响", {text("无不利影响"), text("无")});
  }
  if (level2 == "经济效益指标") {
    const int gain = random.between(5, 800);
    const int reached =
        deducted ? gain - random.between(1, gain / 2 + 1) : gain + random.between(0, 50);
    return random.chance(0.6)
               ? with("带动" + who + "增收",
                      {bounded(random, Bound::kAtLeast, gain, std::to_string(gain), "万元"),
                       quantity(std::to_string(reached) + "万元", std::nullopt, reached, "万元")})
               : with(effect + "带动作用", text_pair(random));
  }
  if (level2 == "社会效益指标") {
    if (random.chance(0.4)) {
      const long count = random.between(10, 900) * 100;
      const std::string unit = random.chance(0.5) ? "人" : "人次";
      return with(who + "受益人数",
                  {bounded(random, Bound::kAtLeast, static_cast<double>(count),
                           count_text(random, count, true), unit),
                   quantity(count_text(random, count + 300, false) + unit, std::nullopt,
                            static_cast<double>(count + 300), unit)});
    }
    return with(effect, text_pair(random));
  }
  if (level2 == "生态效益指标") {
    return random.chance(0.5)
               ? with("减少污染物排放", {bounded(random, Bound::kAtLeast, 30, "30", "吨"),
                                         quantity("34.5吨", std::nullopt, 34.5, "吨")})
               : with(effect + "改善情况", text_pair(random));
  }
  if (level2 == "可持续影响指标") {
    return with(random.pick(std::vector<std::string>{"长效管理机制", effect + "持续发挥作用",
                                                     activity + "制度建设"}),
                text_pair(random));
  }
  return with(who + "满意度", percent_pair(random, false, deducted));  // 满意度
}

// The level structure of a template: level 1 → level 2 names.
struct Level {
  std::string level1;
  std::vector<std::string> level2s;
  double share;  // of the indicators' points
};

std::vector<Level> template_levels(Random& random) {
  std::vector<std::string> benefits = {"经济效益指标", "社会效益指标", "生态效益指标",
                                       "可持续影响指标"};
  std::vector<std::string> chosen_benefits;
  for (const std::string& benefit : benefits) {
    if (random.chance(benefit == "社会效益指标" ? 0.9 : 0.4)) chosen_benefits.push_back(benefit);
  }
  if (chosen_benefits.empty()) chosen_benefits.push_back("社会效益指标");
  if (random.chance(0.45)) {  // the newer template with 成本指标
    std::vector<std::string> costs;
    for (const char* cost : {"经济成本指标", "社会成本指标", "生态环境成本指标"}) {
      if (random.chance(0.5)) costs.push_back(cost);
    }
    if (costs.empty()) costs.push_back("经济成本指标");
    return {{"产出指标", {"数量指标", "质量指标", "时效指标"}, 0.45},
            {"成本指标", costs, 0.15},
            {"效益指标", chosen_benefits, 0.3},
            {"满意度指标", {"服务对象满意度指标"}, 0.1}};
  }
  std::vector<std::string> outputs = {"数量指标", "质量指标", "时效指标"};
  if (random.chance(0.35)) outputs.push_back("成本指标");
  return {{"产出指标", outputs, 0.55},
          {"效益指标", chosen_benefits, 0.3},
          {"满意度指标", {"服务对象满意度指标"}, 0.15}};
}

// `total` points over `count` rows: whole numbers, not all equal.
std::vector<double> split_points(Random& random, int total, int count) {
  std::vector<double> points(static_cast<std::size_t>(count), 1);
  for (int left = total - count; left > 0; --left) {
    points[static_cast<std::size_t>(random.between(0, count - 1))] += 1;
  }
  return points;
}

std::string points_text(double value) {
  return schema::format_decimal(value, 2);
}

// Distinct clauses of a deviation analysis, as one sentence.
std::string sentence(Random& random, int clauses) {
  std::vector<std::string> pool = deviation_clauses();
  std::string out;
  for (int i = 0; i < clauses && !pool.empty(); ++i) {
    if (i > 0) out += random.chance(0.6) ? "，" : "；";
    const auto chosen = pool.begin() + random.between(0, static_cast<int>(pool.size()) - 1);
    out += *chosen;
    pool.erase(chosen);
  }
  return out + "。";
}

struct Money {
  std::optional<double> initial, annual, executed;  // yuan
};

// Money in the form's unit: 元 to the fen, 万元 to two or four decimals.
struct MoneyPrinter {
  bool ten_thousand;
  bool separators;
  std::string operator()(const std::optional<double>& yuan, bool executed) const {
    if (!yuan) return "";
    if (ten_thousand) {
      const double wan = *yuan / 10000;
      const int decimals = wan * 100 == std::round(wan * 100) ? 2 : 4;
      const std::string text = decimal(wan, decimals);
      return separators && executed ? with_thousands(text) : text;
    }
    const std::string text = decimal(*yuan, 2);
    return separators ? with_thousands(text) : text;
  }
};

}  // namespace

std::vector<schema::Check> contract_checks(const schema::Record& record, int rate_decimals,
                                           int funds_score_decimals) {
  constexpr double kSlack = 1e-9;  // binary rounding on top of the printed unit
  std::vector<schema::Check> checks;
  const schema::FundsRow* funds = nullptr;
  for (const schema::FundsRow& row : record.funds) {
    if (row.key == schema::FundsKey::kTotal) funds = &row;
  }
  const auto sum = [&](std::optional<double> schema::Indicator::*field) {
    std::optional<double> total;
    for (const schema::Indicator& indicator : record.indicators) {
      if (indicator.*field) total = total.value_or(0) + *(indicator.*field);
    }
    return total;
  };
  const auto add_sum = [&](schema::CheckRule rule, std::optional<double> printed,
                           std::optional<double> funds_part,
                           std::optional<double> schema::Indicator::*field) {
    const std::optional<double> items = sum(field);
    if (!printed || !funds_part || !items) return;
    checks.push_back(
        {rule, std::fabs(*printed - (*funds_part + *items)) <= 0.01 + kSlack, "generated"});
  };
  add_sum(schema::CheckRule::kTotalScoreSum, record.total.score,
          funds ? funds->score : std::nullopt, &schema::Indicator::score);
  add_sum(schema::CheckRule::kTotalWeightSum, record.total.weight,
          funds ? funds->weight : std::nullopt, &schema::Indicator::weight);
  if (funds && funds->execution_rate && funds->executed && funds->annual_budget &&
      *funds->annual_budget != 0) {
    const double computed = *funds->executed / *funds->annual_budget * 100;
    checks.push_back(
        {schema::CheckRule::kExecutionRate,
         std::fabs(*funds->execution_rate - computed) <= std::pow(10.0, -rate_decimals) + kSlack,
         "generated"});
  }
  if (funds && funds->score && funds->execution_rate && funds->weight) {
    const double computed = std::min(*funds->execution_rate, 100.0) / 100 * *funds->weight;
    checks.push_back(
        {schema::CheckRule::kFundsScore,
         std::fabs(*funds->score - computed) <= std::pow(10.0, -funds_score_decimals) + kSlack,
         "generated"});
  }
  bool any = false, within = true;
  const auto inspect = [&](const std::optional<double>& score,
                           const std::optional<double>& weight) {
    if (!score || !weight) return;
    any = true;
    within = within && *score <= *weight + kSlack;
  };
  if (funds) inspect(funds->score, funds->weight);
  for (const schema::Indicator& indicator : record.indicators) {
    inspect(indicator.score, indicator.weight);
  }
  if (any) checks.push_back({schema::CheckRule::kScoreWithinWeight, within, "generated"});
  return checks;
}

FamilyForm generate_form(std::uint64_t seed) {
  Random random(seed * 0x9E3779B97F4A7C15ULL + 17);
  FamilyForm form;
  schema::Record& truth = form.truth;
  samples::PrintedForm& printed = form.printed;
  Look& look = form.look;

  const Sector& sector = random.pick(sectors());
  const int year = random.between(2018, 2024);
  char name[96];
  std::snprintf(name, sizeof name, "f%06llu-%d-%s", static_cast<unsigned long long>(seed), year,
                sector.key.c_str());
  form.name = name;

  // Who: a province, a municipality or a city department; a local unit.
  std::string department, place;
  switch (random.between(0, 2)) {
    case 0:
      place = random.pick(provinces());
      department = place + sector.province_department;
      place = random.pick(cities());
      break;
    case 1:
      place = random.pick(municipalities());
      department = place + sector.municipal_department;
      break;
    default:
      place = random.pick(cities());
      department = place + sector.city_department;
      if (random.chance(0.5)) place = random.pick(counties());
  }
  const std::string unit = place + random.pick(sector.units);
  std::string project = random.pick(sector.projects);
  if (random.chance(0.3)) project = place + project;
  if (random.chance(0.15))
    project += random.pick(std::vector<std::string>{"（一期）", "（二期）", "项目"});

  truth.source.path = form.name;
  truth.title = random.chance(0.5) ? "财政项目支出绩效自评表" : "项目支出绩效自评表";
  truth.year = year;
  truth.project_name = project;
  truth.supervising_department = department;
  truth.implementing_unit = unit;
  printed.title = *truth.title;
  printed.year_line =
      random.pick(std::vector<std::string>{"(%d 年度)", "（%d年度）", "(%d年度)", "（%d 年度）"});
  printed.year_line.replace(printed.year_line.find("%d"), 2, std::to_string(year));
  printed.project_name = project;
  printed.supervising_department = department;
  printed.implementing_unit = unit;

  // Funds: the total row always, the 其中 rows filled on some forms.
  const bool ten_thousand = random.chance(0.5);
  const MoneyPrinter money{ten_thousand, random.chance(0.5)};
  printed.funds_label =
      ten_thousand ? random.pick(std::vector<std::string>{"项目资金（万元）", "项目资金(万元)"})
                   : random.pick(std::vector<std::string>{"项目资金 (元)", "项目资金（元）"});
  const double annual_wan = rounded(random.uniform(5, 3000), 2);
  const double annual = rounded(annual_wan * 10000, 2);
  const double initial =
      random.chance(0.7) ? annual : rounded(annual * random.uniform(0.8, 1.0), -2);
  const double ratio = random.chance(0.15) ? 1.0
                                           : (random.chance(0.8) ? random.uniform(0.85, 0.999)
                                                                 : random.uniform(0.45, 0.85));
  const double executed = ten_thousand ? rounded(annual * ratio, -2) : rounded(annual * ratio, 2);
  const double true_rate = executed / annual * 100;
  const int rate_decimals = random.chance(0.75) ? 2 : (random.chance(0.5) ? 1 : 0);
  double printed_rate = rounded(true_rate, rate_decimals);
  if (random.chance(0.1)) {  // a wrong printed 执行率
    printed_rate = std::min(
        100.0,
        rounded(true_rate + (random.chance(0.5) ? 1 : -1) * random.uniform(2, 8), rate_decimals));
  }
  const double funds_weight = random.pick(std::vector<double>{10, 10, 10, 5, 15, 20});
  const int funds_score_decimals = random.chance(0.8) ? 2 : (random.chance(0.5) ? 1 : 0);
  const double funds_score =
      rounded(std::min(printed_rate, 100.0) / 100 * funds_weight, funds_score_decimals);

  const auto rate_cell = [&](double rate) { return decimal(rate, rate_decimals) + "%"; };
  const auto score_cell = [&](double score) { return decimal(score, funds_score_decimals); };
  schema::FundsRow total_row{"年度资金总额", schema::FundsKey::kTotal,
                             initial,        annual,
                             executed,       funds_weight,
                             printed_rate,   funds_score};
  truth.funds.push_back(total_row);
  printed.funds.push_back({total_row.item, money(initial, false), money(annual, false),
                           money(executed, true), points_text(funds_weight),
                           rate_cell(printed_rate), score_cell(funds_score)});
  const bool filled = random.chance(0.35);
  const std::string appropriation = random.pick(
      std::vector<std::string>{"其中：当年财政拨款", "其中：本年财政拨款", "其中：财政拨款"});
  const std::string blank_weight = random.chance(0.5) ? "—" : "";
  const bool rates_filled = random.chance(0.5);
  const double share = random.chance(0.5) ? 1.0 : rounded(random.uniform(0.6, 0.95), 2);
  struct Part {
    const char* item;
    schema::FundsKey key;
    double share;
  };
  for (const Part& part : {Part{nullptr, schema::FundsKey::kCurrentAppropriation, share},
                           Part{"上年结转资金", schema::FundsKey::kCarryover, 1 - share},
                           Part{"其他资金", schema::FundsKey::kOther, 0}}) {
    schema::FundsRow row;
    row.item = part.item ? part.item : appropriation;
    row.key = part.key;
    samples::PrintedFunds cells{row.item, "", "", "", blank_weight, "", ""};
    if (filled && part.share > 0) {
      const double unit_round = ten_thousand ? -2 : 2;
      row.annual_budget = part.key == schema::FundsKey::kCurrentAppropriation
                              ? rounded(annual * part.share, static_cast<int>(unit_round))
                              : annual - rounded(annual * share, static_cast<int>(unit_round));
      row.initial_budget = row.annual_budget;
      row.executed = part.key == schema::FundsKey::kCurrentAppropriation
                         ? std::min(*row.annual_budget, executed)
                         : executed - std::min(annual - *row.annual_budget, executed);
      cells.initial_budget = money(row.initial_budget, false);
      cells.annual_budget = money(row.annual_budget, false);
      cells.executed = money(row.executed, true);
      if (rates_filled && *row.annual_budget > 0) {
        row.execution_rate = rounded(*row.executed / *row.annual_budget * 100, rate_decimals);
        cells.execution_rate = rate_cell(*row.execution_rate);
      } else {
        cells.execution_rate = "—";
      }
      cells.score = blank_weight;
    } else if (filled) {
      row.initial_budget = row.annual_budget = row.executed = 0.0;
      cells.initial_budget = cells.annual_budget = cells.executed = money(0.0, false);
      cells.execution_rate = "—";
    }
    truth.funds.push_back(row);
    printed.funds.push_back(cells);
  }

  // Indicators, level by level, with points not all equal.
  const std::vector<Level> levels = template_levels(random);
  const int indicator_count = random.between(6, 30);
  const int indicator_points = static_cast<int>(100 - funds_weight);
  std::vector<int> level_counts(levels.size(), 1);
  for (int left = indicator_count - static_cast<int>(levels.size()); left > 0; --left) {
    // Outputs and benefits take most rows, satisfaction one or two.
    std::size_t level;
    do {
      level = static_cast<std::size_t>(random.between(0, static_cast<int>(levels.size()) - 1));
    } while (levels[level].level1 == "满意度指标" && level_counts[level] >= 2);
    ++level_counts[level];
  }
  std::vector<int> level_points(levels.size());
  int assigned = 0;
  for (std::size_t l = 0; l + 1 < levels.size(); ++l) {
    level_points[l] = std::max(level_counts[l],
                               static_cast<int>(std::lround(levels[l].share * indicator_points)));
    assigned += level_points[l];
  }
  level_points.back() = indicator_points - assigned;
  if (level_points.back() < level_counts.back()) {  // rare: give the last level its rows
    level_points.front() -= level_counts.back() - level_points.back();
    level_points.back() = level_counts.back();
  }
  const bool points_in_names = random.chance(0.25);
  const bool fractional_scores = random.chance(0.4);
  std::set<std::string> names;
  for (std::size_t l = 0; l < levels.size(); ++l) {
    const Level& level = levels[l];
    const std::vector<double> points = split_points(random, level_points[l], level_counts[l]);
    std::string level1_printed = level.level1;
    if (points_in_names) {
      const bool full_width = random.chance(0.5);
      level1_printed += (full_width ? "（" : "(") + points_text(level_points[l]) + "分" +
                        (full_width ? "）" : ")");
    }
    for (int i = 0; i < level_counts[l]; ++i) {
      // Level-2 names in template order, as the rows are printed.
      const std::size_t level2_index = static_cast<std::size_t>(i) * level.level2s.size() /
                                       static_cast<std::size_t>(level_counts[l]);
      const std::string& level2 = level.level2s[level2_index];
      const double weight = points[static_cast<std::size_t>(i)];
      const bool deducted = random.chance(0.25);
      double score = weight;
      if (deducted) {
        score = fractional_scores
                    ? rounded(weight * random.uniform(0.6, 0.98), 2)
                    : std::max(0.0, weight - random.between(
                                                 1, std::max(1, static_cast<int>(weight / 2))));
      }
      IndicatorDraft made;
      for (int attempt = 0; attempt < 30; ++attempt) {
        made = draft(random, sector, level2, year, deducted);
        if (!names.count(made.level3)) break;
      }
      if (names.count(made.level3))
        made.level3 += "（" + chinese_numeral(static_cast<long>(names.size()) + 1) + "）";
      names.insert(made.level3);
      std::optional<std::string> deviation;
      if (score < weight ? random.chance(0.8) : random.chance(0.06)) {
        deviation = score < weight ? sentence(random, random.chance(0.25) ? random.between(5, 9)
                                                                          : random.between(1, 2))
                                   : std::string("无");
      }
      schema::Indicator indicator;
      indicator.level1 = level.level1;
      indicator.level2 = level2;
      indicator.level3 = made.level3;
      indicator.target = made.target.value;
      indicator.actual = made.actual.value;
      indicator.weight = weight;
      indicator.score = score;
      indicator.deviation = deviation;
      truth.indicators.push_back(indicator);
      printed.indicators.push_back({level1_printed, level2, made.level3, made.target.raw,
                                    made.actual.raw, points_text(weight), points_text(score),
                                    deviation.value_or("")});
    }
  }

  // Goals, in the clerk's words, with the form's own numbers.
  const Thing& thing = random.pick(sector.things);
  const std::string& effect = random.pick(sector.effects);
  const std::string planned = "（1）项目总目标：通过" + project + "的实施，" + effect + "得到" +
                              random.pick(text_targets()) + "。（2）年度绩效目标：完成" +
                              thing.name + std::to_string(thing.high / 2 + 1) + thing.unit + "，" +
                              random.pick(sector.activities) + "合格率达到" +
                              std::to_string(random.pick(std::vector<int>{90, 95, 98})) +
                              "%以上，" + random.pick(sector.beneficiaries) + "满意度不低于90%。";
  std::string achieved = std::to_string(year) + "年，" + unit + "按照年度计划推进" + project +
                         "，完成" + thing.name + std::to_string(thing.high / 2) + thing.unit +
                         "，全年执行资金" + money(executed, true) + (ten_thousand ? "万元" : "元") +
                         "，项目资金执行率为" + rate_cell(printed_rate) + "。";
  if (random.chance(0.5)) achieved += sentence(random, random.between(1, 3));
  truth.goals = {planned, achieved};
  printed.planned = planned;
  printed.achieved = achieved;
  printed.goals_label =
      random.pick(std::vector<std::string>{"年度总体目标", "年度目标", "年度总体目标"});
  printed.planned_label = random.chance(0.7) ? "预算目标" : "预期目标";
  printed.indicator_headers[3] =
      random.pick(std::vector<std::string>{"年度指标值", "指标值", "目标值"});
  printed.indicator_headers[4] =
      random.pick(std::vector<std::string>{"实际完成值", "实际值", "完成值"});
  printed.indicator_headers[7] = random.chance(0.6) ? "偏差原因分析及改进措施" : "未完成原因分析";

  // 总分: the sum as printed, wrong on some forms.
  double total_score = funds_score;
  for (const schema::Indicator& indicator : truth.indicators) total_score += *indicator.score;
  total_score = rounded(total_score, 2);
  if (random.chance(0.12)) {
    total_score =
        std::min(100.0, rounded(total_score + (random.chance(0.5) ? 1 : -1) *
                                                  random.pick(std::vector<double>{0.5, 1, 2, 3.2}),
                                2));
  }
  truth.total = {100.0, total_score};
  printed.has_total = true;
  printed.total_label = random.chance(0.75) ? "总分" : "合计";
  printed.total_weight = "100";
  printed.total_score = points_text(total_score);
  truth.checks = contract_checks(truth, rate_decimals, funds_score_decimals);

  // The look of the page.
  look.landscape = random.chance(0.4);
  look.body_points = 9 + 0.5 * random.between(0, 4);
  look.border_pixels = 0.5 + 0.25 * random.between(0, 4);
  look.margin_points = random.between(36, 60);
  look.serif = random.chance(0.5);
  look.truetype_font = random.chance(0.5);
  look.close_split_rows = random.chance(0.5);
  look.page_numbers = random.chance(0.4);
  look.table.performance_column = random.chance(0.5);
  look.repeat_indicator_header = !look.table.performance_column && random.chance(0.6);
  look.table.title_in_table = random.chance(0.25);
  look.table.valign = random.chance(0.3) ? samples::VAlign::kTop : samples::VAlign::kMiddle;
  const int before_weight = (look.table.performance_column ? 1 : 0) + 5;
  switch (random.between(0, 3)) {
    case 0:
      look.table.total_label_columns = 1;
      break;
    case 1:
      look.table.total_label_columns = before_weight - 2;  // the level columns
      break;
    default:
      look.table.total_label_columns = 0;
  }
  look.flow.title_size = look.body_points + random.between(5, 8);
  look.flow.year_size = look.body_points + 1;
  look.flow.new_page_per_form = random.chance(0.5);
  const double width = look.page_width() - 2 * look.margin_points;
  const auto widths = [&](std::vector<double> shares) {
    double sum = 0;
    for (double& column : shares) sum += column *= random.uniform(0.8, 1.25);
    for (double& column : shares) column = column / sum * width;
    return shares;
  };
  look.table.funds_widths = widths({0.07, 0.17, 0.14, 0.14, 0.14, 0.08, 0.12, 0.14});
  look.table.indicator_widths = look.table.performance_column
                                    ? widths({0.05, 0.08, 0.10, 0.17, 0.12, 0.12, 0.06, 0.06, 0.24})
                                    : widths({0.09, 0.11, 0.18, 0.13, 0.12, 0.06, 0.06, 0.25});
  return form;
}

}  // namespace kpiform::family
