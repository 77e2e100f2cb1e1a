// Fuzz target for the CSV reader (`parse_csv`, used on kpiform's own CSV by
// tests and checks): any bytes parse without a crash, and the rows read,
// written back as kpiform writes CSV (the byte-order mark, then csv_line
// each) and read again, are the same rows — a field that starts with a BOM
// of its own included.
#include <cstddef>
#include <cstdint>
#include <string>

#include "kpiform/schema/csv.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kpiform;
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto rows = schema::parse_csv(text);
  std::string written = schema::kCsvBom;
  for (const auto& row : rows) written += schema::csv_line(row);
  if (schema::parse_csv(written) != rows) __builtin_trap();
  return 0;
}
