// Character classes every stage shares, by Unicode's own tables (ICU,
// private to this library).
#pragma once

#include <string_view>

namespace kpiform::text {

bool is_space(char32_t c);  // Unicode White_Space, plus U+FEFF
bool is_latin_letter(char32_t c);
bool is_ascii_digit(char32_t c);

// Removes white space at both ends.
std::u32string_view trim(std::u32string_view text);

}  // namespace kpiform::text
