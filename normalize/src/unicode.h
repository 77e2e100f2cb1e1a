// UTF-8 <-> code points and character classes, for the normalizer only.
#pragma once

#include <string>
#include <string_view>

namespace kpiform::normalize::unicode {

// Invalid or truncated sequences become U+FFFD.
std::u32string decode(std::string_view utf8);
std::string encode(std::u32string_view text);

bool is_space(char32_t c);  // Unicode White_Space, plus U+FEFF
bool is_latin_letter(char32_t c);
bool is_ascii_digit(char32_t c);

// Removes white space at both ends.
std::u32string_view trim(std::u32string_view text);

}  // namespace kpiform::normalize::unicode
