#include "kpiform/pipeline/pipeline.h"

#include <algorithm>

#include "kpiform/extract/scan.h"
#include "kpiform/layout/forms.h"
#include "kpiform/normalize/record_builder.h"
#include "kpiform/pipeline/library_output.h"
#include "kpiform/schema/error.h"
#include "kpiform/text/utf8.h"
#include "kpiform/workers/worker_pool.h"

namespace kpiform::pipeline {

namespace {

// text-layer, ocr, or mixed when the form's pages were read both ways.
schema::Method method_of(const cells::Form& form, const std::vector<cells::Page>& pages) {
  bool ocr = false, text = false;
  for (const cells::Page& page : pages) {
    if (page.number < form.first_page || page.number > form.last_page) continue;
    (page.recognised ? ocr : text) = true;
  }
  if (ocr && text) return schema::Method::kMixed;
  return ocr ? schema::Method::kOcr : schema::Method::kTextLayer;
}

}  // namespace

FileReading read_file(const std::string& path, const ExtractOptions& options,
                      const std::optional<std::string>& sha256) {
  FileReading reading;
  reading.pages = extract::read_document(path, options.ocr, options.scan);
  const std::string digest = sha256 ? *sha256 : extract::file_sha256(path);
  reading.forms = layout::read_forms(reading.pages);
  for (const cells::Form& form : reading.forms) {
    const normalize::SourceInfo source{text::printable_name(path), digest,
                                       method_of(form, reading.pages)};
    reading.records.push_back(normalize::build_record(form, source, options.min_confidence));
  }
  return reading;
}

std::vector<std::string> form_warnings(const FileReading& reading) {
  std::vector<std::string> warnings;
  for (std::size_t i = 0; i < reading.forms.size(); ++i) {
    const cells::Form& form = reading.forms[i];
    const std::string pages =
        "pages " + std::to_string(form.first_page) + "-" + std::to_string(form.last_page) + ": ";
    for (const std::string& warning : reading.records[i].warnings) {
      warnings.push_back(pages + warning);
    }
    for (const cells::Repair& repair : reading.records[i].repairs) {
      warnings.push_back(pages + "repaired page " + std::to_string(repair.where.page) + " " +
                         repair.field + ": read '" + repair.read + "', became '" + repair.became +
                         "' (" + repair.why + ")");
    }
  }
  if (reading.forms.empty()) warnings.push_back("no form found");
  return warnings;
}

FileOutcome extract_file(const std::string& path, const ExtractOptions& options,
                         const std::optional<std::string>& sha256) {
  FileOutcome outcome;
  outcome.path = path;
  const std::size_t said_from = library_output::mark();
  try {
    FileReading reading = read_file(path, options, sha256);
    outcome.pages = static_cast<int>(reading.pages.size());
    outcome.warnings = form_warnings(reading);
    for (normalize::BuiltRecord& built : reading.records) {
      outcome.records.push_back(std::move(built.record));
      if (options.keep_sources) {
        outcome.sources.push_back(std::move(built.sources));
        outcome.repairs.push_back(std::move(built.repairs));
      }
    }
  } catch (const InputError& error) {
    outcome.error = error.what();
  } catch (const std::bad_alloc&) {  // past extract (layout, records)
    outcome.error = InputError(path, "memory", "out of memory").what();
  }
  // A library that could not allocate may go on with a blank page: the
  // document, or one read at the same time, would pass as having no form.
  if (library_output::says_out_of_memory(library_output::since(said_from))) {
    outcome.error =
        InputError(path, "memory", "out of memory (said by a library below kpiform)", std::nullopt)
            .what();
  }
  if (outcome.error) {
    outcome.records.clear();
    outcome.sources.clear();
    outcome.repairs.clear();
  }
  return outcome;
}

std::vector<FileOutcome> extract_files(const std::vector<std::string>& paths, int jobs,
                                       const ExtractOptions& options) {
  std::vector<FileOutcome> outcomes(paths.size());
  // One file: its pages take the workers; several: the files do.
  ExtractOptions per_file = options;
  per_file.scan.threads = paths.size() == 1 ? std::max(1, jobs) : 1;
  // Each outcome lands in its own slot: the output keeps the input order.
  workers::WorkerPool pool(
      paths.size() > 1 ? std::min(std::max(1, jobs), static_cast<int>(paths.size())) : 0);
  for (std::size_t i = 0; i < paths.size(); ++i) {
    pool.submit([&, i] { outcomes[i] = extract_file(paths[i], per_file); });
  }
  pool.finish();
  return outcomes;
}

}  // namespace kpiform::pipeline
