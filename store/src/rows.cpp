#include "rows.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>

#include <nlohmann/json.hpp>

#include "kpiform/schema/json.h"

namespace kpiform::store {

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE documents (
  id          INTEGER PRIMARY KEY,
  sha256      TEXT UNIQUE,
  path        TEXT NOT NULL,
  pages       INTEGER NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('imported', 'no-form', 'failed')),
  error       TEXT,
  method      TEXT,
  forms       INTEGER NOT NULL,
  imported_at TEXT NOT NULL
);
CREATE INDEX documents_path ON documents(path);
CREATE TABLE forms (
  id                     INTEGER PRIMARY KEY,
  document_id            INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  position               INTEGER NOT NULL,
  first_page             INTEGER,
  last_page              INTEGER,
  title                  TEXT,
  year                   INTEGER,
  project_name           TEXT,
  supervising_department TEXT,
  implementing_unit      TEXT,
  goals_planned          TEXT,
  goals_achieved         TEXT,
  total_weight           REAL,
  total_score            REAL,
  record_json            TEXT NOT NULL,
  UNIQUE (document_id, position)
);
CREATE TABLE funds (
  form_id        INTEGER NOT NULL REFERENCES forms(id) ON DELETE CASCADE,
  position       INTEGER NOT NULL,
  item           TEXT NOT NULL,
  key            TEXT NOT NULL,
  initial_budget REAL,
  annual_budget  REAL,
  executed       REAL,
  weight         REAL,
  execution_rate REAL,
  score          REAL,
  PRIMARY KEY (form_id, position)
);
CREATE TABLE indicators (
  form_id      INTEGER NOT NULL REFERENCES forms(id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  level1       TEXT,
  level2       TEXT,
  level3       TEXT,
  target_raw   TEXT,
  target_kind  TEXT NOT NULL,
  target_op    TEXT,
  target_value REAL,
  target_max   REAL,
  target_unit  TEXT,
  actual_raw   TEXT,
  actual_kind  TEXT NOT NULL,
  actual_op    TEXT,
  actual_value REAL,
  actual_max   REAL,
  actual_unit  TEXT,
  weight       REAL,
  score        REAL,
  deviation    TEXT,
  PRIMARY KEY (form_id, position)
);
CREATE TABLE checks (
  form_id  INTEGER NOT NULL REFERENCES forms(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  rule     TEXT NOT NULL,
  ok       INTEGER NOT NULL,
  message  TEXT NOT NULL,
  PRIMARY KEY (form_id, position)
);
)sql";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// Invalid UTF-8 (never in cleaned text) becomes U+FFFD rather than an error.
std::string json_text(const nlohmann::json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// A record part's columns with the database's keys before them (and any
// more columns after).
std::vector<const char*> columns_around(std::vector<const char*> keys, schema::RecordTable part,
                                        const std::vector<const char*>& after = {}) {
  const auto& columns = schema::record_table_columns(part);
  keys.insert(keys.end(), columns.begin(), columns.end());
  keys.insert(keys.end(), after.begin(), after.end());
  return keys;
}

nlohmann::json box_json(const cells::Box& box) {
  return {box.x0, box.y0, box.x1, box.y1};
}

}  // namespace

const Table& documents_table() {
  static const Table table{
      "documents",
      {"sha256", "path", "pages", "status", "error", "method", "forms", "imported_at"},
      "id"};
  return table;
}

const Table& forms_table() {
  static const Table table{
      "forms",
      columns_around({"document_id", "position"}, schema::RecordTable::kForms, {"record_json"}),
      "id"};
  return table;
}

const Table& funds_table() {
  static const Table table{"funds", columns_around({"form_id"}, schema::RecordTable::kFunds),
                           "form_id, position"};
  return table;
}

const Table& indicators_table() {
  static const Table table{"indicators",
                           columns_around({"form_id"}, schema::RecordTable::kIndicators),
                           "form_id, position"};
  return table;
}

const Table& checks_table() {
  static const Table table{"checks", columns_around({"form_id"}, schema::RecordTable::kChecks),
                           "form_id, position"};
  return table;
}

const Table& cells_table() {
  static const Table table{
      "cells",
      {"form_id", "position", "field", "text", "confidence", "alternatives", "origins"},
      "form_id, position"};
  return table;
}

const Table& corrections_table() {
  static const Table table{"corrections",
                           {"sha256", "form_position", "revision", "field", "extracted", "value",
                            "reviewer", "corrected_at", "reason"},
                           "sha256, form_position, revision"};
  return table;
}

const Table& reviews_table() {
  static const Table table{
      "reviews", {"sha256", "form_position", "reviewer", "reviewed_at"}, "sha256, form_position"};
  return table;
}

const Table& repairs_table() {
  static const Table table{"repairs",
                           {"form_id", "position", "field", "page", "box", "read", "became", "why"},
                           "form_id, position"};
  return table;
}

const Table& confirmations_table() {
  static const Table table{
      "confirmations",
      {"sha256", "form_position", "field", "value", "reviewer", "confirmed_at"},
      "sha256, form_position, field"};
  return table;
}

const std::vector<const Table*>& all_tables() {
  static const std::vector<const Table*> tables = {
      &documents_table(), &forms_table(),        &funds_table(),       &indicators_table(),
      &checks_table(),    &cells_table(),        &corrections_table(), &reviews_table(),
      &repairs_table(),   &confirmations_table()};
  return tables;
}

// Version 2: the work queue of `enqueue` and `worker` (times in Unix
// seconds of the database server's clock).
constexpr const char* kJobs = R"sql(
CREATE TABLE jobs (
  sha256      TEXT PRIMARY KEY,
  path        TEXT NOT NULL,
  bytes       BLOB,
  state       TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
  attempts    INTEGER NOT NULL,
  lease_until BIGINT,
  worker      TEXT,
  error       TEXT,
  pages       INTEGER,
  enqueued_at BIGINT NOT NULL,
  finished_at BIGINT
);
CREATE INDEX jobs_state ON jobs(state, enqueued_at);
)sql";

// Version 3: the review. Where each field was read (cells: its text, the
// recogniser's confidence and other readings, and its boxes, as JSON), and
// what reviewers did. Corrections and reviews name a form by its document's
// sha256 and position, so that a new import of the document keeps them; the
// imported rows are never changed by a review.
constexpr const char* kReview = R"sql(
CREATE TABLE cells (
  form_id      INTEGER NOT NULL REFERENCES forms(id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  field        TEXT NOT NULL,
  text         TEXT NOT NULL,
  confidence   REAL NOT NULL,
  alternatives TEXT NOT NULL,
  origins      TEXT NOT NULL,
  PRIMARY KEY (form_id, position)
);
CREATE TABLE corrections (
  id            INTEGER PRIMARY KEY,
  sha256        TEXT NOT NULL,
  form_position INTEGER NOT NULL,
  revision      INTEGER NOT NULL,
  field         TEXT NOT NULL,
  extracted     TEXT,
  value         TEXT NOT NULL,
  reviewer      TEXT NOT NULL,
  corrected_at  TEXT NOT NULL,
  reason        TEXT,
  UNIQUE (sha256, form_position, revision)
);
CREATE TABLE reviews (
  sha256        TEXT NOT NULL,
  form_position INTEGER NOT NULL,
  reviewer      TEXT NOT NULL,
  reviewed_at   TEXT NOT NULL,
  PRIMARY KEY (sha256, form_position)
);
)sql";

// Version 4: what the review's queue and the audit report need besides.
// Repairs: recognised text the reader replaced by a word of the form's
// vocabulary or by another reading (a document imported before version 4
// has none recorded). Confirmations: a reviewer's word that a field's value,
// as it then stood, is right; the latest per field.
constexpr const char* kRepairsAndConfirmations = R"sql(
CREATE TABLE repairs (
  form_id  INTEGER NOT NULL REFERENCES forms(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  field    TEXT NOT NULL,
  page     INTEGER NOT NULL,
  box      TEXT NOT NULL,
  read     TEXT NOT NULL,
  became   TEXT NOT NULL,
  why      TEXT NOT NULL,
  PRIMARY KEY (form_id, position)
);
CREATE TABLE confirmations (
  sha256        TEXT NOT NULL,
  form_position INTEGER NOT NULL,
  field         TEXT NOT NULL,
  value         TEXT,
  reviewer      TEXT NOT NULL,
  confirmed_at  TEXT NOT NULL,
  PRIMARY KEY (sha256, form_position, field)
);
)sql";

std::vector<std::string> migration_steps(bool postgres) {
  std::vector<std::string> steps = {kSchema, kJobs, kReview, kRepairsAndConfirmations};
  if (!postgres) return steps;
  for (std::string& step : steps) {
    step = replaced(step, "INTEGER PRIMARY KEY",
                    "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
    step = replaced(step, "INTEGER NOT NULL REFERENCES", "BIGINT NOT NULL REFERENCES");
    step = replaced(step, " REAL", " DOUBLE PRECISION");
    step = replaced(step, " BLOB", " BYTEA");
  }
  return steps;
}

std::vector<std::string> added_record_columns(const ColumnLister& columns_of, bool postgres) {
  using schema::ColumnType;
  std::vector<std::string> statements;
  for (schema::RecordTable part :
       {schema::RecordTable::kForms, schema::RecordTable::kFunds, schema::RecordTable::kIndicators,
        schema::RecordTable::kChecks}) {
    const std::string table = schema::to_string(part);
    const std::vector<std::string> existing = columns_of(table);
    const auto& names = schema::record_table_columns(part);
    const auto& types = schema::record_table_column_types(part);
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (std::find(existing.begin(), existing.end(), names[i]) != existing.end()) continue;
      const char* type = types[i] == ColumnType::kText      ? "TEXT"
                         : types[i] == ColumnType::kInteger ? (postgres ? "BIGINT" : "INTEGER")
                         : postgres                         ? "DOUBLE PRECISION"
                                                            : "REAL";
      statements.push_back("ALTER TABLE " + table + " ADD COLUMN " + names[i] + " " + type);
    }
  }
  return statements;
}

DocumentRows rows_of(const Document& document, const std::string& imported_at) {
  DocumentRows rows;
  rows.document = {
      document.sha256.empty() ? Field() : Field(document.sha256),
      Field(document.path),
      Field(std::int64_t{document.pages}),
      Field(std::string(to_string(document.status))),
      document.error.empty() ? Field() : Field(document.error),
      document.method ? Field(std::string(schema::to_string(*document.method))) : Field(),
      Field(static_cast<std::int64_t>(document.records.size())),
      Field(imported_at)};
  for (std::size_t position = 0; position < document.records.size(); ++position) {
    const schema::Record& record = document.records[position];
    FormRows form;
    form.form = std::move(schema::record_table_rows(record, schema::RecordTable::kForms).front());
    form.form.insert(form.form.begin(), Field(static_cast<std::int64_t>(position)));
    form.form.push_back(Field(schema::record_to_json(record, schema::JsonStyle::kOneLine)));
    form.funds = schema::record_table_rows(record, schema::RecordTable::kFunds);
    form.indicators = schema::record_table_rows(record, schema::RecordTable::kIndicators);
    form.checks = schema::record_table_rows(record, schema::RecordTable::kChecks);
    if (position < document.repairs.size()) {
      const std::vector<cells::Repair>& repairs = document.repairs[position];
      for (std::size_t i = 0; i < repairs.size(); ++i) {
        const cells::Repair& repair = repairs[i];
        form.repairs.push_back({Field(static_cast<std::int64_t>(i)), Field(repair.field),
                                Field(std::int64_t{repair.where.page}),
                                Field(json_text(box_json(repair.where.box))), Field(repair.read),
                                Field(repair.became), Field(repair.why)});
      }
    }
    if (position < document.sources.size()) {
      const std::vector<cells::FieldSource>& sources = document.sources[position];
      for (std::size_t i = 0; i < sources.size(); ++i) {
        const cells::FieldText& read = sources[i].read;
        nlohmann::json origins = nlohmann::json::array();
        for (const cells::Origin& origin : read.origins) {
          origins.push_back({{"page", origin.page}, {"box", box_json(origin.box)}});
        }
        form.cells.push_back({Field(static_cast<std::int64_t>(i)),
                              Field(schema::to_string(sources[i].field)), Field(read.text),
                              Field(read.confidence), Field(json_text(read.alternatives)),
                              Field(json_text(origins))});
      }
    }
    rows.forms.push_back(std::move(form));
  }
  return rows;
}

void insert_rows(const DocumentRows& rows, const RowInserter& insert) {
  const std::int64_t document_id = insert(documents_table(), rows.document, std::nullopt);
  for (const FormRows& form : rows.forms) {
    const std::int64_t form_id = insert(forms_table(), form.form, document_id);
    for (const Row& row : form.funds) insert(funds_table(), row, form_id);
    for (const Row& row : form.indicators) insert(indicators_table(), row, form_id);
    for (const Row& row : form.checks) insert(checks_table(), row, form_id);
    for (const Row& row : form.cells) insert(cells_table(), row, form_id);
    for (const Row& row : form.repairs) insert(repairs_table(), row, form_id);
  }
}

std::string insert_sql(const Table& table, bool postgres, bool returning) {
  std::string columns, values;
  for (std::size_t i = 0; i < table.columns.size(); ++i) {
    columns += (i ? ", " : "") + std::string(table.columns[i]);
    values += (i ? "," : "") + (postgres ? "$" + std::to_string(i + 1) : std::string("?"));
  }
  std::string sql =
      "INSERT INTO " + std::string(table.name) + " (" + columns + ") VALUES (" + values + ")";
  if (postgres && returning) sql += " RETURNING id";
  return sql;
}

std::string real_text(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.15g", value);
  std::string text = buffer;
  // SQLite's "%!.15g": a real always shows a decimal point.
  if (text.find_first_of(".ein") == std::string::npos) return text + ".0";
  const std::size_t exponent = text.find('e');
  if (exponent != std::string::npos && text.find('.') == std::string::npos) {
    text.insert(exponent, ".0");
  }
  return text;
}

std::string now_utc() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm parts{};
  gmtime_r(&now, &parts);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return buffer;
}

}  // namespace kpiform::store
