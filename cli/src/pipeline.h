// The whole pipeline for one input file: pages -> cells -> forms -> records,
// and a parallel driver over many files.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kpiform/extract/scan.h"
#include "kpiform/schema/record.h"

namespace kpiform::cli {

struct FileOutcome {
  std::string path;
  std::vector<schema::Record> records;
  std::vector<std::string> warnings;
  std::optional<std::string> error;  // the one line naming file and reason
  int pages = 0;
};

// `sha256` of the file when the caller has it already.
struct ExtractOptions {
  extract::OcrMode ocr = extract::OcrMode::kAuto;
  extract::ScanOptions scan;
};

// `sha256` of the file when the caller has it already.
FileOutcome extract_file(const std::string& path, const ExtractOptions& options = {},
                         const std::optional<std::string>& sha256 = std::nullopt);

// Extracts `paths` on `jobs` threads; outcomes come back in input order.
std::vector<FileOutcome> extract_files(const std::vector<std::string>& paths, int jobs,
                                       const ExtractOptions& options = {});

// Lowercase hex SHA-256 of a file's bytes; throws InputError when unreadable.
std::string file_sha256(const std::string& path);

}  // namespace kpiform::cli
