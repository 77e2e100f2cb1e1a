#include <cmath>

#include "kpiform/normalize/value.h"
#include "kpiform/text/characters.h"
#include "kpiform/text/clean.h"
#include "kpiform/text/numbers.h"
#include "kpiform/text/utf8.h"
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
      std::size_t start = at;
      while (start > 0 && (text::is_ascii_digit(folded[start - 1]) ||
                           numerals::is_chinese_numeral(folded[start - 1]))) {
        --start;
      }
      const std::u32string_view digits = std::u32string_view(folded).substr(start, at - start);
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
  return label.find("万元") != std::string_view::npos ? MoneyUnit::kTenThousandYuan
                                                      : MoneyUnit::kYuan;
}

}  // namespace kpiform::normalize
