// @brief Shared test helpers.
#include "tests/test_support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

#include "indexer/index_writer.h"
#include "indexer/indexing_job.h"

namespace hqa::testing {
namespace fs = std::filesystem;

fs::path corpus_dir() { return fs::path(HQA_SOURCE_DIR) / "corpus"; }

fs::path seed_page() { return fs::path(HQA_SHARED_DIR) / "seeds" / "000_683c2e98c07ba2e0.txt"; }

fs::path shared_data(const std::string& name) {
  fs::path path = fs::path(HQA_SHARED_DIR) / "data" / name;
  return fs::exists(path) ? path : fs::path();
}

TempDir::TempDir() {
  std::random_device random;
  path_ = fs::temp_directory_path() /
          ("hqa-test-" + std::to_string(getpid()) + "-" + std::to_string(random()));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

fs::path TempDir::write(const std::string& name, const std::string& content) const {
  fs::path file = path_ / name;
  fs::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary);
  out << content;
  return file;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

CommandResult run_command(const std::string& command) {
  TempDir capture;
  fs::path out = capture.path() / "out";
  fs::path err = capture.path() / "err";
  std::string full = command + " >" + shell_quote(out.string()) + " 2>" + shell_quote(err.string());
  int status = std::system(full.c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_file(out);
  result.err = read_file(err);
  return result;
}

std::string index_bin() { return HQA_INDEX_BIN; }
std::string search_bin() { return HQA_SEARCH_BIN; }

AnswerDocument make_document(const std::string& id, const std::string& question,
                             const std::string& answer) {
  AnswerDocument doc;
  doc.id = id;
  doc.question = question;
  doc.answer = answer;
  return doc;
}

void index_documents(const std::string& dir, const std::vector<AnswerDocument>& documents) {
  IndexWriter writer({dir, 1000, {}});
  for (const AnswerDocument& doc : documents) writer.add(doc);
}

std::string index_corpus(const std::filesystem::path& dir) {
  IndexJobOptions job;
  job.index_dir = (dir / "index").string();
  job.inputs = {corpus_dir().string()};
  IndexJobSummary summary = run_index_job(job);
  if (summary.rejected != 0) throw std::runtime_error("corpus/ has rejected pages");
  return job.index_dir;
}

size_t count_of(const std::string& text, const std::string& needle) {
  size_t count = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++count;
  }
  return count;
}

std::string shell_quote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

}  // namespace hqa::testing
