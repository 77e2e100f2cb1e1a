#include "commands.h"

#include <ostream>

#include "app.h"

namespace kpiform::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"extract", "read forms from PDF files into records (JSON, JSONL or CSV)", &run_extract},
      {"import", "bring PDFs and folders of them into a SQLite database, resumably", &run_import},
      {"export", "write the records of an import database as JSON, JSONL or CSV", &run_export},
      {"validate", "check record JSON files against the contract and re-run their checks",
       &run_validate},
  };
  return table;
}

std::optional<int> parse_command_line(const std::vector<std::string>& args,
                                      const boost::program_options::options_description& options,
                                      const char* command, const char* usage,
                                      boost::program_options::variables_map& vm, std::ostream& out,
                                      std::ostream& err) {
  namespace po = boost::program_options;
  po::options_description hidden;
  hidden.add_options()("input", po::value<std::vector<std::string>>(), "input files");
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("input", -1);
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& error) {
    return usage_error(err, error.what(), command);
  }
  if (vm.count("help")) {
    out << usage << options;
    return kExitOk;
  }
  if (!vm.count("input")) return usage_error(err, "no input files", command);
  return std::nullopt;
}

}  // namespace kpiform::cli
