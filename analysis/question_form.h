// What a question asks about: its type ("inheritance", "symptoms", ...) and the condition it
// names, read from the common consumer-health question forms ("Is X hereditary?", "How is X
// treated?"). Pages use it to fill their question type and condition; the type names follow
// MedQuAD's qtype values where MedQuAD has one.
#ifndef HQA_ANALYSIS_QUESTION_FORM_H_
#define HQA_ANALYSIS_QUESTION_FORM_H_

#include <string>
#include <string_view>

namespace hqa {

struct QuestionForm {
  std::string type;     // empty when no known form matched
  std::string subject;  // the condition as written in the question, or empty
};

// Recognises the question forms listed in question_form.cc; case-insensitive, tolerant of
// spaces before the question mark. Never throws.
QuestionForm classify_question(std::string_view question);

}  // namespace hqa

#endif  // HQA_ANALYSIS_QUESTION_FORM_H_
