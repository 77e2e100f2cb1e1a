// The review workbench: auditors confirm and correct values beside the
// pixels they were read from, and the import database keeps who changed
// what (docs/REVIEW.md). Corrections are data beside the extraction, which
// is never overwritten; export applies them (corrected_records).
#pragma once

#include <iosfwd>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "kpiform/schema/record.h"
#include "kpiform/store/database.h"

namespace kpiform::review {

// Applies the corrections of one form (by revision) to its record: each
// field takes its last corrected value and the checks run again. Returns the
// fields corrected, in the order first corrected.
std::vector<schema::FieldPath> apply_corrections(schema::Record& record,
                                                 const std::vector<store::Correction>& corrections);

// A database's corrections by form (document sha256, form position), each
// form's in revision order.
using CorrectionsByForm = std::map<std::pair<std::string, int>, std::vector<store::Correction>>;
CorrectionsByForm corrections_by_form(store::Database& db);

struct ExportedRecord {
  schema::Record record;
  std::vector<store::Correction> corrections;  // those applied; empty as extracted
};

// Every record of `db` in export order, with its form's corrections applied
// unless `as_extracted`.
std::vector<ExportedRecord> exported_records(store::Database& db, bool as_extracted);

struct ServerOptions {
  std::string database;  // a SQLite file
  std::string host = "127.0.0.1";
  int port = 8080;              // 0: any free port (printed)
  std::string token;            // required unless the host is loopback
  std::string reviewer;         // who the corrections are by
  double min_confidence = 0.6;  // fields read with less are doubtful
  int image_dpi = 150;          // page images as shown
};

// Serves the workbench until SIGINT or SIGTERM. Prints the address it
// listens on ("kpiform review: http://127.0.0.1:8080/") to `out` once
// listening. Returns the exit status (1 when the database cannot be opened
// or the address cannot be bound, with one line on `err`).
int serve(const ServerOptions& options, std::ostream& out, std::ostream& err);

}  // namespace kpiform::review
