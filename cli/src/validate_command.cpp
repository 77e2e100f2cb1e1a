#include <boost/program_options.hpp>
#include <ostream>

#include "app.h"
#include "commands.h"
#include "kpiform/schema/checks.h"
#include "kpiform/schema/error.h"
#include "kpiform/schema/json.h"
#include "kpiform/text/utf8.h"

namespace kpiform::cli {

namespace po = boost::program_options;

namespace {

constexpr const char* kValidateUsage =
    "Usage: kpiform validate [options] FILE...\n\n"
    "Reads record JSON files (one record object, or an array of records, as\n"
    "written by 'kpiform extract'), checks every field against the record\n"
    "contract, and re-runs the consistency checks on the numbers. A record\n"
    "whose stored checks disagree with the recomputed ones is reported.\n\n"
    "Example:\n"
    "  kpiform validate samples/records/*.json\n\n"
    "Exit status: 0 all files valid, 1 a file is invalid, 2 usage error.\n\n";

// Names the rules whose stored outcome differs from the recomputed one.
std::string disagreements(const schema::Record& record) {
  std::string found;
  for (const schema::Check& recomputed : schema::run_checks(record)) {
    bool matched = false;
    for (const schema::Check& stored : record.checks) {
      if (stored.rule == recomputed.rule) matched = stored.ok == recomputed.ok;
    }
    if (!matched)
      found += (found.empty() ? "" : ", ") + std::string(schema::to_string(recomputed.rule));
  }
  return found;
}

}  // namespace

int run_validate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")(
      "quiet,q", "print only problems, not one line per valid file");
  po::variables_map vm;
  if (const auto done = parse_command_line(args, options, "validate", kValidateUsage, vm, out, err))
    return *done;

  int status = kExitOk;
  for (const std::string& path : vm["input"].as<std::vector<std::string>>()) {
    try {
      const std::vector<schema::Record> records = schema::read_records_file(path);
      std::string problems;
      for (std::size_t i = 0; i < records.size(); ++i) {
        const std::string rules = disagreements(records[i]);
        if (!rules.empty()) {
          problems +=
              " record " + std::to_string(i + 1) + " stores other check outcomes (" + rules + ");";
        }
      }
      if (!problems.empty()) {
        err << text::printable_name(path) << ":" << problems << '\n';
        status = kExitInputFailed;
      } else if (!vm.count("quiet")) {
        out << text::printable_name(path) << ": " << records.size()
            << (records.size() == 1 ? " record" : " records") << " valid\n";
      }
    } catch (const InputError& error) {
      err << error.what() << '\n';
      status = kExitInputFailed;
    }
  }
  return status;
}

}  // namespace kpiform::cli
