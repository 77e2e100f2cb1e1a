// The files named by a command's inputs: files as given, directories
// searched recursively for PDFs and images, and @LIST files naming one
// input a line. Streamed, so that any number of files takes little memory.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kpiform::cli {

class InputFiles {
 public:
  explicit InputFiles(std::vector<std::string> inputs);
  ~InputFiles();

  // The next file, or nullopt at the end. A named input that does not
  // exist is returned as it is, so that its failure is reported. Throws
  // InputError for an @LIST that is no list: not a regular file, a line
  // longer than a path, more than ten million lines.
  std::optional<std::string> next();

  // Counts the files without keeping them (a first pass for progress);
  // throws as next() does, before any file is read.
  static std::size_t count(const std::vector<std::string>& inputs);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Whether a directory search picks this file (by its extension).
bool is_form_file(const std::filesystem::path& path);

}  // namespace kpiform::cli
