#include "postgres_connection.h"

#include <cstdio>
#include <cstdlib>

#include "kpiform/schema/error.h"

namespace kpiform::store {

namespace {

constexpr const char* kStage = "database";

std::string without_password(const std::string& url) {
  const std::size_t scheme = url.find("://");
  const std::size_t at = url.find('@', scheme == std::string::npos ? 0 : scheme + 3);
  if (scheme == std::string::npos || at == std::string::npos) return url;
  const std::size_t colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

// libpq's message, first line (the rest repeats the query).
std::string first_line(const char* message) {
  std::string text = message ? message : "";
  const std::size_t newline = text.find('\n');
  return newline == std::string::npos ? text : text.substr(0, newline);
}

std::optional<std::string> parameter_of(const Field& field) {
  if (const auto* integer = std::get_if<std::int64_t>(&field)) return std::to_string(*integer);
  if (const auto* real = std::get_if<double>(&field)) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.17g", *real);  // every bit of the double
    return buffer;
  }
  if (const auto* text = std::get_if<std::string>(&field)) return *text;
  return std::nullopt;
}

}  // namespace

PgConnection::Parameters parameters_of(const Row& row) {
  PgConnection::Parameters parameters;
  for (const Field& field : row) parameters.push_back(parameter_of(field));
  return parameters;
}

PgConnection::PgConnection(const std::string& url)
    : location_(without_password(url)), connection_(PQconnectdb(url.c_str())) {
  if (!connection_ || PQstatus(connection_.get()) != CONNECTION_OK) {
    throw InputError(
        location_, kStage,
        "cannot open the database: " +
            first_line(connection_ ? PQerrorMessage(connection_.get()) : "out of memory"));
  }
  // Messages are ours to give: the server's notices go nowhere.
  PQsetNoticeProcessor(
      connection_.get(), [](void*, const char*) {}, nullptr);
}

void PgConnection::fail(const std::string& what) const {
  throw InputError(location_, kStage, what + ": " + first_line(PQerrorMessage(connection_.get())));
}

ResultPtr PgConnection::run(const std::string& sql, const Parameters& parameters) {
  std::vector<const char*> values;
  for (const auto& parameter : parameters)
    values.push_back(parameter ? parameter->c_str() : nullptr);
  return ResultPtr(PQexecParams(connection_.get(), sql.c_str(), static_cast<int>(values.size()),
                                nullptr, values.data(), nullptr, nullptr, 0));
}

bool PgConnection::succeeded(const ResultPtr& result) {
  const ExecStatusType status = PQresultStatus(result.get());
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

ResultPtr PgConnection::query(const std::string& sql, const Parameters& parameters) {
  ResultPtr result = run(sql, parameters);
  if (!succeeded(result)) fail("query");
  return result;
}

ResultPtr PgConnection::query_unless_unique_violation(const std::string& sql,
                                                      const Parameters& parameters) {
  ResultPtr result = run(sql, parameters);
  if (succeeded(result)) return result;
  const char* state = PQresultErrorField(result.get(), PG_DIAG_SQLSTATE);
  if (state && std::string(state) == "23505") return nullptr;  // unique_violation
  fail("query");
}

void PgConnection::command(const std::string& sql) {
  const ResultPtr result(PQexec(connection_.get(), sql.c_str()));
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) fail("command");
}

void PgConnection::in_transaction(const std::function<void()>& work) {
  command("BEGIN");
  try {
    work();
    command("COMMIT");
  } catch (...) {
    PQclear(PQexec(connection_.get(), "ROLLBACK"));
    throw;
  }
}

std::int64_t PgConnection::insert(const Table& table, const Row& row,
                                  std::optional<std::int64_t> parent) {
  Row fields;
  if (parent) fields.push_back(Field(*parent));
  fields.insert(fields.end(), row.begin(), row.end());
  const Parameters parameters = parameters_of(fields);
  const bool returning = &table == &documents_table() || &table == &forms_table();
  const ResultPtr result = query(insert_sql(table, true, returning), parameters);
  return returning ? std::strtoll(PQgetvalue(result.get(), 0, 0), nullptr, 10) : 0;
}

void PgConnection::write_document(const Document& document) {
  const DocumentRows rows = rows_of(document, now_utc());
  if (document.sha256.empty()) {
    query("DELETE FROM documents WHERE sha256 IS NULL AND path = $1", {document.path});
  } else {
    query("DELETE FROM documents WHERE sha256 = $1", {document.sha256});
  }
  insert_rows(rows, [this](const Table& table, const Row& row, std::optional<std::int64_t> parent) {
    return insert(table, row, parent);
  });
}

int PgConnection::schema_version() {
  const ResultPtr exists = query("SELECT to_regclass('kpiform_schema') IS NOT NULL");
  if (std::string(PQgetvalue(exists.get(), 0, 0)) != "t") return 0;
  const ResultPtr version = query("SELECT max(version) FROM kpiform_schema");
  return PQgetisnull(version.get(), 0, 0) ? 0 : std::atoi(PQgetvalue(version.get(), 0, 0));
}

}  // namespace kpiform::store
