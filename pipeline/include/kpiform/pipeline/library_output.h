// What the libraries under kpiform write to standard error on their own
// (Poppler's allocator, libpng, libjpeg, Tesseract): captured in a memory
// file instead of reaching the user, and read per document, so that a
// library's "Out of memory" fails the document instead of passing unseen.
#pragma once

#include <cstddef>
#include <string>

namespace kpiform::pipeline::library_output {

// Points file descriptor 2 at the capture. Returns a descriptor of the
// original standard error, for kpiform's own messages (2 itself when the
// capture cannot be made). Call once, first thing in main().
int capture();

// The descriptor capture() returned (2 before it is called).
int user_stderr();

// Where the capture stands now; 0 without a capture.
std::size_t mark();

// What the libraries wrote since `from` (at most a few KiB of it).
std::string since(std::size_t from);

// Whether a library's words say that memory ran out.
bool says_out_of_memory(const std::string& said);

}  // namespace kpiform::pipeline::library_output
