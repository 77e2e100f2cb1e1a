#include <algorithm>
#include <boost/program_options.hpp>
#include <cstdio>
#include <map>
#include <ostream>
#include <thread>

#include "app.h"
#include "commands.h"
#include "kpiform/audit/report.h"
#include "kpiform/normalize/record_builder.h"
#include "kpiform/pipeline/pipeline.h"
#include "kpiform/review/review.h"
#include "kpiform/schema/error.h"
#include "kpiform/store/database.h"
#include "kpiform/text/utf8.h"
#include "output.h"

namespace kpiform::cli {

namespace po = boost::program_options;

namespace {

constexpr const char* kAuditUsage =
    "Usage: kpiform audit [options] INPUT -o report.html\n\n"
    "Writes one self-contained HTML file (page images embedded; opens offline\n"
    "in any browser) to check an extraction without re-reading every page:\n"
    "  - a summary: forms found, method, checks passed and failed, cells under\n"
    "    the confidence threshold, repairs;\n"
    "  - each form's record as tables, failed checks with the printed and the\n"
    "    computed values, linked to the cells involved;\n"
    "  - each page with every cell's box over it, coloured by state (fine, low\n"
    "    confidence, part of a failed check, repaired); hovering or clicking a\n"
    "    box shows its pixels enlarged, the text as read, the typed value and\n"
    "    the confidence.\n"
    "With --db, what reviewers did in `kpiform review` to this document (found\n"
    "in the import database by its SHA-256) is in the report: the records with\n"
    "the corrections applied and the checks run again, corrected and confirmed\n"
    "cells coloured as such, and each form's corrections (old and new value,\n"
    "reviewer, time, reason) and confirmations.\n"
    "With --compare-ocr, the text-layer pages of a born-digital PDF are read\n"
    "by OCR too: the report shows both readings per cell and the character\n"
    "error rate per field type, also printed on standard output.\n\n"
    "Examples:\n"
    "  kpiform audit scan.pdf -o scan.html\n"
    "  kpiform audit --compare-ocr -j 2 report.pdf -o report.html\n"
    "  kpiform audit --db archive.sqlite scan.pdf -o scan.html\n\n"
    "Exit status: 0 report written, 1 the input could not be read or the\n"
    "report not written, 2 usage error.\n\n";

void print_comparison(const audit::OcrComparison& comparison, std::ostream& out) {
  char line[160];
  std::snprintf(line, sizeof line, "%-16s %7s %10s %8s %8s\n", "field type", "cells", "characters",
                "errors", "CER");
  out << line;
  auto row = [&](const audit::FieldTypeError& type) {
    if (type.cells == 0) return;
    std::snprintf(line, sizeof line, "%-16s %7d %10zu %8zu %7.2f%%\n", type.field_type.c_str(),
                  type.cells, type.length, type.errors, type.cer() * 100);
    out << line;
  };
  for (const audit::FieldTypeError& type : comparison.by_type) row(type);
  row(comparison.overall);
}

// The review database's word on the document whose records these are: the
// corrections applied to the records (checks re-run) and, per form, every
// correction and confirmation. Says on `err` what does not fit this reading.
void attach_review(const std::string& location, const std::string& path, audit::AuditInput& input,
                   std::ostream& err) {
  input.review_database = text::printable_name(location);
  input.reviewed.resize(input.records.size());
  if (input.records.empty()) return;  // no form: nothing was reviewed
  const std::string sha256 = input.records.front().record.source.sha256.value_or("");
  const auto db = store::Database::open(location, store::Database::Mode::kReadOnly);
  const std::vector<store::Correction> corrections = db->corrections_of(sha256);
  const std::vector<store::Confirmation> confirmations = db->confirmations_of(sha256);
  if (corrections.empty() && confirmations.empty()) {
    err << text::printable_name(path) << ": note: " << text::printable_name(location)
        << " holds no correction or confirmation of this document\n";
    return;
  }
  auto form_of = [&](int position) -> normalize::BuiltRecord* {
    if (position >= 0 && position < static_cast<int>(input.records.size())) {
      return &input.records[position];
    }
    err << text::printable_name(path) << ": warning: the review names form " << position + 1
        << ", which this reading does not find; its review is left out\n";
    return nullptr;
  };
  std::map<int, std::vector<store::Correction>> by_form;
  for (const store::Correction& correction : corrections) {
    by_form[correction.form_position].push_back(correction);
  }
  for (const auto& [position, list] : by_form) {
    normalize::BuiltRecord* built = form_of(position);
    if (!built) continue;
    for (const store::Correction& correction : list) {
      const auto extracted = normalize::field_text(built->record, correction.field);
      input.reviewed[position].push_back(
          {correction.field, true, correction.extracted, correction.value, correction.reviewer,
           correction.corrected_at, correction.reason, extracted == correction.extracted});
    }
    review::apply_corrections(built->record, list);
  }
  for (const store::Confirmation& confirmation : confirmations) {
    normalize::BuiltRecord* built = form_of(confirmation.form_position);
    if (!built) continue;
    const auto value = normalize::field_text(built->record, confirmation.field);
    input.reviewed[confirmation.form_position].push_back(
        {confirmation.field, false, std::nullopt, confirmation.value, confirmation.reviewer,
         confirmation.confirmed_at, "", value == confirmation.value});
  }
}

}  // namespace

int run_audit(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  po::options_description options("Options");
  options.add_options()("help,h", "show this help")("output,o", po::value<std::string>(),
                                                    "the report to write (HTML); required")(
      "compare-ocr", "also OCR the text-layer pages and compare, cell by cell")(
      "db", po::value<std::string>(),
      "an import database (SQLite file or postgresql:// URL): show its review of the input")(
      "image-dpi", po::value<int>()->default_value(110),
      "resolution of the embedded page images (higher: sharper and larger)")(
      "jobs,j", jobs_value(), "pages recognised in parallel (at most the cores)");
  add_ocr_options(options);
  po::variables_map vm;
  if (const auto done = parse_command_line(args, options, "audit", kAuditUsage, vm, out, err)) {
    return *done;
  }
  const auto inputs = vm["input"].as<std::vector<std::string>>();
  if (inputs.size() != 1) return usage_error(err, "audit takes one input file", "audit");
  if (!vm.count("output")) return usage_error(err, "-o report.html is required", "audit");
  if (const auto input = input_named_by(vm["output"].as<std::string>(), inputs)) {
    return usage_error(err, "-o " + vm["output"].as<std::string>() + " is the input " + *input,
                       "audit");
  }
  int jobs = 1;
  if (const auto error = read_jobs(vm, jobs)) return usage_error(err, *error, "audit");
  pipeline::ExtractOptions extract_options;
  if (const auto error = read_ocr_options(vm, extract_options)) {
    return usage_error(err, *error, "audit");
  }
  extract_options.scan.threads = jobs;
  extract_options.scan.image_dpi = vm["image-dpi"].as<int>();
  if (extract_options.scan.image_dpi < 30 || extract_options.scan.image_dpi > 300) {
    return usage_error(err, "--image-dpi must be from 30 to 300", "audit");
  }

  const std::string& path = inputs.front();
  audit::AuditInput input;
  input.path = path;
  input.min_confidence = extract_options.min_confidence;
  try {
    pipeline::FileReading reading = pipeline::read_file(path, extract_options);
    for (const std::string& warning : pipeline::form_warnings(reading)) {
      err << text::printable_name(path) << ": warning: " << warning << '\n';
    }
    if (vm.count("compare-ocr")) {
      std::vector<cells::Page> text_pages;
      for (const cells::Page& page : reading.pages) {
        if (!page.recognised) text_pages.push_back(page);
      }
      if (text_pages.empty()) {
        err << text::printable_name(path)
            << ": warning: --compare-ocr: no page has a text layer to compare with\n";
      } else {
        extract::ScanOptions scan = extract_options.scan;
        scan.image_dpi = 0;
        const std::vector<cells::Page> ocr_pages =
            extract::read_document(path, extract::OcrMode::kAlways, scan);
        input.comparison = audit::compare_ocr(text_pages, ocr_pages, reading.records);
        print_comparison(*input.comparison, out);
      }
    }
    input.pages = std::move(reading.pages);
    input.forms = std::move(reading.forms);
    input.records = std::move(reading.records);
    if (vm.count("db")) attach_review(vm["db"].as<std::string>(), path, input, err);
  } catch (const InputError& error) {
    err << error.what() << '\n';
    return kExitInputFailed;
  }
  const std::string& report = vm["output"].as<std::string>();
  if (!write_output(report, audit::write_report(input), err)) return kExitInputFailed;
  int failed = 0;
  for (const normalize::BuiltRecord& built : input.records) {
    for (const schema::Check& check : built.record.checks) failed += !check.ok;
  }
  err << report << ": " << input.forms.size() << " form" << (input.forms.size() == 1 ? "" : "s")
      << ", " << input.pages.size() << " page" << (input.pages.size() == 1 ? "" : "s") << ", "
      << failed << " failed check" << (failed == 1 ? "" : "s") << '\n';
  return kExitOk;
}

}  // namespace kpiform::cli
