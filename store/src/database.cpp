#include "kpiform/store/database.h"

#include "backends.h"
#include "kpiform/schema/error.h"
#include "kpiform/schema/spellings.h"

namespace kpiform::store {

std::unique_ptr<Database> Database::open(const std::string& location, Mode mode) {
  return is_url(location) ? open_postgres(location, mode) : open_sqlite(location, mode);
}

bool Database::is_url(const std::string& location) {
  return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

const std::vector<std::string>& Database::tables() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> list;
    for (const Table* table : all_tables()) list.push_back(table->name);
    return list;
  }();
  return names;
}

const Table& table_named(const std::string& name, const std::string& location) {
  for (const Table* table : all_tables()) {
    if (name == table->name) return *table;
  }
  throw InputError(location, "database", "no table '" + name + "'");
}

void check_schema_version(const std::string& location, int found) {
  if (found <= kSchemaVersion) return;
  throw InputError(location, "database",
                   "database schema version " + std::to_string(found) +
                       " is newer than this kpiform understands (" +
                       std::to_string(kSchemaVersion) + ")");
}

namespace {
constexpr schema::Spellings<DocumentStatus, 3> kStatuses{{
    {DocumentStatus::kImported, "imported"},
    {DocumentStatus::kNoForm, "no-form"},
    {DocumentStatus::kFailed, "failed"},
}};
}  // namespace

const char* to_string(DocumentStatus status) {
  return schema::spelling_of(kStatuses, status);
}

std::optional<DocumentStatus> document_status_named(const std::string& name) {
  return schema::spelled(kStatuses, name);
}

}  // namespace kpiform::store
