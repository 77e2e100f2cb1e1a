// A record's parts as tables: the forms, funds, indicators and checks of
// docs/DATABASE.md, each part's columns and a record's rows of it, written
// once for the database (store) and the CSV tables (`extract -f csv
// --table`). What keys a row to its form (a database id, a source path and
// form position) is the caller's: these are the columns after it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "kpiform/schema/record.h"

namespace kpiform::schema {

// NULL, an integer, a real or text.
using TableValue = std::variant<std::monostate, std::int64_t, double, std::string>;
using TableRow = std::vector<TableValue>;

enum class RecordTable { kForms, kFunds, kIndicators, kChecks };

// "forms", "funds", "indicators", "checks".
const char* to_string(RecordTable table);
std::optional<RecordTable> record_table_named(std::string_view name);

// The part's columns: for forms the form's fields (first_page … total_score),
// for the others `position` (the row's place in its form) and the row's.
const std::vector<const char*>& record_table_columns(RecordTable table);

// What a column holds, for a database's column types.
enum class ColumnType { kInteger, kReal, kText };
// The type of each of record_table_columns(table), in that order.
const std::vector<ColumnType>& record_table_column_types(RecordTable table);

// The record's rows of the part, columns as above (forms: one row).
std::vector<TableRow> record_table_rows(const Record& record, RecordTable table);

}  // namespace kpiform::schema
