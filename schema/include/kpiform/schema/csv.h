// CSV of records as RECORD.md fixes it: one row per indicator, UTF-8 with a
// byte-order mark, RFC 4180 quoting, the contract's leading columns; or one
// part of the records (forms, funds, indicators, checks) as a table.
#pragma once

#include <string>
#include <vector>

#include "kpiform/schema/record.h"
#include "kpiform/schema/tables.h"

namespace kpiform::schema {

// The header line's columns, in order.
const std::vector<std::string>& csv_columns();

// BOM, header line, and the rows of every record (CRLF line ends). A form
// without indicators still gets one row, with the indicator columns empty.
std::string records_to_csv(const std::vector<Record>& records);

// One part of the records as a table (tables.h): BOM, header, and each
// record's rows of it, keyed by `source_path` and `form_position` (the
// form's place in its file, from 0, as the database's forms.position).
std::string record_table_csv(const std::vector<Record>& records, RecordTable table);

// One RFC 4180 line (CRLF ended) of `fields`, quoted where needed.
std::string csv_line(const std::vector<std::string>& fields);

// The byte-order mark that starts every CSV kpiform writes.
inline constexpr const char* kCsvBom = "\xEF\xBB\xBF";

// Parses CSV text as written above into rows of fields (the BOM is
// skipped); used to check files and by tests.
std::vector<std::vector<std::string>> parse_csv(const std::string& text);

}  // namespace kpiform::schema
