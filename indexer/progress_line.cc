// @brief The progress line and readable numbers.
#include "indexer/progress_line.h"

#include <cstdio>
#include <filesystem>
#include <ostream>

namespace hqa {

std::string format_number(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

std::string format_duration(double seconds) {
  long total = static_cast<long>(seconds + 0.5);
  char text[32];
  if (total >= 3600) {
    std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
  } else {
    std::snprintf(text, sizeof text, "%ld:%02ld", total / 60, total % 60);
  }
  return text;
}

void ProgressLine::update(uint64_t bytes_done, const std::string& current_file, bool force) {
  if (!out_) return;
  auto now = Clock::now();
  if (!force && now - last_ < std::chrono::milliseconds(200)) return;
  last_ = now;
  double seconds = std::chrono::duration<double>(now - start_).count();
  uint64_t docs = summary_.added + summary_.replaced + summary_.unchanged;
  std::string line = std::to_string(docs) + " docs · " + format_number(bytes_done / 1e6, 1);
  if (total_bytes_ > 0) line += "/" + format_number(total_bytes_ / 1e6, 1);
  line += " MB · " + format_number(seconds > 0 ? docs / seconds : 0, 0) + " docs/s · " +
          format_number(seconds > 0 ? bytes_done / 1e6 / seconds : 0, 2) + " MB/s";
  if (total_bytes_ > 0 && bytes_done > 0 && seconds > 1 && bytes_done <= total_bytes_) {
    line += " · ETA " + format_duration(seconds * (total_bytes_ - bytes_done) / bytes_done);
  }
  line += " · " + std::to_string(summary_.rejected) + " rejected · " +
          std::filesystem::path(current_file).filename().string();
  *out_ << "\r\033[K" << line << std::flush;
}

void ProgressLine::finish() {
  if (out_) *out_ << "\r\033[K" << std::flush;
}

}  // namespace hqa
