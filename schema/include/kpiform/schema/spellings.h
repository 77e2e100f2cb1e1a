// An enum's spellings as one table, read both ways: the one way kpiform
// turns its enums into the contract's words and back.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace kpiform::schema {

template <typename Enum, std::size_t N>
using Spellings = std::array<std::pair<Enum, const char*>, N>;

// The spelling of `value` ("?" for a value the table lacks).
template <typename Enum, std::size_t N>
const char* spelling_of(const Spellings<Enum, N>& table, Enum value) {
  for (const auto& [candidate, text] : table) {
    if (candidate == value) return text;
  }
  return "?";
}

// The value spelled `text`, or nullopt.
template <typename Enum, std::size_t N>
std::optional<Enum> spelled(const Spellings<Enum, N>& table, std::string_view text) {
  for (const auto& [candidate, spelling] : table) {
    if (text == spelling) return candidate;
  }
  return std::nullopt;
}

}  // namespace kpiform::schema
