// @brief Reading TREC qrels and runs, line by line, with errors that name the line.
#include "eval/trec_files.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <unordered_map>

#include "schema/errors.h"

namespace hqa {
namespace {

// The whitespace-separated columns of `line`.
std::vector<std::string> columns_of(const std::string& line) {
  std::vector<std::string> columns;
  size_t at = 0;
  while (true) {
    at = line.find_first_not_of(" \t\r\n\v\f", at);
    if (at == std::string::npos) break;
    size_t end = line.find_first_of(" \t\r\n\v\f", at);
    columns.push_back(line.substr(at, end == std::string::npos ? std::string::npos : end - at));
    if (end == std::string::npos) break;
    at = end;
  }
  return columns;
}

std::string place(const std::string& name, size_t line) {
  return name + ":" + std::to_string(line) + ": ";
}

bool parse_integer(const std::string& text, long& value) {
  if (text.empty()) return false;
  errno = 0;
  char* end = nullptr;
  value = std::strtol(text.c_str(), &end, 10);
  return errno == 0 && end == text.c_str() + text.size();
}

bool parse_score(const std::string& text, double& value) {
  if (text.empty()) return false;
  errno = 0;
  char* end = nullptr;
  value = std::strtod(text.c_str(), &end);
  return errno != ERANGE && end == text.c_str() + text.size() && std::isfinite(value);
}

}  // namespace

Qrels read_qrels(std::istream& in, const std::string& name, std::vector<std::string>* repeated) {
  Qrels qrels;
  // (qid, docid) -> the line that judged it first, for the message about a second judgement.
  std::map<std::pair<std::string, std::string>, size_t> judged_on;
  size_t number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    std::vector<std::string> columns = columns_of(line);
    if (columns.empty()) continue;
    if (columns.size() != 4) {
      throw InvalidInput(place(name, number) +
                         "expected 4 columns 'qid iteration docid grade', found " +
                         std::to_string(columns.size()));
    }
    long grade = 0;
    if (!parse_integer(columns[3], grade) || grade < -1000000 || grade > 1000000) {
      throw InvalidInput(place(name, number) + "grade '" + columns[3] + "' is not an integer");
    }
    auto [first, inserted] = judged_on.emplace(std::make_pair(columns[0], columns[2]), number);
    if (!inserted && repeated != nullptr) {
      repeated->push_back(place(name, number) + "topic " + columns[0] + " judges document " +
                          columns[2] + " again (first on line " + std::to_string(first->second) +
                          ")");
    }
    qrels[columns[0]][columns[2]] = static_cast<int>(grade);
  }
  return qrels;
}

Run read_run(std::istream& in, const std::string& name) {
  Run run;
  // qid -> docid -> line, to name both lines of a document listed twice.
  std::unordered_map<std::string, std::unordered_map<std::string, size_t>> seen;
  size_t number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line[first] == '#') continue;
    std::vector<std::string> columns = columns_of(line);
    if (columns.size() != 6) {
      throw InvalidInput(place(name, number) +
                         "expected 6 columns 'qid Q0 docid rank score tag', found " +
                         std::to_string(columns.size()));
    }
    long rank = 0;
    if (!parse_integer(columns[3], rank)) {
      throw InvalidInput(place(name, number) + "rank '" + columns[3] + "' is not an integer");
    }
    double score = 0;
    if (!parse_score(columns[4], score)) {
      throw InvalidInput(place(name, number) + "score '" + columns[4] + "' is not a number");
    }
    auto [earlier, inserted] = seen[columns[0]].emplace(columns[2], number);
    if (!inserted) {
      throw InvalidInput(place(name, number) + "topic " + columns[0] + " lists document " +
                         columns[2] + " twice (first on line " + std::to_string(earlier->second) +
                         "); trec_eval refuses such a run");
    }
    run[columns[0]].push_back({columns[2], score});
  }
  return run;
}

std::vector<RunEntry> rank_entries(std::vector<RunEntry> entries) {
  std::sort(entries.begin(), entries.end(), [](const RunEntry& a, const RunEntry& b) {
    return a.score != b.score ? a.score > b.score : a.doc_id > b.doc_id;
  });
  return entries;
}

}  // namespace hqa
