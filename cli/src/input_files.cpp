#include "input_files.h"

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "kpiform/schema/error.h"

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

namespace {

// A list names files: a line longer than a path can be, or more lines
// than any archive has, is no such list (a binary file, /dev/zero's twin).
constexpr std::size_t kMaxListLine = 4096;  // PATH_MAX
constexpr std::size_t kMaxListLines = 10'000'000;

struct List {
  std::string name;  // as given: @PATH
  std::ifstream stream;
  std::size_t lines = 0;
};

// The list `at` (@PATH) opened, once it is known to be a regular file:
// a directory, a FIFO or a device would be read as an empty or an endless
// list, or wait for a writer.
std::unique_ptr<List> open_list(const std::string& at) {
  const std::string path = at.substr(1);
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    throw InputError(at, "list", errno == ENOENT ? "no such file" : std::strerror(errno));
  }
  if (S_ISDIR(info.st_mode)) {
    throw InputError(at, "list", "a directory, not a list of inputs (name the directory itself)");
  }
  if (!S_ISREG(info.st_mode)) throw InputError(at, "list", "not a regular file");
  auto list = std::make_unique<List>();
  list->name = at;
  list->stream.open(path, std::ios::binary);
  if (!list->stream) throw InputError(at, "list", std::strerror(errno));
  return list;
}

// The next line of `list`, without its end; nullopt at its end.
std::optional<std::string> next_line(List& list) {
  std::string line;
  char c = 0;
  bool any = false;
  while (list.stream.get(c)) {
    any = true;
    if (c == '\n') break;
    if (line.size() == kMaxListLine) {
      throw InputError(list.name, "list",
                       "line " + std::to_string(list.lines + 1) + " is longer than " +
                           std::to_string(kMaxListLine) + " bytes: not a list of file names");
    }
    line.push_back(c);
  }
  if (!any) return std::nullopt;
  if (++list.lines > kMaxListLines) {
    throw InputError(list.name, "list",
                     "more than " + std::to_string(kMaxListLines) + " lines: not a list of files");
  }
  return line;
}

}  // namespace

struct InputFiles::Impl {
  // Inputs still to open, last first; @LIST files push their lines here.
  std::vector<std::string> pending;
  std::optional<fs::recursive_directory_iterator> walk;
  std::vector<std::unique_ptr<List>> lists;

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
      if (auto line = next_line(*lists.back())) {
        while (!line->empty() && (line->back() == '\r' || line->back() == ' ')) line->pop_back();
        if (line->empty() || (*line)[0] == '#') continue;
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
      impl_->lists.push_back(open_list(*input));
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
