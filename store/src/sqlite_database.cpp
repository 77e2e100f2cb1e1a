#include "backends.h"

#include <sqlite3.h>

#include <map>

#include "kpiform/schema/csv.h"
#include "kpiform/schema/error.h"
#include "kpiform/schema/json.h"
#include "review_queries.h"
#include "rows.h"

namespace kpiform::store {

namespace {

constexpr const char* kStage = "database";

struct ConnectionCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StatementFinalizer {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using StatementPtr = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

class SqliteDatabase : public ReviewingDatabase {
 public:
  SqliteDatabase(std::string path, sqlite3* db) : path_(std::move(path)), db_(db) {}

  void prepare_for(Mode mode) {
    sqlite3_busy_timeout(db_.get(), 30000);
    exec("PRAGMA foreign_keys = ON");
    if (mode == Mode::kReadWrite) {
      exec("PRAGMA journal_mode = WAL");
      exec("PRAGMA synchronous = NORMAL");
      migrate();
    } else if (schema_version() == 0) {
      throw InputError(path_, kStage, "not a kpiform database");
    }
  }

  std::optional<DocumentStatus> status_of(const std::string& sha256) override {
    auto statement = prepare("SELECT status FROM documents WHERE sha256 = ?");
    bind(statement.get(), {Field(sha256)});
    if (sqlite3_step(statement.get()) != SQLITE_ROW) return std::nullopt;
    const auto* status = reinterpret_cast<const char*>(sqlite3_column_text(statement.get(), 0));
    return document_status_named(status ? status : "");
  }

  void write(const Document& document) override {
    const DocumentRows rows = rows_of(document, now_utc());
    exec("BEGIN IMMEDIATE");
    try {
      auto remove = document.sha256.empty()
                        ? prepare("DELETE FROM documents WHERE sha256 IS NULL AND path = ?")
                        : prepare("DELETE FROM documents WHERE sha256 = ?");
      bind(remove.get(), {Field(document.sha256.empty() ? document.path : document.sha256)});
      step_done(remove.get());
      insert_rows(rows,
                  [this](const Table& table, const Row& row, std::optional<std::int64_t> parent) {
                    return insert(table, row, parent);
                  });
      exec("COMMIT");
    } catch (...) {
      sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }

  std::vector<schema::Record> records() override {
    auto statement = prepare(
        "SELECT forms.record_json FROM forms JOIN documents ON documents.id = forms.document_id "
        "ORDER BY documents.path, documents.sha256, forms.position");
    std::vector<schema::Record> records;
    while (sqlite3_step(statement.get()) == SQLITE_ROW) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement.get(), 0));
      records.push_back(schema::record_from_json(text ? text : "", path_));
    }
    return records;
  }

  std::string table_csv(const std::string& name) override {
    const Table& table = table_named(name, path_);
    auto statement = prepare(
        ("SELECT * FROM " + std::string(table.name) + " ORDER BY " + table.order_by).c_str());
    std::string out = schema::kCsvBom;
    const int columns = sqlite3_column_count(statement.get());
    std::vector<std::string> fields;
    for (int c = 0; c < columns; ++c) fields.push_back(sqlite3_column_name(statement.get(), c));
    out += schema::csv_line(fields);
    while (sqlite3_step(statement.get()) == SQLITE_ROW) {
      for (int c = 0; c < columns; ++c) {
        std::string& field = fields[static_cast<std::size_t>(c)];
        if (sqlite3_column_type(statement.get(), c) == SQLITE_FLOAT) {
          field = real_text(sqlite3_column_double(statement.get(), c));
        } else {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement.get(), c));
          field = text ? text : "";
        }
      }
      out += schema::csv_line(fields);
    }
    return out;
  }

  std::vector<std::pair<DocumentStatus, long long>> status_counts() override {
    auto statement =
        prepare("SELECT status, count(*) FROM documents GROUP BY status ORDER BY status");
    std::vector<std::pair<DocumentStatus, long long>> counts;
    while (sqlite3_step(statement.get()) == SQLITE_ROW) {
      const auto* name = reinterpret_cast<const char*>(sqlite3_column_text(statement.get(), 0));
      if (const auto status = document_status_named(name ? name : "")) {
        counts.emplace_back(*status, sqlite3_column_int64(statement.get(), 1));
      }
    }
    return counts;
  }

  std::vector<TextRow> select(const std::string& sql, const Row& parameters) override {
    auto statement = prepare(sql.c_str());
    bind(statement.get(), parameters);
    std::vector<TextRow> rows;
    int rc;
    while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW) {
      TextRow row;
      for (int c = 0; c < sqlite3_column_count(statement.get()); ++c) {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement.get(), c));
        row.push_back(text ? std::optional<std::string>(text) : std::nullopt);
      }
      rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) fail("read");
    return rows;
  }

  bool execute(const std::string& sql, const Row& parameters) override {
    auto statement = prepare(sql.c_str());
    bind(statement.get(), parameters);
    const int rc = sqlite3_step(statement.get());
    if (rc == SQLITE_CONSTRAINT) return false;
    if (rc != SQLITE_DONE) fail("write");
    return true;
  }

  const char* byte_order() const override { return ""; }
  const std::string& location() const override { return path_; }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw InputError(path_, kStage, what + ": " + sqlite3_errmsg(db_.get()));
  }

  void exec(const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_.get(), sql, nullptr, nullptr, &message) != SQLITE_OK) {
      const std::string text = message ? message : "unknown error";
      sqlite3_free(message);
      throw InputError(path_, kStage, text);
    }
  }

  StatementPtr prepare(const char* sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_.get(), sql, -1, &statement, nullptr) != SQLITE_OK) fail("prepare");
    return StatementPtr(statement);
  }

  // Binds `fields` to parameters 1, 2, … in order.
  void bind(sqlite3_stmt* statement, const Row& fields) {
    int index = 0;
    for (const Field& field : fields) {
      ++index;
      int rc = SQLITE_OK;
      if (const auto* integer = std::get_if<std::int64_t>(&field)) {
        rc = sqlite3_bind_int64(statement, index, *integer);
      } else if (const auto* real = std::get_if<double>(&field)) {
        rc = sqlite3_bind_double(statement, index, *real);
      } else if (const auto* text = std::get_if<std::string>(&field)) {
        rc = sqlite3_bind_text(statement, index, text->c_str(), static_cast<int>(text->size()),
                               SQLITE_TRANSIENT);
      } else {
        rc = sqlite3_bind_null(statement, index);
      }
      if (rc != SQLITE_OK) fail("bind");
    }
  }

  void step_done(sqlite3_stmt* statement) {
    if (sqlite3_step(statement) != SQLITE_DONE) fail("write");
  }

  // Inserts `row` (after `parent`, the id of the row it belongs to, when
  // given) and returns the new row's id.
  std::int64_t insert(const Table& table, const Row& row, std::optional<std::int64_t> parent = {}) {
    StatementPtr& statement = inserts_[&table];
    if (!statement) statement = prepare(insert_sql(table, false, false).c_str());
    sqlite3_reset(statement.get());
    Row fields;
    if (parent) fields.push_back(Field(*parent));
    fields.insert(fields.end(), row.begin(), row.end());
    bind(statement.get(), fields);
    step_done(statement.get());
    return sqlite3_last_insert_rowid(db_.get());
  }

  int schema_version() {
    auto version = prepare("PRAGMA user_version");
    if (sqlite3_step(version.get()) != SQLITE_ROW) fail("read the schema version");
    return sqlite3_column_int(version.get(), 0);
  }

  std::vector<std::string> columns_of(const std::string& table) {
    auto statement = prepare(("PRAGMA table_info(" + table + ")").c_str());
    std::vector<std::string> columns;
    while (sqlite3_step(statement.get()) == SQLITE_ROW) {
      columns.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(statement.get(), 1)));
    }
    return columns;
  }

  void migrate() {
    const int found = schema_version();
    check_schema_version(path_, found);
    const ColumnLister columns = [this](const std::string& table) { return columns_of(table); };
    if (found == kSchemaVersion && added_record_columns(columns, false).empty()) return;
    exec("BEGIN IMMEDIATE");
    try {
      const std::vector<std::string> steps = migration_steps(false);
      for (int version = schema_version(); version < kSchemaVersion; ++version) {
        exec(steps[static_cast<std::size_t>(version)].c_str());
      }
      for (const std::string& statement : added_record_columns(columns, false)) {
        exec(statement.c_str());
      }
      exec(("PRAGMA user_version = " + std::to_string(kSchemaVersion)).c_str());
      exec("COMMIT");
    } catch (...) {
      sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }

  std::string path_;
  std::unique_ptr<sqlite3, ConnectionCloser> db_;
  std::map<const Table*, StatementPtr> inserts_;  // prepared once, used for every row
};

}  // namespace

std::unique_ptr<Database> open_sqlite(const std::string& path, Database::Mode mode) {
  sqlite3* raw = nullptr;
  const int flags = mode == Database::Mode::kReadOnly ? SQLITE_OPEN_READONLY
                                                      : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  auto db = std::make_unique<SqliteDatabase>(path, raw);
  if (rc != SQLITE_OK) {
    throw InputError(path, kStage,
                     std::string("cannot open the database: ") +
                         (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  }
  db->prepare_for(mode);
  return db;
}

}  // namespace kpiform::store
