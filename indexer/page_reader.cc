// @brief The answer-page reader.
#include "indexer/page_reader.h"

#include <algorithm>
#include <optional>
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

// Reads the last-updated date of the header line into doc.updated; the reason to reject the
// page if its date is not a calendar date.
std::optional<std::string> read_header_date(const std::string& header, AnswerDocument& doc) {
  static const std::regex kDate(R"((\d{4})-(\d{2})-(\d{2}))");
  std::smatch date;
  if (!std::regex_search(header, date, kDate)) return std::nullopt;
  if (!Date::parse(date.str())) {
    return "the last-updated date must be a calendar date YYYY-MM-DD, not '" + date.str() + "'";
  }
  doc.updated = date.str();
  return std::nullopt;
}

// The index of the line holding the question, among the first lines from `first`; lines.size()
// if none does.
size_t find_question_line(const std::vector<Line>& lines, size_t first) {
  for (size_t i = first; i < lines.size() && i < first + kQuestionSearchLines; ++i) {
    if (find_question(lines[i].text).first != std::string::npos) return i;
  }
  return lines.size();
}

// The paragraphs after the question line, each once; the experience line and the disclaimer go
// to their own fields of `doc`, and a paragraph that repeats the short answer is left out.
std::vector<std::string> body_paragraphs(const std::vector<Line>& lines, size_t question_line,
                                         const std::string& short_answer, AnswerDocument& doc) {
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
  return body;
}

// The answer: the short answer, then the teaser unless a body paragraph repeats it, then the
// body, each paragraph once. False if there is no text at all.
bool assemble_answer(const std::string& short_answer, const std::string& teaser,
                     std::vector<std::string> body, AnswerDocument& doc) {
  bool teaser_repeated = std::any_of(body.begin(), body.end(),
                                     [&](const std::string& p) { return p.rfind(teaser, 0) == 0; });
  if (!teaser.empty() && !teaser_repeated) body.insert(body.begin(), teaser);
  std::vector<std::string> paragraphs;
  add_paragraph(paragraphs, short_answer);
  for (std::string& paragraph : body) add_paragraph(paragraphs, std::move(paragraph));
  if (paragraphs.empty()) return false;
  doc.short_answer = short_answer;
  for (const std::string& paragraph : paragraphs) {
    if (!doc.answer.empty()) doc.answer += "\n\n";
    doc.answer += paragraph;
  }
  return true;
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
    if (std::optional<std::string> bad_date = read_header_date(lines[0].text, doc)) {
      reject(lines[0].number, *bad_date);
      return;
    }
    next = 1;
  }
  const size_t question_line = find_question_line(lines, next);
  if (question_line == lines.size()) {
    reject(0,
           "no question found in the first lines of the page (expected a sentence ending "
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
  const std::string teaser = trim(line.substr(end));
  std::vector<std::string> body = body_paragraphs(lines, question_line, short_answer, doc);
  if (!assemble_answer(short_answer, teaser, std::move(body), doc)) {
    reject(lines[question_line].number, "the page has a question but no answer text");
    return;
  }
  complete_from_question_form(doc);
  if (doc.source.empty()) doc.source = "page";
  sink.accept(std::move(doc));
}

}  // namespace hqa
