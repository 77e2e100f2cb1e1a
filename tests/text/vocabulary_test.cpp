// The shared vocabulary (text/include/kpiform/text/vocabulary.h).
#include "kpiform/text/vocabulary.h"

#include <gtest/gtest.h>

#include <string>

namespace kpiform::text {
namespace {

std::string utf8(std::u32string_view word) {
  std::string out;
  for (const char32_t c : word) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

// The parser takes the first unit that matches: "人次" must not be read as
// 人 followed by a stray 次.
TEST(Vocabulary, ALongerUnitComesBeforeEveryUnitThatBeginsIt) {
  const auto units = unit_words();
  for (std::size_t i = 0; i < units.size(); ++i) {
    for (std::size_t j = i + 1; j < units.size(); ++j) {
      EXPECT_FALSE(units[j].size() > units[i].size() && units[j].starts_with(units[i]))
          << utf8(units[j]) << " comes after " << utf8(units[i]);
    }
  }
}

TEST(Vocabulary, UnitWordsAreTheListedOnesOnly) {
  for (const std::u32string_view unit : {U"个", U"门", U"人次", U"万元", U"亩", U"%"}) {
    EXPECT_TRUE(is_unit_word(unit)) << utf8(unit);
  }
  for (const std::u32string_view word : {U"角", U"已", U"人元", U"", U"5"}) {
    EXPECT_FALSE(is_unit_word(word)) << utf8(word);
  }
}

TEST(Vocabulary, ChineseUnitsAreTheUnitsInChineseCharactersAndTheirFirstCharacters) {
  EXPECT_TRUE(begins_chinese_unit(U"个"));
  EXPECT_TRUE(begins_chinese_unit(U"万元"));
  EXPECT_FALSE(begins_chinese_unit(U"%"));
  EXPECT_FALSE(begins_chinese_unit(U"GB"));
  EXPECT_FALSE(begins_chinese_unit(U"角"));
  EXPECT_FALSE(begins_chinese_unit(U""));
  // The start of a unit broken over a cell's lines.
  EXPECT_TRUE(begins_chinese_unit(U"万"));    // of 万元
  EXPECT_TRUE(begins_chinese_unit(U"平方"));  // of 平方米
}

TEST(Vocabulary, HanIsTheIdeographsOnly) {
  EXPECT_TRUE(is_han(U'门'));
  EXPECT_TRUE(is_han(U'一'));
  EXPECT_FALSE(is_han(U'%'));
  EXPECT_FALSE(is_han(U'（'));
  EXPECT_FALSE(is_han(U'≥'));
}

}  // namespace
}  // namespace kpiform::text
