#include "kpiform/schema/tables.h"

#include "kpiform/schema/spellings.h"

namespace kpiform::schema {

namespace {

constexpr Spellings<RecordTable, 4> kNames{{
    {RecordTable::kForms, "forms"},
    {RecordTable::kFunds, "funds"},
    {RecordTable::kIndicators, "indicators"},
    {RecordTable::kChecks, "checks"},
}};

TableValue text_or_null(const std::optional<std::string>& value) {
  return value ? TableValue(*value) : TableValue();
}
TableValue real_or_null(const std::optional<double>& value) {
  return value ? TableValue(*value) : TableValue();
}
TableValue integer_or_null(const std::optional<int>& value) {
  return value ? TableValue(std::int64_t{*value}) : TableValue();
}
TableValue position_of(std::size_t position) {
  return TableValue(static_cast<std::int64_t>(position));
}

void append_value(TableRow& row, const Value& value) {
  row.push_back(text_or_null(value.raw));
  row.push_back(std::string(to_string(value.kind)));
  row.push_back(value.op ? TableValue(std::string(to_string(*value.op))) : TableValue());
  row.push_back(real_or_null(value.value));
  row.push_back(real_or_null(value.max));
  row.push_back(text_or_null(value.unit));
}

}  // namespace

const char* to_string(RecordTable table) {
  return spelling_of(kNames, table);
}

std::optional<RecordTable> record_table_named(std::string_view name) {
  return spelled(kNames, name);
}

const std::vector<const char*>& record_table_columns(RecordTable table) {
  static const std::vector<const char*> forms = {"first_page",
                                                 "last_page",
                                                 "title",
                                                 "year",
                                                 "project_name",
                                                 "supervising_department",
                                                 "implementing_unit",
                                                 "goals_planned",
                                                 "goals_achieved",
                                                 "total_weight",
                                                 "total_score"};
  static const std::vector<const char*> funds = {"position",       "item",           "key",
                                                 "initial_budget", "annual_budget",  "executed",
                                                 "weight",         "execution_rate", "score"};
  static const std::vector<const char*> indicators = {
      "position",    "level1",      "level2",       "level3",       "target_raw",
      "target_kind", "target_op",   "target_value", "target_max",   "target_unit",
      "actual_raw",  "actual_kind", "actual_op",    "actual_value", "actual_max",
      "actual_unit", "weight",      "score",        "deviation"};
  static const std::vector<const char*> checks = {"position", "rule", "ok", "message"};
  switch (table) {
    case RecordTable::kForms:
      return forms;
    case RecordTable::kFunds:
      return funds;
    case RecordTable::kIndicators:
      return indicators;
    case RecordTable::kChecks:
      return checks;
  }
  return forms;
}

std::vector<TableRow> record_table_rows(const Record& record, RecordTable table) {
  std::vector<TableRow> rows;
  switch (table) {
    case RecordTable::kForms:
      rows.push_back({integer_or_null(record.source.first_page),
                      integer_or_null(record.source.last_page), text_or_null(record.title),
                      integer_or_null(record.year), text_or_null(record.project_name),
                      text_or_null(record.supervising_department),
                      text_or_null(record.implementing_unit), text_or_null(record.goals.planned),
                      text_or_null(record.goals.achieved), real_or_null(record.total.weight),
                      real_or_null(record.total.score)});
      break;
    case RecordTable::kFunds:
      for (std::size_t i = 0; i < record.funds.size(); ++i) {
        const FundsRow& row = record.funds[i];
        rows.push_back({position_of(i), row.item, std::string(to_string(row.key)),
                        real_or_null(row.initial_budget), real_or_null(row.annual_budget),
                        real_or_null(row.executed), real_or_null(row.weight),
                        real_or_null(row.execution_rate), real_or_null(row.score)});
      }
      break;
    case RecordTable::kIndicators:
      for (std::size_t i = 0; i < record.indicators.size(); ++i) {
        const Indicator& indicator = record.indicators[i];
        TableRow row = {position_of(i), text_or_null(indicator.level1),
                        text_or_null(indicator.level2), text_or_null(indicator.level3)};
        append_value(row, indicator.target);
        append_value(row, indicator.actual);
        row.push_back(real_or_null(indicator.weight));
        row.push_back(real_or_null(indicator.score));
        row.push_back(text_or_null(indicator.deviation));
        rows.push_back(std::move(row));
      }
      break;
    case RecordTable::kChecks:
      for (std::size_t i = 0; i < record.checks.size(); ++i) {
        const Check& check = record.checks[i];
        rows.push_back({position_of(i), check.rule, std::int64_t{check.ok ? 1 : 0}, check.message});
      }
      break;
  }
  return rows;
}

}  // namespace kpiform::schema
