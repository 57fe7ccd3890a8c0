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
