#include "review_queries.h"

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "kpiform/schema/error.h"
#include "kpiform/schema/fields.h"
#include "kpiform/schema/json.h"

namespace kpiform::store {

namespace {

std::string text_of(const TextRow& row, std::size_t column) {
  return row[column].value_or("");
}
int integer_of(const TextRow& row, std::size_t column) {
  return std::atoi(text_of(row, column).c_str());
}
// Paths are written only from FieldPaths; one that names no field is damage.
schema::FieldPath path_of(const TextRow& row, std::size_t column, SqlRunner& sql) {
  const std::string text = text_of(row, column);
  if (const auto path = schema::field_path_named(text)) return *path;
  throw InputError(sql.location(), "database", "a row names no field of a record: '" + text + "'");
}

// "WHERE sha256 = ? [AND form_position = ?] " for a document or one of its
// forms, its parameters appended; nothing for every row.
std::string review_filter(const std::optional<std::string>& sha256,
                          std::optional<int> form_position, Row& parameters) {
  if (!sha256) return "";
  parameters.push_back(Field(*sha256));
  if (!form_position) return "WHERE sha256 = ? ";
  parameters.push_back(Field(std::int64_t{*form_position}));
  return "WHERE sha256 = ? AND form_position = ? ";
}

cells::Box box_from_json(const nlohmann::json& box) {
  return {box.at(0).get<double>(), box.at(1).get<double>(), box.at(2).get<double>(),
          box.at(3).get<double>()};
}

}  // namespace

std::vector<FormSummary> form_summaries(SqlRunner& sql, double min_confidence,
                                        std::optional<long long> only_id) {
  const std::string order = sql.byte_order();
  Row parameters = {Field(min_confidence)};
  if (only_id) parameters.push_back(Field(std::int64_t{*only_id}));
  const std::vector<TextRow> rows = sql.select(
      "SELECT forms.id, documents.path, documents.sha256, forms.position, documents.method, "
      "forms.year, forms.project_name, "
      "coalesce(forms.supervising_department, forms.implementing_unit), "
      "(SELECT count(*) FROM checks WHERE checks.form_id = forms.id AND checks.ok = 0), "
      "(SELECT count(*) FROM cells WHERE cells.form_id = forms.id AND cells.confidence < ?), "
      "(SELECT count(*) FROM repairs WHERE repairs.form_id = forms.id), "
      "(SELECT count(*) FROM corrections WHERE corrections.sha256 = documents.sha256 AND "
      "corrections.form_position = forms.position), "
      "(SELECT reviewer FROM reviews WHERE reviews.sha256 = documents.sha256 AND "
      "reviews.form_position = forms.position) "
      "FROM forms JOIN documents ON documents.id = forms.document_id " +
          std::string(only_id ? "WHERE forms.id = ? " : "") + "ORDER BY documents.path" + order +
          ", documents.sha256" + order + ", forms.position",
      parameters);
  std::vector<FormSummary> forms;
  for (const TextRow& row : rows) {
    FormSummary form;
    form.id = std::atoll(text_of(row, 0).c_str());
    form.path = text_of(row, 1);
    form.sha256 = text_of(row, 2);
    form.position = integer_of(row, 3);
    if (row[4]) form.method = schema::method_from_string(*row[4]);
    if (row[5]) form.year = integer_of(row, 5);
    form.project_name = row[6];
    form.department = row[7];
    form.failed_checks = integer_of(row, 8);
    form.low_confidence = integer_of(row, 9);
    form.repairs = integer_of(row, 10);
    form.corrections = integer_of(row, 11);
    form.reviewed_by = row[12];
    forms.push_back(std::move(form));
  }
  return forms;
}

std::optional<StoredForm> stored_form(SqlRunner& sql, long long id, double min_confidence) {
  std::vector<FormSummary> found = form_summaries(sql, min_confidence, id);
  if (found.empty()) return std::nullopt;
  StoredForm form;
  form.summary = std::move(found.front());
  const Row key = {Field(std::int64_t{id})};
  for (const TextRow& row : sql.select("SELECT record_json FROM forms WHERE id = ?", key)) {
    form.record = schema::record_from_json(text_of(row, 0), sql.location());
  }
  const std::vector<TextRow> cells = sql.select(
      "SELECT field, text, confidence, alternatives, origins FROM cells WHERE form_id = ? "
      "ORDER BY position",
      key);
  try {
    for (const TextRow& row : cells) {
      cells::FieldSource source;
      source.field = path_of(row, 0, sql);
      source.read.text = text_of(row, 1);
      source.read.confidence = std::strtod(text_of(row, 2).c_str(), nullptr);
      source.read.alternatives =
          nlohmann::json::parse(text_of(row, 3)).get<std::vector<std::string>>();
      for (const auto& origin : nlohmann::json::parse(text_of(row, 4))) {
        source.read.origins.push_back(
            {origin.at("page").get<int>(), box_from_json(origin.at("box"))});
      }
      form.cells.push_back(std::move(source));
    }
    for (const TextRow& row : sql.select("SELECT field, page, box, read, became, why FROM "
                                         "repairs WHERE form_id = ? ORDER BY position",
                                         key)) {
      form.repairs.push_back(
          {text_of(row, 0),
           {integer_of(row, 1), box_from_json(nlohmann::json::parse(text_of(row, 2)))},
           text_of(row, 3),
           text_of(row, 4),
           text_of(row, 5)});
    }
  } catch (const nlohmann::json::exception& error) {
    throw InputError(
        sql.location(), "database",
        "form " + std::to_string(id) + ": a damaged cells or repairs row: " + error.what());
  }
  form.corrections = corrections(sql, form.summary.sha256, form.summary.position);
  form.confirmations = confirmations(sql, form.summary.sha256, form.summary.position);
  return form;
}

bool add_correction(SqlRunner& sql, const Correction& correction) {
  return sql.execute(
      insert_sql(corrections_table(), false, false),
      {Field(correction.sha256), Field(std::int64_t{correction.form_position}),
       Field(std::int64_t{correction.revision}), Field(schema::to_string(correction.field)),
       correction.extracted ? Field(*correction.extracted) : Field(), Field(correction.value),
       Field(correction.reviewer),
       Field(correction.corrected_at.empty() ? now_utc() : correction.corrected_at),
       correction.reason.empty() ? Field() : Field(correction.reason)});
}

void add_confirmation(SqlRunner& sql, const Confirmation& confirmation) {
  sql.execute(
      "INSERT INTO confirmations (sha256, form_position, field, value, reviewer, confirmed_at) "
      "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (sha256, form_position, field) DO UPDATE SET "
      "value = excluded.value, reviewer = excluded.reviewer, confirmed_at = excluded.confirmed_at",
      {Field(confirmation.sha256), Field(std::int64_t{confirmation.form_position}),
       Field(schema::to_string(confirmation.field)),
       confirmation.value ? Field(*confirmation.value) : Field(), Field(confirmation.reviewer),
       Field(confirmation.confirmed_at.empty() ? now_utc() : confirmation.confirmed_at)});
}

void mark_reviewed(SqlRunner& sql, const std::string& sha256, int form_position,
                   const std::string& reviewer) {
  sql.execute(
      "INSERT INTO reviews (sha256, form_position, reviewer, reviewed_at) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (sha256, form_position) DO UPDATE SET reviewer = excluded.reviewer, "
      "reviewed_at = excluded.reviewed_at",
      {Field(sha256), Field(std::int64_t{form_position}), Field(reviewer), Field(now_utc())});
}

std::vector<Correction> corrections(SqlRunner& sql, const std::optional<std::string>& sha256,
                                    std::optional<int> form_position) {
  Row parameters;
  const std::string where = review_filter(sha256, form_position, parameters);
  const std::vector<TextRow> rows = sql.select(
      "SELECT sha256, form_position, revision, field, extracted, value, reviewer, "
      "corrected_at, reason FROM corrections " +
          where + "ORDER BY sha256" + sql.byte_order() + ", form_position, revision",
      parameters);
  std::vector<Correction> list;
  for (const TextRow& row : rows) {
    list.push_back({text_of(row, 0), integer_of(row, 1), integer_of(row, 2), path_of(row, 3, sql),
                    row[4], text_of(row, 5), text_of(row, 6), text_of(row, 7),
                    row[8].value_or("")});
  }
  return list;
}

std::vector<Confirmation> confirmations(SqlRunner& sql, const std::string& sha256,
                                        std::optional<int> form_position) {
  Row parameters;
  const std::string where = review_filter(sha256, form_position, parameters);
  const std::vector<TextRow> rows = sql.select(
      "SELECT sha256, form_position, field, value, reviewer, confirmed_at FROM confirmations " +
          where + "ORDER BY form_position, field" + sql.byte_order(),
      parameters);
  std::vector<Confirmation> list;
  for (const TextRow& row : rows) {
    list.push_back({text_of(row, 0), integer_of(row, 1), path_of(row, 2, sql), row[3],
                    text_of(row, 4), text_of(row, 5)});
  }
  return list;
}

}  // namespace kpiform::store
