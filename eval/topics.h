// Topics files for hqa-search batch, in the formats researchers have them:
//   tsv     qid<TAB>text, one topic a line (MS MARCO, Pyserini's .tsv, hqa's own dev files);
//   trec    TREC topic files, <top> <num> Number: 301 <title> ... <desc> Description: ...
//           <narr> Narrative: ... </top>, with or without closing tags on the fields (as TREC
//           and Anserini ship them), and the XML <topics><topic number="1"><query>... files of
//           TREC-COVID and the like;
//   liveqa  TREC LiveQA's question XML, <NLM-QUESTION qid="TQ1"> with <SUBJECT>, <MESSAGE>,
//           <NIST-PARAPHRASE> and <NLM-Summary>;
//   jsonl   JSON Lines, {"qid": ..., "query": ...} as Pyserini writes them ("id" or "_id" for
//           the id; any other string member is a field).
// The format is told from the content unless forced. Which fields make the query is chosen per
// format (TopicOptions::fields), and topic ids can be rewritten to match the qrels.
#ifndef HQA_EVAL_TOPICS_H_
#define HQA_EVAL_TOPICS_H_

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace hqa {

enum class TopicFormat { kAuto, kTsv, kTrec, kLiveQa, kJsonl };

// "auto", "tsv", "trec", "liveqa", "jsonl".
const char* topic_format_name(TopicFormat format);
// Throws InvalidInput naming --topic-format for another name.
TopicFormat parse_topic_format(const std::string& name);
// The format `content` looks like: '{' first -> jsonl; a <NLM-QUESTION> element -> liveqa; a
// <top> or <topic> element -> trec; otherwise tsv.
TopicFormat detect_topic_format(const std::string& content);

struct TopicOptions {
  TopicFormat format = TopicFormat::kAuto;
  // Fields joined by '+', their texts joined by a space in that order: "title+description".
  // Empty: the format's default, which is trec "title" (XML topics: "query" when they have no
  // title), liveqa "subject+message" (the question as the person sent it: what
  // topics-dev-original.tsv holds), jsonl the first of "query", "title" and "text" that the
  // file has. Fields of trec: title, description, narrative (aliases desc, narr) and any other
  // tag, by its name (XML topics: the child elements' names, and "text" for their own text);
  // liveqa: subject, message, paraphrase, summary, and original for subject+message; jsonl:
  // the string members' names. A field that no topic of the file has is an error.
  std::string fields;
  // Topic ids that start with this lose it ("TQ" turns LiveQA's TQ12 into the qrels' 12).
  std::string qid_strip_prefix;
  // Topic id -> the id to write (--qid-map); when not empty, every topic must be in it.
  std::map<std::string, std::string> qid_map;
  std::string qid_map_name;  // the map's file, for messages
};

struct Topic {
  std::string qid;
  std::string query;
  size_t line = 0;  // where the topic starts in its file
};

struct TopicSet {
  std::vector<Topic> topics;  // in file order, each with text
  TopicFormat format = TopicFormat::kTsv;
  std::string fields;                // the fields used ("" for tsv)
  std::vector<std::string> skipped;  // one message per topic without text, which is not searched
};

// Reads the topics in `content`, the file `name`. Texts of trec, liveqa and jsonl fields have
// their runs of white space made one space; tsv text is taken as it is. Throws InvalidInput
// naming the file and the line (or the element's line) for text that is not UTF-8, a line or
// element that is not of the format, a topic without an id, an id with white space, an id given
// twice (after --qid-strip-prefix and --qid-map), an id missing from a --qid-map, a field no
// topic has, or a file without topics.
TopicSet read_topics(const std::string& content, const std::string& name,
                     const TopicOptions& options);

// Reads "from to" lines (white space between; blank lines skipped). Throws InvalidInput naming
// the line for a line of another number of columns or an id mapped twice.
std::map<std::string, std::string> read_qid_map(const std::string& content,
                                                const std::string& name);

}  // namespace hqa

#endif  // HQA_EVAL_TOPICS_H_
