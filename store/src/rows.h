// What a document is in the database, apart from how a database engine
// holds it: the schema's tables with their columns, and a document's rows as
// typed values. SQLite and PostgreSQL both write these. Private to store/.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "kpiform/schema/tables.h"
#include "kpiform/store/database.h"

namespace kpiform::store {

// NULL, an integer, a real or text.
using Field = schema::TableValue;
using Row = schema::TableRow;

struct Table {
  const char* name;
  std::vector<const char*> columns;  // as inserted: the generated id is not among them
  const char* order_by;              // the order export walks the table in
};

const Table& documents_table();
const Table& forms_table();  // its first column is document_id
const Table& funds_table();  // the first column of these three is form_id
const Table& indicators_table();
const Table& checks_table();
const Table& cells_table();
const Table& corrections_table();  // these two are not a document's rows
const Table& reviews_table();
const Table& repairs_table();        // a document's, by form_id
const Table& confirmations_table();  // a reviewer's, as corrections
// All ten, in schema order.
const std::vector<const Table*>& all_tables();

// The schema of docs/DATABASE.md as migration steps: step N (from 1) takes a
// database from version N-1 to N; there are kSchemaVersion of them. In
// SQLite's words, or with `postgres` in PostgreSQL's (identity keys, double
// precision, bytea).
std::vector<std::string> migration_steps(bool postgres);

// The ALTER TABLE statements that give a database's record tables (forms,
// funds, indicators, checks) the columns of schema/tables.h they lack: a
// field added to the record reaches a database made before it, NULL in the
// rows imported then. `columns_of` names a database table's columns.
using ColumnLister = std::function<std::vector<std::string>(const std::string& table)>;
std::vector<std::string> added_record_columns(const ColumnLister& columns_of, bool postgres);

struct FormRows {
  Row form;                                                    // without document_id
  std::vector<Row> funds, indicators, checks, cells, repairs;  // without form_id
};

struct DocumentRows {
  Row document;
  std::vector<FormRows> forms;
};

// The rows of `document`, stamped `imported_at`.
DocumentRows rows_of(const Document& document, const std::string& imported_at);

// Inserts `rows` through `insert` (the table, the row, the id of the row it
// belongs to), each parent before its children; `insert` returns the new
// row's id.
using RowInserter =
    std::function<std::int64_t(const Table&, const Row&, std::optional<std::int64_t> parent)>;
void insert_rows(const DocumentRows& rows, const RowInserter& insert);

// An INSERT of one row of `table` with the placeholders `?` (SQLite) or
// `$1, $2…` (PostgreSQL); PostgreSQL's returns the new id when `returning`.
std::string insert_sql(const Table& table, bool postgres, bool returning);

// A real as export writes it, as SQLite renders one ("%!.15g": 15
// significant digits and always a decimal point, "4416000.0"), so that both
// databases export alike.
std::string real_text(double value);

// The current time as ISO 8601 UTC ("2026-12-02T14:25:39Z").
std::string now_utc();

}  // namespace kpiform::store
