#include "output.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>

#include "kpiform/schema/csv.h"
#include "kpiform/schema/json.h"
#include "kpiform/schema/spellings.h"
#include "kpiform/text/utf8.h"

namespace kpiform::cli {

std::optional<Format> parse_format(const std::string& name) {
  static constexpr schema::Spellings<Format, 3> kFormats{{
      {Format::kJson, "json"},
      {Format::kJsonl, "jsonl"},
      {Format::kCsv, "csv"},
  }};
  return schema::spelled(kFormats, name);
}

namespace {

using Json = RecordJson;

Json cells_member(const std::vector<cells::FieldSource>& sources) {
  Json cells = Json::array();
  for (const cells::FieldSource& source : sources) {
    Json origins = Json::array();
    for (const cells::Origin& origin : source.read.origins) {
      const cells::Box& box = origin.box;
      origins.push_back({{"page", origin.page}, {"box", {box.x0, box.y0, box.x1, box.y1}}});
    }
    cells.push_back({{"field", schema::to_string(source.field)},
                     {"text", source.read.text},
                     {"confidence", source.read.confidence},
                     {"origins", std::move(origins)}});
  }
  return cells;
}

Json record_with_cells(const schema::Record& record,
                       const std::vector<cells::FieldSource>& sources) {
  Json tree = Json::parse(schema::record_to_json(record, schema::JsonStyle::kOneLine));
  tree["cells"] = cells_member(sources);
  return tree;
}

}  // namespace

std::string render_trees(std::vector<RecordJson> trees, Format format) {
  if (format == Format::kJsonl) {
    std::string lines;
    for (const RecordJson& tree : trees) {
      lines += tree.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
    }
    return lines;
  }
  return RecordJson(std::move(trees)).dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string render_records(const std::vector<schema::Record>& records, Format format,
                           const std::vector<std::vector<cells::FieldSource>>* sources) {
  if (sources && format != Format::kCsv) {
    std::vector<RecordJson> trees;
    for (std::size_t i = 0; i < records.size() && i < sources->size(); ++i) {
      trees.push_back(record_with_cells(records[i], (*sources)[i]));
    }
    return render_trees(std::move(trees), format);
  }
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
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::file_status status = fs::symlink_status(path, error);
  // Only a regular file (or a new one) is replaced atomically; a device, a
  // FIFO or a symlink is written through, never replaced by a file.
  const bool replace = error || !fs::exists(status) || fs::is_regular_file(status);
  const auto fail = [&](const std::string& reason) {
    err << text::printable_name(path) << ": cannot write the output: " << reason << '\n';
    return false;
  };
  if (!replace) {
    std::ofstream file(path, std::ios::binary);
    if (!file) return fail(std::strerror(errno));
    file << content;
    file.close();  // a device or FIFO may refuse the data only now
    if (!file) return fail(std::strerror(errno));
    return true;
  }
  const std::string temporary = path + ".kpiform-partial";
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    if (!file) return fail(std::strerror(errno));
    file << content;
    file.close();  // a full disk or quota may be told only at close
    if (!file) {
      const std::string reason = std::strerror(errno);
      fs::remove(temporary, error);
      return fail(reason);
    }
  }
  fs::rename(temporary, path, error);
  if (error) {
    fs::remove(temporary, error);
    return fail(error.message());
  }
  return true;
}

std::optional<std::string> input_named_by(const std::string& output,
                                          const std::vector<std::string>& inputs) {
  struct stat target {};
  if (::stat(output.c_str(), &target) != 0) return std::nullopt;  // a new file
  for (const std::string& input : inputs) {
    struct stat source {};
    if (::stat(input.c_str(), &source) == 0 && source.st_dev == target.st_dev &&
        source.st_ino == target.st_ino && S_ISREG(source.st_mode)) {
      return input;
    }
  }
  return std::nullopt;
}

}  // namespace kpiform::cli
