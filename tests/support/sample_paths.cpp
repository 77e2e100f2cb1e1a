#include "sample_paths.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace kpiform::testing {

std::vector<std::filesystem::path> ground_truth_files() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(records_dir())) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream buffer;
  buffer << file.rdbuf();
  return buffer.str();
}

std::string shell_quote(const std::string& argument) {
  std::string quoted = "'";
  for (char c : argument) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

CommandResult run_command(const std::string& command) {
  const std::filesystem::path base =
      std::filesystem::temp_directory_path() / ("kpiform-test-" + std::to_string(::getpid()));
  const std::string out_file = base.string() + "-stdout.txt",
                    err_file = base.string() + "-stderr.txt";
  const std::string full =
      "exec >" + shell_quote(out_file) + " 2>" + shell_quote(err_file) + " </dev/null; " + command;
  const pid_t child = ::fork();
  if (child < 0) throw std::runtime_error("cannot run " + command);
  if (child == 0) {
    ::execl("/bin/sh", "sh", "-c", full.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int raw = 0;
  struct rusage usage {};
  while (::wait4(child, &raw, 0, &usage) < 0) {
    if (errno != EINTR) throw std::runtime_error("cannot wait for " + command);
  }
  CommandResult result;
  result.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  result.peak_rss_kib = usage.ru_maxrss;
  result.out = read_file(out_file);
  result.err = read_file(err_file);
  std::filesystem::remove(out_file);
  std::filesystem::remove(err_file);
  return result;
}

CommandResult run_kpiform(const std::string& arguments) {
  return run_command(shell_quote((binary_dir() / "kpiform").string()) + " " + arguments);
}

}  // namespace kpiform::testing
