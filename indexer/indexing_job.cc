// @brief The batch indexing run: input walk, reader dispatch, progress and summary.
#include "indexer/indexing_job.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>
#include <xapian.h>

#include "indexer/index_writer.h"
#include "indexer/jsonl_reader.h"
#include "indexer/medquad_reader.h"
#include "indexer/page_reader.h"

namespace hqa {
namespace fs = std::filesystem;
namespace {

using Clock = std::chrono::steady_clock;

InputFormat format_of_extension(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  if (ext == ".txt" || ext == ".page") return InputFormat::kPage;
  if (ext == ".jsonl" || ext == ".ndjson") return InputFormat::kJsonl;
  if (ext == ".xml") return InputFormat::kMedquad;
  return InputFormat::kAuto;
}

std::string format_number(double value, int decimals) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  return text;
}

// Receives what readers produce and writes it, keeping the counts.
class JobSink : public DocumentSink {
 public:
  // A sink of shard `shard` of `shards` writes every shards-th document, and only shard 0
  // reports rejections and unanswered questions, so that together they count each input once.
  JobSink(IndexWriter& writer, IndexJobSummary& summary, std::ostream* rejections, unsigned shard,
          unsigned shards)
      : writer_(writer), summary_(summary), rejections_(rejections), shard_(shard), shards_(shards) {}

  void accept(AnswerDocument doc) override {
    if (documents_seen_++ % shards_ != shard_) return;
    WriteOutcome outcome;
    try {
      outcome = writer_.add(doc);
    } catch (const std::invalid_argument& e) {
      reject({current_file, 0, "id " + doc.id.substr(0, 60), e.what()});
      return;
    }
    switch (outcome) {
      case WriteOutcome::kAdded: ++summary_.added; break;
      case WriteOutcome::kReplaced: ++summary_.replaced; break;
      case WriteOutcome::kUnchanged: ++summary_.unchanged; break;
    }
  }
  void reject(Rejection rejection) override {
    if (shard_ != 0) return;
    ++summary_.rejected;
    if (rejections_) *rejections_ << "rejected: " << rejection.to_string() << "\n" << std::flush;
    // Keep the list bounded: a million bad lines must not hold a million messages.
    if (summary_.rejection_list.size() < 1000) summary_.rejection_list.push_back(std::move(rejection));
  }
  void skip_unanswered() override {
    if (shard_ == 0) ++summary_.unanswered;
  }

  std::string current_file;  // named in rejections the writer causes

 private:
  IndexWriter& writer_;
  IndexJobSummary& summary_;
  std::ostream* rejections_;
  unsigned shard_;
  unsigned shards_;
  uint64_t documents_seen_ = 0;
};

// One line on a terminal, redrawn at most a few times a second.
class ProgressLine {
 public:
  ProgressLine(std::ostream* out, const IndexJobSummary& summary, Clock::time_point start)
      : out_(out), summary_(summary), start_(start) {}

  void update(const std::string& current_file, bool force = false) {
    if (!out_) return;
    auto now = Clock::now();
    if (!force && now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    double seconds = std::chrono::duration<double>(now - start_).count();
    uint64_t docs = summary_.added + summary_.replaced + summary_.unchanged;
    std::string name = fs::path(current_file).filename().string();
    *out_ << "\r\033[K" << docs << " docs · " << format_number(summary_.bytes / 1e6, 1) << " MB · "
          << format_number(seconds > 0 ? docs / seconds : 0, 0) << " docs/s · "
          << summary_.rejected << " rejected · " << name << std::flush;
  }
  void finish() {
    if (out_) *out_ << "\r\033[K" << std::flush;
  }

 private:
  std::ostream* out_;
  const IndexJobSummary& summary_;
  Clock::time_point start_;
  Clock::time_point last_{};
};

class Job {
 public:
  explicit Job(const IndexJobOptions& options, unsigned shard = 0, unsigned shards = 1)
      : options_(options),
        writer_({options.index_dir, options.batch_size, options.analyzer}),
        sink_(writer_, summary_, options.rejections, shard, shards),
        start_(Clock::now()),
        progress_(options.progress, summary_, start_) {}

  IndexJobSummary run() {
    for (const std::string& input : options_.inputs) walk(input);
    for (const std::string& id : options_.delete_ids) {
      if (writer_.remove(id)) {
        ++summary_.deleted;
      } else {
        ++summary_.delete_missing;
      }
    }
    writer_.commit();
    progress_.finish();
    summary_.seconds = std::chrono::duration<double>(Clock::now() - start_).count();
    return summary_;
  }

 private:
  void walk(const std::string& input) {
    if (input == "-") {
      ++summary_.files;
      sink_.current_file = "<stdin>";
      summary_.bytes += read_jsonl(std::cin, "<stdin>", sink_, options_.limits);
      return;
    }
    std::error_code error;
    fs::file_status status = fs::status(input, error);
    if (!fs::exists(status)) {
      sink_.reject({input, 0, "", "no such file or folder"});
      return;
    }
    if (!fs::is_directory(status)) {
      InputFormat format = options_.format != InputFormat::kAuto ? options_.format
                                                                   : format_of_extension(input);
      if (format == InputFormat::kAuto) {
        sink_.reject({input, 0, "",
                      "unknown input format (name it .txt, .jsonl or .xml, or pass --format)"});
        return;
      }
      read_file(input, format);
      return;
    }
    std::vector<fs::path> files;
    fs::recursive_directory_iterator it(input, fs::directory_options::skip_permission_denied, error);
    for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
      std::string name = it->path().filename().string();
      if (!name.empty() && name[0] == '.') {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file()) files.push_back(it->path());
    }
    if (error) sink_.reject({input, 0, "", "cannot read folder: " + error.message()});
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) {
      InputFormat format = format_of_extension(file);
      if (format == InputFormat::kAuto ||
          (options_.format != InputFormat::kAuto && format != options_.format)) {
        ++summary_.ignored_files;
        continue;
      }
      read_file(file.string(), format);
    }
  }

  void read_file(const std::string& file, InputFormat format) {
    ++summary_.files;
    sink_.current_file = file;
    progress_.update(file);
    if (format == InputFormat::kJsonl) {
      std::ifstream in(file, std::ios::binary);
      if (!in) {
        sink_.reject({file, 0, "", "cannot open file"});
        return;
      }
      summary_.bytes += read_jsonl(in, file, sink_, options_.limits);
      return;
    }
    std::error_code error;
    uintmax_t size = fs::file_size(file, error);
    if (error) {
      sink_.reject({file, 0, "", "cannot read file: " + error.message()});
      return;
    }
    if (size > options_.limits.max_input_bytes) {
      sink_.reject({file, 0, "", "file is " + std::to_string(size) + " bytes, over the limit of " +
                                     std::to_string(options_.limits.max_input_bytes)});
      return;
    }
    std::ifstream in(file, std::ios::binary);
    std::string content(size, '\0');
    if (!in || !in.read(content.data(), static_cast<std::streamsize>(size))) {
      sink_.reject({file, 0, "", "cannot read file"});
      return;
    }
    summary_.bytes += size;
    if (format == InputFormat::kPage) {
      read_page(content, file, fs::path(file).stem().string(), sink_);
    } else {
      read_medquad(content, file, sink_);
    }
    progress_.update(file);
  }

  const IndexJobOptions& options_;
  IndexJobSummary summary_;
  IndexWriter writer_;
  JobSink sink_;
  Clock::time_point start_;
  ProgressLine progress_;
};

}  // namespace

InputFormat parse_input_format(const std::string& name) {
  if (name == "auto") return InputFormat::kAuto;
  if (name == "page") return InputFormat::kPage;
  if (name == "jsonl") return InputFormat::kJsonl;
  if (name == "medquad") return InputFormat::kMedquad;
  throw std::invalid_argument("unknown format '" + name + "' (page, jsonl, medquad or auto)");
}

namespace {

// Builds options.jobs shards side by side in threads, then compacts them into the index.
IndexJobSummary run_sharded(const IndexJobOptions& options) {
  std::error_code error;
  if (fs::exists(options.index_dir, error) && !fs::is_empty(options.index_dir, error)) {
    throw std::runtime_error("--jobs builds a new index, and " + options.index_dir +
                             " is not empty: index into a new folder, or run with --jobs 1");
  }
  auto start = Clock::now();
  const fs::path shard_root = options.index_dir + ".shards";
  fs::remove_all(shard_root, error);
  std::vector<IndexJobSummary> summaries(options.jobs);
  std::vector<std::exception_ptr> failures(options.jobs);
  std::vector<std::thread> threads;
  for (unsigned shard = 0; shard < options.jobs; ++shard) {
    threads.emplace_back([&, shard] {
      try {
        IndexJobOptions shard_options = options;
        shard_options.index_dir = (shard_root / ("shard-" + std::to_string(shard))).string();
        shard_options.progress = nullptr;  // a line per shard would garble the terminal
        summaries[shard] = Job(shard_options, shard, options.jobs).run();
      } catch (...) {
        failures[shard] = std::current_exception();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::exception_ptr& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
  // Shard 0 saw every input and rejection; each shard wrote its own documents.
  IndexJobSummary summary = summaries[0];
  for (unsigned shard = 1; shard < options.jobs; ++shard) {
    summary.added += summaries[shard].added;
    summary.replaced += summaries[shard].replaced;
    summary.unchanged += summaries[shard].unchanged;
  }
  try {
    Xapian::Database shards;
    for (unsigned shard = 0; shard < options.jobs; ++shard) {
      shards.add_database(Xapian::Database((shard_root / ("shard-" + std::to_string(shard))).string()));
    }
    shards.compact(options.index_dir);
  } catch (const Xapian::Error& e) {
    throw std::runtime_error("merging the shards into " + options.index_dir + " failed: " +
                             e.get_description() + " (the shards are kept in " + shard_root.string() + ")");
  }
  fs::remove_all(shard_root, error);
  summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return summary;
}

}  // namespace

IndexJobSummary run_index_job(const IndexJobOptions& options) {
  // Shards each read every input, so standard input (readable once) keeps to one job.
  bool reads_stdin = std::find(options.inputs.begin(), options.inputs.end(), "-") != options.inputs.end();
  if (options.jobs > 1 && options.delete_ids.empty() && !reads_stdin) return run_sharded(options);
  return Job(options).run();
}

std::string IndexJobSummary::to_string() const {
  std::string text = "added " + std::to_string(added) + ", replaced " + std::to_string(replaced) +
                     ", skipped " + std::to_string(unchanged + unanswered) + " (unchanged " +
                     std::to_string(unchanged) + ", unanswered " + std::to_string(unanswered) +
                     "), rejected " + std::to_string(rejected);
  if (deleted + delete_missing > 0) {
    text += ", deleted " + std::to_string(deleted);
    if (delete_missing > 0) text += " (" + std::to_string(delete_missing) + " ids not found)";
  }
  text += "; " + std::to_string(files) + " files";
  if (ignored_files > 0) text += " (" + std::to_string(ignored_files) + " of no known format ignored)";
  text += ", " + format_number(bytes / 1e6, 1) + " MB in " + format_number(seconds, 2) + " s (" +
          format_number(seconds > 0 ? bytes / 1e6 / seconds : 0, 2) + " MB/s, " +
          format_number(seconds > 0 ? (added + replaced + unchanged) / seconds : 0, 0) +
          " docs/s)";
  return text;
}

nlohmann::json IndexJobSummary::to_json() const {
  nlohmann::json rejections = nlohmann::json::array();
  for (const Rejection& r : rejection_list) {
    rejections.push_back({{"file", r.file}, {"line", r.line}, {"element", r.element}, {"reason", r.reason}});
  }
  return {{"added", added},       {"replaced", replaced},   {"skipped", unchanged + unanswered},
          {"unchanged", unchanged},
          {"unanswered", unanswered}, {"rejected", rejected}, {"deleted", deleted},
          {"delete_missing", delete_missing}, {"files", files}, {"ignored_files", ignored_files},
          {"bytes", bytes},       {"seconds", seconds},     {"rejections", rejections}};
}

}  // namespace hqa
