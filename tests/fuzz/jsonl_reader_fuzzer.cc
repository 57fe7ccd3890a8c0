// Fuzzes the JSON Lines reader (indexer/jsonl_reader.h): whole streams and single objects.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "indexer/jsonl_reader.h"
#include "schema/answer_document.h"
#include "schema/errors.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);

  std::istringstream in(text);
  hqa::CollectingSink sink;
  hqa::ReaderLimits limits;
  limits.max_input_bytes = 4096;  // small, so that the over-long line path is reached too
  uint64_t bytes = hqa::read_jsonl(in, "fuzz.jsonl", sink, limits);
  if (bytes > size) __builtin_trap();
  for (const auto& read : sink.documents) (void)hqa::content_hash(read);  // as the writer does

  hqa::AnswerDocument doc;
  try {
    hqa::read_document_json(text, doc);
  } catch (const hqa::InvalidInput&) {
    return 0;  // a refusal with a reason; anything else escaping is a finding
  }
  if (doc.id.empty()) __builtin_trap();  // accepted documents have an id
  (void)hqa::content_hash(doc);
  return 0;
}
