// The database of `kpiform import`: documents keyed by the SHA-256 of their
// bytes, their forms, funds rows, indicators and checks. The schema is
// docs/DATABASE.md, the same in SQLite (the embedded default) and PostgreSQL
// (shared by many machines); its version is kept in the database.
//
// One Database object per thread. Writes happen one document per
// transaction, so a killed import leaves whole documents or none.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kpiform/cells/form.h"
#include "kpiform/schema/fields.h"
#include "kpiform/schema/record.h"

namespace kpiform::store {

// 2: the work queue (jobs); 3: review; 4: repairs. A record field added
// later needs no new version: its column is added on open.
inline constexpr int kSchemaVersion = 4;

enum class DocumentStatus { kImported, kNoForm, kFailed };

struct Document {
  std::string sha256;  // hex; empty when the file could not be read at all
  std::string path;
  int pages = 0;
  DocumentStatus status = DocumentStatus::kImported;
  std::string error;  // for kFailed: the one line naming file and reason
  std::optional<schema::Method> method;
  std::vector<schema::Record> records;
  // Per record (when kept): where each field was read, and the recognised
  // text the reader replaced, for the review.
  std::vector<std::vector<cells::FieldSource>> sources;
  std::vector<std::vector<cells::Repair>> repairs;
};

// A reviewer's correction of one field of one form. Forms are named by their
// document's sha256 and their position in it, so that corrections outlive
// a new import of the same document.
struct Correction {
  std::string sha256;
  int form_position = 0;
  int revision = 0;  // 1 for the form's first correction, 2 for the next…
  schema::FieldPath field;
  std::optional<std::string> extracted;  // the value as imported
  std::string value;                     // the value the reviewer gave
  std::string reviewer;
  std::string corrected_at;  // ISO 8601 UTC; stamped by add_correction when empty
  std::string reason;
};

// A reviewer's word that a field's value, as it stood then, is right. One
// per field: a later confirmation replaces it; a correction made after it
// leaves it standing for the old value only (see `value`).
struct Confirmation {
  std::string sha256;
  int form_position = 0;
  schema::FieldPath field;
  std::optional<std::string> value;  // the value confirmed (null: an empty field)
  std::string reviewer;
  std::string confirmed_at;  // ISO 8601 UTC; stamped by add_confirmation when empty
};

// A form as the review queue lists it.
struct FormSummary {
  long long id = 0;
  std::string path;  // of its document
  std::string sha256;
  int position = 0;
  std::optional<schema::Method> method;
  std::optional<int> year;
  std::optional<std::string> project_name;
  std::optional<std::string> department;  // supervising, else implementing
  int failed_checks = 0;                  // as imported
  int low_confidence = 0;                 // fields read under the threshold
  int repairs = 0;                        // recognised text replaced by the reader
  int corrections = 0;
  std::optional<std::string> reviewed_by;
};

struct StoredForm {
  FormSummary summary;
  schema::Record record;  // as imported
  std::vector<cells::FieldSource> cells;
  std::vector<cells::Repair> repairs;
  std::vector<Correction> corrections;      // by revision
  std::vector<Confirmation> confirmations;  // by field
};

class Database {
 public:
  enum class Mode { kReadWrite, kReadOnly };

  // Opens `location`: a SQLite file (created when missing and writable; WAL
  // journal, a busy timeout, foreign keys on) or a postgresql:// URL (libpq's
  // connection URI). A writable database is created or migrated to
  // kSchemaVersion. Throws InputError naming the location (without its
  // password).
  static std::unique_ptr<Database> open(const std::string& location, Mode mode);
  virtual ~Database() = default;

  // Whether `location` names a PostgreSQL database rather than a file.
  static bool is_url(const std::string& location);

  // The status stored for a document with these bytes, if any.
  virtual std::optional<DocumentStatus> status_of(const std::string& sha256) = 0;

  // Writes the document and everything in it in one transaction, replacing
  // an earlier row with the same sha256 (or, without one, the same path).
  virtual void write(const Document& document) = 0;

  // Every stored record, ordered by document path and form order.
  virtual std::vector<schema::Record> records() = 0;

  // One table as CSV (UTF-8 with BOM), columns in schema order; reals as
  // SQLite renders them, whichever database holds them.
  virtual std::string table_csv(const std::string& table) = 0;

  // How many documents have each status (statuses without any left out).
  virtual std::vector<std::pair<DocumentStatus, long long>> status_counts() = 0;

  // The review (review_queries.cpp, the same SQL in both engines).
  // Every form, with what makes it doubtful: fields read with less than
  // `min_confidence`.
  virtual std::vector<FormSummary> form_summaries(double min_confidence) = 0;
  virtual std::optional<StoredForm> form(long long id, double min_confidence) = 0;
  // Adds `correction` as its form's revision `correction.revision`; false
  // when that revision exists already (made on a stale view).
  virtual bool add_correction(const Correction& correction) = 0;
  // Records the confirmation, replacing the field's earlier one.
  virtual void add_confirmation(const Confirmation& confirmation) = 0;
  virtual void mark_reviewed(const std::string& sha256, int form_position,
                             const std::string& reviewer) = 0;
  // Every correction, by form and revision.
  virtual std::vector<Correction> corrections() = 0;
  // Those of one document (by sha256), by form and revision; its
  // confirmations by form and field.
  virtual std::vector<Correction> corrections_of(const std::string& sha256) = 0;
  virtual std::vector<Confirmation> confirmations_of(const std::string& sha256) = 0;

  static const std::vector<std::string>& tables();
};

const char* to_string(DocumentStatus status);
std::optional<DocumentStatus> document_status_named(const std::string& name);

}  // namespace kpiform::store
