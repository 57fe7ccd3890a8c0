// The progress line of a batch job on a terminal, and the readable numbers it and the summary
// print.
#ifndef HQA_INDEXER_PROGRESS_LINE_H_
#define HQA_INDEXER_PROGRESS_LINE_H_

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <string>

#include "indexer/indexing_job.h"

namespace hqa {

// `value` with `decimals` digits after the point.
std::string format_number(double value, int decimals);
// "m:ss", or "h:mm:ss" from an hour on.
std::string format_duration(double seconds);

// One line on a terminal, redrawn at most a few times a second: documents, megabytes read of
// the total, rates, and the time left at the current rate.
class ProgressLine {
 public:
  using Clock = std::chrono::steady_clock;

  // Draws nothing when `out` is null.
  ProgressLine(std::ostream* out, const IndexJobSummary& summary, Clock::time_point start)
      : out_(out), summary_(summary), start_(start) {}

  void set_total_bytes(uint64_t total) { total_bytes_ = total; }

  // `bytes_done` counts the input read so far, the current file included.
  void update(uint64_t bytes_done, const std::string& current_file, bool force = false);
  // Clears the line.
  void finish();

 private:
  std::ostream* out_;
  const IndexJobSummary& summary_;
  Clock::time_point start_;
  Clock::time_point last_{};
  uint64_t total_bytes_ = 0;
};

}  // namespace hqa

#endif  // HQA_INDEXER_PROGRESS_LINE_H_
