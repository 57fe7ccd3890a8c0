// @brief The summary of a batch job, as a paragraph and as JSON.
#include <nlohmann/json.hpp>

#include "indexer/indexing_job.h"
#include "indexer/progress_line.h"

namespace hqa {

std::string IndexJobSummary::to_string() const {
  std::string text = "added " + std::to_string(added) + ", replaced " + std::to_string(replaced) +
                     ", skipped " + std::to_string(unchanged + unanswered) + " (unchanged " +
                     std::to_string(unchanged) + ", unanswered " + std::to_string(unanswered) +
                     "), rejected " + std::to_string(rejected);
  if (deleted + delete_missing > 0) {
    text += ", deleted " + std::to_string(deleted);
    if (delete_missing > 0) text += " (" + std::to_string(delete_missing) + " ids not found)";
  }
  if (pruned > 0) text += ", pruned " + std::to_string(pruned);
  text += "; " + std::to_string(files) + " files";
  if (ignored_files > 0)
    text += " (" + std::to_string(ignored_files) + " of no known format ignored)";
  text += ", " + format_number(bytes / 1e6, 1) + " MB in " + format_number(seconds, 2) + " s (" +
          format_number(seconds > 0 ? bytes / 1e6 / seconds : 0, 2) + " MB/s, " +
          format_number(seconds > 0 ? (added + replaced + unchanged) / seconds : 0, 0) + " docs/s)";
  if (synonym_groups) text += "; " + std::to_string(*synonym_groups) + " synonym groups";
  if (swapped) text += "; the new build is swapped in";
  if (!rebuild_dir.empty()) {
    text += "; not swapped in, because inputs were rejected: the new build is left in " +
            rebuild_dir + " (--swap-despite-rejections swaps anyway)";
  }
  return text;
}

nlohmann::json IndexJobSummary::to_json() const {
  nlohmann::json rejections = nlohmann::json::array();
  for (const Rejection& r : rejection_list) {
    rejections.push_back(
        {{"file", r.file}, {"line", r.line}, {"element", r.element}, {"reason", r.reason}});
  }
  nlohmann::json summary = {{"added", added},
                            {"replaced", replaced},
                            {"skipped", unchanged + unanswered},
                            {"unchanged", unchanged},
                            {"unanswered", unanswered},
                            {"rejected", rejected},
                            {"deleted", deleted},
                            {"delete_missing", delete_missing},
                            {"files", files},
                            {"ignored_files", ignored_files},
                            {"bytes", bytes},
                            {"seconds", seconds},
                            {"rejections", rejections},
                            {"pruned", pruned},
                            {"swapped", swapped},
                            {"rebuild_dir", rebuild_dir}};
  if (synonym_groups) summary["synonym_groups"] = *synonym_groups;
  return summary;
}

}  // namespace hqa
