// The readers behind read_topics (topics.h), one per format: each turns a file's content into
// topics with named fields, or throws InvalidInput naming the file and the line where the
// content stops being of its format. Field texts are as written; topics.cc selects and joins.
#ifndef HQA_EVAL_TOPIC_READERS_H_
#define HQA_EVAL_TOPIC_READERS_H_

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace hqa {

struct RawTopic {
  std::string qid;
  size_t line = 0;
  std::vector<std::pair<std::string, std::string>> fields;  // name -> text, in file order
};

// "qid<TAB>text" lines: one field, "text".
std::vector<RawTopic> read_tsv_topics(const std::string& content, const std::string& name);
// JSON objects, one a line: the id from "qid", "id" or "_id"; every string member a field.
std::vector<RawTopic> read_jsonl_topics(const std::string& content, const std::string& name);
// TREC's SGML topics (<top> ... </top>), which are not XML: fields title, description,
// narrative, and any other tag under its own name, their labels ("Description:") removed.
std::vector<RawTopic> read_trec_sgml_topics(const std::string& content, const std::string& name);
// TREC topics as XML (<topic number="1"><query>...): each child element a field under its name
// in lower case, and the topic's own text as "text".
std::vector<RawTopic> read_trec_xml_topics(const std::string& content, const std::string& name);
// TREC LiveQA questions: fields subject, message, paraphrase and summary.
std::vector<RawTopic> read_liveqa_topics(const std::string& content, const std::string& name);

// True if `content`'s first topic element is <topic> or <topics> (XML) rather than <top>.
bool looks_like_trec_xml(const std::string& content);

}  // namespace hqa

#endif  // HQA_EVAL_TOPIC_READERS_H_
