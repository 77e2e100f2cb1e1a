// Where tests find the committed samples. Tests never read ../shared.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace kpiform::testing {

inline std::filesystem::path source_dir() {
  return KPIFORM_SOURCE_DIR;
}
inline std::filesystem::path binary_dir() {
  return KPIFORM_BINARY_DIR;
}
inline std::filesystem::path records_dir() {
  return source_dir() / "samples" / "records";
}
// Generated at build time by samples/generator (one folder per style).
inline std::filesystem::path sample_pdf_dir() {
  return binary_dir() / "samples" / "pdf";
}

// The ground-truth record files, sorted by name (document order).
std::vector<std::filesystem::path> ground_truth_files();

std::string read_file(const std::filesystem::path& path);

// Runs a shell command (standard input empty); captures standard output and
// error separately, and the peak memory of the command's processes.
struct CommandResult {
  int status = -1;  // exit status, or -1 when the command did not exit
  std::string out;
  std::string err;
  long peak_rss_kib = 0;  // the largest resident set of the command or a child
};
CommandResult run_command(const std::string& command);

// Runs the built kpiform with `arguments` (already quoted for the shell).
CommandResult run_kpiform(const std::string& arguments);

// Quotes one argument for /bin/sh.
std::string shell_quote(const std::string& argument);

}  // namespace kpiform::testing
