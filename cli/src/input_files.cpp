#include "input_files.h"

#include <algorithm>
#include <array>
#include <fstream>

namespace kpiform::cli {

namespace fs = std::filesystem;

bool is_form_file(const fs::path& path) {
  static constexpr std::array<const char*, 6> kExtensions = {".pdf",  ".png", ".jpg",
                                                             ".jpeg", ".tif", ".tiff"};
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::find(kExtensions.begin(), kExtensions.end(), extension) != kExtensions.end();
}

struct InputFiles::Impl {
  // Inputs still to open, last first; @LIST files push their lines here.
  std::vector<std::string> pending;
  std::optional<fs::recursive_directory_iterator> walk;
  std::vector<std::unique_ptr<std::ifstream>> lists;

  std::optional<std::string> next_from_walk() {
    std::error_code error;
    while (walk && *walk != fs::recursive_directory_iterator()) {
      const fs::directory_entry entry = **walk;
      walk->increment(error);
      if (error) {
        walk.reset();
        break;
      }
      if (entry.is_regular_file(error) && is_form_file(entry.path())) return entry.path().string();
    }
    walk.reset();
    return std::nullopt;
  }

  std::optional<std::string> next_input() {
    while (!lists.empty()) {
      std::string line;
      if (std::getline(*lists.back(), line)) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        return line;
      }
      lists.pop_back();
    }
    if (pending.empty()) return std::nullopt;
    std::string input = std::move(pending.back());
    pending.pop_back();
    return input;
  }
};

InputFiles::InputFiles(std::vector<std::string> inputs) : impl_(std::make_unique<Impl>()) {
  std::reverse(inputs.begin(), inputs.end());
  impl_->pending = std::move(inputs);
}

InputFiles::~InputFiles() = default;

std::optional<std::string> InputFiles::next() {
  while (true) {
    if (auto file = impl_->next_from_walk()) return file;
    auto input = impl_->next_input();
    if (!input) return std::nullopt;
    if (input->size() > 1 && (*input)[0] == '@') {
      auto list = std::make_unique<std::ifstream>(input->substr(1));
      if (!*list) return input;  // reported as a file that cannot be read
      impl_->lists.push_back(std::move(list));
      continue;
    }
    std::error_code error;
    if (fs::is_directory(*input, error)) {
      impl_->walk.emplace(*input, fs::directory_options::skip_permission_denied, error);
      if (error) impl_->walk.reset();
      continue;
    }
    return input;
  }
}

std::size_t InputFiles::count(const std::vector<std::string>& inputs) {
  InputFiles files(inputs);
  std::size_t n = 0;
  while (files.next()) ++n;
  return n;
}

}  // namespace kpiform::cli
