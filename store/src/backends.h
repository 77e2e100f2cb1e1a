// The two databases behind store::Database, and what both share. Private to
// store/.
#pragma once

#include <memory>
#include <string>

#include "kpiform/store/database.h"
#include "rows.h"

namespace kpiform::store {

std::unique_ptr<Database> open_sqlite(const std::string& path, Database::Mode mode);
std::unique_ptr<Database> open_postgres(const std::string& url, Database::Mode mode);

class PgConnection;
// Creates or migrates the schema, under a lock (postgres_database.cpp).
void migrate_postgres(PgConnection& db);

// The table called `name`; InputError naming `location` when there is none.
const Table& table_named(const std::string& name, const std::string& location);

// InputError when a database's schema is newer than this kpiform's.
void check_schema_version(const std::string& location, int found);

}  // namespace kpiform::store
