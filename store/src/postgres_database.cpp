#include <libpq-fe.h>

#include <cstdio>
#include <cstdlib>

#include "backends.h"
#include "kpiform/schema/csv.h"
#include "kpiform/schema/error.h"
#include "kpiform/schema/json.h"

namespace kpiform::store {

namespace {

constexpr const char* kStage = "database";
// PostgreSQL's type id of double precision (pg_type.h: FLOAT8OID).
constexpr Oid kDoubleType = 701;

struct ConnectionCloser {
  void operator()(PGconn* connection) const { PQfinish(connection); }
};
struct ResultClearer {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultClearer>;

// The URL as messages may show it: a password in it is replaced by ***.
std::string without_password(const std::string& url) {
  const std::size_t scheme = url.find("://");
  const std::size_t at = url.find('@', scheme == std::string::npos ? 0 : scheme + 3);
  if (scheme == std::string::npos || at == std::string::npos) return url;
  const std::size_t colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

std::string trimmed(const char* message) {
  std::string text = message ? message : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  const std::size_t newline = text.find('\n');  // the first line says it
  return newline == std::string::npos ? text : text.substr(0, newline);
}

class PostgresDatabase : public Database {
 public:
  PostgresDatabase(std::string location, PGconn* connection)
      : location_(std::move(location)), connection_(connection) {}

  void prepare_for(Mode mode) {
    // Messages are ours to give: the server's notices go nowhere.
    PQsetNoticeProcessor(
        connection_.get(), [](void*, const char*) {}, nullptr);
    if (mode == Mode::kReadWrite) {
      migrate();
    } else if (schema_version() == 0) {
      throw InputError(location_, kStage, "not a kpiform database");
    }
  }

  std::optional<DocumentStatus> status_of(const std::string& sha256) override {
    const ResultPtr result = query("SELECT status FROM documents WHERE sha256 = $1", {sha256});
    if (PQntuples(result.get()) == 0) return std::nullopt;
    return document_status_named(PQgetvalue(result.get(), 0, 0));
  }

  void write(const Document& document) override {
    const DocumentRows rows = rows_of(document, now_utc());
    command("BEGIN");
    try {
      if (document.sha256.empty()) {
        query("DELETE FROM documents WHERE sha256 IS NULL AND path = $1", {document.path});
      } else {
        query("DELETE FROM documents WHERE sha256 = $1", {document.sha256});
      }
      const std::int64_t document_id = insert(documents_table(), rows.document);
      for (const FormRows& form : rows.forms) {
        const std::int64_t form_id = insert(forms_table(), form.form, document_id);
        for (const Row& row : form.funds) insert(funds_table(), row, form_id);
        for (const Row& row : form.indicators) insert(indicators_table(), row, form_id);
        for (const Row& row : form.checks) insert(checks_table(), row, form_id);
      }
      command("COMMIT");
    } catch (...) {
      PQclear(PQexec(connection_.get(), "ROLLBACK"));
      throw;
    }
  }

  std::vector<schema::Record> records() override {
    const ResultPtr result = query(
        "SELECT forms.record_json FROM forms JOIN documents ON documents.id = forms.document_id "
        "ORDER BY documents.path COLLATE \"C\", documents.sha256 COLLATE \"C\", forms.position",
        {});
    std::vector<schema::Record> records;
    for (int row = 0; row < PQntuples(result.get()); ++row) {
      records.push_back(
          schema::record_from_json(PQgetvalue(result.get(), row, 0), without_password(location_)));
    }
    return records;
  }

  std::string table_csv(const std::string& name) override {
    const Table& table = table_named(name, location_);
    const ResultPtr result =
        query("SELECT * FROM " + std::string(table.name) + " ORDER BY " + table.order_by, {});
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

 private:
  using Parameters = std::vector<std::optional<std::string>>;

  [[noreturn]] void fail(const std::string& what) const {
    throw InputError(without_password(location_), kStage,
                     what + ": " + trimmed(PQerrorMessage(connection_.get())));
  }

  void command(const char* sql) {
    const ResultPtr result(PQexec(connection_.get(), sql));
    if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) fail(sql);
  }

  ResultPtr query(const std::string& sql, const Parameters& parameters) {
    std::vector<const char*> values;
    for (const auto& parameter : parameters)
      values.push_back(parameter ? parameter->c_str() : nullptr);
    ResultPtr result(PQexecParams(connection_.get(), sql.c_str(), static_cast<int>(values.size()),
                                  nullptr, values.data(), nullptr, nullptr, 0));
    const ExecStatusType status = PQresultStatus(result.get());
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail("query");
    return result;
  }

  static std::optional<std::string> parameter_of(const Field& field) {
    if (const auto* integer = std::get_if<std::int64_t>(&field)) return std::to_string(*integer);
    if (const auto* real = std::get_if<double>(&field)) {
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%.17g", *real);  // every bit of the double
      return buffer;
    }
    if (const auto* text = std::get_if<std::string>(&field)) return *text;
    return std::nullopt;
  }

  std::int64_t insert(const Table& table, const Row& row, std::optional<std::int64_t> parent = {}) {
    Parameters parameters;
    if (parent) parameters.push_back(std::to_string(*parent));
    for (const Field& field : row) parameters.push_back(parameter_of(field));
    const bool returning = &table == &documents_table() || &table == &forms_table();
    const ResultPtr result = query(insert_sql(table, true, returning), parameters);
    return returning ? std::strtoll(PQgetvalue(result.get(), 0, 0), nullptr, 10) : 0;
  }

  int schema_version() {
    const ResultPtr exists = query("SELECT to_regclass('kpiform_schema') IS NOT NULL", {});
    if (std::string(PQgetvalue(exists.get(), 0, 0)) != "t") return 0;
    const ResultPtr version = query("SELECT max(version) FROM kpiform_schema", {});
    return PQgetisnull(version.get(), 0, 0) ? 0 : std::atoi(PQgetvalue(version.get(), 0, 0));
  }

  // Under a lock held to the end of the transaction, so that workers
  // starting together create the schema once.
  void migrate() {
    command("BEGIN");
    try {
      query("SELECT pg_advisory_xact_lock(hashtext('kpiform schema'))", {});
      const int found = schema_version();
      check_schema_version(without_password(location_), found);
      if (found == 0) {
        command(schema_sql(true).c_str());
        command("CREATE TABLE kpiform_schema (version INTEGER NOT NULL, applied_at TEXT NOT NULL)");
        query("INSERT INTO kpiform_schema (version, applied_at) VALUES ($1, $2)",
              {std::to_string(kSchemaVersion), now_utc()});
      }
      command("COMMIT");
    } catch (...) {
      PQclear(PQexec(connection_.get(), "ROLLBACK"));
      throw;
    }
  }

  std::string location_;
  std::unique_ptr<PGconn, ConnectionCloser> connection_;
};

}  // namespace

std::unique_ptr<Database> open_postgres(const std::string& url, Database::Mode mode) {
  PGconn* raw = PQconnectdb(url.c_str());
  auto db = std::make_unique<PostgresDatabase>(url, raw);
  if (!raw || PQstatus(raw) != CONNECTION_OK) {
    throw InputError(
        without_password(url), kStage,
        "cannot open the database: " + trimmed(raw ? PQerrorMessage(raw) : "out of memory"));
  }
  db->prepare_for(mode);
  return db;
}

}  // namespace kpiform::store
