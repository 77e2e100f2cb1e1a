// What Poppler, Leptonica and libtiff say while extract works: kept for the
// one error line of the document being read on this thread, never printed
// (a library must not write to standard error). Private to extract/.
#pragma once

#include <string>
#include <vector>

namespace kpiform::extract {

// Collects the libraries' messages on this thread while it lives; the
// message hooks are installed on first use. When collectors nest, the
// innermost one keeps the messages.
class LibraryMessages {
 public:
  LibraryMessages();
  ~LibraryMessages();
  LibraryMessages(const LibraryMessages&) = delete;
  LibraryMessages& operator=(const LibraryMessages&) = delete;

  // Whether a message so far contains `text`.
  bool said(const std::string& text) const;
  // " (libname: first message)" for an error line, or "" when none came.
  std::string first_as_suffix() const;

 private:
  friend void keep_library_message(const char* library, std::string message);
  std::vector<std::string> messages_;
  LibraryMessages* outer_;
};

// Where the hooks deliver; dropped when no collector lives on this thread.
void keep_library_message(const char* library, std::string message);

}  // namespace kpiform::extract
