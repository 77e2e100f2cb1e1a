#include <cstdlib>

#include "backends.h"
#include "kpiform/schema/csv.h"
#include "kpiform/schema/error.h"
#include "kpiform/schema/json.h"
#include "postgres_connection.h"

namespace kpiform::store {

namespace {

constexpr const char* kStage = "database";
// PostgreSQL's type id of double precision (pg_type.h: FLOAT8OID).
constexpr Oid kDoubleType = 701;

class PostgresDatabase : public Database {
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

  std::vector<FormSummary> form_summaries(double) override { unsupported(); }
  std::optional<StoredForm> form(long long, double) override { unsupported(); }
  bool add_correction(const Correction&) override { unsupported(); }
  void mark_reviewed(const std::string&, int, const std::string&) override { unsupported(); }
  std::vector<Correction> corrections() override {
    const ResultPtr result = db_.query(
        "SELECT sha256, form_position, revision, field, extracted, value, reviewer, "
        "corrected_at, reason FROM corrections ORDER BY sha256 COLLATE \"C\", form_position, "
        "revision");
    std::vector<Correction> corrections;
    for (int row = 0; row < PQntuples(result.get()); ++row) {
      auto text = [&](int column) { return std::string(PQgetvalue(result.get(), row, column)); };
      auto optional = [&](int column) {
        return PQgetisnull(result.get(), row, column) ? std::nullopt
                                                      : std::optional<std::string>(text(column));
      };
      corrections.push_back({text(0), std::atoi(text(1).c_str()), std::atoi(text(2).c_str()),
                             text(3), optional(4), text(5), text(6), text(7),
                             optional(8).value_or("")});
    }
    return corrections;
  }

 private:
  [[noreturn]] void unsupported() const {
    throw InputError(db_.location(), kStage,
                     "the review works on a SQLite database in this version (export the "
                     "PostgreSQL one's documents and import them into SQLite to review)");
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
  });
}

std::unique_ptr<Database> open_postgres(const std::string& url, Database::Mode mode) {
  auto db = std::make_unique<PostgresDatabase>(url);
  db->prepare_for(mode);
  return db;
}

}  // namespace kpiform::store
