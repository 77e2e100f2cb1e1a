// The one error type for an input kpiform cannot use.
//
// Its what() is the single line a user sees on standard error, naming the
// file (as text::printable_name gives it: a newline in a name cannot split
// the line), the page when known, and the reason.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>

namespace kpiform {

class InputError : public std::runtime_error {
 public:
  // stage: which part of the pipeline gave up ("pdf", "json", "ocr", ...).
  InputError(std::string path, std::string stage, std::string reason,
             std::optional<int> page = std::nullopt);

  const std::string& path() const { return path_; }
  const std::string& stage() const { return stage_; }
  const std::string& reason() const { return reason_; }
  std::optional<int> page() const { return page_; }

 private:
  std::string path_;
  std::string stage_;
  std::string reason_;
  std::optional<int> page_;
};

}  // namespace kpiform
