#include <unistd.h>

#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "app.h"
#include "process_tuning.h"

int main(int argc, char** argv) {
  // One Tesseract engine per worker thread; OpenMP threads inside each
  // would only compete with the other workers for the cores (and spin:
  // three times slower here). The OpenMP runtime reads its limit when the
  // program loads, so the limit is set and the program started again.
  if (!std::getenv("OMP_THREAD_LIMIT")) {
    ::setenv("OMP_THREAD_LIMIT", "1", 1);
    ::execv("/proc/self/exe", argv);  // returns only if it failed: go on
  }
  kpiform::cli::keep_freed_memory();
  std::ios::sync_with_stdio(false);
  try {
    const std::vector<std::string> args(argv + 1, argv + argc);
    const int status = kpiform::cli::run(args, std::cout, std::cerr);
    std::cout.flush();
    return status;
  } catch (const std::exception& error) {
    // Only a bug gets here: every expected failure is reported by run().
    std::cerr << "kpiform: internal error: " << error.what() << '\n';
    return kpiform::cli::kExitInputFailed;
  }
}
