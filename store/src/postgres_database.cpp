#include <cstdlib>

#include "backends.h"
#include "kpiform/schema/csv.h"
#include "kpiform/schema/error.h"
#include "kpiform/schema/json.h"
#include "postgres_connection.h"
#include "review_queries.h"

namespace kpiform::store {

namespace {

constexpr const char* kStage = "database";
// PostgreSQL's type id of double precision (pg_type.h: FLOAT8OID).
constexpr Oid kDoubleType = 701;

class PostgresDatabase : public ReviewingDatabase {
 public:
  explicit PostgresDatabase(const std::string& url) : db_(url) {}

  void prepare_for(Mode mode) {
    if (mode == Mode::kReadWrite) {
      migrate_postgres(db_);
    } else if (db_.schema_version() == 0) {
      throw InputError(db_.location(), kStage, "not a kpiform database");
    }
  }

  std::optional<DocumentStatus> status_of(const std::string& sha256) override {
    const ResultPtr result = db_.query("SELECT status FROM documents WHERE sha256 = $1", {sha256});
    if (PQntuples(result.get()) == 0) return std::nullopt;
    return document_status_named(PQgetvalue(result.get(), 0, 0));
  }

  void write(const Document& document) override {
    db_.in_transaction([&] { db_.write_document(document); });
  }

  std::vector<schema::Record> records() override {
    // Ordered as SQLite orders them: by bytes, whatever the server's locale.
    const ResultPtr result = db_.query(
        "SELECT forms.record_json FROM forms JOIN documents ON documents.id = forms.document_id "
        "ORDER BY documents.path COLLATE \"C\", documents.sha256 COLLATE \"C\", forms.position");
    std::vector<schema::Record> records;
    for (int row = 0; row < PQntuples(result.get()); ++row) {
      records.push_back(schema::record_from_json(PQgetvalue(result.get(), row, 0), db_.location()));
    }
    return records;
  }

  std::string table_csv(const std::string& name) override {
    const Table& table = table_named(name, db_.location());
    const ResultPtr result =
        db_.query("SELECT * FROM " + std::string(table.name) + " ORDER BY " + table.order_by);
    std::string out = schema::kCsvBom;
    const int columns = PQnfields(result.get());
    std::vector<std::string> fields;
    for (int c = 0; c < columns; ++c) fields.push_back(PQfname(result.get(), c));
    out += schema::csv_line(fields);
    for (int row = 0; row < PQntuples(result.get()); ++row) {
      for (int c = 0; c < columns; ++c) {
        std::string& field = fields[static_cast<std::size_t>(c)];
        const char* text = PQgetvalue(result.get(), row, c);
        if (PQgetisnull(result.get(), row, c)) {
          field.clear();
        } else if (PQftype(result.get(), c) == kDoubleType) {
          field = real_text(std::strtod(text, nullptr));
        } else {
          field = text;
        }
      }
      out += schema::csv_line(fields);
    }
    return out;
  }

  std::vector<std::pair<DocumentStatus, long long>> status_counts() override {
    const ResultPtr result =
        db_.query("SELECT status, count(*) FROM documents GROUP BY status ORDER BY status");
    std::vector<std::pair<DocumentStatus, long long>> counts;
    for (int row = 0; row < PQntuples(result.get()); ++row) {
      if (const auto status = document_status_named(PQgetvalue(result.get(), row, 0))) {
        counts.emplace_back(*status, std::atoll(PQgetvalue(result.get(), row, 1)));
      }
    }
    return counts;
  }

  std::vector<TextRow> select(const std::string& sql, const Row& parameters) override {
    const ResultPtr result = db_.query(numbered(sql), parameters_of(parameters));
    std::vector<TextRow> rows;
    for (int row = 0; row < PQntuples(result.get()); ++row) {
      TextRow out;
      for (int c = 0; c < PQnfields(result.get()); ++c) {
        out.push_back(PQgetisnull(result.get(), row, c)
                          ? std::nullopt
                          : std::optional<std::string>(PQgetvalue(result.get(), row, c)));
      }
      rows.push_back(std::move(out));
    }
    return rows;
  }

  bool execute(const std::string& sql, const Row& parameters) override {
    return db_.query_unless_unique_violation(numbered(sql), parameters_of(parameters)) != nullptr;
  }

  const char* byte_order() const override { return " COLLATE \"C\""; }
  const std::string& location() const override { return db_.location(); }

 private:
  // `?` placeholders as PostgreSQL's $1, $2… (no `?` is in a literal here).
  static std::string numbered(const std::string& sql) {
    std::string out;
    int index = 0;
    for (const char c : sql) {
      if (c == '?') {
        out += "$" + std::to_string(++index);
      } else {
        out += c;
      }
    }
    return out;
  }

  PgConnection db_;
};

}  // namespace

void migrate_postgres(PgConnection& db) {
  // Under a lock held to the end of the transaction: workers starting
  // together create the schema once.
  db.in_transaction([&] {
    db.query("SELECT pg_advisory_xact_lock(hashtext('kpiform schema'))");
    const int found = db.schema_version();
    check_schema_version(db.location(), found);
    if (found == 0) {
      db.command(
          "CREATE TABLE kpiform_schema (version INTEGER NOT NULL, applied_at TEXT NOT NULL)");
    }
    const std::vector<std::string> steps = migration_steps(true);
    for (int version = found; version < kSchemaVersion; ++version) {
      db.command(steps[static_cast<std::size_t>(version)]);
      db.query("INSERT INTO kpiform_schema (version, applied_at) VALUES ($1, $2)",
               {std::to_string(version + 1), now_utc()});
    }
    const ColumnLister columns = [&](const std::string& table) {
      const ResultPtr result = db.query(
          "SELECT column_name FROM information_schema.columns "
          "WHERE table_schema = current_schema() AND table_name = $1",
          {table});
      std::vector<std::string> names;
      for (int row = 0; row < PQntuples(result.get()); ++row) {
        names.emplace_back(PQgetvalue(result.get(), row, 0));
      }
      return names;
    };
    for (const std::string& statement : added_record_columns(columns, true)) {
      db.command(statement);
    }
  });
}

std::unique_ptr<Database> open_postgres(const std::string& url, Database::Mode mode) {
  auto db = std::make_unique<PostgresDatabase>(url);
  db->prepare_for(mode);
  return db;
}

}  // namespace kpiform::store
