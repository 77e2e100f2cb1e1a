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
    std::cout.flush();
    return status;
  } catch (const std::exception& error) {
    // Only a bug gets here: every expected failure is reported by run().
    std::cerr << "kpiform: internal error: " << error.what() << '\n';
    return kpiform::cli::kExitInputFailed;
  }
}
