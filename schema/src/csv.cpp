#include "kpiform/schema/csv.h"

#include <charconv>
#include <cmath>

namespace kpiform::schema {

namespace {

std::string quoted(const std::string& field) {
  if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Shortest text that reads back as the same number; whole numbers without
// a decimal point.
std::string number_text(const std::optional<double>& value) {
  if (!value) return "";
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, *value);
  return std::string(buffer, result.ptr);
}

std::string text(const std::optional<std::string>& value) {
  return value.value_or("");
}

std::string cell_text(const TableValue& value) {
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return std::to_string(*integer);
  if (const auto* real = std::get_if<double>(&value)) return number_text(*real);
  if (const auto* string = std::get_if<std::string>(&value)) return *string;
  return "";
}

}  // namespace

std::string csv_line(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += quoted(fields[i]);
  }
  return out + "\r\n";
}

const std::vector<std::string>& csv_columns() {
  static const std::vector<std::string> columns = [] {
    std::vector<std::string> names = {
        "source_path",      "first_page", "year", "project_name", "supervising_department",
        "implementing_unit"};
    const auto& indicator = record_table_columns(RecordTable::kIndicators);
    names.insert(names.end(), indicator.begin() + 1, indicator.end());  // after `position`
    return names;
  }();
  return columns;
}

std::string records_to_csv(const std::vector<Record>& records) {
  std::string out = kCsvBom;
  out += csv_line(csv_columns());
  for (const Record& record : records) {
    std::vector<std::string> form = {
        record.source.path,
        record.source.first_page ? std::to_string(*record.source.first_page) : "",
        record.year ? std::to_string(*record.year) : "",
        text(record.project_name),
        text(record.supervising_department),
        text(record.implementing_unit)};
    if (record.indicators.empty()) {
      std::vector<std::string> row = form;
      row.resize(csv_columns().size());
      out += csv_line(row);
    }
    for (const TableRow& values : record_table_rows(record, RecordTable::kIndicators)) {
      std::vector<std::string> row = form;
      for (std::size_t i = 1; i < values.size(); ++i) row.push_back(cell_text(values[i]));
      out += csv_line(row);
    }
  }
  return out;
}

std::string record_table_csv(const std::vector<Record>& records, RecordTable table) {
  std::vector<std::string> header = {"source_path", "form_position"};
  for (const char* column : record_table_columns(table)) header.emplace_back(column);
  std::string out = kCsvBom;
  out += csv_line(header);
  const std::vector<int> positions = form_positions(records);
  for (std::size_t i = 0; i < records.size(); ++i) {
    for (const TableRow& values : record_table_rows(records[i], table)) {
      std::vector<std::string> row = {records[i].source.path, std::to_string(positions[i])};
      for (const TableValue& value : values) row.push_back(cell_text(value));
      out += csv_line(row);
    }
  }
  return out;
}

std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::size_t i = text.rfind(kCsvBom, 0) == 0 ? 3 : 0;
  std::vector<std::string> row;
  std::string field;
  bool in_quotes = false;
  bool row_open = false;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    row_open = true;
    if (in_quotes) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        in_quotes = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      in_quotes = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
      row_open = false;
    } else {
      field += c;
    }
  }
  if (row_open) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace kpiform::schema
