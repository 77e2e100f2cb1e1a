// UTF-8 <-> code points for extract/ (no ICU here).
#pragma once

#include <string>
#include <string_view>

namespace kpiform::extract {

std::string utf8_of(char32_t code);
std::u32string decode_utf8(std::string_view text);
std::string encode_utf8(std::u32string_view text);

}  // namespace kpiform::extract
