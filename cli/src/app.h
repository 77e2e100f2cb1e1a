// The kpiform command line: parses arguments and dispatches to a command.
//
// Never exits or aborts; returns the process exit status of RECORD.md:
// 0 all inputs processed, 1 an input failed, 2 usage error.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace kpiform::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitInputFailed = 1;
inline constexpr int kExitUsage = 2;

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace kpiform::cli
