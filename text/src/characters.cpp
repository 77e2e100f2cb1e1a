#include "kpiform/text/characters.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

namespace kpiform::text {

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

}  // namespace kpiform::text
