// Which files a batch job reads, and with which reader: the inputs named on the command line
// (files, folders walked recursively, "-" for JSONL on standard input) become a list of files
// in a stable order, each with its format. What cannot be read is reported as a Rejection.
#ifndef HQA_INDEXER_INPUT_PLAN_H_
#define HQA_INDEXER_INPUT_PLAN_H_

#include <cstdint>
#include <string>
#include <vector>

#include "indexer/reader.h"

namespace hqa {

enum class InputFormat { kAuto, kPage, kJsonl, kMedquad };

// "page", "jsonl", "medquad" or "auto"; throws InvalidInput on anything else.
InputFormat parse_input_format(const std::string& name);

// An input file and the reader it needs. "-" is standard input.
struct InputFile {
  std::string path;
  InputFormat format;
};

struct InputPlan {
  std::vector<InputFile> files;
  uint64_t ignored_files = 0;  // files in folders whose extension no reader takes
  // What cannot be read, with the absolute path it concerns (a folder that cannot be walked
  // protects everything under it from --prune), or empty.
  struct Problem {
    Rejection rejection;
    std::string source_file;
  };
  std::vector<Problem> problems;
};

// Adds the files `input` names to `plan`. kAuto picks the format by extension (.txt/.page:
// page, .jsonl/.ndjson: JSONL, .xml: MedQuAD); a fixed format reads a named file as that format,
// and in folders only files of its extensions.
void plan_input(const std::string& input, InputFormat format, InputPlan& plan);

// The absolute, normalised form of a path: what documents record as their source file, and
// what --prune compares with the inputs.
std::string absolute_path(const std::string& path);

// True if `path` is `root` or lies under it (both absolute_path()s).
bool is_under(const std::string& path, const std::string& root);

}  // namespace hqa

#endif  // HQA_INDEXER_INPUT_PLAN_H_
