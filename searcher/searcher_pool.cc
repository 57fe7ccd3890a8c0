// @brief The pool of per-thread Searchers, and index replacement detection.
#include "searcher/searcher_pool.h"

#include <sys/stat.h>

#include <filesystem>

#include "searcher/shards.h"

namespace hqa {
SearcherPool::SearcherPool(const SearcherOptions& options) : options_(options) {
  fingerprint_ = fingerprint();
  idle_.push_back(std::make_unique<Searcher>(options_));
}

std::string SearcherPool::fingerprint() const {
  std::string print;
  for (const std::string& dir : options_.index_dirs) {
    if (is_remote_shard(dir)) continue;  // a remote shard reopens by itself
    std::error_code error;
    std::filesystem::path real = std::filesystem::canonical(dir, error);
    print += real.string();
    // The folder's own inode: a folder renamed into place changes it, a commit does not
    // (Glass replaces its version file on every commit, so that file's inode would).
    struct stat folder {};
    if (::stat(real.c_str(), &folder) == 0) {
      print += ":" + std::to_string(folder.st_ino) + ":" + std::to_string(folder.st_dev);
    }
    print += ";";
  }
  return print;
}

SearcherPool::Lease SearcherPool::borrow() {
  std::unique_ptr<Searcher> searcher;
  uint64_t generation;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    // Checked before every request: a realpath() and a stat() per folder, a few microseconds,
    // and no request is answered from a replaced index.
    std::string current = fingerprint();
    if (current != fingerprint_) {
      fingerprint_ = current;
      ++generation_;
      idle_.clear();  // Searchers of the old folders close as they come back, too
    }
    generation = generation_;
    if (!idle_.empty()) {
      searcher = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (!searcher) searcher = std::make_unique<Searcher>(options_);
  return Lease(*this, std::move(searcher), generation);
}

void SearcherPool::give_back(std::unique_ptr<Searcher> searcher, uint64_t generation) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (searcher && generation == generation_) idle_.push_back(std::move(searcher));
}

}  // namespace hqa
