// @brief --rebuild: a new build beside the index, swapped in atomically under a lock.
#include "indexer/rebuild.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <xapian.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "schema/errors.h"

namespace hqa {
namespace fs = std::filesystem;
namespace {

// Holds an exclusive lock on `path` (created if missing) while alive; the kernel drops it if
// the process dies, so a killed rebuild never blocks the next one.
class FileLock {
 public:
  explicit FileLock(const std::string& path)
      : fd_(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644)) {
    if (fd_ < 0) throw IndexError("cannot create lock file " + path);
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      ::close(fd_);
      throw IndexError("another hqa-index --rebuild of this index is running (" + path +
                       " is locked)");
    }
  }
  ~FileLock() { ::close(fd_); }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_;
};

// Puts the finished build `fresh` in the place of `target`, atomically for anyone opening
// `target`: by flipping the symlink if `target` is one, by exchanging the two folders if it
// is a folder. Returns the previous build's folder, or "" if there was none.
std::string swap_in(const fs::path& fresh, const fs::path& target) {
  std::error_code error;
  const std::string base = target.filename().string();
  if (fs::is_symlink(fs::symlink_status(target, error))) {
    // A new versioned folder beside the link, and a new link renamed over the old one.
    const fs::path old_build = fs::read_symlink(target);
    const std::string version =
        base + ".v" + std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
    const fs::path versioned = target.parent_path() / version;
    fs::rename(fresh, versioned);
    const fs::path link = target.parent_path() / (base + ".link.tmp");
    fs::remove(link, error);
    fs::create_symlink(version, link);
    fs::rename(link, target);
    return (old_build.is_absolute() ? old_build : target.parent_path() / old_build).string();
  }
  if (!fs::exists(target, error)) {
    fs::rename(fresh, target);
    return "";
  }
  if (::renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) != 0) {
    throw IndexError("cannot swap " + fresh.string() + " into " + target.string() + ": " +
                     std::strerror(errno));
  }
  return fresh.string();  // now holds the previous build
}

}  // namespace

// Builds the index anew beside options.index_dir and swaps it in.
IndexJobSummary run_rebuild(
    const IndexJobOptions& options,
    const std::function<IndexJobSummary(const IndexJobOptions&)>& build_in_place) {
  fs::path target = fs::path(options.index_dir).lexically_normal();
  if (target.filename().empty()) target = target.parent_path();  // "index/" -> "index"
  const std::string base = target.string();
  const fs::path folder = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  fs::create_directories(folder);
  FileLock lock(base + ".lock");
  const fs::path fresh = base + ".rebuild";
  std::error_code error;
  fs::remove_all(fresh, error);  // what a killed rebuild left
  fs::remove_all(base + ".rebuild.shards", error);
  IndexJobOptions build = options;
  build.index_dir = fresh.string();
  build.rebuild = false;
  build.prune = false;  // a fresh build holds only what the inputs hold
  IndexJobSummary summary = build_in_place(build);
  summary.rebuild_dir = fresh.string();
  if (summary.rejected > 0 && !options.swap_despite_rejections) return summary;
  // Make sure the build is a complete index before anyone can open it through the target.
  Xapian::Database check(fresh.string());
  (void)check.get_doccount();
  std::string previous = swap_in(fresh, target);
  summary.swapped = true;
  summary.rebuild_dir.clear();
  // Keep the build just replaced (searchers may still be reading it) and drop the one before.
  const fs::path kept = base + ".previous";
  if (!previous.empty() && fs::path(previous).lexically_normal() != kept.lexically_normal()) {
    if (fs::is_symlink(fs::symlink_status(target, error))) {
      // Versioned builds beside the link: remove all but the current and the previous.
      const std::string current = fs::read_symlink(target).filename().string();
      const std::string previous_name = fs::path(previous).filename().string();
      for (const auto& entry : fs::directory_iterator(folder, error)) {
        std::string name = entry.path().filename().string();
        if (name.rfind(target.filename().string() + ".v", 0) == 0 && name != current &&
            name != previous_name) {
          fs::remove_all(entry.path(), error);
        }
      }
    } else {
      fs::remove_all(kept, error);
      fs::rename(previous, kept, error);
    }
  }
  return summary;
}

}  // namespace hqa
