#include "kpiform/text/vocabulary.h"

#include <algorithm>
#include <array>

namespace kpiform::text {

namespace {

constexpr std::array<std::u32string_view, 93> kUnits = {
    U"个工作日", U"百分比", U"个百分点", U"万平方米", U"平方公里", U"万人次", U"平方米", U"工作日",
    U"人次",     U"场次",   U"万元",     U"亿元",     U"千元",     U"万条",   U"万册",   U"万份",
    U"万人",     U"万亩",   U"个月",     U"小时",     U"分钟",     U"课时",   U"学时",   U"平米",
    U"公里",     U"千米",   U"公顷",     U"公斤",     U"千克",     U"元",     U"条",     U"个",
    U"家",       U"项",     U"次",       U"人",       U"天",       U"日",     U"年",     U"月",
    U"周",       U"篇",     U"场",       U"期",       U"套",       U"台",     U"辆",     U"件",
    U"份",       U"本",     U"册",       U"部",       U"所",       U"门",     U"类",     U"种",
    U"批",       U"处",     U"座",       U"间",       U"户",       U"名",     U"位",     U"例",
    U"页",       U"轮",     U"届",       U"米",       U"吨",       U"倍",     U"分",     U"亩",
    U"株",       U"头",     U"只",       U"棵",       U"盏",       U"架",     U"块",     U"张",
    U"箱",       U"支",     U"根",       U"卷",       U"节",       U"班",     U"组",     U"队",
    U"%",        U"‰",      U"GB",       U"TB",       U"MB",
};

}  // namespace

bool is_han(char32_t code) {
  return (code >= 0x4E00 && code <= 0x9FFF) || (code >= 0x3400 && code <= 0x4DBF) ||
         (code >= 0xF900 && code <= 0xFAFF);
}

std::span<const std::u32string_view> unit_words() {
  return kUnits;
}

bool is_unit_word(std::u32string_view word) {
  return std::find(kUnits.begin(), kUnits.end(), word) != kUnits.end();
}

bool begins_chinese_unit(std::u32string_view word) {
  return !word.empty() && std::all_of(word.begin(), word.end(), is_han) &&
         std::any_of(kUnits.begin(), kUnits.end(),
                     [&](std::u32string_view unit) { return unit.starts_with(word); });
}

}  // namespace kpiform::text
