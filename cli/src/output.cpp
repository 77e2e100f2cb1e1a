#include "output.h"

#include <filesystem>
#include <fstream>
#include <ostream>

#include "kpiform/schema/csv.h"
#include "kpiform/schema/json.h"

namespace kpiform::cli {

std::optional<Format> parse_format(const std::string& name) {
  if (name == "json") return Format::kJson;
  if (name == "jsonl") return Format::kJsonl;
  if (name == "csv") return Format::kCsv;
  return std::nullopt;
}

std::string render_records(const std::vector<schema::Record>& records, Format format) {
  switch (format) {
    case Format::kJson:
      return schema::records_to_json_array(records) + "\n";
    case Format::kJsonl: {
      std::string out;
      for (const schema::Record& record : records) {
        out += schema::record_to_json(record, schema::JsonStyle::kOneLine) + "\n";
      }
      return out;
    }
    case Format::kCsv:
      return schema::records_to_csv(records);
  }
  return {};
}

bool write_output(const std::string& path, const std::string& content, std::ostream& err) {
  const std::string temporary = path + ".kpiform-partial";
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    file << content;
    if (!file.flush()) {
      err << path << ": cannot write the output\n";
      std::filesystem::remove(temporary);
      return false;
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    err << path << ": cannot write the output: " << error.message() << '\n';
    std::filesystem::remove(temporary);
    return false;
  }
  return true;
}

}  // namespace kpiform::cli
