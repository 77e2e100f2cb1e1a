// A file's outcome as the database stores it (import and worker alike).
#pragma once

#include <string>

#include "kpiform/pipeline/pipeline.h"
#include "kpiform/store/database.h"

namespace kpiform::cli {

// `path` as printed and stored (text::printable_name); the status from the
// outcome: failed with its error, no-form, or imported with its records.
store::Document stored_document(const std::string& path, const std::string& sha256,
                                pipeline::FileOutcome outcome);

}  // namespace kpiform::cli
