// The query syntax: golden table of clauses, and malformed input that still parses.
#include "searcher/query_parser.h"

#include <gtest/gtest.h>

namespace hqa {
namespace {

// Clauses as "+field:text" / "-text" / "\"phrase\"", space-separated.
std::string render(const ParsedQuery& parsed) {
  std::string out;
  for (const QueryClause& clause : parsed.clauses) {
    if (!out.empty()) out += ' ';
    if (clause.occur == QueryClause::Occur::kMust) out += '+';
    if (clause.occur == QueryClause::Occur::kMustNot) out += '-';
    if (clause.field) out += std::string(field_spec(*clause.field).name) + ":";
    out += clause.phrase ? "\"" + clause.text + "\"" : clause.text;
    if (clause.prefix) out += '*';
  }
  return out;
}

struct Row {
  const char* query;
  const char* clauses;
};

TEST(QueryParser, ReadsWordsPhrasesSignsAndFields) {
  const Row kTable[] = {
      {"leukemia hereditary", "leukemia hereditary"},
      {"\"blood pressure\" high", "\"blood pressure\" high"},
      {"hereditary -leukemia +cancer", "hereditary -leukemia +cancer"},
      {"question:treated condition:\"sickle cell\"", "question:treated condition:\"sickle cell\""},
      {"source:GHR type:inheritance", "source:GHR type:inheritance"},
      {"COVID-19 x-ray", "COVID-19 x-ray"},
      {"  spaced   out  ", "spaced out"},
      {"leuk* anemia", "leuk* anemia"},
      {"updated:2024-01-01..2025-06-30 gout", "updated:2024-01-01..2025-06-30 gout"},
      {"gout AND diet", "+gout +diet"},
      {"gout OR diet", "gout diet"},
      {"gout NOT diet", "gout -diet"},
      {"gout AND NOT diet", "+gout -diet"},
      {"NOT diet gout", "-diet gout"},
      {"ALL hereditary", "ALL hereditary"},  // an acronym, not an operator: nothing to join
      // Regression (LiveQA dev topic 95): in a shouted query, AND and OR are words.
      {"CAN LIPNODES AND OR LIVER CANCER", "CAN LIPNODES AND OR LIVER CANCER"},
  };
  for (const Row& row : kTable) EXPECT_EQ(render(parse_query(row.query)), row.clauses) << row.query;
}

TEST(QueryParser, MalformedInputStillParsesWithANote) {
  ParsedQuery unbalanced = parse_query("\"sickle cell anemia");
  EXPECT_EQ(render(unbalanced), "sickle cell anemia");
  ASSERT_EQ(unbalanced.notes.size(), 1u);
  EXPECT_NE(unbalanced.notes[0].find("unbalanced quote"), std::string::npos);

  ParsedQuery lone_minus = parse_query("gout - diet");
  EXPECT_EQ(render(lone_minus), "gout diet");
  EXPECT_FALSE(lone_minus.notes.empty());

  ParsedQuery unknown_field = parse_query("colour:red eyes");
  EXPECT_EQ(render(unknown_field), "colour:red eyes");
  EXPECT_FALSE(unknown_field.notes.empty());

  ParsedQuery controls = parse_query("gout\x01\x02 diet\x7f");
  EXPECT_EQ(render(controls), "gout diet");
  EXPECT_FALSE(controls.notes.empty());
}

TEST(QueryParser, OperatorsWithNothingToJoinAreIgnoredWithANote) {
  ParsedQuery doubled = parse_query("gout AND AND diet");
  EXPECT_EQ(render(doubled), "+gout +diet");
  EXPECT_EQ(doubled.notes.size(), 1u);
  ParsedQuery alone = parse_query("NOT and");
  EXPECT_EQ(render(alone), "-and");
  ParsedQuery leading = parse_query("OR gout");
  EXPECT_EQ(render(leading), "gout");
  EXPECT_FALSE(leading.notes.empty());
  // In a query typed in capitals, the operators are words...
  EXPECT_EQ(render(parse_query("GOUT AND DIET")), "GOUT AND DIET");
  // ...unless they are all it holds: then they are operators with nothing to join, said once.
  for (const char* only_operators : {"AND AND", "OR", "NOT", "AND OR NOT"}) {
    ParsedQuery parsed = parse_query(only_operators);
    EXPECT_TRUE(parsed.clauses.empty()) << only_operators << ": " << render(parsed);
    EXPECT_FALSE(parsed.notes.empty()) << only_operators;
  }
  EXPECT_EQ(parse_query("AND AND AND").notes.size(), 1u);
  ParsedQuery trailing = parse_query("gout OR");
  EXPECT_EQ(render(trailing), "gout");
  EXPECT_FALSE(trailing.notes.empty());
}

TEST(QueryParser, EmptyAndPunctuationOnlyQueriesGiveNoClauses) {
  EXPECT_TRUE(parse_query("").clauses.empty());
  EXPECT_TRUE(parse_query("   ").clauses.empty());
  ParsedQuery empty_phrase = parse_query("\"\"");
  EXPECT_TRUE(empty_phrase.clauses.empty());
  EXPECT_FALSE(empty_phrase.notes.empty());
  EXPECT_TRUE(parse_query("+ -").clauses.empty());
}

TEST(QueryParser, TenThousandWordsParseWithoutTrouble) {
  std::string query;
  for (int i = 0; i < 10000; ++i) query += "word" + std::to_string(i % 50) + " ";
  EXPECT_EQ(parse_query(query).clauses.size(), 10000u);
}

}  // namespace
}  // namespace hqa
