// What every input reader (pages, JSONL, MedQuAD XML) shares: where documents and rejections
// go, and the limits that keep one bad input from exhausting memory.
//
// Readers never throw for bad input: each problem becomes a Rejection naming the file, line or
// element and the reason, and reading goes on with the next document.
#ifndef HQA_INDEXER_READER_H_
#define HQA_INDEXER_READER_H_

#include <cstddef>
#include <string>
#include <vector>

#include "schema/answer_document.h"

namespace hqa {

struct Rejection {
  std::string file;
  size_t line = 0;      // 1-based; 0 when the whole file is rejected
  std::string element;  // e.g. "QAPair pid=3", when the input has elements rather than lines
  std::string reason;

  // "file:line: element: reason", leaving out what is unknown.
  std::string to_string() const;
};

class DocumentSink {
 public:
  virtual ~DocumentSink() = default;
  virtual void accept(AnswerDocument doc) = 0;
  virtual void reject(Rejection rejection) = 0;
  // A question published without an answer (MedQuAD's MedlinePlus subsets): counted, not an error.
  virtual void skip_unanswered() = 0;
};

// Keeps everything in memory: for tests and small inputs.
class CollectingSink : public DocumentSink {
 public:
  void accept(AnswerDocument doc) override { documents.push_back(std::move(doc)); }
  void reject(Rejection rejection) override { rejections.push_back(std::move(rejection)); }
  void skip_unanswered() override { ++unanswered; }

  std::vector<AnswerDocument> documents;
  std::vector<Rejection> rejections;
  size_t unanswered = 0;
};

struct ReaderLimits {
  // A page file, a JSONL line or a MedQuAD file larger than this is rejected unread.
  size_t max_input_bytes = 16u << 20;
};

}  // namespace hqa

#endif  // HQA_INDEXER_READER_H_
