// @brief The JSON Lines reader.
#include "indexer/jsonl_reader.h"

#include "analysis/utf8.h"
#include "schema/errors.h"

namespace hqa {
namespace {

// Reads one line without its '\n' into `line`, keeping at most `limit` bytes so that a huge
// line costs no memory; `too_long` says some were dropped. False at end of input.
bool read_bounded_line(std::streambuf& in, std::string& line, size_t limit, bool& too_long,
                       uint64_t& bytes) {
  line.clear();
  too_long = false;
  bool any = false;
  for (int c = in.sbumpc(); c != std::char_traits<char>::eof(); c = in.sbumpc()) {
    any = true;
    ++bytes;
    if (c == '\n') return true;
    if (line.size() < limit) {
      line.push_back(static_cast<char>(c));
    } else {
      too_long = true;
    }
  }
  return any;
}

}  // namespace

uint64_t read_jsonl(std::istream& in, const std::string& file, DocumentSink& sink,
                    const ReaderLimits& limits) {
  uint64_t bytes = 0;
  std::streambuf* buffer = in.rdbuf();
  if (buffer == nullptr) return 0;
  std::string line;
  bool too_long = false;
  for (size_t number = 1; read_bounded_line(*buffer, line, limits.max_input_bytes, too_long, bytes);
       ++number) {
    if (too_long) {
      sink.reject(
          {file, number, "",
           "line longer than the limit of " + std::to_string(limits.max_input_bytes) + " bytes"});
      continue;
    }
    if (is_blank(line)) continue;
    AnswerDocument doc;
    try {
      read_document_json(line, doc);
    } catch (const InvalidInput& e) {
      sink.reject({file, number, doc.id.empty() ? "" : "id " + doc.id, e.what()});
      continue;
    }
    if (is_blank(doc.answer)) {
      sink.skip_unanswered();
    } else {
      sink.accept(std::move(doc));
    }
  }
  return bytes;
}

}  // namespace hqa
