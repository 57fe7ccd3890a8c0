// Synonyms without a rebuild: hqa-index --synonyms FILE puts a site's groups into the index,
// replacing the previous file's, so that a page is found by either name; a bad file changes
// nothing; the service sees new groups with the next commit; the shipped lists are files.
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "schema/errors.h"
#include "schema/index_format.h"
#include "schema/synonyms.h"
#include "schema/terms.h"
#include "searcher/searcher.h"
#include "tests/served_index.h"
#include "tests/test_support.h"

namespace hqa {
namespace {

using nlohmann::json;
using testing::run_command;
using testing::shell_quote;

// A page about a heart attack that calls it only by its clinical name.
constexpr const char* kInfarctionPage =
    "Short answer · Medically reviewed summary · Last updated: 2025-03-02\n"
    "A myocardial infarction needs emergency care. What is a myocardial infarction? It happens "
    "when blood flow to part of the cardiac muscle stops.\n"
    "12 people with a myocardial infarction have shared their first-person experience.\n"
    "A myocardial infarction needs emergency care.\n"
    "It happens when blood flow to part of the cardiac muscle stops, usually because a clot "
    "blocks a coronary artery. Chest pain, breathlessness and sweating are common signs.\n"
    "Medical disclaimer: This information is for educational purposes only.\n";

class SiteSynonymsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    index_ = (dir_.path() / "index").string();
    page_dir_ = dir_.path() / "pages";
    std::filesystem::create_directories(page_dir_);
    std::ofstream(page_dir_ / "infarction.txt") << kInfarctionPage;
    // A document with other names of its own, which the indexer keeps as synonyms too.
    dir_.write("named.jsonl", R"({"id": "aarskog", "question": "What is Aarskog-Scott syndrome?", )"
                              R"("answer": "A genetic disorder of growth.", )"
                              R"("condition": "Aarskog-Scott syndrome", )"
                              R"("other_names": ["Faciogenital dysplasia"]})"
                              "\n");
    auto indexed = index("--quiet " + shell_quote(testing::corpus_dir().string()) + " " +
                         shell_quote(page_dir_.string()) + " " +
                         shell_quote((dir_.path() / "named.jsonl").string()));
    ASSERT_EQ(indexed.exit_code, 0) << indexed.err;
  }

  testing::CommandResult index(const std::string& args) {
    return run_command(testing::index_bin() + " --index " + shell_quote(index_) + " " + args);
  }
  testing::CommandResult with_synonyms(const std::string& name, const std::string& text,
                                       const std::string& more = "") {
    return index("--synonyms " + shell_quote(dir_.write(name, text).string()) + " " + more);
  }
  std::vector<std::string> ids_for(const std::string& query) {
    auto searched = run_command(testing::search_bin() + " --index " + shell_quote(index_) +
                                " --json --limit 50 " + shell_quote(query));
    EXPECT_EQ(searched.exit_code, 0) << searched.err;
    const json body = json::parse(searched.out);
    std::vector<std::string> ids;
    for (const json& hit : body["hits"]) ids.push_back(hit["id"]);
    return ids;
  }
  bool finds(const std::string& query, const std::string& id) {
    std::vector<std::string> ids = ids_for(query);
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  }
  // The site's groups in the index, as "key: others".
  std::vector<std::string> site_entries() {
    Xapian::Database db(index_);
    const std::string prefix(schema::kSiteSynonymPrefix);
    std::vector<std::string> entries;
    for (auto key = db.synonym_keys_begin(prefix); key != db.synonym_keys_end(prefix); ++key) {
      std::string entry = (*key).substr(prefix.size()) + ":";
      for (auto it = db.synonyms_begin(*key); it != db.synonyms_end(*key); ++it) {
        entry += " " + *it;
      }
      entries.push_back(entry);
    }
    return entries;
  }

  testing::TempDir dir_;
  std::string index_;
  std::filesystem::path page_dir_;
};

TEST_F(SiteSynonymsTest, AGroupGivenByFileFindsAPageByEitherName) {
  EXPECT_FALSE(finds("heart attack", "infarction"));  // the shipped lists are off by default
  EXPECT_TRUE(finds("myocardial infarction", "infarction"));
  auto added = with_synonyms("site.txt", "# our names\nheart attack | myocardial infarction\n");
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_NE(added.err.find("1 synonym groups"), std::string::npos) << added.err;
  EXPECT_TRUE(finds("heart attack", "infarction"));
  EXPECT_TRUE(finds("Heart attacks", "infarction"));
  EXPECT_TRUE(finds("myocardial infarction", "infarction"));
  EXPECT_EQ(ids_for("myocardial infarction")[0], "infarction");
}

TEST_F(SiteSynonymsTest, ANewFileReplacesThePreviousGroupsAndDocumentsOtherNamesStay) {
  ASSERT_EQ(with_synonyms("one.txt", "heart attack | myocardial infarction\n").exit_code, 0);
  ASSERT_TRUE(finds("heart attack", "infarction"));
  auto replaced = with_synonyms("two.txt", "flu | influenza\n");
  ASSERT_EQ(replaced.exit_code, 0) << replaced.err;
  EXPECT_FALSE(finds("heart attack", "infarction"));
  EXPECT_EQ(site_entries(), (std::vector<std::string>{"flu: influenza", "influenza: flu"}));
  Analyzer analyzer;
  Xapian::Database db(index_);
  const std::string key = schema::name_key(analyzer, "Faciogenital dysplasia");
  ASSERT_NE(db.synonyms_begin(key), db.synonyms_end(key));
  EXPECT_EQ(*db.synonyms_begin(key), schema::name_key(analyzer, "Aarskog-Scott syndrome"));
  // An empty file takes the groups away; the documents' names still stay.
  ASSERT_EQ(with_synonyms("none.txt", "# nothing yet\n").exit_code, 0);
  EXPECT_TRUE(site_entries().empty());
  Xapian::Database after(index_);
  EXPECT_NE(after.synonyms_begin(key), after.synonyms_end(key));
}

TEST_F(SiteSynonymsTest, GroupsAndDocumentsOfOneRunAreWrittenTogether) {
  std::ofstream(dir_.path() / "flu.jsonl")
      << R"({"id": "flu", "question": "Is influenza serious?", "answer": "Influenza can be."})"
      << "\n";
  auto run = with_synonyms("site.txt", "flu | influenza\n",
                           shell_quote((dir_.path() / "flu.jsonl").string()));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(finds("flu", "flu"));
}

TEST_F(SiteSynonymsTest, ABadFileIsRefusedNamingItsLineAndChangesNothing) {
  ASSERT_EQ(with_synonyms("good.txt", "heart attack | myocardial infarction\n").exit_code, 0);
  const Xapian::rev revision = Xapian::Database(index_).get_revision();
  const std::vector<std::string> before = site_entries();
  std::ofstream(page_dir_ / "new.txt") << kInfarctionPage;  // a new page, in the same run
  struct Case {
    std::string text, expected;
  };
  const std::vector<Case> cases = {
      {"flu | influenza\nheart attack | | MI\n", "bad.txt:2: empty name"},
      {"flu | influenza\n  |  \n", "bad.txt:2: empty name"},
      {"# groups\n\nheart attack\n", "bad.txt:3: a group needs two or more names"},
      {"flu | influenza\nheart \xff\xfe attack | MI\n", "bad.txt:2: not valid UTF-8"},
      {"flu | influenza\nheart attack | -- //\n", "bad.txt:2: the name '-- //' has no words"},
      {"flu | \x01influenza\n", "bad.txt:1: holds a control character"},
  };
  for (const Case& c : cases) {
    auto refused = with_synonyms("bad.txt", c.text, shell_quote(page_dir_.string()));
    EXPECT_EQ(refused.exit_code, 2) << c.text;
    EXPECT_NE(refused.err.find(c.expected), std::string::npos) << refused.err;
    EXPECT_EQ(Xapian::Database(index_).get_revision(), revision) << c.text;
    EXPECT_EQ(site_entries(), before);
  }
  auto missing = index("--synonyms " + shell_quote((dir_.path() / "absent.txt").string()));
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("cannot read the synonyms file"), std::string::npos) << missing.err;
  EXPECT_FALSE(finds("cardiac muscle", "new"));
}

TEST_F(SiteSynonymsTest, TheServiceSeesNewGroupsWithTheNextCommit) {
  ServiceOptions options;
  options.searcher.index_dirs = {index_};
  testing::ServedIndex served(options);
  auto has = [&served](const std::string& target, const std::string& id) {
    json body = served.get_json(target);
    return std::any_of(body["hits"].begin(), body["hits"].end(),
                       [&id](const json& hit) { return hit["id"] == id; });
  };
  EXPECT_FALSE(has("/search?q=heart%20attack&limit=50", "infarction"));
  ASSERT_EQ(with_synonyms("site.txt", "heart attack | myocardial infarction\n").exit_code, 0);
  EXPECT_TRUE(has("/search?q=heart%20attack&limit=50", "infarction"));
}

TEST_F(SiteSynonymsTest, ARebuildKeepsTheSitesGroups) {
  ASSERT_EQ(with_synonyms("site.txt", "heart attack | myocardial infarction\n").exit_code, 0);
  auto rebuilt = index("--quiet --rebuild " + shell_quote(testing::corpus_dir().string()) + " " +
                       shell_quote(page_dir_.string()));
  ASSERT_EQ(rebuilt.exit_code, 0) << rebuilt.err;
  EXPECT_TRUE(finds("heart attack", "infarction"));
}

TEST(ShippedSynonymLists, AreFilesBesideTheExecutables) {
  Analyzer analyzer;
  const std::string dir = shipped_synonyms_dir();
  EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(dir) / "curated.txt")) << dir;
  SynonymTable table = SynonymTable::from_directory(dir, analyzer);
  EXPECT_GT(table.size(), 1000u);
  const auto& heart = table.expansions(schema::name_key(analyzer, "heart attack"));
  EXPECT_NE(
      std::find(heart.begin(), heart.end(), schema::name_key(analyzer, "myocardial infarction")),
      heart.end());
}

TEST(ShippedSynonymLists, WeighedButMissingTheSearcherSaysWhere) {
  testing::TempDir dir;
  const std::string index = (dir.path() / "index").string();
  testing::index_documents(index, {testing::make_document("a", "What is a?", "A is a letter.")});
  SearcherOptions options;
  options.index_dirs = {index};
  options.ranking.weights.synonym = 0.5;
  options.synonyms_dir = (dir.path() / "nowhere").string();
  try {
    Searcher searcher(options);
    ADD_FAILURE() << "opened without its synonym lists";
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("nowhere"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace hqa
