// The whole pipeline for one input file: pages -> cells -> forms -> records,
// and a parallel driver over many files.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kpiform/cells/form.h"
#include "kpiform/extract/scan.h"
#include "kpiform/normalize/record_builder.h"
#include "kpiform/schema/record.h"

namespace kpiform::pipeline {

struct FileOutcome {
  std::string path;
  std::vector<schema::Record> records;
  // Per record, when ExtractOptions::keep_sources: where each field was
  // read, and the recognised text replaced.
  std::vector<std::vector<cells::FieldSource>> sources;
  std::vector<std::vector<cells::Repair>> repairs;
  std::vector<std::string> warnings;
  std::optional<std::string> error;  // the one line naming file and reason
  int pages = 0;
};

struct ExtractOptions {
  extract::OcrMode ocr = extract::OcrMode::kAuto;
  extract::ScanOptions scan;
  double min_confidence = normalize::kLowConfidence;
  bool keep_sources = false;
};

// Everything read from one file: its pages, the forms on them and a record
// per form.
struct FileReading {
  std::vector<cells::Page> pages;
  std::vector<cells::Form> forms;
  std::vector<normalize::BuiltRecord> records;  // one per form
};

// Reads one file through every stage; throws InputError when it cannot.
FileReading read_file(const std::string& path, const ExtractOptions& options,
                      const std::optional<std::string>& sha256 = std::nullopt);

// Warnings of a file's records, each naming the pages of its form.
std::vector<std::string> form_warnings(const FileReading& reading);

// `sha256` of the file when the caller has it already.
FileOutcome extract_file(const std::string& path, const ExtractOptions& options = {},
                         const std::optional<std::string>& sha256 = std::nullopt);

// Extracts `paths` on `jobs` threads; outcomes come back in input order.
std::vector<FileOutcome> extract_files(const std::vector<std::string>& paths, int jobs,
                                       const ExtractOptions& options = {});

}  // namespace kpiform::pipeline
