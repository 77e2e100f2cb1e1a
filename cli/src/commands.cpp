#include "commands.h"

#include <algorithm>
#include <ostream>
#include <thread>

#include "app.h"
#include "kpiform/pipeline/pipeline.h"

namespace kpiform::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"extract", "read forms from PDFs and scans into records (JSON, JSONL or CSV)", &run_extract},
      {"import", "bring PDFs and folders of them into a SQLite or PostgreSQL database, resumably",
       &run_import},
      {"export", "write the records of an import database as JSON, JSONL or CSV", &run_export},
      {"audit", "write an HTML report showing every extracted value beside its pixels", &run_audit},
      {"review", "a local web workbench: confirm and correct values beside their pixels",
       &run_review},
      {"enqueue", "record documents to do in a PostgreSQL work queue shared by many machines",
       &run_enqueue},
      {"worker", "extract the documents of a PostgreSQL work queue (leased, retried, resumable)",
       &run_worker},
      {"status", "how far an import or a work queue is: counts, pages/s, time left, failures",
       &run_status},
      {"validate", "check record JSON files against the contract and re-run their checks",
       &run_validate},
  };
  return table;
}

std::optional<double> parse_fraction(const std::string& text) {
  std::string number = text;
  const bool percent = !number.empty() && number.back() == '%';
  if (percent) number.pop_back();
  try {
    std::size_t used = 0;
    double value = std::stod(number, &used);
    if (used != number.size()) return std::nullopt;
    if (percent) value /= 100;
    if (!(value >= 0 && value <= 1)) return std::nullopt;
    return value;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::optional<int> parse_command_line(const std::vector<std::string>& args,
                                      const boost::program_options::options_description& options,
                                      const char* command, const char* usage,
                                      boost::program_options::variables_map& vm, std::ostream& out,
                                      std::ostream& err, Inputs inputs) {
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
  if (inputs == Inputs::kNone && vm.count("input")) {
    return usage_error(
        err, "unexpected argument '" + vm["input"].as<std::vector<std::string>>().front() + "'",
        command);
  }
  if (inputs == Inputs::kRequired && !vm.count("input")) {
    return usage_error(err, "no input files", command);
  }
  return std::nullopt;
}

void add_ocr_options(boost::program_options::options_description& options) {
  namespace po = boost::program_options;
  options.add_options()("ocr", po::value<std::string>()->default_value("auto"),
                        "auto (text layer where usable, OCR where missing or unusable), always, "
                        "never")("lang", po::value<std::string>()->default_value("chi_sim"),
                                 "Tesseract languages")(
      "dpi", po::value<int>()->default_value(300), "rendering resolution of PDF pages for OCR")(
      "min-confidence", po::value<std::string>()->default_value("60%"),
      "flag (never drop) a record with a field read by OCR with less confidence than this: "
      "a warning says how many (0.6 or 60%)")(
      "max-megapixels", po::value<double>()->default_value(40),
      "fail a document with a page larger than this, as stored or as rendered for OCR "
      "(an A4 page at 600 dpi is 35)")("max-pages", po::value<int>()->default_value(2000),
                                       "fail a document with more pages than this");
}

boost::program_options::typed_value<int>* jobs_value() {
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  return boost::program_options::value<int>()->default_value(static_cast<int>(cores));
}

std::optional<std::string> read_jobs(const boost::program_options::variables_map& vm, int& jobs) {
  jobs = vm["jobs"].as<int>();
  if (jobs < 1) return "--jobs must be at least 1";
  // More workers than cores only add engines to memory and take turns.
  jobs = std::min(jobs, static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
  return std::nullopt;
}

std::optional<std::string> read_ocr_options(const boost::program_options::variables_map& vm,
                                            pipeline::ExtractOptions& options) {
  const std::string mode = vm["ocr"].as<std::string>();
  if (mode == "auto") {
    options.ocr = extract::OcrMode::kAuto;
  } else if (mode == "always") {
    options.ocr = extract::OcrMode::kAlways;
  } else if (mode == "never") {
    options.ocr = extract::OcrMode::kNever;
  } else {
    return "unknown --ocr mode '" + mode + "' (auto, always or never)";
  }
  options.scan.languages = vm["lang"].as<std::string>();
  options.scan.dpi = vm["dpi"].as<int>();
  if (options.scan.dpi < 70 || options.scan.dpi > 1200) return "--dpi must be from 70 to 1200";
  const auto confidence = parse_fraction(vm["min-confidence"].as<std::string>());
  if (!confidence) return "--min-confidence must be from 0 to 1 (or 0% to 100%)";
  options.min_confidence = *confidence;
  const double megapixels = vm["max-megapixels"].as<double>();
  if (!(megapixels >= 1 && megapixels <= 10'000)) return "--max-megapixels must be from 1 to 10000";
  options.scan.max_pixels = static_cast<long long>(megapixels * 1e6);
  options.scan.max_pages = vm["max-pages"].as<int>();
  if (options.scan.max_pages < 1) return "--max-pages must be at least 1";
  // Checked before any input is read: a language that cannot start is a
  // mistake on the command line, not a failure of every scan.
  if (options.ocr != extract::OcrMode::kNever) {
    if (auto problem = extract::check_languages(options.scan.languages)) return problem;
  }
  return std::nullopt;
}

}  // namespace kpiform::cli
