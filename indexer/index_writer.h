// Writes answer documents into a Xapian database laid out as schema/index_format.h says: adds,
// replaces by id (skipping documents whose content is unchanged), deletes by id, and commits
// in batches so that a killed run leaves every committed batch searchable.
#ifndef HQA_INDEXER_INDEX_WRITER_H_
#define HQA_INDEXER_INDEX_WRITER_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "schema/answer_document.h"
#include "schema/errors.h"
#include "schema/synonyms.h"

namespace hqa {

struct IndexWriterOptions {
  std::string index_dir;
  size_t batch_size = 1000;  // changes per commit
  AnalyzerOptions analyzer;
  // An index nobody reads until it is finished and that is thrown away if the run dies (the
  // shards of hqa-index --jobs, merged at the end): commits are not synced to disk and blocks
  // are updated in place (Xapian's DB_NO_SYNC and DB_DANGEROUS), which a searched or kept index
  // must never do.
  bool scratch = false;
};

enum class WriteOutcome { kAdded, kReplaced, kUnchanged };

class IndexWriter {
 public:
  // Opens the index, creating it (and its folder) if missing. Throws IndexError with a
  // readable message when it cannot: locked by another writer, not a Xapian index, no access.
  explicit IndexWriter(const IndexWriterOptions& options);
  // Commits what is pending.
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  // Commits when a batch is full. `source_file` is the input file the document was read from
  // (empty for standard input or the HTTP API); it is recorded for pruning, and a document that
  // moved to another file counts as replaced. Throws InvalidInput for an empty id, one over
  // kMaxIdBytes, or an `updated` that is not a calendar date; the index is unchanged then.
  WriteOutcome add(const AnswerDocument& doc, const std::string& source_file = "");
  // False if no document has this id.
  bool remove(const std::string& id);
  // Calls visit(id, source_file) for every document that records the file it came from.
  void for_each_source_file(
      const std::function<void(const std::string& id, const std::string& source_file)>& visit);
  // Replaces the groups of the site's synonyms file (schema::kSiteSynonymPrefix) with `groups`,
  // read from `file`; the other names documents carry stay. Part of the next commit.
  void replace_site_synonyms(const std::vector<SynonymGroup>& groups, const std::string& file);
  // Makes every change so far durable and visible to readers, atomically.
  void commit();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The site synonym groups the index at `index_dir` holds (one group per name key with its
// others), and the file they came from; none if there is no index or no such group. Throws
// IndexError if the index cannot be read.
std::vector<SynonymGroup> site_synonym_groups(const std::string& index_dir, std::string* file);

// How many documents a run or a request added, replaced or found unchanged.
struct WriteCounts {
  uint64_t added = 0;
  uint64_t replaced = 0;
  uint64_t unchanged = 0;
};

// Writes `doc` (IndexWriter::add) and counts the outcome: the one routine of batch jobs and of
// POST /documents. A document the writer refuses (InvalidInput: its id, its date) is not
// written, not counted, and the reason comes back, for the caller to report as a rejection.
std::optional<std::string> write_and_count(IndexWriter& writer, const AnswerDocument& doc,
                                           const std::string& source_file, WriteCounts& counts);

}  // namespace hqa

#endif  // HQA_INDEXER_INDEX_WRITER_H_
