#include <algorithm>
#include <boost/program_options.hpp>
#include <ostream>

#include "app.h"
#include "commands.h"
#include "kpiform/review/review.h"
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
    "  kpiform export --db postgresql://kpiform@db.example/forms -f csv > all.csv\n"
    "  kpiform export --db forms.sqlite --as-extracted > as-read.jsonl\n\n"
    "Corrections made in 'kpiform review' are applied by default and the checks\n"
    "run again: a corrected record gains a \"corrections\" member (field, value\n"
    "as extracted, new value, reviewer, time, reason) and CSV a last column\n"
    "'corrected' naming the row's corrected fields. --table writes the rows as\n"
    "imported (--table corrections lists the corrections).\n\n"
    "Exit status: 0 written, 1 the database cannot be read, 2 usage error.\n\n";

using Json = RecordJson;

Json corrections_json(const std::vector<store::Correction>& corrections) {
  Json list = Json::array();
  for (const store::Correction& correction : corrections) {
    list.push_back({{"field", schema::to_string(correction.field)},
                    {"extracted", correction.extracted ? Json(*correction.extracted) : Json()},
                    {"value", correction.value},
                    {"reviewer", correction.reviewer},
                    {"corrected_at", correction.corrected_at},
                    {"reason", correction.reason}});
  }
  return list;
}

// The corrected fields of indicator `index`'s CSV row: its own by name
// ("score"), the form's by path ("total.score").
std::string corrected_in_row(const std::vector<store::Correction>& corrections,
                             std::optional<std::size_t> index) {
  std::vector<std::string> fields;
  for (const store::Correction& correction : corrections) {
    const bool indicator = correction.field.part() == schema::Part::kIndicators;
    if (indicator && (!index || correction.field.row != *index)) continue;  // another row's
    const std::string name =
        indicator ? schema::info(correction.field.field).name : schema::to_string(correction.field);
    if (std::find(fields.begin(), fields.end(), name) == fields.end()) fields.push_back(name);
  }
  std::string joined;
  for (const std::string& field : fields) joined += (joined.empty() ? "" : ";") + field;
  return joined;
}

// As render_records when nothing was corrected, so that an export equals
// what extract wrote; otherwise with the corrections said per record
// (JSON) or per row (CSV).
std::string render_exported(const std::vector<review::ExportedRecord>& exported, Format format) {
  std::vector<schema::Record> records;
  bool corrected = false;
  for (const review::ExportedRecord& item : exported) {
    records.push_back(item.record);
    corrected = corrected || !item.corrections.empty();
  }
  if (!corrected) return render_records(records, format);
  if (format == Format::kCsv) {
    std::vector<std::vector<std::string>> rows = schema::parse_csv(render_records(records, format));
    std::string out = schema::kCsvBom;
    rows.front().push_back("corrected");
    out += schema::csv_line(rows.front());
    std::size_t row = 1;
    for (const review::ExportedRecord& item : exported) {
      const std::size_t indicators = std::max<std::size_t>(1, item.record.indicators.size());
      for (std::size_t i = 0; i < indicators && row < rows.size(); ++i, ++row) {
        rows[row].push_back(corrected_in_row(
            item.corrections,
            item.record.indicators.empty() ? std::nullopt : std::optional<std::size_t>(i)));
        out += schema::csv_line(rows[row]);
      }
    }
    return out;
  }
  std::vector<RecordJson> trees;
  for (const review::ExportedRecord& item : exported) {
    RecordJson tree =
        RecordJson::parse(schema::record_to_json(item.record, schema::JsonStyle::kOneLine));
    if (!item.corrections.empty()) tree["corrections"] = corrections_json(item.corrections);
    trees.push_back(std::move(tree));
  }
  return render_trees(std::move(trees), format);
}

}  // namespace

int run_export(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  po::options_description options("Options");
  std::string table_names;
  for (const std::string& name : store::Database::tables()) {
    table_names += (table_names.empty() ? "" : ", ") + name;
  }
  options.add_options()("help,h", "show this help")(
      "db", po::value<std::string>(), "a SQLite file or a postgresql:// URL (required)")(
      "format,f", po::value<std::string>()->default_value("jsonl"),
      "jsonl (one record a line), json (an array) or csv (one row an indicator)")(
      "table", po::value<std::string>(),
      ("instead of records, one table as CSV, as stored: " + table_names).c_str())(
      "as-extracted", "leave the reviewers' corrections out")(
      "output,o", po::value<std::string>(), "write here instead of standard output");
  po::variables_map vm;
  if (const auto done =
          parse_command_line(args, options, "export", kExportUsage, vm, out, err, Inputs::kNone)) {
    return *done;
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
    content =
        vm.count("table")
            ? db->table_csv(vm["table"].as<std::string>())
            : render_exported(review::exported_records(*db, vm.count("as-extracted") > 0), *format);
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
