// Fuzzes the answer page reader (indexer/page_reader.h) with arbitrary page text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "indexer/page_reader.h"
#include "schema/answer_document.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view content(reinterpret_cast<const char*>(data), size);
  hqa::CollectingSink sink;
  hqa::read_page(content, "fuzz.txt", "fuzz", sink);
  // The reader's contract: a page is a document or a rejection, never both, never neither.
  if (sink.documents.size() + sink.rejections.size() != 1) __builtin_trap();
  for (const auto& doc : sink.documents) {
    if (doc.answer.empty()) __builtin_trap();
    (void)hqa::content_hash(doc);  // what the index writer does with every document
  }
  return 0;
}
