// @brief The MedQuAD XML reader, on pugixml.
#include "indexer/medquad_reader.h"

#include <pugixml.hpp>

#include "analysis/utf8.h"

namespace hqa {
namespace {

// Element and attribute names of one file layout. Nearly every file uses the first; the
// published collection also holds one CDC file with a <DiseaseFile fid> root (9_CDC_QA/0000397)
// and four NINDS files in an older lower-case layout (6_NINDS_QA/0000007, 0000018, 0000182,
// 0000244), which hold answered pairs too.
struct Layout {
  const char* root;
  const char* id;
  const char* source;
  const char* focus;
  const char* pairs;
  const char* pair;
  const char* question;
  const char* answer;
};

constexpr Layout kLayouts[] = {
    {"Document", "id", "source", "Focus", "QAPairs", "QAPair", "Question", "Answer"},
    {"DiseaseFile", "fid", "source", "Focus", "QAPairs", "QAPair", "Question", "Answer"},
    {"doc", "docid", "corpus", "doctitle-focus", "qaPairs", "pair", "question", "answer"},
};

// MedQuAD's `source` attribute, spelled as the collection's folder names it in ids.
std::string id_source(const std::string& source) {
  if (source == "MPlusHerbsSupplements") return "MPlusHerbsSuppls";
  return source;
}

std::string collapse_space(const char* text) {
  std::string out;
  bool space = false;
  for (const char* p = text; *p; ++p) {
    char c = *p;
    bool is_space = c == ' ' || c == '\t' || c == '\r';
    if (c == '\n') {
      // Keep paragraph breaks; other runs of blanks become one space.
      while (!out.empty() && out.back() == ' ') out.pop_back();
      out += '\n';
      space = false;
    } else if (is_space) {
      space = true;
    } else {
      if (space && !out.empty() && out.back() != '\n') out += ' ';
      space = false;
      out += c;
    }
  }
  size_t first = out.find_first_not_of(" \n");
  if (first == std::string::npos) return {};
  size_t last = out.find_last_not_of(" \n");
  return out.substr(first, last - first + 1);
}

// True when every text field of `doc` is UTF-8. The file is checked before parsing, but a
// character reference can still decode to bytes that are not ("&#xD800;", "&#x110000;"), and
// such text must not reach the index (its JSON cannot be written).
bool is_utf8_document(const AnswerDocument& doc) {
  for (const std::string* text : {&doc.id, &doc.question, &doc.answer, &doc.condition,
                                  &doc.question_type, &doc.source, &doc.url}) {
    if (find_invalid_utf8(*text)) return false;
  }
  for (const std::string& name : doc.other_names) {
    if (find_invalid_utf8(name)) return false;
  }
  return true;
}

// The line of byte `offset` of `content`; 0 when pugixml knows no offset.
size_t line_at(std::string_view content, ptrdiff_t offset) {
  return offset < 0 ? 0 : line_of_offset(content, static_cast<size_t>(offset));
}

// What a <Document> says of all its question-answer pairs.
struct DocumentHeader {
  std::string id;
  std::string source;
  std::string url;
  std::string focus;
  std::vector<std::string> synonyms;
};

DocumentHeader read_header(const pugi::xml_node& document, const Layout& layout) {
  DocumentHeader header;
  header.id = document.attribute(layout.id).as_string();
  header.source = document.attribute(layout.source).as_string();
  header.url = document.attribute("url").as_string();
  header.focus = collapse_space(document.child_value(layout.focus));
  for (pugi::xml_node synonym :
       document.child("FocusAnnotations").child("Synonyms").children("Synonym")) {
    std::string name = collapse_space(synonym.child_value());
    if (!name.empty()) header.synonyms.push_back(std::move(name));
  }
  return header;
}

// One question-answer pair: a document, an unanswered question, or a rejection.
void read_pair(const pugi::xml_node& pair, const Layout& layout, const DocumentHeader& header,
               std::string_view content, const std::string& file, DocumentSink& sink) {
  std::string pid = pair.attribute("pid").as_string();
  const bool pid_is_utf8 = !find_invalid_utf8(pid);
  if (!pid_is_utf8) pid = "(not UTF-8)";  // named in rejections, which must be UTF-8 too
  std::string element = std::string(layout.pair) + " pid=" + pid;
  pugi::xml_node question = pair.child(layout.question);
  AnswerDocument doc;
  doc.question = collapse_space(question.child_value());
  doc.answer = collapse_space(pair.child_value(layout.answer));
  if (pid.empty() || doc.question.empty()) {
    sink.reject({file, line_at(content, pair.offset_debug()), element,
                 pid.empty() ? "missing attribute 'pid'"
                             : "missing <" + std::string(layout.question) + "> text"});
    return;
  }
  if (doc.answer.empty()) {
    sink.skip_unanswered();
    return;
  }
  doc.id = id_source(header.source) + "_" + header.id + "_Sec" + pid;
  doc.condition = header.focus;
  doc.other_names = header.synonyms;
  doc.question_type = question.attribute("qtype").as_string();
  doc.source = id_source(header.source);
  doc.url = header.url;
  if (!pid_is_utf8 || !is_utf8_document(doc)) {
    sink.reject({file, line_at(content, pair.offset_debug()), element,
                 "a character reference that is not a Unicode character (not UTF-8 once decoded)"});
    return;
  }
  complete_from_question_form(doc);
  sink.accept(std::move(doc));
}

}  // namespace

void read_medquad(std::string_view content, const std::string& file, DocumentSink& sink) {
  if (auto bad = find_invalid_utf8(content)) {
    sink.reject({file, line_of_offset(content, *bad), "",
                 "not UTF-8 text (invalid or NUL byte at offset " + std::to_string(*bad) + ")"});
    return;
  }
  pugi::xml_document xml;
  pugi::xml_parse_result parsed =
      xml.load_buffer(content.data(), content.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    sink.reject({file, line_at(content, parsed.offset), "",
                 std::string("malformed XML: ") + parsed.description()});
    return;
  }
  const Layout* layout = nullptr;
  pugi::xml_node document;
  for (const Layout& candidate : kLayouts) {
    document = xml.child(candidate.root);
    if (document) {
      layout = &candidate;
      break;
    }
  }
  if (!document) {
    sink.reject({file, 0, "", "not a MedQuAD file: no <Document> element"});
    return;
  }
  const DocumentHeader header = read_header(document, *layout);
  if (header.id.empty() || header.source.empty()) {
    sink.reject(
        {file, line_at(content, document.offset_debug()), layout->root,
         std::string("missing attribute '") + layout->id + "' or '" + layout->source + "'"});
    return;
  }
  for (pugi::xml_node pair : document.child(layout->pairs).children(layout->pair)) {
    read_pair(pair, *layout, header, content, file, sink);
  }
}

}  // namespace hqa
