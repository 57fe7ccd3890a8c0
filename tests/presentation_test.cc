// Presentation per request, over HTTP and from the command line, on the corpus/ pages: the
// site's own highlight tags around matches of the escaped text, hostile tags refused, the
// snippet's length and crop marker, the fields each hit shows, and facets' max_values and
// estimated flag.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "indexer/indexing_job.h"
#include "searcher/search_request.h"
#include "tests/served_index.h"
#include "tests/test_support.h"

namespace hqa {
namespace {

using nlohmann::json;
using testing::count_of;
using testing::url_encode;

class PresentationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    index_ = testing::index_corpus(dir_.path());
    // A page whose text holds markup of its own, which must stay escaped text.
    testing::index_documents(
        index_, {testing::make_document(
                    "markup", "Is measles <b>risky</b> when x < 5 & y > 2?",
                    "Measles spreads when immunity < 95% & <script>alert(1)</script> is text.")});
  }

  std::unique_ptr<testing::ServedIndex> serve(size_t facet_depth = 10000) {
    ServiceOptions options;
    options.searcher.index_dirs = {index_};
    options.searcher.facet_depth = facet_depth;
    return std::make_unique<testing::ServedIndex>(options);
  }

  testing::TempDir dir_;
  std::string index_;
};

const json* hit_with_id(const json& body, const std::string& id) {
  for (const json& hit : body["hits"]) {
    if (hit["id"] == id) return &hit;
  }
  return nullptr;
}

TEST_F(PresentationTest, CustomTagsWrapOnlyMatchesAndTheDocumentTextStaysEscaped) {
  auto served = serve();
  json body = served->get_json("/search?q=measles&limit=50&highlight_pre=" +
                               url_encode("<em class=\"hit\">") + "&highlight_post=%3C%2Fem%3E");
  const json* hit = hit_with_id(body, "markup");
  ASSERT_TRUE(hit) << body.dump();
  const std::string question = (*hit)["question"], snippet = (*hit)["snippet"];
  EXPECT_EQ(question,
            "Is <em class=\"hit\">measles</em> &lt;b&gt;risky&lt;/b&gt; when x &lt; 5 &amp; y "
            "&gt; 2?");
  EXPECT_NE(snippet.find("<em class=\"hit\">Measles</em> spreads"), std::string::npos) << snippet;
  EXPECT_NE(snippet.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos) << snippet;
  // The only markup is the tags, each pair around a match.
  for (const json& any : body["hits"]) {
    for (const std::string text : {any["question"], any["snippet"]}) {
      EXPECT_EQ(count_of(text, "<"), 2 * count_of(text, "<em class=\"hit\">")) << text;
      EXPECT_EQ(count_of(text, "<em class=\"hit\">"), count_of(text, "</em>")) << text;
      EXPECT_EQ(text.find("<mark>"), std::string::npos) << text;
    }
  }
}

TEST_F(PresentationTest, PlainTextMarkersAndACropMarkerAreInsertedAsGiven) {
  auto served = serve();
  json body = served->get_json(
      "/search?q=measles%20contagious&highlight_pre=%5B%5B&highlight_post=%5D%5D&crop_marker=" +
      url_encode(" [...] ") + "&snippet_words=6");
  ASSERT_FALSE(body["hits"].empty());
  EXPECT_EQ(body["hits"][0]["id"], "008_measles-contagious");
  const std::string snippet = body["hits"][0]["snippet"];
  EXPECT_NE(snippet.find("[[Measles]]"), std::string::npos) << snippet;
  EXPECT_NE(snippet.find(" [...] "), std::string::npos) << snippet;
  EXPECT_EQ(snippet.find("\u2026"), std::string::npos) << snippet;
  EXPECT_EQ(body["hits"][0]["question"], "Is [[Measles]] [[contagious]]?");
}

TEST_F(PresentationTest, DefaultsStayMarkTagsAndTheServersSnippetLength) {
  auto served = serve();
  json body = served->get_json("/search?q=measles%20contagious");
  ASSERT_FALSE(body["hits"].empty());
  EXPECT_EQ(body["hits"][0]["question"], "Is <mark>Measles</mark> <mark>contagious</mark>?");
  const json& hit = body["hits"][0];
  for (const char* key : {"id", "rank", "score", "question", "condition", "source", "type", "url",
                          "updated", "snippet"}) {
    EXPECT_TRUE(hit.contains(key)) << key;
  }
  EXPECT_EQ(hit.size(), 10u) << hit.dump();
  EXPECT_FALSE(body["facets_estimated"]);
}

TEST_F(PresentationTest, HostileTagsAreRefusedWithA400NamingTheParameter) {
  auto served = serve();
  // 10 KB does not fit a request target (414, before any parameter is read); 5 KB does.
  const std::string tag_10k = "<span class=\"" + std::string(10000, 'a') + "\">";
  json too_long = served->get_json("/search?q=measles&highlight_pre=" + url_encode(tag_10k), 414);
  EXPECT_EQ(too_long["status"], 414);
  const std::string tag_5k = "<span class=\"" + std::string(5000, 'a') + "\">";
  struct Case {
    std::string pre, post, named;
  };
  const std::vector<Case> cases = {
      {tag_5k, "</span>", "highlight_pre"},
      {std::string(65, '*'), "*", "highlight_pre"},
      {"<script>", "</script>", "highlight_pre"},
      {"<style>", "</style>", "highlight_pre"},
      {"<iframe src=\"x\">", "</iframe>", "highlight_pre"},
      {"<img src=x onerror=alert(1)>", "", "highlight_pre"},
      {"<span onmouseover=\"alert(1)\">", "</span>", "highlight_pre"},
      {"<b ONCLICK=\"x\">", "</b>", "highlight_pre"},
      {"<span style=\"color:red\">", "</span>", "highlight_pre"},
      {"<span class=\"a\" title=\"javascript:alert(1)\">", "</span>", "highlight_pre"},
      {"<span class='hit'>", "</span>", "highlight_pre"},
      {"<span class=\"x\"y\">", "</span>", "highlight_pre"},
      {"<em", "</em>", "highlight_pre"},
      {"<em><b>", "</b></em>", "highlight_pre"},
      {"<em/>", "", "highlight_pre"},
      {"<em>", "</b>", "highlight_post"},
      {"<em>", "</em><script>", "highlight_post"},
      {"<em>", "", "highlight_post"},
      {"[[", "</em>", "highlight_post"},
      {"a&b", "c", "highlight_pre"},
      {"[[", "]]\"", "highlight_post"},
      {"\xff", "x", "highlight_pre"},
  };
  for (const Case& c : cases) {
    const std::string target = "/search?q=measles&highlight_pre=" + url_encode(c.pre) +
                               "&highlight_post=" + url_encode(c.post);
    json body = served->get_json(target, 400);
    ASSERT_TRUE(body.is_object()) << c.pre;
    EXPECT_EQ(body["status"], 400);
    EXPECT_NE(body["error"].get<std::string>().find("'" + c.named + "'"), std::string::npos)
        << c.pre << " " << c.post << ": " << body["error"];
  }
  json crop = served->get_json("/search?q=measles&crop_marker=%3Cb%3E", 400);
  EXPECT_NE(crop["error"].get<std::string>().find("'crop_marker'"), std::string::npos);
  served->get_json("/health");  // and the server is fine
}

TEST_F(PresentationTest, TheSnippetLengthIsHonouredWithinItsRange) {
  auto served = serve();
  auto words_of = [](const std::string& snippet) {
    const std::string text = std::regex_replace(snippet, std::regex("<[^>]*>|\u2026"), " ");
    std::istringstream in(text);
    size_t words = 0;
    for (std::string word; in >> word;) ++words;
    return words;
  };
  json short_one = served->get_json("/search?q=measles%20vaccine&snippet_words=8&limit=3");
  json long_one = served->get_json("/search?q=measles%20vaccine&snippet_words=120&limit=3");
  ASSERT_FALSE(short_one["hits"].empty());
  for (const json& hit : short_one["hits"]) {
    EXPECT_LE(words_of(hit["snippet"]), 10u) << hit["snippet"];  // 8, with glued punctuation
  }
  EXPECT_GT(words_of(long_one["hits"][0]["snippet"]), 100u);
  for (const std::string bad : {"0", "-1", "3", "201", "99999999999", "ten", ""}) {
    json body = served->get_json("/search?q=measles&snippet_words=" + bad, 400);
    EXPECT_NE(body["error"].get<std::string>().find("'snippet_words' must be a whole number "
                                                    "from 4 to 200"),
              std::string::npos)
        << bad << ": " << body["error"];
  }
}

TEST_F(PresentationTest, FieldsChooseWhatEachHitShows) {
  auto served = serve();
  json body = served->get_json("/search?q=measles%20contagious&fields=question&limit=3");
  ASSERT_FALSE(body["hits"].empty());
  for (const json& hit : body["hits"]) {
    EXPECT_EQ(hit.size(), 2u) << hit.dump();
    EXPECT_TRUE(hit.contains("id") && hit.contains("question"));
  }
  json answer = served->get_json("/search?q=measles%20contagious&fields=id,answer,short_answer");
  const std::string text = answer["hits"][0]["answer"];
  EXPECT_EQ(text.rfind("Yes, Measles is one of the most contagious", 0), 0u) << text;
  EXPECT_EQ(text.find("<mark>"), std::string::npos);  // stored text, not HTML
  EXPECT_TRUE(answer["hits"][0].contains("short_answer"));
  json unknown = served->get_json("/search?q=measles&fields=id,password", 400);
  EXPECT_NE(unknown["error"].get<std::string>().find("unknown field 'password'"), std::string::npos)
      << unknown["error"];
  EXPECT_NE(unknown["error"].get<std::string>().find("'fields'"), std::string::npos);
  served->get_json("/search?q=measles&fields=", 400);
  served->get_json("/search?q=measles&fields=,,", 400);
}

TEST_F(PresentationTest, FacetsListAtMostMaxValues) {
  auto served = serve();
  json all = served->get_json("/search?q=disease&facets=condition,type");
  ASSERT_GT(all["facets"]["condition"].size(), 2u);
  json two = served->get_json("/search?q=disease&facets=condition,type&max_values=2");
  EXPECT_EQ(two["facets"]["condition"].size(), 2u);
  EXPECT_EQ(two["facets"]["condition"][0], all["facets"]["condition"][0]);
  EXPECT_LE(two["facets"]["type"].size(), 2u);
  for (const std::string bad : {"0", "-3", "101", "many"}) {
    json body = served->get_json("/search?q=disease&facets=type&max_values=" + bad, 400);
    EXPECT_NE(body["error"].get<std::string>().find("'max_values' must be a whole number from 1 "
                                                    "to " +
                                                    std::to_string(kMaxFacetValues)),
              std::string::npos)
        << body["error"];
  }
}

TEST_F(PresentationTest, FacetCountsSayWhenTheyComeFromPartOfTheMatches) {
  // All 37 pages have a source; counting stops after facet_depth matches.
  auto exact = serve();
  json counted = exact->get_json("/search?q=source:DiseaseMaps&facets=source&limit=1");
  EXPECT_FALSE(counted["facets_estimated"]) << counted.dump();
  EXPECT_EQ(counted["facets"]["source"][0]["count"], 36);
  exact.reset();
  auto partial = serve(5);
  json estimated = partial->get_json("/search?q=source:DiseaseMaps&facets=source&limit=1");
  EXPECT_TRUE(estimated["facets_estimated"]) << estimated.dump();
  EXPECT_LT(estimated["facets"]["source"][0]["count"], 36);
  json few = partial->get_json("/search?q=measles%20contagious&facets=source");
  EXPECT_FALSE(few["facets_estimated"]) << few.dump();  // fewer matches than counted
}

TEST_F(PresentationTest, TheCommandLineTakesTheSameOptions) {
  const std::string base = testing::search_bin() + " --index " + testing::shell_quote(index_) +
                           " --json measles --facets type ";
  testing::CommandResult ok =
      testing::run_command(base +
                           "--highlight-pre '<b class=\"hit\">' --highlight-post '</b>' "
                           "--fields id,question --max-values 1 --snippet-words 8");
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  json body = json::parse(ok.out);
  ASSERT_FALSE(body["hits"].empty());
  EXPECT_EQ(body["hits"][0].size(), 2u);
  EXPECT_NE(body["hits"][0]["question"].get<std::string>().find("<b class=\"hit\">"),
            std::string::npos);
  EXPECT_EQ(body["facets"]["type"].size(), 1u);
  testing::CommandResult script =
      testing::run_command(base + "--highlight-pre '<script>' --highlight-post '</script>'");
  EXPECT_EQ(script.exit_code, 2);
  EXPECT_NE(script.err.find("hqa-search: --highlight-pre may not be a <script> tag"),
            std::string::npos)
      << script.err;
  testing::CommandResult huge =
      testing::run_command(base + "--highlight-pre '<b class=\"" + std::string(10000, 'a') +
                           "\">' --highlight-post '</b>'");
  EXPECT_EQ(huge.exit_code, 2);
  EXPECT_NE(huge.err.find("--highlight-pre is longer than 64 bytes"), std::string::npos);
  testing::CommandResult field = testing::run_command(base + "--fields id,nope");
  EXPECT_EQ(field.exit_code, 2);
  EXPECT_NE(field.err.find("--fields: unknown field 'nope'"), std::string::npos) << field.err;
}

}  // namespace
}  // namespace hqa
