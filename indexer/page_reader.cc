// @brief The answer-page reader.
#include "indexer/page_reader.h"

#include <algorithm>
#include <regex>
#include <vector>

#include "analysis/utf8.h"
#include "schema/date.h"

namespace hqa {
namespace {

// The question is looked for in this many lines after the header: a body sentence ending in '?'
// further down is part of the answer, not the page's question.
constexpr size_t kQuestionSearchLines = 3;

struct Line {
  size_t number;
  std::string text;
};

std::string trim(std::string_view text) {
  const char* kSpace = " \t\r\f\v";
  size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  size_t last = text.find_last_not_of(kSpace);
  return std::string(text.substr(first, last - first + 1));
}

std::vector<Line> non_empty_lines(std::string_view content) {
  std::vector<Line> lines;
  size_t number = 1;
  size_t start = 0;
  while (start <= content.size()) {
    size_t end = content.find('\n', start);
    if (end == std::string_view::npos) end = content.size();
    std::string text = trim(content.substr(start, end - start));
    if (!text.empty()) lines.push_back({number, std::move(text)});
    ++number;
    start = end + 1;
  }
  return lines;
}

bool is_header(const std::string& line) {
  return line.rfind("Short answer", 0) == 0 || line.find("Last updated") != std::string::npos;
}

// The question sentence inside `line`: [begin, end) including the '?', or begin == npos.
std::pair<size_t, size_t> find_question(const std::string& line) {
  size_t mark = line.find('?');
  if (mark == std::string::npos) return {std::string::npos, 0};
  size_t begin = 0;
  for (size_t i = mark; i-- > 1;) {
    if ((line[i - 1] == '.' || line[i - 1] == '!' || line[i - 1] == '?') && line[i] == ' ') {
      begin = i + 1;
      break;
    }
  }
  return {begin, mark + 1};
}

void add_paragraph(std::vector<std::string>& paragraphs, std::string text) {
  if (text.empty()) return;
  if (std::find(paragraphs.begin(), paragraphs.end(), text) != paragraphs.end()) return;
  paragraphs.push_back(std::move(text));
}

}  // namespace

void read_page(std::string_view content, const std::string& file, const std::string& id,
               DocumentSink& sink) {
  auto reject = [&](size_t line, std::string reason) {
    sink.reject({file, line, "", std::move(reason)});
  };
  if (auto bad = find_invalid_utf8(content)) {
    reject(line_of_offset(content, *bad), "not UTF-8 text (invalid or NUL byte at offset " +
                                              std::to_string(*bad) + "; a binary file?)");
    return;
  }
  if (content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);
  std::vector<Line> lines = non_empty_lines(content);
  if (lines.empty()) {
    reject(0, "empty page");
    return;
  }

  AnswerDocument doc;
  doc.id = id;
  size_t next = 0;
  if (is_header(lines[0].text)) {
    static const std::regex kDate(R"((\d{4})-(\d{2})-(\d{2}))");
    std::smatch date;
    if (std::regex_search(lines[0].text, date, kDate)) {
      if (!Date::parse(date.str())) {
        reject(lines[0].number, "the last-updated date must be a calendar date YYYY-MM-DD, not '" +
                                    date.str() + "'");
        return;
      }
      doc.updated = date.str();
    }
    next = 1;
  }

  size_t question_line = lines.size();
  for (size_t i = next; i < lines.size() && i < next + kQuestionSearchLines; ++i) {
    if (find_question(lines[i].text).first != std::string::npos) {
      question_line = i;
      break;
    }
  }
  if (question_line == lines.size()) {
    reject(0, "no question found in the first lines of the page (expected a sentence ending "
              "in '?')");
    return;
  }

  // Lines before the question line, and the text before the question on it, are the short
  // answer; the text after the question is a teaser that a body paragraph repeats.
  std::string short_answer;
  for (size_t i = next; i < question_line; ++i) short_answer += lines[i].text + " ";
  const std::string& line = lines[question_line].text;
  auto [begin, end] = find_question(line);
  short_answer = trim(short_answer + line.substr(0, begin));
  doc.question = trim(line.substr(begin, end - begin));
  std::string teaser = trim(line.substr(end));

  static const std::regex kExperience(
      R"(^\d[\d,]* (?:people|person|persons) .*first-person experience.*?(?: at ([^.]+))?\.?$)");
  static const std::regex kDisclaimer(R"(^(?:medical )?disclaimer:)", std::regex::icase);
  // std::regex matches recursively, a frame or more per character, so it reads only lines
  // short enough for the stack: an experience line is one sentence, and a disclaimer is known
  // by its first words.
  constexpr size_t kMaxExperienceBytes = 2000;
  constexpr size_t kDisclaimerLead = 32;
  std::vector<std::string> body;
  for (size_t i = question_line + 1; i < lines.size(); ++i) {
    const std::string& text = lines[i].text;
    std::smatch match;
    if (text.size() <= kMaxExperienceBytes && std::regex_match(text, match, kExperience)) {
      doc.experience = text;
      if (match[1].matched) doc.source = trim(match[1].str());
    } else if (std::regex_search(text.substr(0, kDisclaimerLead), kDisclaimer)) {
      doc.disclaimer = text;
    } else if (text != short_answer) {
      add_paragraph(body, text);
    }
  }
  bool teaser_repeated = std::any_of(body.begin(), body.end(), [&](const std::string& p) {
    return p.rfind(teaser, 0) == 0;
  });
  if (!teaser.empty() && !teaser_repeated) body.insert(body.begin(), teaser);

  std::vector<std::string> paragraphs;
  add_paragraph(paragraphs, short_answer);
  for (std::string& paragraph : body) add_paragraph(paragraphs, std::move(paragraph));
  if (paragraphs.empty()) {
    reject(lines[question_line].number, "the page has a question but no answer text");
    return;
  }
  doc.short_answer = short_answer;
  for (const std::string& paragraph : paragraphs) {
    if (!doc.answer.empty()) doc.answer += "\n\n";
    doc.answer += paragraph;
  }

  complete_from_question_form(doc);
  if (doc.source.empty()) doc.source = "page";
  sink.accept(std::move(doc));
}

}  // namespace hqa
