#include "library_messages.h"

#include <leptonica/allheaders.h>
#include <poppler-global.h>
#include <tiffio.h>

#include <cstdarg>
#include <cstdio>
#include <mutex>

namespace kpiform::extract {

namespace {

// A collector per thread: documents read on different threads keep apart.
thread_local LibraryMessages* current = nullptr;

// Far more than any error line needs; a damaged file can say a lot.
constexpr std::size_t kMessagesKept = 64;

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

std::string formatted(const char* format, va_list arguments) {
  char buffer[512];
  std::vsnprintf(buffer, sizeof buffer, format, arguments);
  return buffer;
}

void from_tiff(const char* module, const char* format, va_list arguments) {
  std::string message = formatted(format, arguments);
  if (module && *module) message = std::string(module) + ": " + message;
  keep_library_message("libtiff", std::move(message));
}

void install_hooks() {
  static std::once_flag once;
  std::call_once(once, [] {
    poppler::set_debug_error_function(
        [](const std::string& message, void*) { keep_library_message("poppler", message); },
        nullptr);
    setMsgSeverity(L_SEVERITY_ERROR);
    leptSetStderrHandler([](const char* message) { keep_library_message("leptonica", message); });
    TIFFSetErrorHandler(from_tiff);
    TIFFSetWarningHandler(from_tiff);
  });
}

}  // namespace

LibraryMessages::LibraryMessages() : outer_(current) {
  install_hooks();
  current = this;
}

LibraryMessages::~LibraryMessages() {
  current = outer_;
}

bool LibraryMessages::said(const std::string& text) const {
  for (const std::string& message : messages_) {
    if (message.find(text) != std::string::npos) return true;
  }
  return false;
}

std::string LibraryMessages::first_as_suffix() const {
  return messages_.empty() ? std::string() : " (" + messages_.front() + ")";
}

void keep_library_message(const char* library, std::string message) {
  if (!current || current->messages_.size() >= kMessagesKept) return;
  message = trimmed(std::move(message));
  if (message.empty()) return;
  current->messages_.push_back(std::string(library) + ": " + message);
}

}  // namespace kpiform::extract
