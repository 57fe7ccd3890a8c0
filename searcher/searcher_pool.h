// Searchers for concurrent requests: a Xapian::Database is not thread-safe, so each request
// borrows a Searcher of its own and gives it back. The pool also notices when an index folder
// has been replaced (a symlink flipped to a new build, a folder swapped by rename), which
// reopening cannot see, and opens fresh Searchers then; commits into the same folder are seen
// by Searcher::search itself.
#ifndef HQA_SEARCHER_SEARCHER_POOL_H_
#define HQA_SEARCHER_SEARCHER_POOL_H_

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "searcher/searcher.h"

namespace hqa {

class SearcherPool {
 public:
  // Opens one Searcher now, so that a bad index fails at start (IndexError).
  explicit SearcherPool(const SearcherOptions& options);

  // A borrowed Searcher, returned to the pool when the lease dies.
  class Lease {
   public:
    Lease(SearcherPool& pool, std::unique_ptr<Searcher> searcher, uint64_t generation)
        : pool_(pool), searcher_(std::move(searcher)), generation_(generation) {}
    ~Lease() { pool_.give_back(std::move(searcher_), generation_); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Searcher& operator*() { return *searcher_; }
    Searcher* operator->() { return searcher_.get(); }

   private:
    SearcherPool& pool_;
    std::unique_ptr<Searcher> searcher_;
    uint64_t generation_;
  };

  // Throws IndexError if a new Searcher must be opened and cannot be.
  Lease borrow();

  const SearcherOptions& options() const { return options_; }

 private:
  // What identifies the folders in place: their resolved paths and inodes.
  std::string fingerprint() const;
  void give_back(std::unique_ptr<Searcher> searcher, uint64_t generation);

  SearcherOptions options_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Searcher>> idle_;
  uint64_t generation_ = 0;
  std::string fingerprint_;
};

}  // namespace hqa

#endif  // HQA_SEARCHER_SEARCHER_POOL_H_
