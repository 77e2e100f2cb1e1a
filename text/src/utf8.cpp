#include "kpiform/text/utf8.h"

#include <unicode/utf8.h>

#include <algorithm>

namespace kpiform::text {

// Invalid or truncated sequences decode as U+FFFD; a value that is no
// Unicode scalar (a surrogate, beyond U+10FFFF) encodes as U+FFFD.
std::u32string decode_utf8(std::string_view utf8) {
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

std::string encode_utf8(std::u32string_view text) {
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

std::string utf8_of(char32_t code) {
  return encode_utf8(std::u32string_view(&code, 1));
}

namespace {

// The length of the valid UTF-8 sequence at the start of `bytes`, 0 when
// there is none (bad lead byte, missing continuation, overlong form,
// surrogate, beyond U+10FFFF).
std::size_t valid_sequence_length(std::string_view bytes) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // the second byte's range
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (bytes.size() < length || byte(1) < low || byte(1) > high) return 0;
  for (std::size_t i = 2; i < length; ++i) {
    if (byte(i) < 0x80 || byte(i) > 0xBF) return 0;
  }
  return length;
}

}  // namespace

std::string printable_name(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size();) {
    const auto byte = static_cast<unsigned char>(bytes[i]);
    const std::size_t length = valid_sequence_length(bytes.substr(i));
    // C1 controls (U+0080..U+009F) are two bytes, C2 80..C2 9F.
    const bool control =
        byte < 0x20 || byte == 0x7F ||
        (length == 2 && byte == 0xC2 && static_cast<unsigned char>(bytes[i + 1]) < 0xA0);
    if (byte == '\\') {
      out += "\\\\";
      ++i;
    } else if (length == 0 || control) {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
      ++i;
    } else {
      out.append(bytes.substr(i, length));
      i += length;
    }
  }
  return out;
}

std::size_t character_count(std::string_view text) {
  return decode_utf8(text).size();
}

bool has_digit(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace kpiform::text
