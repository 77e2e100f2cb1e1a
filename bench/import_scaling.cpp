// Bulk import: wall time of `kpiform import -j 1` against `-j 2` on the
// same archive (the ratio is the speed-up), and the peak memory of each.
//
//   kpiform-bench-import KPIFORM SAMPLE_PDF_DIR [FILES]
//
// The archive is FILES copies of the sample PDFs (default 1000), each made
// distinct by a trailing comment, in a temporary folder.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Run {
  double seconds;
  long peak_kib;
  int status;
};

Run run(const std::vector<std::string>& argv) {
  std::fflush(stdout);  // the child must not print our buffer again
  const auto start = std::chrono::steady_clock::now();
  const pid_t child = ::fork();
  if (child == 0) {
    ::freopen("/dev/null", "w", stdout);
    std::vector<char*> args;
    for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  int status = 0;
  rusage usage{};
  ::wait4(child, &status, 0, &usage);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return {seconds, usage.ru_maxrss, WIFEXITED(status) ? WEXITSTATUS(status) : -1};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: kpiform-bench-import KPIFORM SAMPLE_PDF_DIR [FILES]\n");
    return 2;
  }
  const std::string kpiform = fs::absolute(argv[1]).string();
  const fs::path samples_dir = argv[2];
  const std::size_t files = argc > 3 ? std::strtoul(argv[3], nullptr, 10) : 1000;

  std::vector<std::string> samples;
  for (const auto& entry : fs::recursive_directory_iterator(samples_dir)) {
    if (entry.path().extension() == ".pdf") {
      std::ifstream in(entry.path(), std::ios::binary);
      samples.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
  }
  if (samples.empty()) {
    std::fprintf(stderr, "no PDFs under %s\n", samples_dir.c_str());
    return 1;
  }
  const fs::path root =
      fs::temp_directory_path() / ("kpiform-bench-import-" + std::to_string(::getpid()));
  fs::create_directories(root / "archive");
  for (std::size_t i = 0; i < files; ++i) {
    std::ofstream out(root / "archive" / ("form-" + std::to_string(i) + ".pdf"), std::ios::binary);
    out << samples[i % samples.size()] << "\n% copy " << i << "\n";
  }

  std::printf("%zu files\n%-8s %10s %12s %8s\n", files, "jobs", "seconds", "peak MiB", "status");
  Run runs[2];
  for (int jobs = 1; jobs <= 2; ++jobs) {
    const std::string db = (root / ("j" + std::to_string(jobs) + ".sqlite")).string();
    runs[jobs - 1] = run({kpiform, "import", "-q", "-j", std::to_string(jobs), "--db", db,
                          (root / "archive").string()});
    std::printf("-j %-5d %10.2f %12.1f %8d\n", jobs, runs[jobs - 1].seconds,
                static_cast<double>(runs[jobs - 1].peak_kib) / 1024.0, runs[jobs - 1].status);
  }
  std::printf("speed-up -j 2 / -j 1: %.2fx\n", runs[0].seconds / runs[1].seconds);
  fs::remove_all(root);
  return 0;
}
