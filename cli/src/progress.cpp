#include "progress.h"

#include <cstdio>
#include <ostream>
#include <string>

namespace kpiform::cli {

namespace {

std::string clock_text(double seconds) {
  const auto total = static_cast<long>(seconds + 0.5);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60,
                total % 60);
  return buffer;
}

}  // namespace

Progress::Progress(std::ostream& err, Style style, std::chrono::duration<double> plain_every)
    : err_(err),
      style_(style),
      every_(plain_every),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

std::string Progress::line(const ProgressCounts& counts) const {
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double pages_per_second = elapsed > 0 ? static_cast<double>(counts.pages) / elapsed : 0;
  std::string eta = "--:--:--";
  if (counts.done > 0 && counts.total >= counts.done) {
    eta = clock_text(elapsed / static_cast<double>(counts.done) *
                     static_cast<double>(counts.total - counts.done));
  }
  char buffer[256];
  std::snprintf(buffer, sizeof buffer, "files %zu/%zu  forms %zu  %.1f pages/s  ETA %s  failed %zu",
                counts.done, counts.total, counts.forms, pages_per_second, eta.c_str(),
                counts.failed);
  return buffer;
}

void Progress::update(const ProgressCounts& counts) {
  if (style_ == Style::kSilent) return;
  const auto now = std::chrono::steady_clock::now();
  const auto wait = style_ == Style::kLive ? std::chrono::duration<double>(0.2) : every_;
  if (shown_ && now - last_ < wait) return;
  shown_ = true;
  last_ = now;
  if (style_ == Style::kLive) {
    err_ << "\r\033[K" << line(counts) << std::flush;
  } else {
    err_ << "kpiform import: " << line(counts) << '\n' << std::flush;
  }
}

void Progress::finish(const ProgressCounts& counts) {
  if (style_ == Style::kLive) {
    err_ << "\r\033[K" << line(counts) << '\n' << std::flush;
  } else if (style_ == Style::kPlain) {
    err_ << "kpiform import: " << line(counts) << '\n' << std::flush;
  }
}

}  // namespace kpiform::cli
