#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "app.h"
#include "process_tuning.h"

int main(int argc, char** argv) {
  kpiform::cli::keep_freed_memory();
  std::ios::sync_with_stdio(false);
  try {
    const std::vector<std::string> args(argv + 1, argv + argc);
    const int status = kpiform::cli::run(args, std::cout, std::cerr);
    // Output that never reached standard output (a full disk, /dev/full, a
    // closed pipe) is a failure, whatever the command thought.
    errno = 0;
    std::cout.flush();
    if (!std::cout || std::fflush(stdout) != 0) {
      std::cerr << "kpiform: cannot write to standard output: "
                << (errno != 0 ? std::strerror(errno) : "write error") << '\n';
      return kpiform::cli::kExitInputFailed;
    }
    return status;
  } catch (const std::exception& error) {
    // Only a bug gets here: every expected failure is reported by run().
    std::cerr << "kpiform: internal error: " << error.what() << '\n';
    return kpiform::cli::kExitInputFailed;
  }
}
