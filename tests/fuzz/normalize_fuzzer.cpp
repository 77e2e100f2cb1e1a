// Fuzz target over every normalizer entry point that takes cell text: the
// value parser, text cleaning and joining, money, percent, year and Chinese
// numerals. Built with libFuzzer under clang (scripts/fuzz), and always as a
// plain program that replays the committed corpus under ctest.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kpiform/normalize/value.h"
#include "kpiform/text/clean.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kpiform::normalize;
  using namespace kpiform::text;
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  const kpiform::schema::Value value = parse_value(text);
  // A parsed value's raw text must itself parse to the same value.
  if (value.raw && parse_value(*value.raw) != value) __builtin_trap();

  const std::string cleaned = clean_text(text);
  if (clean_text(cleaned) != cleaned) __builtin_trap();  // idempotent

  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string_view::npos; start = end + 1) {
    lines.emplace_back(text.substr(start, end - start));
  }
  lines.emplace_back(text.substr(start));
  join_lines(lines);
  map_radicals(text);
  is_blank(text);
  parse_money(text, MoneyUnit::kYuan);
  parse_money(text, MoneyUnit::kTenThousandYuan);
  parse_percent(text);
  parse_number(text);
  parse_year(text);
  parse_chinese_number(text);
  return 0;
}
