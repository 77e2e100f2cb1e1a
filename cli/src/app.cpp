#include "app.h"

#include <boost/program_options.hpp>
#include <ostream>

#include "commands.h"

namespace kpiform::cli {

namespace po = boost::program_options;

namespace {

constexpr const char* kVersion = KPIFORM_VERSION;

void print_main_help(std::ostream& out) {
  out << "kpiform " << kVersion
      << " — turns Chinese fiscal performance self-evaluation forms\n"
         "(财政项目支出绩效自评表) into typed, verified records.\n\n"
         "Usage:\n"
         "  kpiform COMMAND [options] [INPUT...]\n"
         "  kpiform --help | --version\n"
         "  kpiform COMMAND --help\n\n"
         "Commands:\n";
  for (const Command& command : commands()) {
    out << "  " << command.name;
    for (std::size_t pad = command.name.size(); pad < 10; ++pad) out << ' ';
    out << command.summary << '\n';
  }
  out << "\nExit status: 0 all inputs processed, 1 an input failed, 2 usage error.\n"
         "Records follow schema_version 1 (see RECORD.md in the documentation).\n";
}

}  // namespace

int usage_error(std::ostream& err, const std::string& message, const std::string& command) {
  err << "kpiform: " << message << '\n'
      << "Try 'kpiform " << (command.empty() ? "" : command + " ") << "--help'.\n";
  return kExitUsage;
}

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    print_main_help(err);
    return kExitUsage;
  }
  const std::string& first = args.front();
  if (first == "--help" || first == "-h" || first == "help") {
    print_main_help(out);
    return kExitOk;
  }
  if (first == "--version" || first == "-V") {
    out << "kpiform " << kVersion << '\n';
    return kExitOk;
  }
  if (!first.empty() && first[0] == '-')
    return usage_error(err, "unknown option '" + first + "'", "");
  for (const Command& command : commands()) {
    if (command.name == first) {
      return command.run(std::vector<std::string>(args.begin() + 1, args.end()), out, err);
    }
  }
  return usage_error(err, "unknown command '" + first + "'", "");
}

}  // namespace kpiform::cli
