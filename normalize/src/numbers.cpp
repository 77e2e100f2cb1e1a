#include <cmath>

#include "kpiform/normalize/value.h"
#include "kpiform/text/characters.h"
#include "kpiform/text/clean.h"
#include "kpiform/text/numbers.h"
#include "kpiform/text/utf8.h"
#include "kpiform/text/vocabulary.h"
#include "numerals.h"

namespace kpiform::normalize {

namespace {

// The folded cell with one of `suffixes` removed from its end (the first
// that matches); `removed` tells which.
std::u32string without_suffix(std::u32string text,
                              std::initializer_list<std::u32string_view> suffixes,
                              std::u32string_view* removed = nullptr) {
  for (std::u32string_view suffix : suffixes) {
    if (text.size() > suffix.size() &&
        std::u32string_view(text).substr(text.size() - suffix.size()) == suffix) {
      text.resize(text.size() - suffix.size());
      if (removed) *removed = suffix;
      break;
    }
  }
  return text;
}

NumberCell read_decimal(std::string_view cell_text,
                        std::initializer_list<std::u32string_view> suffixes) {
  const std::u32string folded = numerals::fold(text::decode_utf8(text::clean_text(cell_text)));
  if (text::is_placeholder(folded)) return {};
  const auto value = text::decimal_value(without_suffix(folded, suffixes));
  if (!value) return {std::nullopt, false};
  return {value, true};
}

}  // namespace

NumberCell parse_money(std::string_view cell_text, MoneyUnit unit) {
  const std::u32string folded = numerals::fold(text::decode_utf8(text::clean_text(cell_text)));
  if (text::is_placeholder(folded)) return {};
  // A cell may carry its own unit ("12.5万元"); it wins over the table's.
  std::u32string_view printed_unit;
  const auto value = text::decimal_value(without_suffix(folded, {U"万元", U"元"}, &printed_unit));
  if (!value) return {std::nullopt, false};
  const bool in_wan =
      printed_unit == U"万元" || (printed_unit.empty() && unit == MoneyUnit::kTenThousandYuan);
  const double yuan = in_wan ? *value * 10000 : *value;
  return {std::round(yuan * 100) / 100, true};
}

NumberCell parse_percent(std::string_view cell_text) {
  return read_decimal(cell_text, {U"%"});
}

NumberCell parse_number(std::string_view cell_text) {
  return read_decimal(cell_text, {U"分"});
}

std::optional<int> parse_year(std::string_view text) {
  const std::u32string folded = numerals::fold(text::decode_utf8(text));
  for (std::u32string_view marker : {U"年度", U"年"}) {
    for (std::size_t at = folded.find(marker); at != std::u32string::npos;
         at = folded.find(marker, at + 1)) {
      // A mark misread between the year and 年 ("(2021]年度)") stands apart
      // from the digits: the year is theirs.
      std::size_t end = at;
      while (end > 0 &&
             std::u32string_view(U" ]|)）").find(folded[end - 1]) != std::u32string_view::npos) {
        --end;
      }
      std::size_t start = end;
      while (start > 0 && (text::is_ascii_digit(folded[start - 1]) ||
                           numerals::is_chinese_numeral(folded[start - 1]))) {
        --start;
      }
      const std::u32string_view digits = std::u32string_view(folded).substr(start, end - start);
      auto year = text::decimal_value(digits);
      if (!year) year = numerals::chinese_value(digits);
      if (year && *year >= 1900 && *year <= 2199 && *year == std::floor(*year)) {
        return static_cast<int>(*year);
      }
    }
  }
  return std::nullopt;
}

MoneyUnit money_unit_of_label(std::string_view label) {
  // The label is a heading (项目资金) and the unit in brackets, （元） or
  // （万元）. Read by OCR, a bracket may be lost and the unit hold a misread
  // glyph for 万 ("食元)", "(万7ZD)"): a 万 anywhere, or one character
  // before 元 in the unit, is 万元 (a project's funds are never counted in
  // 千元 or 亿元).
  if (label.find("万") != std::string_view::npos) return MoneyUnit::kTenThousandYuan;
  const std::u32string wide = text::decode_utf8(label);
  const std::size_t heading = wide.find(U"资金");
  const std::size_t open = wide.find_last_of(U"(（");
  std::size_t from = 0;
  if (open != std::u32string::npos) {
    from = open + 1;
  } else if (heading != std::u32string::npos) {
    from = heading + 2;
  } else {
    return MoneyUnit::kYuan;
  }
  std::u32string_view unit = std::u32string_view(wide).substr(from);
  unit = unit.substr(0, unit.find_first_of(U")）"));
  while (!unit.empty() && unit.front() == U' ') unit.remove_prefix(1);
  // The misread glyph is a character's (食 for 万), not a speck's mark.
  return unit.size() == 2 && text::is_han(unit[0]) && unit[1] == U'元' ? MoneyUnit::kTenThousandYuan
                                                                       : MoneyUnit::kYuan;
}

}  // namespace kpiform::normalize
