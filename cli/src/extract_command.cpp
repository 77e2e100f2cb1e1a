#include <boost/program_options.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "app.h"
#include "commands.h"
#include "kpiform/pipeline/pipeline.h"
#include "kpiform/schema/csv.h"
#include "kpiform/schema/json.h"
#include "kpiform/text/utf8.h"
#include "output.h"

namespace kpiform::cli {

namespace po = boost::program_options;

namespace {

constexpr const char* kExtractUsage =
    "Usage: kpiform extract [options] INPUT...\n\n"
    "Reads PDFs and scans (PNG, JPEG, TIFF; image-only PDFs) and writes one\n"
    "record per form found (a file may hold many forms; a form may run over\n"
    "many pages). Scanned pages are read by OCR (Tesseract, chi_sim). Records follow\n"
    "RECORD.md: money in yuan, rates in percent, targets and actuals as typed\n"
    "values, and the form's own arithmetic checked in 'checks'.\n\n"
    "Examples:\n"
    "  kpiform extract report.pdf                      JSON array on standard output\n"
    "  kpiform extract -f csv -o forms.csv archive/*.pdf\n"
    "  kpiform extract --table funds -o funds.csv archive/*.pdf\n"
    "                 the funds tables as CSV (also forms, indicators, checks)\n"
    "  kpiform extract -f jsonl -j 4 a.pdf b.pdf > forms.jsonl\n"
    "  kpiform extract --dpi 400 scan.tif               OCR at a finer resolution\n"
    "  kpiform extract --cells --min-confidence 80% scan.pdf\n"
    "                 fields with their boxes and confidences; warn under 80%\n\n"
    "A file that cannot be read is reported on standard error, one line naming\n"
    "it and the reason; the other files are still processed. A file without a\n"
    "form gives a warning and no record.\n\n"
    "CSV is one row per indicator with the form's header repeated (RECORD.md),\n"
    "or, with --table, one part of the records: forms (header, goals, totals),\n"
    "funds (budgets, execution rate, score), indicators or checks, each row\n"
    "keyed by source_path and form_position (the form's place in its file,\n"
    "from 0), the columns named as in the import database (DATABASE.md).\n\n"
    "Exit status: 0 all inputs processed, 1 an input failed, 2 usage error.\n\n";

}  // namespace

int run_extract(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")("output,o", po::value<std::string>(),
                                                    "write here instead of standard output")(
      "format,f", po::value<std::string>()->default_value("json"),
      "json (an array of records, pretty), jsonl (one record a line), csv (one row an "
      "indicator, UTF-8 with BOM)")("jobs,j", jobs_value(),
                                    "files extracted in parallel (at most the cores)")(
      "quiet,q", "do not print warnings (errors are always printed)")(
      "table", po::value<std::string>(),
      "csv: one part of the records as a table: forms, funds, indicators or checks")(
      "cells",
      "json, jsonl: each record also lists, per field, the text as read, its "
      "confidence and the page and box of its cells (for other tools)");
  add_ocr_options(options);
  po::variables_map vm;
  if (const auto done = parse_command_line(args, options, "extract", kExtractUsage, vm, out, err))
    return *done;
  std::optional<schema::RecordTable> table;
  if (vm.count("table")) {
    table = schema::record_table_named(vm["table"].as<std::string>());
    if (!table) {
      return usage_error(err,
                         "unknown table '" + vm["table"].as<std::string>() +
                             "' (forms, funds, indicators or checks)",
                         "extract");
    }
  }
  // --table is CSV: -f may be left out, but not be another format.
  const std::string format_name =
      table && vm["format"].defaulted() ? std::string("csv") : vm["format"].as<std::string>();
  const auto format = parse_format(format_name);
  if (!format) {
    return usage_error(err, "unknown format '" + format_name + "' (json, jsonl or csv)", "extract");
  }
  int jobs = 1;
  if (const auto error = read_jobs(vm, jobs)) return usage_error(err, *error, "extract");

  pipeline::ExtractOptions extract_options;
  if (const auto error = read_ocr_options(vm, extract_options)) {
    return usage_error(err, *error, "extract");
  }
  extract_options.keep_sources = vm.count("cells") > 0;
  if (extract_options.keep_sources && *format == Format::kCsv) {
    return usage_error(err, "--cells needs a JSON format (json or jsonl)", "extract");
  }
  if (table && *format != Format::kCsv) {
    return usage_error(err, "--table writes CSV (-f csv)", "extract");
  }
  const auto inputs = vm["input"].as<std::vector<std::string>>();
  if (vm.count("output")) {
    if (const auto input = input_named_by(vm["output"].as<std::string>(), inputs)) {
      return usage_error(err, "-o " + vm["output"].as<std::string>() + " is the input " + *input,
                         "extract");
    }
  }
  const auto outcomes = pipeline::extract_files(inputs, jobs, extract_options);
  int status = kExitOk;
  std::vector<schema::Record> records;
  std::vector<std::vector<cells::FieldSource>> sources;
  for (const pipeline::FileOutcome& outcome : outcomes) {
    if (outcome.error) {
      err << *outcome.error << '\n';
      status = kExitInputFailed;
      continue;
    }
    if (!vm.count("quiet")) {
      for (const std::string& warning : outcome.warnings) {
        err << text::printable_name(outcome.path) << ": warning: " << warning << '\n';
      }
    }
    records.insert(records.end(), outcome.records.begin(), outcome.records.end());
    sources.insert(sources.end(), outcome.sources.begin(), outcome.sources.end());
  }
  const std::string content =
      table ? schema::record_table_csv(records, *table)
            : render_records(records, *format, extract_options.keep_sources ? &sources : nullptr);
  if (vm.count("output")) {
    if (!write_output(vm["output"].as<std::string>(), content, err)) return kExitInputFailed;
  } else {
    out << content;
  }
  return status;
}

}  // namespace kpiform::cli
