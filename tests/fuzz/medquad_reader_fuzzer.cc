// Fuzzes the MedQuAD XML reader (indexer/medquad_reader.h) with arbitrary file contents.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "indexer/medquad_reader.h"
#include "schema/answer_document.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view content(reinterpret_cast<const char*>(data), size);
  hqa::CollectingSink sink;
  hqa::read_medquad(content, "fuzz.xml", sink);
  for (const auto& doc : sink.documents) {
    if (doc.id.empty() || doc.answer.empty()) __builtin_trap();
    (void)hqa::content_hash(doc);  // what the index writer does with every document
  }
  return 0;
}
