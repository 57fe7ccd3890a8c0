// @brief The MedQuAD XML reader, on pugixml.
#include "indexer/medquad_reader.h"

#include <pugixml.hpp>

#include "analysis/utf8.h"

namespace hqa {
namespace {

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

}  // namespace

void read_medquad(std::string_view content, const std::string& file, DocumentSink& sink) {
  auto line_of = [&](ptrdiff_t offset) {
    return offset < 0 ? 0 : line_of_offset(content, static_cast<size_t>(offset));
  };
  if (auto bad = find_invalid_utf8(content)) {
    sink.reject({file, line_of_offset(content, *bad), "",
                 "not UTF-8 text (invalid or NUL byte at offset " + std::to_string(*bad) + ")"});
    return;
  }
  pugi::xml_document xml;
  pugi::xml_parse_result parsed = xml.load_buffer(content.data(), content.size(),
                                                  pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    sink.reject({file, line_of(parsed.offset), "",
                 std::string("malformed XML: ") + parsed.description()});
    return;
  }
  pugi::xml_node document = xml.child("Document");
  if (!document) {
    sink.reject({file, 0, "", "not a MedQuAD file: no <Document> element"});
    return;
  }
  std::string document_id = document.attribute("id").as_string();
  std::string source = document.attribute("source").as_string();
  if (document_id.empty() || source.empty()) {
    sink.reject({file, line_of(document.offset_debug()), "Document",
                 "missing attribute 'id' or 'source'"});
    return;
  }
  std::string url = document.attribute("url").as_string();
  std::string focus = collapse_space(document.child_value("Focus"));
  std::vector<std::string> synonyms;
  for (pugi::xml_node synonym : document.child("FocusAnnotations").child("Synonyms").children("Synonym")) {
    std::string name = collapse_space(synonym.child_value());
    if (!name.empty()) synonyms.push_back(std::move(name));
  }

  for (pugi::xml_node pair : document.child("QAPairs").children("QAPair")) {
    std::string pid = pair.attribute("pid").as_string();
    std::string element = "QAPair pid=" + pid;
    pugi::xml_node question = pair.child("Question");
    AnswerDocument doc;
    doc.question = collapse_space(question.child_value());
    doc.answer = collapse_space(pair.child_value("Answer"));
    if (pid.empty() || doc.question.empty()) {
      sink.reject({file, line_of(pair.offset_debug()), element,
                   pid.empty() ? "missing attribute 'pid'" : "missing <Question> text"});
      continue;
    }
    if (doc.answer.empty()) {
      sink.skip_unanswered();
      continue;
    }
    doc.id = id_source(source) + "_" + document_id + "_Sec" + pid;
    doc.condition = focus;
    doc.other_names = synonyms;
    doc.question_type = question.attribute("qtype").as_string();
    doc.source = id_source(source);
    doc.url = url;
    sink.accept(std::move(doc));
  }
}

}  // namespace hqa
