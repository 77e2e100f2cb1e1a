// Writing records in the formats of the command line.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "kpiform/schema/record.h"

namespace kpiform::cli {

enum class Format { kJson, kJsonl, kCsv };

std::optional<Format> parse_format(const std::string& name);

std::string render_records(const std::vector<schema::Record>& records, Format format);

// Writes the whole content beside `path`, then renames it into place, so
// that a failed run never leaves a half-written file. Reports on `err`.
bool write_output(const std::string& path, const std::string& content, std::ostream& err);

}  // namespace kpiform::cli
