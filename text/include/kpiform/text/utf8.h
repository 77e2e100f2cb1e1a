// UTF-8 <-> code points, for the stages that work on characters without
// ICU (extract, layout).
#pragma once

#include <string>
#include <string_view>

namespace kpiform::text {

std::string utf8_of(char32_t code);
std::u32string decode_utf8(std::string_view text);
std::string encode_utf8(std::u32string_view text);

}  // namespace kpiform::text
