// JSON reading and writing of records, exactly as RECORD.md spells them.
//
// Writing then reading gives back an equal Record; reading then writing a
// record file made by kpiform gives back the same bytes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kpiform/schema/record.h"

namespace kpiform::schema {

enum class JsonStyle { kPretty, kOneLine };

std::string record_to_json(const Record& record, JsonStyle style = JsonStyle::kPretty);

// A JSON array of records (the default output of `kpiform extract`).
std::string records_to_json_array(const std::vector<Record>& records);

// Parses one record object. Throws InputError (stage "json") naming `origin`
// and the offending field when the text is not a valid record.
Record record_from_json(std::string_view text, const std::string& origin);

// Reads a file holding one record object or an array of them.
std::vector<Record> read_records_file(const std::string& path);

}  // namespace kpiform::schema
