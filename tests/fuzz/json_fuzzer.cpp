// Fuzz target for the record reader behind `validate`: bytes -> one record,
// or InputError. A record read must write out and read back to itself.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kpiform/schema/error.h"
#include "kpiform/schema/json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kpiform;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const schema::Record record = schema::record_from_json(text, "fuzz");
    const std::string written = schema::record_to_json(record);
    if (schema::record_to_json(schema::record_from_json(written, "rewritten")) != written) {
      __builtin_trap();
    }
  } catch (const InputError&) {
  }
  return 0;
}
