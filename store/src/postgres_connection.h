// One libpq connection, as the PostgreSQL store and work queue use it:
// parameterised queries whose failure is an InputError naming the database
// (without its password), transactions, and a document's rows written.
// Private to store/.
#pragma once

#include <libpq-fe.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rows.h"

namespace kpiform::store {

struct ResultClearer {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultClearer>;

class PgConnection {
 public:
  using Parameters = std::vector<std::optional<std::string>>;

  // Connects; throws InputError saying why not.
  explicit PgConnection(const std::string& url);

  // The URL with its password replaced by ***.
  const std::string& location() const { return location_; }

  ResultPtr query(const std::string& sql, const Parameters& parameters = {});
  // As query, but null when the statement broke a UNIQUE constraint.
  ResultPtr query_unless_unique_violation(const std::string& sql, const Parameters& parameters);
  void command(const std::string& sql);  // no parameters; may hold several statements

  // Runs `work` in one transaction: committed when it returns, rolled back
  // when it throws (and the exception goes on).
  void in_transaction(const std::function<void()>& work);

  // The document's rows, replacing an earlier document with its sha256 (or,
  // without one, its path); inside the caller's transaction.
  void write_document(const Document& document);

  // The schema's version, 0 when the database has none.
  int schema_version();

  [[noreturn]] void fail(const std::string& what) const;

 private:
  ResultPtr run(const std::string& sql, const Parameters& parameters);
  static bool succeeded(const ResultPtr& result);
  std::int64_t insert(const Table& table, const Row& row, std::optional<std::int64_t> parent = {});

  struct ConnectionCloser {
    void operator()(PGconn* connection) const { PQfinish(connection); }
  };
  std::string location_;
  std::unique_ptr<PGconn, ConnectionCloser> connection_;
};

// Fields as libpq's text parameters (a double with every bit; NULL as
// nullopt).
PgConnection::Parameters parameters_of(const Row& row);

}  // namespace kpiform::store
