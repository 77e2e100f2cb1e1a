#include "kpiform/schema/tables.h"

#include <array>
#include <type_traits>

#include "kpiform/schema/fields.h"
#include "kpiform/schema/spellings.h"

namespace kpiform::schema {

namespace {

constexpr Spellings<RecordTable, 4> kNames{{
    {RecordTable::kForms, "forms"},
    {RecordTable::kFunds, "funds"},
    {RecordTable::kIndicators, "indicators"},
    {RecordTable::kChecks, "checks"},
}};

TableValue position_of(std::size_t position) {
  return TableValue(static_cast<std::int64_t>(position));
}

// A Value spreads over these columns, after its field's name: target_raw, ….
constexpr const char* kValueColumns[] = {"raw", "kind", "op", "value", "max", "unit"};

// The column of a part's field: forms hold goals_… and total_… too.
std::string column_of(const FieldInfo& field) {
  const bool prefixed = field.part == Part::kGoals || field.part == Part::kTotal;
  return prefixed ? std::string(to_string(field.part)) + "_" + field.name : field.name;
}

void add_columns(Part part, std::vector<std::string>& columns) {
  for (const FieldInfo& field : fields_of(part)) {
    if (field.type != FieldType::kValue) {
      columns.push_back(column_of(field));
      continue;
    }
    for (const char* part_of_value : kValueColumns) {
      columns.push_back(column_of(field) + "_" + part_of_value);
    }
  }
}

template <class T>
TableValue or_null(const std::optional<T>& value) {
  if (!value) return {};
  if constexpr (std::is_same_v<T, int>) {
    return TableValue(std::int64_t{*value});
  } else {
    return TableValue(*value);
  }
}

void add_values(const Record& record, Part part, std::size_t row, TableRow& out) {
  for (const FieldInfo& field : fields_of(part)) {
    std::visit(
        Overloaded{[&](std::monostate) { out.emplace_back(); },
                   [&](const std::string* text) { out.emplace_back(*text); },
                   [&](const std::optional<std::string>* text) { out.push_back(or_null(*text)); },
                   [&](const std::optional<int>* number) { out.push_back(or_null(*number)); },
                   [&](const std::optional<double>* number) { out.push_back(or_null(*number)); },
                   [&](const FundsKey* key) { out.emplace_back(std::string(to_string(*key))); },
                   [&](const Value* value) {
                     out.push_back(or_null(value->raw));
                     out.emplace_back(std::string(to_string(value->kind)));
                     out.push_back(value->op ? TableValue(std::string(to_string(*value->op)))
                                             : TableValue());
                     out.push_back(or_null(value->value));
                     out.push_back(or_null(value->max));
                     out.push_back(or_null(value->unit));
                   }},
        field_ref(record, {field.field, row}));
  }
}

std::vector<std::string> column_names(RecordTable table) {
  std::vector<std::string> columns;
  switch (table) {
    case RecordTable::kForms:
      columns = {"first_page", "last_page"};
      add_columns(Part::kForm, columns);
      add_columns(Part::kGoals, columns);
      add_columns(Part::kTotal, columns);
      break;
    case RecordTable::kFunds:
      columns = {"position"};
      add_columns(Part::kFunds, columns);
      break;
    case RecordTable::kIndicators:
      columns = {"position"};
      add_columns(Part::kIndicators, columns);
      break;
    case RecordTable::kChecks:
      columns = {"position", "rule", "ok", "message"};
      break;
  }
  return columns;
}

}  // namespace

const char* to_string(RecordTable table) {
  return spelling_of(kNames, table);
}

std::optional<RecordTable> record_table_named(std::string_view name) {
  return spelled(kNames, name);
}

const std::vector<const char*>& record_table_columns(RecordTable table) {
  // Built once per table and kept: callers hold the names for the program's life.
  static const auto names = [] {
    std::array<std::vector<std::string>, 4> all;
    for (const auto& [each, spelling] : kNames) {
      all[static_cast<std::size_t>(each)] = column_names(each);
    }
    return all;
  }();
  static const auto pointers = [] {
    std::array<std::vector<const char*>, 4> all;
    for (std::size_t i = 0; i < all.size(); ++i) {
      for (const std::string& name : names[i]) all[i].push_back(name.c_str());
    }
    return all;
  }();
  return pointers[static_cast<std::size_t>(table)];
}

std::vector<TableRow> record_table_rows(const Record& record, RecordTable table) {
  std::vector<TableRow> rows;
  switch (table) {
    case RecordTable::kForms: {
      TableRow row = {or_null(record.source.first_page), or_null(record.source.last_page)};
      add_values(record, Part::kForm, 0, row);
      add_values(record, Part::kGoals, 0, row);
      add_values(record, Part::kTotal, 0, row);
      rows.push_back(std::move(row));
      break;
    }
    case RecordTable::kFunds:
    case RecordTable::kIndicators: {
      const Part part = table == RecordTable::kFunds ? Part::kFunds : Part::kIndicators;
      const std::size_t count =
          part == Part::kFunds ? record.funds.size() : record.indicators.size();
      for (std::size_t i = 0; i < count; ++i) {
        TableRow row = {position_of(i)};
        add_values(record, part, i, row);
        rows.push_back(std::move(row));
      }
      break;
    }
    case RecordTable::kChecks:
      for (std::size_t i = 0; i < record.checks.size(); ++i) {
        const Check& check = record.checks[i];
        rows.push_back({position_of(i), std::string(to_string(check.rule)),
                        std::int64_t{check.ok ? 1 : 0}, check.message});
      }
      break;
  }
  return rows;
}

}  // namespace kpiform::schema
