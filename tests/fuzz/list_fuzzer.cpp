// Fuzz target for @LIST files: bytes -> the list counted, then walked; the
// walk names as many files as the count said, or both throw InputError.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "fuzz_file.h"
#include "input_files.h"
#include "kpiform/schema/error.h"

// A list naming an absolute path, a parent, a nested list or a folder that
// exists is passed over: walking the machine's own folders is no finding.
bool stays_in_place(std::string_view text) {
  if (text.find("..") != std::string_view::npos) return false;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    std::string line(text.substr(start, end - start));
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty() && (line[0] == '/' || line[0] == '@' || line[0] == '~')) return false;
    std::error_code error;
    if (!line.empty() && std::filesystem::is_directory(line, error)) return false;
    start = end + 1;
  }
  return true;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kpiform;
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
