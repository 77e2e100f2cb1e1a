#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <ext/stdio_filebuf.h>
#include <iostream>
#include <string>
#include <vector>

#include "app.h"
#include "kpiform/pipeline/library_output.h"
#include "kpiform/pipeline/process_tuning.h"

int main(int argc, char** argv) {
  // kpiform's own messages go to the user's standard error; what libraries
  // print there themselves is captured (library_output.h).
  __gnu_cxx::stdio_filebuf<char> user_buffer(kpiform::pipeline::library_output::capture(),
                                             std::ios::out);
  std::ostream user_err(&user_buffer);
  user_err << std::unitbuf;
  kpiform::pipeline::keep_freed_memory();
  std::ios::sync_with_stdio(false);
  try {
    const std::vector<std::string> args(argv + 1, argv + argc);
    const int status = kpiform::cli::run(args, std::cout, user_err);
    // Output that never reached standard output (a full disk, /dev/full, a
    // closed pipe) is a failure, whatever the command thought.
    errno = 0;
    std::cout.flush();
    if (!std::cout || std::fflush(stdout) != 0) {
      user_err << "kpiform: cannot write to standard output: "
               << (errno != 0 ? std::strerror(errno) : "write error") << '\n';
      return kpiform::cli::kExitInputFailed;
    }
    return status;
  } catch (const std::exception& error) {
    // Only a bug gets here: every expected failure is reported by run().
    user_err << "kpiform: internal error: " << error.what() << '\n';
    return kpiform::cli::kExitInputFailed;
  }
}
