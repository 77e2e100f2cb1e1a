// Fuzz target for @LIST files: bytes -> the list counted, then walked; the
// walk names as many files as the count said, or both throw InputError.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "fuzz_file.h"
#include "input_files.h"
#include "kpiform/schema/error.h"

// Lists are read from an empty folder, and a list naming an absolute path or
// a parent is passed over: walking the machine's own folders is no finding.
bool stays_in_place(std::string_view text) {
  if (text.find("..") != std::string_view::npos) return false;
  std::size_t start = 0;
  while (start < text.size()) {
    if (text[start] == '/' || text[start] == '@' || text[start] == '~') return false;
    const std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return true;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kpiform;
  static const bool moved = [] {
    const auto empty = std::filesystem::temp_directory_path() /
                       ("kpiform-list-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(empty);
    std::filesystem::current_path(empty);
    return true;
  }();
  (void)moved;
  if (!stays_in_place(std::string_view(reinterpret_cast<const char*>(data), size))) return 0;
  const std::string list = "@" + fuzzing::file_holding(data, size, ".list");
  std::size_t counted = 0;
  try {
    counted = cli::InputFiles::count({list});
  } catch (const InputError&) {
    return 0;
  }
  std::size_t walked = 0;
  cli::InputFiles files({list});
  while (files.next()) ++walked;
  if (walked != counted) __builtin_trap();
  return 0;
}
