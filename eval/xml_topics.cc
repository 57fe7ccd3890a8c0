// @brief Topics written as XML, read with pugixml: TREC LiveQA questions and TREC's
// <topics><topic number="..."> files.
#include <cctype>
#include <pugixml.hpp>

#include "analysis/utf8.h"
#include "eval/topic_readers.h"
#include "schema/errors.h"

namespace hqa {
namespace {

std::string at_line(const std::string& content, const std::string& name, ptrdiff_t offset) {
  return name + ":" + std::to_string(line_of_offset(content, offset < 0 ? 0 : offset)) + ": ";
}

void parse(pugi::xml_document& xml, const std::string& content, const std::string& name) {
  pugi::xml_parse_result parsed =
      xml.load_buffer(content.data(), content.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) {
    // Text with no element at all fails at its end; the first thing that is not XML is better.
    ptrdiff_t offset = parsed.offset;
    if (parsed.status == pugi::status_no_document_element) {
      size_t first = content.find_first_not_of(" \t\r\n");
      offset = first == std::string::npos ? 0 : static_cast<ptrdiff_t>(first);
    }
    throw InvalidInput(at_line(content, name, offset) + "not well-formed XML (" +
                       parsed.description() + ")");
  }
}

// All the text under `node`, in document order.
std::string text_of(const pugi::xml_node& node) {
  std::string text;
  for (pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      text += child.value();
    } else if (child.type() == pugi::node_element) {
      text += ' ' + text_of(child) + ' ';
    }
  }
  return text;
}

// The text directly in `node`, not in its child elements.
std::string own_text(const pugi::xml_node& node) {
  std::string text;
  for (pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      text += child.value();
      text += ' ';
    }
  }
  return text;
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// The first element named `name` under `question`, outside the reference answers.
pugi::xml_node first_named(const pugi::xml_node& question, const char* name) {
  return question.find_node([name](const pugi::xml_node& node) {
    return node.type() == pugi::node_element && std::string(node.name()) == name &&
           !node.parent().empty() && std::string(node.parent().name()) != "ReferenceAnswer";
  });
}

}  // namespace

std::vector<RawTopic> read_liveqa_topics(const std::string& content, const std::string& name) {
  pugi::xml_document xml;
  parse(xml, content, name);
  std::vector<RawTopic> topics;
  static const std::pair<const char*, const char*> kFields[] = {{"subject", "SUBJECT"},
                                                                {"message", "MESSAGE"},
                                                                {"paraphrase", "NIST-PARAPHRASE"},
                                                                {"summary", "NLM-Summary"}};
  for (pugi::xpath_node found : xml.select_nodes("//NLM-QUESTION")) {
    pugi::xml_node question = found.node();
    RawTopic topic;
    topic.line = line_of_offset(content, question.offset_debug() < 0 ? 0 : question.offset_debug());
    topic.qid = question.attribute("qid").value();
    if (topic.qid.empty()) {
      throw InvalidInput(at_line(content, name, question.offset_debug()) +
                         "<NLM-QUESTION> has no qid attribute");
    }
    for (const auto& [field, element] : kFields) {
      pugi::xml_node node = first_named(question, element);
      if (node) topic.fields.emplace_back(field, text_of(node));
    }
    topics.push_back(std::move(topic));
  }
  if (topics.empty()) {
    throw InvalidInput(name + ": no <NLM-QUESTION> element (TREC LiveQA questions?)");
  }
  return topics;
}

std::vector<RawTopic> read_trec_xml_topics(const std::string& content, const std::string& name) {
  pugi::xml_document xml;
  parse(xml, content, name);
  std::vector<RawTopic> topics;
  for (pugi::xpath_node found : xml.select_nodes("//topic")) {
    pugi::xml_node element = found.node();
    RawTopic topic;
    topic.line = line_of_offset(content, element.offset_debug() < 0 ? 0 : element.offset_debug());
    topic.qid = element.attribute("number").value();
    if (topic.qid.empty()) topic.qid = element.attribute("id").value();
    if (topic.qid.empty()) {
      throw InvalidInput(at_line(content, name, element.offset_debug()) +
                         "<topic> has no number (or id) attribute");
    }
    for (pugi::xml_node child : element.children()) {
      if (child.type() == pugi::node_element) {
        topic.fields.emplace_back(lower(child.name()), text_of(child));
      }
    }
    topic.fields.emplace_back("text", own_text(element));
    topics.push_back(std::move(topic));
  }
  if (topics.empty()) throw InvalidInput(name + ": no <topic> element");
  return topics;
}

bool looks_like_trec_xml(const std::string& content) {
  for (size_t at = content.find('<'); at != std::string::npos; at = content.find('<', at + 1)) {
    const std::string head = lower(content.substr(at + 1, 7));
    auto is_tag = [&](const std::string& tag) {
      return head.compare(0, tag.size(), tag) == 0 &&
             (head.size() == tag.size() || head[tag.size()] == '>' ||
              std::isspace(static_cast<unsigned char>(head[tag.size()])));
    };
    if (is_tag("top")) return false;
    if (is_tag("topic") || is_tag("topics")) return true;
  }
  return false;
}

}  // namespace hqa
