// Born-digital throughput: pages per second of `kpiform extract` on one
// core, against pdftotext on the same files in the same run (the ratio is
// the figure to compare across machines).
//
//   kpiform-bench-throughput [--rounds N] LABEL=FILE[,FILE...] ...
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "pipeline.h"
#include "process_tuning.h"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  for (std::string part; std::getline(stream, part, separator);) parts.push_back(part);
  return parts;
}

}  // namespace

int main(int argc, char** argv) {
  kpiform::cli::keep_freed_memory();  // as the CLI does
  int rounds = 3;
  std::vector<std::pair<std::string, std::vector<std::string>>> sets;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--rounds" && i + 1 < argc) {
      rounds = std::max(1, std::atoi(argv[++i]));
      continue;
    }
    const auto equals = arg.find('=');
    if (equals == std::string::npos) {
      std::fprintf(stderr,
                   "usage: kpiform-bench-throughput [--rounds N] LABEL=FILE[,FILE...]...\n");
      return 2;
    }
    sets.emplace_back(arg.substr(0, equals), split(arg.substr(equals + 1), ','));
  }
  std::printf("%-22s %6s %6s %14s %14s %8s\n", "set", "files", "pages", "kpiform p/s",
              "pdftotext p/s", "ratio");
  for (const auto& [label, files] : sets) {
    int pages = 0;
    std::size_t forms = 0;
    const auto start = Clock::now();
    for (int round = 0; round < rounds; ++round) {
      pages = 0;
      forms = 0;
      for (const std::string& file : files) {
        const auto outcome = kpiform::cli::extract_file(file);
        if (outcome.error) {
          std::fprintf(stderr, "%s\n", outcome.error->c_str());
          return 1;
        }
        pages += outcome.pages;
        forms += outcome.records.size();
      }
    }
    const double kpiform_seconds = seconds_since(start);
    const auto baseline_start = Clock::now();
    for (int round = 0; round < rounds; ++round) {
      for (const std::string& file : files) {
        const std::string command = "pdftotext '" + file + "' /dev/null";
        if (std::system(command.c_str()) != 0) {
          std::fprintf(stderr, "pdftotext failed on %s\n", file.c_str());
          return 1;
        }
      }
    }
    const double baseline_seconds = seconds_since(baseline_start);
    const double kpiform_rate = pages * rounds / kpiform_seconds;
    const double baseline_rate = pages * rounds / baseline_seconds;
    std::printf("%-22s %6zu %6d %14.1f %14.1f %8.3f   (%zu forms)\n", label.c_str(), files.size(),
                pages, kpiform_rate, baseline_rate, kpiform_rate / baseline_rate, forms);
  }
  return 0;
}
