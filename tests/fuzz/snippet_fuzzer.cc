// Fuzzes snippet generation (searcher/snippet.h): the first line is a query, the rest the text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analysis/analyzer.h"
#include "searcher/query_builder.h"
#include "searcher/query_parser.h"
#include "searcher/snippet.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const hqa::Analyzer analyzer;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t newline = input.find('\n');
  std::string_view query = input.substr(0, newline);
  std::string_view text = newline == std::string_view::npos ? "" : input.substr(newline + 1);

  hqa::BuiltQuery built = hqa::build_query(hqa::parse_query(query), analyzer, hqa::QueryWeights{});
  (void)hqa::make_snippet(text, built.highlight, analyzer);
  hqa::SnippetOptions few;
  few.words = 3;  // passages shorter than the matches around them
  (void)hqa::make_snippet(text, built.highlight, analyzer, few);
  (void)hqa::highlight_all(text, built.highlight, analyzer);
  return 0;
}
