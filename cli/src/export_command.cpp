#include <boost/program_options.hpp>
#include <ostream>

#include "app.h"
#include "commands.h"
#include "kpiform/schema/csv.h"
#include "kpiform/schema/error.h"
#include "kpiform/schema/json.h"
#include "kpiform/store/database.h"
#include "output.h"

namespace kpiform::cli {

namespace po = boost::program_options;

namespace {

constexpr const char* kExportUsage =
    "Usage: kpiform export --db PATH|URL [options]\n\n"
    "Writes the records of an import database back out, in the shapes of\n"
    "'kpiform extract' (RECORD.md), ordered by document path and form; or one\n"
    "table of the database as CSV.\n\n"
    "Examples:\n"
    "  kpiform export --db forms.sqlite --format jsonl > forms.jsonl\n"
    "  kpiform export --db forms.sqlite --format csv -o indicators.csv\n"
    "  kpiform export --db forms.sqlite --table documents > documents.csv\n"
    "  kpiform export --db postgresql://kpiform@db.example/forms -f csv > all.csv\n\n"
    "Exit status: 0 written, 1 the database cannot be read, 2 usage error.\n\n";

}  // namespace

int run_export(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")(
      "db", po::value<std::string>(), "a SQLite file or a postgresql:// URL (required)")(
      "format,f", po::value<std::string>()->default_value("jsonl"),
      "jsonl (one record a line), json (an array) or csv (one row an indicator)")(
      "table", po::value<std::string>(),
      "instead of records, one table as CSV: documents, forms, funds, indicators, checks")(
      "output,o", po::value<std::string>(), "write here instead of standard output");
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(options).run(), vm);
    po::notify(vm);
  } catch (const po::error& error) {
    return usage_error(err, error.what(), "export");
  }
  if (vm.count("help")) {
    out << kExportUsage << options;
    return kExitOk;
  }
  if (!vm.count("db")) return usage_error(err, "--db PATH|URL is required", "export");
  const auto format = parse_format(vm["format"].as<std::string>());
  if (!format) return usage_error(err, "unknown format (json, jsonl or csv)", "export");

  if (vm.count("output")) {
    if (input_named_by(vm["output"].as<std::string>(), {vm["db"].as<std::string>()})) {
      return usage_error(err, "-o " + vm["output"].as<std::string>() + " is the database",
                         "export");
    }
  }
  std::string content;
  try {
    auto db = store::Database::open(vm["db"].as<std::string>(), store::Database::Mode::kReadOnly);
    content = vm.count("table") ? db->table_csv(vm["table"].as<std::string>())
                                : render_records(db->records(), *format);
  } catch (const InputError& error) {
    err << error.what() << '\n';
    return kExitInputFailed;
  }
  if (vm.count("output")) {
    return write_output(vm["output"].as<std::string>(), content, err) ? kExitOk : kExitInputFailed;
  }
  out << content;
  return kExitOk;
}

}  // namespace kpiform::cli
