// Writing records in the formats of the command line.
#pragma once

#include <iosfwd>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "kpiform/normalize/record_builder.h"
#include "kpiform/schema/record.h"

namespace kpiform::cli {

enum class Format { kJson, kJsonl, kCsv };

std::optional<Format> parse_format(const std::string& name);

// With `sources` (one list per record; JSON formats only) each record gains
// a "cells" member: per field, the text as read, its confidence, and the
// page and box of every cell it was read from.
std::string render_records(const std::vector<schema::Record>& records, Format format,
                           const std::vector<std::vector<cells::FieldSource>>* sources = nullptr);

// A record as a JSON tree, with members RECORD.md allows beside its own
// ("cells", "corrections").
using RecordJson = nlohmann::ordered_json;

// Trees as json (one array, indented) or jsonl (one a line); the other
// formats are not trees.
std::string render_trees(std::vector<RecordJson> trees, Format format);

// Writes the whole content beside `path`, then renames it into place, so
// that a failed run never leaves a half-written file; a device, a FIFO or a
// symlink at `path` is written through instead, never replaced. Reports on
// `err`, with the reason.
bool write_output(const std::string& path, const std::string& content, std::ostream& err);

// The first of `inputs` that `output` names too (the same file, by device
// and inode, through any link), if any: writing there would destroy what
// is being read, so the command refuses before reading anything.
std::optional<std::string> input_named_by(const std::string& output,
                                          const std::vector<std::string>& inputs);

}  // namespace kpiform::cli
