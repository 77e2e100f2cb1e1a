// The table of kpiform commands. Each command parses its own options and
// returns an exit status (see app.h).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace kpiform::cli {

using CommandFunction = int (*)(const std::vector<std::string>& args, std::ostream& out,
                                std::ostream& err);

struct Command {
  std::string name;
  std::string summary;
  CommandFunction run;
};

const std::vector<Command>& commands();

// Prints "kpiform: MESSAGE" and a pointer to the help; returns kExitUsage.
int usage_error(std::ostream& err, const std::string& message, const std::string& command);

int run_extract(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
int run_validate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace kpiform::cli
