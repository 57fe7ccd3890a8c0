// @brief Query latency of a plain Xapian search over the index Omega's scriptindex builds with
// bench/peers/hqa.script: the peer of bench/search_latency.cc in scripts/bench_scale.sh.
//   xapian_search INDEX QUERIES.tsv [--rounds N] [--warmup N]
// Per query, in one process with the database open (as Omega's CGI does per request, minus the
// process and template): QueryParser (English stemmer, STEM_SOME, OR, no query syntax, Lucene's
// 33 English stopwords) over the question (prefix XQ, weight x2) and the answer (unprefixed),
// BM25, top 10, each hit's record read and question + answer highlighted with MSet::snippet,
// which is what Omega's $snippet calls. Prints p50/p90/p99/max ms like search_latency.
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

// The record's "name=value" line (scriptindex's `field` action writes one line per field).
std::string field(const std::string& data, const std::string& name) {
  std::string key = name + "=";
  for (size_t at = 0; at < data.size();) {
    size_t end = data.find('\n', at);
    if (end == std::string::npos) end = data.size();
    if (data.compare(at, key.size(), key) == 0)
      return data.substr(at + key.size(), end - at - key.size());
    at = end + 1;
  }
  return {};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: xapian_search INDEX QUERIES.tsv [--rounds N] [--warmup N]\n";
    return 2;
  }
  int rounds = 3;
  int warmup = 1;
  for (int i = 3; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--rounds") == 0) rounds = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--warmup") == 0) warmup = std::atoi(argv[i + 1]);
  }
  std::vector<std::string> queries;
  std::ifstream in(argv[2]);
  for (std::string line; std::getline(in, line);) {
    size_t tab = line.find('\t');
    if (tab != std::string::npos) queries.push_back(line.substr(tab + 1));
  }
  try {
    Xapian::Database db(argv[1]);
    Xapian::Stem stemmer("english");
    Xapian::SimpleStopper stopper;
    for (const char* word :
         {"a",   "an",    "and",  "are",   "as",    "at",   "be",   "but", "by",  "for",  "if",
          "in",  "into",  "is",   "it",    "no",    "not",  "of",   "on",  "or",  "such", "that",
          "the", "their", "then", "there", "these", "they", "this", "to",  "was", "will", "with"}) {
      stopper.add(word);
    }
    Xapian::QueryParser parser;
    parser.set_database(db);
    parser.set_stemmer(stemmer);
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.set_stopper(&stopper);
    parser.set_default_op(Xapian::Query::OP_OR);
    std::vector<double> ms;
    size_t hits = 0;
    for (int round = 0; round < warmup + rounds; ++round) {
      for (const std::string& text : queries) {
        auto start = std::chrono::steady_clock::now();
        Xapian::Query question(Xapian::Query::OP_SCALE_WEIGHT, parser.parse_query(text, 0, "XQ"),
                               2.0);
        Xapian::Query query(Xapian::Query::OP_OR, question, parser.parse_query(text, 0, ""));
        Xapian::Enquire enquire(db);
        enquire.set_query(query);
        Xapian::MSet mset = enquire.get_mset(0, 10);
        for (Xapian::MSetIterator hit = mset.begin(); hit != mset.end(); ++hit) {
          std::string data = hit.get_document().get_data();
          std::string marked = mset.snippet(field(data, "question"), 500, stemmer);
          std::string snippet = mset.snippet(field(data, "answer"), 200, stemmer);
          hits += !field(data, "id").empty() + marked.empty() + snippet.empty();
        }
        if (round >= warmup) {
          ms.push_back(
              std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                  .count());
        }
      }
    }
    if (ms.empty()) return 2;
    std::sort(ms.begin(), ms.end());
    auto at = [&ms](double q) {
      return ms[std::min(ms.size() - 1, static_cast<size_t>(q * ms.size()))];
    };
    std::printf("%-28s %8s %8s %8s %8s %8s\n", "search (top 10 + snippets)", "queries", "p50 ms",
                "p90 ms", "p99 ms", "max ms");
    std::printf("%-28s %8zu %8.2f %8.2f %8.2f %8.2f\n", "xapian (omega index)", ms.size(), at(0.5),
                at(0.9), at(0.99), ms.back());
    if (hits == 0) std::cerr << "xapian_search: no query found anything\n";
  } catch (const Xapian::Error& e) {
    std::cerr << "xapian_search: " << e.get_description() << "\n";
    return 2;
  }
  return 0;
}
