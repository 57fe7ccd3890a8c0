// The answer document: one question with its answer, as every reader produces it and as the
// index stores it (JSON in the Xapian document data), and the JSON it is written and read as.
#ifndef HQA_SCHEMA_ANSWER_DOCUMENT_H_
#define HQA_SCHEMA_ANSWER_DOCUMENT_H_

#include <cstddef>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace hqa {

// Ids longer than this are refused: the id is stored as a Xapian term (at most 245 bytes).
inline constexpr size_t kMaxIdBytes = 200;

struct AnswerDocument {
  std::string id;            // stable and unique; indexing the same id again replaces it
  std::string question;      // the title
  std::string answer;        // the body, each paragraph once, paragraphs separated by "\n\n"
  std::string short_answer;  // the page's summary, when it has one (also part of `answer`)
  std::string condition;     // the condition or focus the question is about
  std::vector<std::string> other_names;  // synonyms and acronyms of the condition
  std::string question_type;  // "inheritance", "symptoms", "treatment", ... (MedQuAD's qtype)
  std::string source;         // "GHR", "CDC", "DiseaseMaps", ...
  std::string url;
  std::string updated;     // last-updated date, "YYYY-MM-DD" (schema/date.h), or empty
  std::string experience;  // a page's first-person experience line: metadata, not answer text
  std::string disclaimer;  // a page's medical disclaimer: metadata, not answer text
};

// Field names are the JSON keys; empty fields are left out.
nlohmann::json to_json(const AnswerDocument& doc);
// Reads the keys to_json writes; missing keys stay empty. Throws nlohmann::json::exception on
// a key of the wrong type.
AnswerDocument answer_document_from_json(const nlohmann::json& json);

// One JSON object of the input (a JSONL line, a POST /documents line) as a document: the keys
// to_json writes and the names of ../shared/data/liveqa-med/corpus.jsonl (focus, qtype,
// synonyms, last_updated), then complete_from_question_form. Throws InvalidInput naming the
// field (or saying the text is not UTF-8 or not JSON); `doc` then holds what was read before the
// problem, its id for the message.
void read_document_json(std::string_view text, AnswerDocument& doc);

// Fills what a document leaves empty from the form of its question (analysis/question_form.h):
// "What causes Knee pain ?" gives the type "causes" and the condition "Knee pain". A condition
// found so also gives the other names it spells out: the acronym it defines ("Acute lymphocytic
// leukemia (ALL)": both parts) and the name before a qualifier ("Brain tumor - children": "Brain
// tumor"). Collections that leave the focus out (MedlinePlus answers, pages) so still get
// condition facets, filters and name matching.
void complete_from_question_form(AnswerDocument& doc);

// FNV-1a, 64 bits: the same on every run and platform, which std::hash does not promise.
uint64_t stable_hash(std::string_view text);

// A hash of everything that decides how the document is indexed, including the analyzer's
// version: equal hashes mean re-indexing would change nothing.
std::string content_hash(const AnswerDocument& doc);
// The same, from to_json(doc).dump() when the caller has it already.
std::string content_hash_of_json(std::string_view json_text);

}  // namespace hqa

#endif  // HQA_SCHEMA_ANSWER_DOCUMENT_H_
