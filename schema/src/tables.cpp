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

struct Column {
  std::string name;
  ColumnType type;
};

// A Value spreads over these columns, after its field's name: target_raw, ….
constexpr std::pair<const char*, ColumnType> kValueColumns[] = {
    {"raw", ColumnType::kText},   {"kind", ColumnType::kText}, {"op", ColumnType::kText},
    {"value", ColumnType::kReal}, {"max", ColumnType::kReal},  {"unit", ColumnType::kText}};

ColumnType column_type(FieldType type) {
  switch (type) {
    case FieldType::kYear:
      return ColumnType::kInteger;
    case FieldType::kMoney:
    case FieldType::kPercent:
    case FieldType::kNumber:
      return ColumnType::kReal;
    case FieldType::kText:
    case FieldType::kLevelName:
    case FieldType::kFundsKey:
    case FieldType::kValue:
      break;
  }
  return ColumnType::kText;
}

// The column of a part's field: forms hold goals_… and total_… too.
std::string column_of(const FieldInfo& field) {
  const bool prefixed = field.part == Part::kGoals || field.part == Part::kTotal;
  return prefixed ? std::string(to_string(field.part)) + "_" + field.name : field.name;
}

void add_columns(Part part, std::vector<Column>& columns) {
  for (const FieldInfo& field : fields_of(part)) {
    if (field.type != FieldType::kValue) {
      columns.push_back({column_of(field), column_type(field.type)});
      continue;
    }
    for (const auto& [part_of_value, type] : kValueColumns) {
      columns.push_back({column_of(field) + "_" + part_of_value, type});
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

std::vector<Column> columns_of(RecordTable table) {
  constexpr auto kPosition = ColumnType::kInteger;
  std::vector<Column> columns;
  switch (table) {
    case RecordTable::kForms:
      columns = {{"first_page", ColumnType::kInteger}, {"last_page", ColumnType::kInteger}};
      add_columns(Part::kForm, columns);
      add_columns(Part::kGoals, columns);
      add_columns(Part::kTotal, columns);
      break;
    case RecordTable::kFunds:
      columns = {{"position", kPosition}};
      add_columns(Part::kFunds, columns);
      break;
    case RecordTable::kIndicators:
      columns = {{"position", kPosition}};
      add_columns(Part::kIndicators, columns);
      break;
    case RecordTable::kChecks:
      columns = {{"position", kPosition},
                 {"rule", ColumnType::kText},
                 {"ok", ColumnType::kInteger},
                 {"message", ColumnType::kText}};
      break;
  }
  return columns;
}

// A table's column names and types, built once and kept: callers hold the
// names for the program's life.
struct Listing {
  std::vector<const char*> names;
  std::vector<ColumnType> types;
};

const Listing& listing(RecordTable table) {
  static const auto columns = [] {
    std::array<std::vector<Column>, 4> all;
    for (const auto& [each, spelling] : kNames)
      all[static_cast<std::size_t>(each)] = columns_of(each);
    return all;
  }();
  static const auto listings = [] {
    std::array<Listing, 4> all;
    for (std::size_t i = 0; i < all.size(); ++i) {
      for (const Column& column : columns[i]) {
        all[i].names.push_back(column.name.c_str());
        all[i].types.push_back(column.type);
      }
    }
    return all;
  }();
  return listings[static_cast<std::size_t>(table)];
}

}  // namespace

const char* to_string(RecordTable table) {
  return spelling_of(kNames, table);
}

std::optional<RecordTable> record_table_named(std::string_view name) {
  return spelled(kNames, name);
}

const std::vector<const char*>& record_table_columns(RecordTable table) {
  return listing(table).names;
}

const std::vector<ColumnType>& record_table_column_types(RecordTable table) {
  return listing(table).types;
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
