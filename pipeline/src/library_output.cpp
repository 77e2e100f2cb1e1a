#include "kpiform/pipeline/library_output.h"

#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <mutex>

namespace kpiform::pipeline::library_output {

namespace {

std::atomic<int> capture_fd{-1};
std::atomic<int> user_fd{STDERR_FILENO};
std::mutex reading;

// Chatter beyond this is dropped (the file starts again): a document that
// makes a library say megabytes is not worth the memory.
constexpr off_t kKeptBytes = 16 << 20;
constexpr std::size_t kReadBytes = 4096;

}  // namespace

int capture() {
  const int user = ::dup(STDERR_FILENO);
  const int memory = ::memfd_create("kpiform-library-output", MFD_CLOEXEC);
  if (user < 0 || memory < 0 || ::dup2(memory, STDERR_FILENO) < 0) {
    if (user >= 0) ::close(user);
    if (memory >= 0) ::close(memory);
    return STDERR_FILENO;
  }
  capture_fd = memory;
  user_fd = user;
  return user;
}

int user_stderr() {
  return user_fd;
}

std::size_t mark() {
  const int fd = capture_fd;
  if (fd < 0) return 0;
  std::lock_guard lock(reading);
  struct stat status {};
  if (::fstat(fd, &status) != 0) return 0;
  if (status.st_size > kKeptBytes && ::ftruncate(fd, 0) == 0) {
    ::lseek(fd, 0, SEEK_SET);
    return 0;
  }
  return static_cast<std::size_t>(status.st_size);
}

std::string since(std::size_t from) {
  const int fd = capture_fd;
  if (fd < 0) return "";
  std::lock_guard lock(reading);
  std::string said(kReadBytes, '\0');
  const ssize_t got = ::pread(fd, said.data(), said.size(), static_cast<off_t>(from));
  said.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
  return said;
}

bool says_out_of_memory(const std::string& said) {
  // Poppler's gmem ("Out of memory", "Bogus memory allocation size") and
  // the C library's words for a failed allocation.
  return said.find("Out of memory") != std::string::npos ||
         said.find("Bogus memory allocation size") != std::string::npos ||
         said.find("Cannot allocate memory") != std::string::npos;
}

}  // namespace kpiform::pipeline::library_output
