// Progress of a long import on standard error: a live line redrawn in place
// on a terminal, a plain line every few seconds otherwise.
#pragma once

#include <chrono>
#include <cstddef>
#include <iosfwd>

namespace kpiform::cli {

struct ProgressCounts {
  std::size_t total = 0;  // files to do
  std::size_t done = 0;   // imported + skipped + failed
  std::size_t imported = 0;
  std::size_t skipped = 0;
  std::size_t failed = 0;
  std::size_t forms = 0;
  std::size_t pages = 0;
};

class Progress {
 public:
  enum class Style { kLive, kPlain, kSilent };

  // `plain_every`: the interval of plain lines.
  Progress(std::ostream& err, Style style, std::chrono::duration<double> plain_every);

  // Shows the counts if it is time to (always on the first call).
  void update(const ProgressCounts& counts);
  // Clears the live line before the summary.
  void finish(const ProgressCounts& counts);

 private:
  std::string line(const ProgressCounts& counts) const;

  std::ostream& err_;
  Style style_;
  std::chrono::duration<double> every_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
  bool shown_ = false;
};

}  // namespace kpiform::cli
