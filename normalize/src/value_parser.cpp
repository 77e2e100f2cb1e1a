#include <algorithm>
#include <array>
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

using schema::Op;

struct Word {
  std::u32string_view text;
  Op op;
};

// Comparison words before the number, longest first where one is a prefix
// of another.
constexpr std::array<Word, 27> kPrefixOps = {{
    {U"大于等于", Op::kGe}, {U"小于等于", Op::kLe}, {U"不低于", Op::kGe}, {U"不少于", Op::kGe},
    {U"不小于", Op::kGe},   {U"不高于", Op::kLe},   {U"不超过", Op::kLe}, {U"不多于", Op::kLe},
    {U"不大于", Op::kLe},   {U"至少", Op::kGe},     {U"最少", Op::kGe},   {U"达到", Op::kGe},
    {U"至多", Op::kLe},     {U"最多", Op::kLe},     {U"高于", Op::kGt},   {U"大于", Op::kGt},
    {U"超过", Op::kGt},     {U"多于", Op::kGt},     {U"低于", Op::kLt},   {U"小于", Op::kLt},
    {U"少于", Op::kLt},     {U"等于", Op::kEq},     {U"≥", Op::kGe},      {U"≤", Op::kLe},
    {U">", Op::kGt},        {U"<", Op::kLt},        {U"=", Op::kEq},
}};

// Comparison words after the number and its unit ("5个以上").
constexpr std::array<Word, 8> kSuffixOps = {{
    {U"及以上", Op::kGe},
    {U"或以上", Op::kGe},
    {U"以上", Op::kGe},
    {U"及以下", Op::kLe},
    {U"或以下", Op::kLe},
    {U"以下", Op::kLe},
    {U"以内", Op::kLe},
    {U"之内", Op::kLe},
}};

// How long a unit word outside the list may be: "公斤", "万亩", "人次" are
// one to three characters; a longer run is a phrase, not a unit.
constexpr std::size_t kMaxUnitWord = 3;

// Between the ends of a range: a dash run ("10-20", "118——177"), or a
// tilde or word ("10~20", "10至20").
constexpr std::u32string_view kRangeWords = U"~至到";

bool starts_with(std::u32string_view text, std::size_t at, std::u32string_view prefix) {
  return text.substr(at, prefix.size()) == prefix;
}

bool is_multiplier(char32_t c) {
  return c == U'十' || c == U'百' || c == U'千' || c == U'万' || c == U'亿';
}

// Sentence punctuation: a subject holding it is a sentence, not a label.
bool is_sentence_punctuation(char32_t c) {
  static constexpr std::u32string_view kPunctuation = U"，。；;：:！!？?、,";
  return kPunctuation.find(c) != std::u32string_view::npos;
}

struct Parsed {
  std::optional<Op> op;
  double value = 0;
  std::optional<double> max;
  std::optional<std::u32string_view> unit;
};

// Reads "[op] number [unit] [separator number [unit]] [suffix op]" from
// `text` at `at` to the end.
class TailParser {
 public:
  explicit TailParser(std::u32string_view text) : text_(text) {}

  std::optional<Parsed> parse(std::size_t at) {
    pos_ = at;
    // A word outside the unit list is a unit only after a number that
    // begins the cell: "≥40公斤" and "二万七千九百亩以上" are quantities;
    // "一流", "第三方评价" and "完成3篇论文" are words and sentences.
    any_unit_word_ = at == 0;
    Parsed parsed;
    parsed.op = prefix_op();
    std::optional<std::u32string_view> forced_unit;
    const auto first = number(forced_unit);
    if (!first) return std::nullopt;
    parsed.value = *first;
    std::optional<std::u32string_view> unit = unit_here();
    if (const std::size_t saved = pos_; separator()) {
      std::optional<std::u32string_view> second_forced;
      if (const auto second = number(second_forced)) {
        parsed.max = *second;
        const auto second_unit = unit_here();
        if (unit && second_unit && *unit != *second_unit) return std::nullopt;
        if (second_unit) unit = second_unit;
        if (second_forced) forced_unit = second_forced;
      } else {
        pos_ = saved;
      }
    }
    if (const auto suffix = suffix_op()) {
      if (parsed.op && *parsed.op != *suffix) return std::nullopt;
      parsed.op = suffix;
    } else if (starts_with(text_, pos_, U"左右")) {
      pos_ += 2;  // "about": no comparison
    }
    if (pos_ != text_.size()) return std::nullopt;
    parsed.unit = forced_unit ? forced_unit : unit;
    return parsed;
  }

 private:
  std::optional<Op> prefix_op() { return comparison_word(kPrefixOps); }
  std::optional<Op> suffix_op() { return comparison_word(kSuffixOps); }

  // The first of `words` standing here, consumed.
  template <std::size_t N>
  std::optional<Op> comparison_word(const std::array<Word, N>& words) {
    for (const Word& word : words) {
      if (starts_with(text_, pos_, word.text)) {
        pos_ += word.text.size();
        return word.op;
      }
    }
    return std::nullopt;
  }

  // The unit word here, consumed. A number followed by a short word is a
  // quantity whatever the word ("≥40公斤", "8万亩"): the list only keeps
  // "10家企业" from taking "家企业" and spells out 百分比 as %.
  std::optional<std::u32string_view> unit_here() {
    const std::size_t length = unit_length_at(pos_);
    if (length == 0) return std::nullopt;
    const std::u32string_view unit = text_.substr(pos_, length);
    pos_ += length;
    return unit == U"百分比" ? std::u32string_view(U"%") : unit;
  }

  std::size_t unit_length_at(std::size_t at) const {
    for (std::u32string_view unit : text::unit_words()) {
      if (starts_with(text_, at, unit) && ends_value(at + unit.size())) return unit.size();
    }
    // Not a comparison word or 左右 ("5以上" has no unit).
    if (any_unit_word_ && !ends_value(at)) {
      // The shortest word that ends the value: "3张以上" is 张, then 以上.
      for (std::size_t length = 1; length <= kMaxUnitWord; ++length) {
        if (at + length > text_.size()) continue;
        const std::u32string_view word = text_.substr(at, length);
        bool letters = true;
        for (std::size_t i = 0; i < word.size(); ++i) {
          // 万 and 亿 begin unit words (万亩, 亿元) but are no unit alone.
          const bool scale = i == 0 && word.size() > 1 && (word[i] == U'万' || word[i] == U'亿');
          letters =
              letters && text::is_han(word[i]) && (scale || !numerals::is_chinese_numeral(word[i]));
        }
        if (letters && ends_value(at + length)) return length;
      }
    }
    return 0;
  }

  // Whether a value may end at `at`: the text ends, or a comparison word,
  // 左右 or a range separator follows.
  bool ends_value(std::size_t at) const {
    if (at == text_.size()) return true;
    const std::u32string_view rest = text_.substr(at);
    const auto begins = [&](std::u32string_view word) {
      return rest.substr(0, word.size()) == word;
    };
    return std::any_of(kSuffixOps.begin(), kSuffixOps.end(),
                       [&](const Word& word) { return begins(word.text) && rest == word.text; }) ||
           rest == U"左右" || separator_length(at) > 0;
  }

  bool is_unit_at(std::size_t at) const { return unit_length_at(at) > 0; }

  // The length of the range separator at `at`; 0 where there is none.
  std::size_t separator_length(std::size_t at) const {
    if (at < text_.size() && kRangeWords.find(text_[at]) != std::u32string_view::npos) return 1;
    std::size_t end = at;
    while (end < text_.size() && text::is_dash(text_[end])) ++end;
    return end - at;
  }

  bool separator() {
    const std::size_t length = separator_length(pos_);
    pos_ += length;
    return length > 0;
  }

  // One number: Arabic (with thousands groups, sign, and an optional
  // Chinese multiplier: "1.2万"), Chinese numerals, or 百分之/千分之 forms
  // (which fix the unit).
  std::optional<double> number(std::optional<std::u32string_view>& forced_unit) {
    const std::size_t start = pos_;
    if (starts_with(text_, pos_, U"百分之") || starts_with(text_, pos_, U"千分之")) {
      forced_unit = text_[pos_] == U'百' ? U"%" : U"‰";
      pos_ += 3;
      std::optional<std::u32string_view> ignored;
      const auto value = number(ignored);
      if (!value) pos_ = start;
      return value;
    }
    std::size_t end = pos_;
    if (end < text_.size() && (text_[end] == U'-' || text_[end] == U'+') &&
        end + 1 < text_.size() && text::is_ascii_digit(text_[end + 1])) {
      ++end;
    }
    const std::size_t digits_start = end;
    while (end < text_.size() &&
           (text::is_ascii_digit(text_[end]) || text_[end] == U',' || text_[end] == U'.')) {
      ++end;
    }
    const bool arabic = end > digits_start;
    // Chinese numerals continue the number: multipliers after Arabic digits,
    // any numeral otherwise.
    while (end < text_.size() &&
           (arabic ? is_multiplier(text_[end]) : numerals::is_chinese_numeral(text_[end])) &&
           !starts_with(text_, end, U"百分比")) {
      ++end;
    }
    if (end == digits_start) return std::nullopt;
    // Digits, or a Chinese number counted with 十百千万 ("二万七千九百"),
    // may take any unit word; one numeral before a word is part of it, and
    // numerals read digit by digit ("二〇一八年底前") are a year.
    const bool counted =
        end - digits_start >= 2 &&
        std::any_of(text_.begin() + static_cast<std::ptrdiff_t>(digits_start),
                    text_.begin() + static_cast<std::ptrdiff_t>(end), is_multiplier);
    any_unit_word_ = any_unit_word_ && (arabic || counted);
    // "二十万元" is 20 万元 and "0.5万元" 0.5 万元: a closing 万 or 亿 that
    // begins a unit belongs to the unit.
    if (end - 1 > digits_start && (text_[end - 1] == U'万' || text_[end - 1] == U'亿') &&
        is_unit_at(end - 1)) {
      --end;
    }
    const std::u32string_view token = text_.substr(pos_, end - pos_);
    const bool multiplied = std::any_of(token.begin(), token.end(), is_multiplier);
    std::optional<double> value;
    if (arabic && !multiplied) {
      value = text::decimal_value(token);
    } else {
      const bool signed_number = token.front() == U'-' || token.front() == U'+';
      value = numerals::chinese_value(token.substr(signed_number ? 1 : 0));
      if (value && token.front() == U'-') value = -*value;
    }
    if (!value || !std::isfinite(*value)) return std::nullopt;
    pos_ = end;
    return value;
  }

  std::u32string_view text_;
  std::size_t pos_ = 0;
  bool any_unit_word_ = false;
};

bool subject_allowed(std::u32string_view subject) {
  return std::none_of(subject.begin(), subject.end(), [](char32_t c) {
    return text::is_ascii_digit(c) || is_sentence_punctuation(c);
  });
}

}  // namespace

schema::Value parse_value(std::string_view cell_text) {
  schema::Value value;
  const std::string raw = text::clean_text(cell_text);
  if (raw.empty()) return value;  // kind empty, raw null
  value.raw = raw;
  const std::u32string folded = numerals::fold(text::decode_utf8(raw));
  if (text::is_placeholder(folded)) return value;
  value.kind = schema::ValueKind::kText;

  TailParser parser(folded);
  for (std::size_t subject_end = 0; subject_end < folded.size(); ++subject_end) {
    const std::u32string_view subject = std::u32string_view(folded).substr(0, subject_end);
    if (!subject_allowed(subject)) break;
    const auto parsed = parser.parse(subject_end);
    if (!parsed) continue;
    // With a subject, only "[subject] op number unit" reduces to a quantity.
    if (subject_end > 0 && !parsed->op && !parsed->unit) continue;
    value.kind = parsed->max ? schema::ValueKind::kRange : schema::ValueKind::kQuantity;
    value.op = parsed->op;
    value.value = parsed->value;
    value.max = parsed->max;
    if (parsed->unit) value.unit = text::encode_utf8(*parsed->unit);
    break;
  }
  return value;
}

}  // namespace kpiform::normalize
