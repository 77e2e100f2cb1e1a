// Born-digital speed: the whole-process time of `kpiform extract` on one
// core against `pdftotext` on the same files in the same run (the ratio is
// the figure to compare across machines), and kpiform's peak memory.
//
//   kpiform-bench-throughput [--rounds N] KPIFORM LABEL=FILE[,FILE...] ...
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "child_process.h"

namespace {

using kpiform::bench::Run;
using kpiform::bench::run;

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  for (std::string part; std::getline(stream, part, separator);) parts.push_back(part);
  return parts;
}

int pages_of(const std::string& file) {
  const std::string info = kpiform::bench::output_of("pdfinfo '" + file + "' 2>/dev/null");
  const auto at = info.find("Pages:");
  return at == std::string::npos ? 0 : std::atoi(info.c_str() + at + 6);
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = 3;
  std::string kpiform;
  std::vector<std::pair<std::string, std::vector<std::string>>> sets;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--rounds" && i + 1 < argc) {
      rounds = std::max(1, std::atoi(argv[++i]));
      continue;
    }
    const auto equals = arg.find('=');
    if (equals == std::string::npos && kpiform.empty()) {
      kpiform = arg;
      continue;
    }
    if (equals == std::string::npos) {
      std::fprintf(
          stderr, "usage: kpiform-bench-throughput [--rounds N] KPIFORM LABEL=FILE[,FILE...]...\n");
      return 2;
    }
    sets.emplace_back(arg.substr(0, equals), split(arg.substr(equals + 1), ','));
  }
  const std::string scratch =
      (std::filesystem::temp_directory_path() / ("kpiform-bench-" + std::to_string(::getpid())))
          .string();
  std::printf("%-26s %5s %5s %11s %13s %7s %9s\n", "set", "files", "pages", "kpiform s",
              "pdftotext s", "ratio", "peak MiB");
  for (const auto& [label, files] : sets) {
    int pages = 0;
    for (const std::string& file : files) pages += pages_of(file);
    double kpiform_seconds = 0, baseline_seconds = 0;
    long peak = 0;
    // Alternating the two programs file by file keeps a busy machine from
    // favouring either.
    for (int round = 0; round < rounds; ++round) {
      for (const std::string& file : files) {
        const Run ours =
            run({kpiform, "extract", "-q", "-j", "1", "-f", "json", "-o", scratch + ".json", file});
        const Run theirs = run({"pdftotext", file, scratch + ".txt"});
        if (!ours.ok || !theirs.ok) {
          std::fprintf(stderr, "%s failed on %s\n", ours.ok ? "pdftotext" : "kpiform",
                       file.c_str());
          return 1;
        }
        kpiform_seconds += ours.seconds;
        baseline_seconds += theirs.seconds;
        peak = std::max(peak, ours.peak_kib);
      }
    }
    std::printf("%-26s %5zu %5d %11.3f %13.3f %7.2f %9.1f\n", label.c_str(), files.size(), pages,
                kpiform_seconds / rounds, baseline_seconds / rounds,
                kpiform_seconds / baseline_seconds, static_cast<double>(peak) / 1024.0);
  }
  std::filesystem::remove(scratch + ".json");
  std::filesystem::remove(scratch + ".txt");
  return 0;
}
