// The one-pass reader of stored documents (schema/stored_strings.h) reads what nlohmann's parser
// reads, on the index's own stored documents, on real JSON Lines and on hand-made escapes, and
// refuses what nlohmann refuses.
#include "schema/stored_strings.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "tests/test_support.h"

namespace hqa {
namespace {

bool any_key(std::string_view) { return true; }

// nlohmann's reading of the same text: its string members, when every member is a string.
std::optional<StoredStrings> nlohmann_strings(std::string_view json) {
  nlohmann::json parsed = nlohmann::json::parse(json, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) return std::nullopt;
  StoredStrings strings;
  for (const auto& [key, value] : parsed.items()) {
    if (!value.is_string()) return std::nullopt;
    strings.emplace_back(key, value.get<std::string>());
  }
  return strings;
}

// Both readings, as sorted (key, value) lists (nlohmann orders keys; the reader keeps the text's).
void expect_same_as_nlohmann(std::string_view json) {
  std::optional<StoredStrings> fast = read_stored_strings(json, any_key);
  std::optional<StoredStrings> slow = nlohmann_strings(json);
  ASSERT_EQ(fast.has_value(), slow.has_value()) << json;
  if (!fast) return;
  std::sort(fast->begin(), fast->end());
  std::sort(slow->begin(), slow->end());
  EXPECT_EQ(*fast, *slow) << json;
}

TEST(StoredStrings, EveryDocumentStoredFromTheCorpusReadsAsNlohmannReadsIt) {
  testing::TempDir dir;
  const std::string index = testing::index_corpus(dir.path());
  Xapian::Database db(index);
  ASSERT_GT(db.get_doccount(), 30u);
  for (auto id = db.postlist_begin(""); id != db.postlist_end(""); ++id) {
    const std::string data = db.get_document(*id).get_data();
    // other_names is an array: wanted, it is refused; left out, the rest is read.
    EXPECT_FALSE(data.find("\"other_names\"") != std::string::npos &&
                 read_stored_strings(data, any_key).has_value());
    auto strings_only = [](std::string_view key) { return key != "other_names"; };
    std::optional<StoredStrings> fast = read_stored_strings(data, strings_only);
    ASSERT_TRUE(fast.has_value()) << data;
    nlohmann::json parsed = nlohmann::json::parse(data);
    size_t strings = 0;
    for (const auto& [key, value] : parsed.items()) {
      if (!value.is_string()) continue;
      ++strings;
      EXPECT_EQ(stored_string(*fast, key), value.get<std::string>()) << key;
    }
    EXPECT_EQ(fast->size(), strings);
    EXPECT_FALSE(stored_string(*fast, "answer").empty());
  }
}

TEST(StoredStrings, LinesOfTheLiveQaCorpusReadAsNlohmannReadsThem) {
  const std::filesystem::path corpus = testing::shared_data("liveqa-med/corpus.jsonl");
  if (corpus.empty() || !std::filesystem::exists(corpus)) {
    GTEST_SKIP() << "../shared/data/liveqa-med/corpus.jsonl is absent";
  }
  std::ifstream in(corpus);
  std::string line;
  size_t compared = 0, with_escapes = 0;
  while (compared < 3000 && std::getline(in, line)) {
    nlohmann::json parsed = nlohmann::json::parse(line);
    // Only the string members are wanted; the others are passed over whatever their type.
    auto strings = [&parsed](std::string_view key) {
      return parsed.at(std::string(key)).is_string();
    };
    std::optional<StoredStrings> fast = read_stored_strings(line, strings);
    ASSERT_TRUE(fast.has_value()) << line;
    for (const auto& [key, value] : parsed.items()) {
      if (value.is_string()) {
        EXPECT_EQ(stored_string(*fast, key), value.get<std::string>());
      }
    }
    with_escapes += line.find("\\u") != std::string::npos || line.find("\\n") != std::string::npos;
    ++compared;
  }
  EXPECT_EQ(compared, 3000u);
  EXPECT_GT(with_escapes, 0u);  // the lines exercise the unescaping
}

TEST(StoredStrings, EscapesAndCharactersBeyondAsciiReadAsNlohmannReadsThem) {
  for (const char* json : {
           R"({"a":"plain","b":""})",
           R"({"q":"line\nbreak\ttab \"quoted\" back\\slash \/ \b\f\r"})",
           R"({"u":"\u00e9t\u00C9 \u2026 \u0041"})",
           R"({"emoji":"\ud83d\ude00 and \uD834\uDD1E"})",
           R"({"nul":"a\u0000b"})",
           "{\"raw\":\"M\xC3\xA9ni\xC3\xA8re \xE2\x80\x9Cquoted\xE2\x80\x9D \xF0\x9F\x98\x80\"}",
           " \n{ \"spaced\" :\t\"out\" ,\r\n \"x\" : \"y\" } \n",
           R"({"twice":"first","twice":"last"})",
           R"({})",
       }) {
    expect_same_as_nlohmann(json);
  }
  std::optional<StoredStrings> twice = read_stored_strings(R"({"k":"1","k":"2"})", any_key);
  ASSERT_TRUE(twice);
  EXPECT_EQ(twice->size(), 1u);
  EXPECT_EQ(stored_string(*twice, "k"), "2");
}

TEST(StoredStrings, ValuesOfKeysNotWantedArePassedOverWhateverTheirType) {
  const std::string json =
      R"({"n":-12.5e+3,"t":true,"f":false,"z":null,"arr":[1,"two",{"x":[[]]},[]],)"
      R"("obj":{"k":"v","deep":{"a":[null]}},"question":"kept","zero":0})";
  auto question_only = [](std::string_view key) { return key == "question"; };
  std::optional<StoredStrings> read = read_stored_strings(json, question_only);
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->size(), 1u);
  EXPECT_EQ(stored_string(*read, "question"), "kept");
  EXPECT_EQ(stored_string(*read, "answer"), "");
  ASSERT_FALSE(nlohmann::json::parse(json, nullptr, false).is_discarded());
  // Wanted but not a string: refused, so that the caller reads it otherwise.
  EXPECT_FALSE(read_stored_strings(json, [](std::string_view key) { return key == "n"; }));
}

TEST(StoredStrings, TextThatIsNotOneJsonObjectIsRefusedAsNlohmannRefusesIt) {
  for (const char* json : {
           "",
           "[]",
           R"("just a string")",
           R"({"a":"b")",
           R"({"a":"b"} trailing)",
           R"({"a":"b",})",
           R"({"a" "b"})",
           R"({a:"b"})",
           R"({"a":'b'})",
           R"({"a":"unterminated})",
           R"({"a":"bad \x escape"})",
           R"({"a":"\u12"})",
           R"({"a":"\ud83d alone"})",
           R"({"a":"\ude00 low alone"})",
           "{\"a\":\"raw\ttab\"}",
           "{\"a\":\"not \xC3 utf-8\"}",
           "{\"a\":\"overlong \xC0\xAF\"}",
           R"({"n":01,"a":"b"})",
           R"({"n":1.,"a":"b"})",
           R"({"n":-,"a":"b"})",
           R"({"n":tru,"a":"b"})",
           R"({"n":[1,],"a":"b"})",
       }) {
    EXPECT_FALSE(read_stored_strings(json, any_key).has_value()) << json;
    nlohmann::json parsed = nlohmann::json::parse(json, nullptr, false);
    EXPECT_TRUE(parsed.is_discarded() || !parsed.is_object()) << json;
  }
  // Nesting deeper than the reader goes is refused, not recursed into without end.
  const std::string deep = R"({"a":)" + std::string(100000, '[') + std::string(100000, ']') + "}";
  EXPECT_FALSE(read_stored_strings(deep, [](std::string_view) { return false; }).has_value());
}

}  // namespace
}  // namespace hqa
