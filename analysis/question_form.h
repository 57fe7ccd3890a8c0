// What a question asks about: its type ("inheritance", "symptoms", ...) and the condition it
// names, read from the common consumer-health question forms ("Is X hereditary?", "How is X
// treated?"). Pages use it to fill their question type and condition; the type names follow
// MedQuAD's qtype values where MedQuAD has one.
#ifndef HQA_ANALYSIS_QUESTION_FORM_H_
#define HQA_ANALYSIS_QUESTION_FORM_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"

namespace hqa {

struct QuestionForm {
  std::string type;     // empty when no known form matched
  std::string subject;  // the condition as written in the question, or empty
};

// Questions longer than this have no form: they are not templates, and reading them is costly.
inline constexpr size_t kMaxQuestionFormBytes = 512;

// Recognises the question forms listed in question_form.cc; case-insensitive, tolerant of
// spaces before the question mark. Never throws.
QuestionForm classify_question(std::string_view question);

// The question types a free-form query asks about, from cue words in its analysed tokens
// ("cure", "treatment" -> "treatment"; "inherited" -> "inheritance"), in MedQuAD's qtype names.
// Expects English stems (the default analyzer). Several types may come back; none is common.
std::vector<std::string> question_intents(const std::vector<Token>& tokens);

}  // namespace hqa

#endif  // HQA_ANALYSIS_QUESTION_FORM_H_
