// Shared test helpers: where the data is, temporary folders, running the executables.
#ifndef HQA_TESTS_TEST_SUPPORT_H_
#define HQA_TESTS_TEST_SUPPORT_H_

#include <filesystem>
#include <string>
#include <vector>

#include "schema/answer_document.h"

namespace hqa::testing {

// corpus/ of this checkout.
std::filesystem::path corpus_dir();
// ../shared/seeds/000_683c2e98c07ba2e0.txt
std::filesystem::path seed_page();
// ../shared/data/<name>, or an empty path when ../shared/data is absent (tests then skip).
std::filesystem::path shared_data(const std::string& name);

// A fresh folder under the system temp dir, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  // Writes `content` to path()/name and returns the full path.
  std::filesystem::path write(const std::string& name, const std::string& content) const;

 private:
  std::filesystem::path path_;
};

std::string read_file(const std::filesystem::path& path);

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs `command` through /bin/sh, capturing stdout and stderr.
CommandResult run_command(const std::string& command);

// Paths of the built executables.
std::string index_bin();
std::string search_bin();

// A document with just the fields most tests need.
AnswerDocument make_document(const std::string& id, const std::string& question,
                             const std::string& answer);

// Writes `documents` into the index at `dir` (created if missing) and commits.
void index_documents(const std::string& dir, const std::vector<AnswerDocument>& documents);

// Indexes corpus/ into `dir` / "index", as hqa-index does, and returns that folder. Throws if
// any page is rejected: every test that serves the corpus counts on all of it.
std::string index_corpus(const std::filesystem::path& dir);

// Occurrences of `needle` in `text`, counting overlapping ones.
size_t count_of(const std::string& text, const std::string& needle);

// Quotes `text` for /bin/sh.
std::string shell_quote(const std::string& text);

}  // namespace hqa::testing

#endif  // HQA_TESTS_TEST_SUPPORT_H_
