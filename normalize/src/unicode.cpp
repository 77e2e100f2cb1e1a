#include "unicode.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

namespace kpiform::normalize::unicode {

std::u32string decode(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    out.push_back(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c));
  }
  return out;
}

std::string encode(std::u32string_view text) {
  std::string out;
  out.reserve(text.size() * 3);
  for (char32_t c : text) {
    uint8_t buffer[U8_MAX_LENGTH];
    int32_t length = 0;
    [[maybe_unused]] UBool error = false;  // cannot overflow: the buffer fits any code point
    const bool scalar = c <= 0x10FFFF && !(c >= 0xD800 && c <= 0xDFFF);
    const UChar32 code = scalar ? static_cast<UChar32>(c) : 0xFFFD;
    U8_APPEND(buffer, length, U8_MAX_LENGTH, code, error);
    out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(length));
  }
  return out;
}

bool is_space(char32_t c) {
  return c == U'\uFEFF' || u_isUWhiteSpace(static_cast<UChar32>(c));
}

bool is_latin_letter(char32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  const auto code = static_cast<UChar32>(c);
  return u_isalpha(code) && uscript_getScript(code, &status) == USCRIPT_LATIN && U_SUCCESS(status);
}

bool is_ascii_digit(char32_t c) {
  return c >= U'0' && c <= U'9';
}

std::u32string_view trim(std::u32string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace kpiform::normalize::unicode
