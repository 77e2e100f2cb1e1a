// UTF-8 <-> code points, for the stages that work on characters without
// ICU (extract, layout).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kpiform::text {

std::string utf8_of(char32_t code);
std::u32string decode_utf8(std::string_view text);
std::string encode_utf8(std::u32string_view text);

// How many characters (code points) `text` holds.
std::size_t character_count(std::string_view text);

// Whether `text` holds an ASCII digit.
bool has_digit(std::string_view text);

// A file name as kpiform prints and stores it (messages, records, CSV, the
// database): valid UTF-8 is kept as it is; a byte that is not part of valid
// UTF-8, a control character (a newline in a name) and DEL become \xNN, and
// a backslash becomes \\, so that the original bytes can be told back.
std::string printable_name(std::string_view bytes);

}  // namespace kpiform::text
