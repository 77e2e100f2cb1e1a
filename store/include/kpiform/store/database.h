// The SQLite database of `kpiform import`: documents keyed by the SHA-256 of
// their bytes, their forms, funds rows, indicators and checks. The schema is
// docs/DATABASE.md; its version is the database's user_version.
//
// One Database object per thread. Writes happen one document per
// transaction, so a killed import leaves whole documents or none.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kpiform/schema/record.h"

namespace kpiform::store {

inline constexpr int kSchemaVersion = 1;

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

  // Opens (creating and migrating when writable) the database at `path`:
  // WAL journal, a busy timeout, foreign keys on. Throws InputError.
  static std::unique_ptr<Database> open(const std::string& path, Mode mode);
  ~Database();

  // The status stored for a document with these bytes, if any.
  std::optional<DocumentStatus> status_of(const std::string& sha256);

  // Writes the document and everything in it in one transaction, replacing
  // an earlier row with the same sha256 (or, without one, the same path).
  void write(const Document& document);

  // Every stored record, ordered by document path and form order.
  std::vector<schema::Record> records();

  // One table as CSV (UTF-8 with BOM), columns in schema order.
  std::string table_csv(const std::string& table);

  static const std::vector<std::string>& tables();

 private:
  struct Impl;
  explicit Database(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

const char* to_string(DocumentStatus status);

}  // namespace kpiform::store
