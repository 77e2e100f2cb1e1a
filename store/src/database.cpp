#include "kpiform/store/database.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <ctime>

#include "kpiform/schema/csv.h"
#include "kpiform/schema/error.h"
#include "kpiform/schema/json.h"

namespace kpiform::store {

namespace {

constexpr const char* kStage = "database";

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

struct ConnectionCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StatementFinalizer {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using StatementPtr = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

std::string now_utc() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm parts{};
  gmtime_r(&now, &parts);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return buffer;
}

}  // namespace

struct Database::Impl {
  std::string path;
  std::unique_ptr<sqlite3, ConnectionCloser> db;

  [[noreturn]] void fail(const std::string& what) const {
    throw InputError(path, kStage, what + ": " + sqlite3_errmsg(db.get()));
  }

  void exec(const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db.get(), sql, nullptr, nullptr, &message) != SQLITE_OK) {
      const std::string text = message ? message : "unknown error";
      sqlite3_free(message);
      throw InputError(path, kStage, text);
    }
  }

  StatementPtr prepare(const char* sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db.get(), sql, -1, &statement, nullptr) != SQLITE_OK) fail("prepare");
    return StatementPtr(statement);
  }

  // Binds values left to right, starting at parameter 1.
  class Binder {
   public:
    Binder(Impl& impl, sqlite3_stmt* statement) : impl_(impl), statement_(statement) {}
    Binder& text(const std::optional<std::string>& value) {
      const int rc = value ? sqlite3_bind_text(statement_, ++index_, value->c_str(),
                                               static_cast<int>(value->size()), SQLITE_TRANSIENT)
                           : sqlite3_bind_null(statement_, ++index_);
      if (rc != SQLITE_OK) impl_.fail("bind");
      return *this;
    }
    Binder& number(const std::optional<double>& value) {
      const int rc = value ? sqlite3_bind_double(statement_, ++index_, *value)
                           : sqlite3_bind_null(statement_, ++index_);
      if (rc != SQLITE_OK) impl_.fail("bind");
      return *this;
    }
    Binder& integer(const std::optional<sqlite3_int64>& value) {
      const int rc = value ? sqlite3_bind_int64(statement_, ++index_, *value)
                           : sqlite3_bind_null(statement_, ++index_);
      if (rc != SQLITE_OK) impl_.fail("bind");
      return *this;
    }

   private:
    Impl& impl_;
    sqlite3_stmt* statement_;
    int index_ = 0;
  };

  void step_done(sqlite3_stmt* statement) {
    if (sqlite3_step(statement) != SQLITE_DONE) fail("write");
    sqlite3_reset(statement);
    sqlite3_clear_bindings(statement);
  }

  void migrate() {
    auto version = prepare("PRAGMA user_version");
    if (sqlite3_step(version.get()) != SQLITE_ROW) fail("read the schema version");
    const int found = sqlite3_column_int(version.get(), 0);
    version.reset();
    if (found > kSchemaVersion) {
      throw InputError(path, kStage,
                       "database schema version " + std::to_string(found) +
                           " is newer than this kpiform understands (" +
                           std::to_string(kSchemaVersion) + ")");
    }
    if (found == 0) {
      exec("BEGIN IMMEDIATE");
      exec(kSchema);
      exec(("PRAGMA user_version = " + std::to_string(kSchemaVersion)).c_str());
      exec("COMMIT");
    }
  }

  void write_record(sqlite3_int64 document_id, int position, const schema::Record& record) {
    auto form = prepare(
        "INSERT INTO forms (document_id, position, first_page, last_page, title, year, "
        "project_name, supervising_department, implementing_unit, goals_planned, goals_achieved, "
        "total_weight, total_score, record_json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    auto as_int = [](const std::optional<int>& value) -> std::optional<sqlite3_int64> {
      if (!value) return std::nullopt;
      return *value;
    };
    Binder(*this, form.get())
        .integer(document_id)
        .integer(position)
        .integer(as_int(record.source.first_page))
        .integer(as_int(record.source.last_page))
        .text(record.title)
        .integer(as_int(record.year))
        .text(record.project_name)
        .text(record.supervising_department)
        .text(record.implementing_unit)
        .text(record.goals.planned)
        .text(record.goals.achieved)
        .number(record.total.weight)
        .number(record.total.score)
        .text(schema::record_to_json(record, schema::JsonStyle::kOneLine));
    step_done(form.get());
    const sqlite3_int64 form_id = sqlite3_last_insert_rowid(db.get());

    auto funds = prepare(
        "INSERT INTO funds (form_id, position, item, key, initial_budget, annual_budget, "
        "executed, weight, execution_rate, score) VALUES (?,?,?,?,?,?,?,?,?,?)");
    for (std::size_t i = 0; i < record.funds.size(); ++i) {
      const schema::FundsRow& row = record.funds[i];
      Binder(*this, funds.get())
          .integer(form_id)
          .integer(static_cast<sqlite3_int64>(i))
          .text(row.item)
          .text(schema::to_string(row.key))
          .number(row.initial_budget)
          .number(row.annual_budget)
          .number(row.executed)
          .number(row.weight)
          .number(row.execution_rate)
          .number(row.score);
      step_done(funds.get());
    }

    auto indicators = prepare(
        "INSERT INTO indicators (form_id, position, level1, level2, level3, target_raw, "
        "target_kind, target_op, target_value, target_max, target_unit, actual_raw, actual_kind, "
        "actual_op, actual_value, actual_max, actual_unit, weight, score, deviation) VALUES "
        "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    auto bind_value = [](Binder& binder, const schema::Value& value) {
      binder.text(value.raw)
          .text(schema::to_string(value.kind))
          .text(value.op ? std::optional<std::string>(schema::to_string(*value.op)) : std::nullopt)
          .number(value.value)
          .number(value.max)
          .text(value.unit);
    };
    for (std::size_t i = 0; i < record.indicators.size(); ++i) {
      const schema::Indicator& indicator = record.indicators[i];
      Binder binder(*this, indicators.get());
      binder.integer(form_id)
          .integer(static_cast<sqlite3_int64>(i))
          .text(indicator.level1)
          .text(indicator.level2)
          .text(indicator.level3);
      bind_value(binder, indicator.target);
      bind_value(binder, indicator.actual);
      binder.number(indicator.weight).number(indicator.score).text(indicator.deviation);
      step_done(indicators.get());
    }

    auto checks =
        prepare("INSERT INTO checks (form_id, position, rule, ok, message) VALUES (?,?,?,?,?)");
    for (std::size_t i = 0; i < record.checks.size(); ++i) {
      const schema::Check& check = record.checks[i];
      Binder(*this, checks.get())
          .integer(form_id)
          .integer(static_cast<sqlite3_int64>(i))
          .text(check.rule)
          .integer(check.ok ? 1 : 0)
          .text(check.message);
      step_done(checks.get());
    }
  }
};

Database::Database(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Database::~Database() = default;

std::unique_ptr<Database> Database::open(const std::string& path, Mode mode) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  sqlite3* raw = nullptr;
  const int flags =
      mode == Mode::kReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  impl->db.reset(raw);
  if (rc != SQLITE_OK) {
    throw InputError(path, kStage,
                     std::string("cannot open the database: ") +
                         (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  }
  sqlite3_busy_timeout(raw, 30000);
  impl->exec("PRAGMA foreign_keys = ON");
  if (mode == Mode::kReadWrite) {
    impl->exec("PRAGMA journal_mode = WAL");
    impl->exec("PRAGMA synchronous = NORMAL");
    impl->migrate();
  } else {
    auto version = impl->prepare("PRAGMA user_version");
    if (sqlite3_step(version.get()) != SQLITE_ROW || sqlite3_column_int(version.get(), 0) == 0) {
      throw InputError(path, kStage, "not a kpiform database");
    }
  }
  return std::unique_ptr<Database>(new Database(std::move(impl)));
}

std::optional<DocumentStatus> Database::status_of(const std::string& sha256) {
  auto statement = impl_->prepare("SELECT status FROM documents WHERE sha256 = ?");
  Impl::Binder(*impl_, statement.get()).text(sha256);
  if (sqlite3_step(statement.get()) != SQLITE_ROW) return std::nullopt;
  const std::string status = reinterpret_cast<const char*>(sqlite3_column_text(statement.get(), 0));
  if (status == "imported") return DocumentStatus::kImported;
  if (status == "no-form") return DocumentStatus::kNoForm;
  return DocumentStatus::kFailed;
}

void Database::write(const Document& document) {
  Impl& d = *impl_;
  d.exec("BEGIN IMMEDIATE");
  try {
    const std::optional<std::string> sha =
        document.sha256.empty() ? std::nullopt : std::optional<std::string>(document.sha256);
    auto remove = sha ? d.prepare("DELETE FROM documents WHERE sha256 = ?")
                      : d.prepare("DELETE FROM documents WHERE sha256 IS NULL AND path = ?");
    Impl::Binder(d, remove.get()).text(sha ? *sha : document.path);
    d.step_done(remove.get());

    auto insert = d.prepare(
        "INSERT INTO documents (sha256, path, pages, status, error, method, forms, imported_at) "
        "VALUES (?,?,?,?,?,?,?,?)");
    Impl::Binder(d, insert.get())
        .text(sha)
        .text(document.path)
        .integer(document.pages)
        .text(to_string(document.status))
        .text(document.error.empty() ? std::nullopt : std::optional<std::string>(document.error))
        .text(document.method ? std::optional<std::string>(schema::to_string(*document.method))
                              : std::nullopt)
        .integer(static_cast<sqlite3_int64>(document.records.size()))
        .text(now_utc());
    d.step_done(insert.get());
    const sqlite3_int64 id = sqlite3_last_insert_rowid(d.db.get());
    for (std::size_t i = 0; i < document.records.size(); ++i) {
      d.write_record(id, static_cast<int>(i), document.records[i]);
    }
    d.exec("COMMIT");
  } catch (...) {
    sqlite3_exec(d.db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

std::vector<schema::Record> Database::records() {
  auto statement = impl_->prepare(
      "SELECT forms.record_json FROM forms JOIN documents ON documents.id = forms.document_id "
      "ORDER BY documents.path, documents.sha256, forms.position");
  std::vector<schema::Record> records;
  while (sqlite3_step(statement.get()) == SQLITE_ROW) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement.get(), 0));
    records.push_back(schema::record_from_json(text ? text : "", impl_->path));
  }
  return records;
}

const std::vector<std::string>& Database::tables() {
  static const std::vector<std::string> names = {"documents", "forms", "funds", "indicators",
                                                 "checks"};
  return names;
}

std::string Database::table_csv(const std::string& table) {
  const auto& names = tables();
  if (std::find(names.begin(), names.end(), table) == names.end()) {
    throw InputError(impl_->path, kStage, "no table '" + table + "'");
  }
  auto statement = impl_->prepare(("SELECT * FROM " + table + " ORDER BY rowid").c_str());
  std::string out = schema::kCsvBom;
  const int columns = sqlite3_column_count(statement.get());
  std::vector<std::string> fields;
  for (int c = 0; c < columns; ++c) fields.push_back(sqlite3_column_name(statement.get(), c));
  out += schema::csv_line(fields);
  while (sqlite3_step(statement.get()) == SQLITE_ROW) {
    for (int c = 0; c < columns; ++c) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement.get(), c));
      fields[static_cast<std::size_t>(c)] = text ? text : "";
    }
    out += schema::csv_line(fields);
  }
  return out;
}

const char* to_string(DocumentStatus status) {
  switch (status) {
    case DocumentStatus::kImported:
      return "imported";
    case DocumentStatus::kNoForm:
      return "no-form";
    case DocumentStatus::kFailed:
      return "failed";
  }
  return "failed";
}

}  // namespace kpiform::store
