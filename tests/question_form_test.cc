// Question forms: type and condition read from consumer-health questions.
#include "analysis/question_form.h"

#include <gtest/gtest.h>

namespace hqa {
namespace {

struct Row {
  const char* question;
  const char* type;
  const char* subject;
};

TEST(QuestionForm, RecognisesTheCommonFormsAndTheirCondition) {
  const Row kTable[] = {
      {"Is Acute lymphocytic leukemia (ALL) hereditary?", "inheritance",
       "Acute lymphocytic leukemia (ALL)"},
      {"Is Cystic fibrosis inherited ?", "inheritance", "Cystic fibrosis"},
      {"Is Measles contagious?", "transmission", "Measles"},
      {"What are the symptoms of Ménière's disease?", "symptoms", "Ménière's disease"},
      {"What are the signs and symptoms of Aarskog-Scott syndrome ?", "symptoms",
       "Aarskog-Scott syndrome"},
      {"What causes Gout?", "causes", "Gout"},
      {"How is Chronic obstructive pulmonary disease (COPD) treated?", "treatment",
       "Chronic obstructive pulmonary disease (COPD)"},
      {"What are the treatments for Noonan syndrome ?", "treatment", "Noonan syndrome"},
      {"How can COVID-19 be prevented?", "prevention", "COVID-19"},
      {"How many people are affected by Aarskog-Scott syndrome ?", "frequency",
       "Aarskog-Scott syndrome"},
      {"What is (are) Aarskog-Scott syndrome ?", "information", "Aarskog-Scott syndrome"},
      {"what is gout", "information", "gout"},
      // MedQuAD's templates (MedlinePlus, GHR, NIHSeniorHealth), with MedQuAD's qtype names.
      {"Do you have information about Abdominal CT scan", "information", "Abdominal CT scan"},
      {"How to diagnose Appendicitis ?", "exams and tests", "Appendicitis"},
      {"Who is at risk for Lung Cancer? ?", "susceptibility", "Lung Cancer"},
      {"Do I need to see a doctor for Morning sickness ?", "when to contact a medical professional",
       "Morning sickness"},
      {"What to do for Face pain ?", "considerations", "Face pain"},
      {"What are the side effects or risks of Cephalexin ?", "side effects", "Cephalexin"},
      {"What are the brand names of combination products of Amlodipine ?",
       "brand names of combination products", "Amlodipine"},
      {"What are the brand names of Amlodipine ?", "brand names", "Amlodipine"},
      {"How should Prednisone be used and what is the dosage ?", "usage", "Prednisone"},
      {"What should I know about storage and disposal of Erythromycin and Benzoyl Peroxide Topical "
       "?",
       "storage and disposal", "Erythromycin and Benzoyl Peroxide Topical"},
      {"Are there interactions between Ginkgo and herbs and supplements ?",
       "interactions with herbs and supplements", "Ginkgo"},
      {"what research (or clinical trials) is being done for Stroke ?", "research", "Stroke"},
      {"Where to find support for people with Opiate and opioid withdrawal ?", "support groups",
       "Opiate and opioid withdrawal"},
  };
  for (const Row& row : kTable) {
    QuestionForm form = classify_question(row.question);
    EXPECT_EQ(form.type, row.type) << row.question;
    EXPECT_EQ(form.subject, row.subject) << row.question;
  }
}

TEST(QuestionForm, UnknownFormsHaveNoType) {
  EXPECT_EQ(classify_question("amphetamine salts 20 mg are they gluten free").type, "");
  EXPECT_EQ(classify_question("").type, "");
  EXPECT_EQ(classify_question("???").type, "");
}

TEST(QuestionForm, AVeryLongQuestionHasNoFormAndDoesNotExhaustTheStack) {
  std::string question = "What causes ";
  while (question.size() < 2000000) question += "a b ";
  question += "?";
  EXPECT_EQ(classify_question(question).type, "");
  std::string longest_template =
      "What causes " + std::string(kMaxQuestionFormBytes - 14, 'x') + " ?";
  ASSERT_EQ(longest_template.size(), kMaxQuestionFormBytes);
  EXPECT_EQ(classify_question(longest_template).type, "causes");
}

TEST(QuestionIntents, CueWordsOfFreeFormQueriesGiveQuestionTypes) {
  Analyzer analyzer;
  auto intents = [&analyzer](const std::string& query) {
    return question_intents(analyzer.analyze(query));
  };
  EXPECT_EQ(intents("is there a cure for psoriasis"), std::vector<std::string>{"treatment"});
  EXPECT_EQ(intents("what are the signs of lyme disease"), std::vector<std::string>{"symptoms"});
  EXPECT_EQ(intents("can my kids inherit this"), std::vector<std::string>{"inheritance"});
  EXPECT_EQ(intents("how to prevent kidney stones"), std::vector<std::string>{"prevention"});
  EXPECT_TRUE(intents("gluten free amphetamine salts").empty());
}

}  // namespace
}  // namespace hqa
