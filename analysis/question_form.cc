// @brief Question forms of consumer-health pages, as regular expressions.
#include "analysis/question_form.h"

#include <regex>
#include <vector>

namespace hqa {
namespace {

struct Form {
  std::regex pattern;  // group 1 is the subject
  const char* type;
};

const std::vector<Form>& forms() {
  constexpr auto kFlags = std::regex::icase | std::regex::ECMAScript | std::regex::optimize;
  static const std::vector<Form> kForms = [] {
    std::vector<Form> f;
    auto add = [&f](const char* pattern, const char* type) {
      f.push_back({std::regex(pattern, kFlags), type});
    };
    // Forms of pages and consumer questions first, then the templates MedQuAD's collections
    // write their questions in (with MedQuAD's qtype for each), longest first where one form
    // begins another ("What are the brand names of combination products of X").
    add(R"(^(?:is|are) (.+?) (?:hereditary|inherited|genetic|passed down(?: in families)?)$)",
        "inheritance");
    add(R"(^(?:is|are) (.+?) (?:contagious|infectious|catching)$)", "transmission");
    add(R"(^(?:can you|can i|how do you|how do people) (?:catch|get) (.+?)$)", "transmission");
    add(R"(^what are the (?:signs and )?symptoms (?:of|for) (.+?)$)", "symptoms");
    add(R"(^what causes (.+?)$)", "causes");
    add(R"(^what (?:are|is) the causes? of (.+?)$)", "causes");
    add(R"(^how (?:is|are) (.+?) treated$)", "treatment");
    add(R"(^what (?:are|is) the treatments? for (.+?)$)", "treatment");
    add(R"(^how (?:can|could) (.+?) be prevented$)", "prevention");
    add(R"(^how (?:can i|to|do i) prevent (.+?)$)", "prevention");
    add(R"(^how (?:is|are) (.+?) diagnosed$)", "exams and tests");
    add(R"(^how to diagnose (.+?)$)", "exams and tests");
    add(R"(^how many people are affected by (.+?)$)", "frequency");
    add(R"(^what are the genetic changes related to (.+?)$)", "genetic changes");
    add(R"(^who is at risk for (.+?)$)", "susceptibility");  // MedQuAD writes "X? ?"
    add(R"(^what is the outlook for (.+?)$)", "outlook");
    add(R"(^what (?:is|are) the complications of (.+?)$)", "complications");
    add(R"(^what are the stages of (.+?)$)", "stages");
    add(R"(^what research (?:\(or clinical trials\) )?is being done for (.+?)$)", "research");
    add(R"(^where to find support for people with (.+?)$)", "support groups");
    add(R"(^do i need to see a doctor for (.+?)$)", "when to contact a medical professional");
    add(R"(^what to do for (.+?)$)", "considerations");
    add(R"(^who should get (.+?) and why is it prescribed$)", "indication");
    add(R"(^who should not get (.+?) and what are its contraindications$)", "contraindication");
    add(R"(^how should (.+?) be used and what is the dosage$)", "usage");
    add(R"(^what is the dosage of (.+?)$)", "dose");
    add(R"(^are there safety concerns or special precautions about (.+?)$)", "precautions");
    add(R"(^what special dietary instructions should i follow with (.+?)$)", "dietary");
    add(R"(^what should i do if i forget a dose of (.+?)$)", "forget a dose");
    add(R"(^what are the side effects or risks of (.+?)$)", "side effects");
    add(R"(^what are the side effects of (.+?)$)", "side effects");
    add(R"(^what should i know about storage and disposal of (.+?)$)", "storage and disposal");
    add(R"(^what to do in case of emergency or overdose of (.+?)$)", "emergency or overdose");
    add(R"(^what to do in case of a severe reaction to (.+?)$)", "severe reaction");
    add(R"(^what important warning or information should i know about (.+?)$)",
        "important warning");
    add(R"(^what other information should i know about (.+?)$)", "other information");
    add(R"(^what are the brand names of combination products of (.+?)$)",
        "brand names of combination products");
    add(R"(^what are the brand names of (.+?)$)", "brand names");
    add(R"(^what is the action of (.+?) and how does it work$)", "how does it work");
    add(R"(^are there interactions between (.+?) and other medications$)",
        "interactions with medications");
    add(R"(^are there interactions between (.+?) and herbs and supplements$)",
        "interactions with herbs and supplements");
    add(R"(^are there interactions between (.+?) and foods$)", "interactions with foods");
    add(R"(^how effective is (.+?)$)", "how effective is it");
    add(R"(^why get vaccinated with (.+?)$)", "why get vaccinated");
    add(R"(^how can i learn more about (.+?)$)", "how can i learn more");
    add(R"(^do you have information about (.+?)$)", "information");
    add(R"(^what (?:is \(are\)|is|are) (.+?)$)", "information");
    return f;
  }();
  return kForms;
}

}  // namespace

QuestionForm classify_question(std::string_view question) {
  // std::regex matches recursively, a frame or more per character: a long enough text would
  // overflow the stack. Questions of the known forms are short (MedQuAD's longest is 191 bytes).
  if (question.size() > kMaxQuestionFormBytes) return {};
  std::string text(question);
  while (!text.empty() && (text.back() == '?' || text.back() == ' ' || text.back() == '.')) {
    text.pop_back();
  }
  size_t start = text.find_first_not_of(' ');
  if (start == std::string::npos) return {};
  text.erase(0, start);
  std::smatch match;
  for (const Form& form : forms()) {
    if (std::regex_match(text, match, form.pattern)) return {form.type, match[1].str()};
  }
  return {};
}

std::vector<std::string> question_intents(const std::vector<Token>& tokens) {
  // Cue stems per type: words a consumer uses when asking that kind of question.
  static const std::vector<std::pair<const char*, std::vector<std::string>>> kCues = {
      {"treatment",
       {"treat", "treatment", "cure", "therapi", "remedi", "medic", "manag", "surgeri", "drug",
        "heal"}},
      {"symptoms", {"symptom", "sign"}},
      {"causes", {"caus", "why", "reason", "trigger"}},
      {"inheritance", {"inherit", "hereditari", "genet", "famili"}},
      {"genetic changes", {"gene", "mutat"}},
      {"prevention", {"prevent", "avoid"}},
      {"exams and tests", {"test", "diagnos", "diagnosi", "exam", "screen"}},
      {"outlook", {"prognosi", "outlook", "surviv", "expect"}},
      {"susceptibility", {"risk", "suscept"}},
      {"frequency", {"common", "preval", "frequent", "rare"}},
      {"complications", {"complic"}},
      {"research", {"research", "trial", "studi"}},
  };
  std::vector<std::string> intents;
  for (const auto& [type, cues] : kCues) {
    bool found = false;
    for (const Token& token : tokens) {
      for (const std::string& cue : cues) found = found || token.stem == cue;
    }
    if (found) intents.push_back(type);
  }
  return intents;
}

}  // namespace hqa
