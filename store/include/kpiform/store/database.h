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

#include "kpiform/schema/record.h"

namespace kpiform::store {

inline constexpr int kSchemaVersion = 2;  // 2: the work queue (jobs)

enum class DocumentStatus { kImported, kNoForm, kFailed };

struct Document {
  std::string sha256;  // hex; empty when the file could not be read at all
  std::string path;
  int pages = 0;
  DocumentStatus status = DocumentStatus::kImported;
  std::string error;  // for kFailed: the one line naming file and reason
  std::optional<schema::Method> method;
  std::vector<schema::Record> records;
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

  static const std::vector<std::string>& tables();
};

const char* to_string(DocumentStatus status);
std::optional<DocumentStatus> document_status_named(const std::string& name);

}  // namespace kpiform::store
