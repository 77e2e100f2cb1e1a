// For fuzz targets whose entry point reads a file: the input's bytes written
// to one temporary file per process, rewritten for every input.
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

namespace kpiform::fuzzing {

inline std::string file_holding(const uint8_t* data, size_t size, const char* extension) {
  static const std::string path = (std::filesystem::temp_directory_path() /
                                   ("kpiform-fuzz-" + std::to_string(::getpid()) + extension))
                                      .string();
  std::ofstream(path, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return path;
}

}  // namespace kpiform::fuzzing
