// @brief The batch indexing run: input walk, reader dispatch, progress and summary.
#include "indexer/indexing_job.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>
#include <unordered_set>
#include <xapian.h>

#include "schema/index_format.h"
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

// The summary lists at most this many rejections (all are counted and reported on the stream):
// a million bad lines must not hold a million messages.
constexpr size_t kMaxListedRejections = 1000;

// Receives what readers produce and writes it, keeping the counts.
class JobSink : public DocumentSink {
 public:
  // A sink of shard `shard` of `shards` writes the documents whose id hashes to it, so that
  // every version of an id meets in one shard and the last one read wins there, as in a single
  // index. Only shard 0 reports what the readers reject and the unanswered questions, so that
  // together the shards count each input once; the writer's rejections of a shard's own
  // documents are its own to report.
  JobSink(IndexWriter& writer, IndexJobSummary& summary, std::ostream* rejections, unsigned shard,
          unsigned shards, bool track_seen)
      : writer_(writer),
        summary_(summary),
        rejections_(rejections),
        shard_(shard),
        shards_(shards),
        track_seen_(track_seen) {}

  void accept(AnswerDocument doc) override {
    const uint64_t id_hash = stable_hash(doc.id);
    if (shards_ > 1 && id_hash % shards_ != shard_) return;
    WriteOutcome outcome;
    try {
      outcome = writer_.add(doc, current_source_file);
    } catch (const std::invalid_argument& e) {
      files_with_rejections_.insert(current_source_file);
      report({current_file, 0, "id " + doc.id.substr(0, 60), e.what()});
      return;
    }
    // Ids are kept as hashes: a million of them fit in a few megabytes. A collision can only
    // spare a document from pruning, never remove one.
    if (track_seen_) seen_ids_.insert(id_hash);
    switch (outcome) {
      case WriteOutcome::kAdded: ++summary_.added; break;
      case WriteOutcome::kReplaced: ++summary_.replaced; break;
      case WriteOutcome::kUnchanged: ++summary_.unchanged; break;
    }
    if (on_document) on_document();
  }
  void reject(Rejection rejection) override {
    files_with_rejections_.insert(current_source_file);
    if (shard_ == 0) report(std::move(rejection));
  }
  void skip_unanswered() override {
    if (shard_ == 0) ++summary_.unanswered;
  }

  bool seen(const std::string& id) const { return seen_ids_.count(stable_hash(id)) > 0; }
  bool had_rejections(const std::string& source_file) const {
    return files_with_rejections_.count(source_file) > 0;
  }

  // Shards report to one stream from several threads.
  static std::mutex& report_mutex() {
    static std::mutex mutex;
    return mutex;
  }

  std::string current_file;         // named in rejections the writer causes
  std::string current_source_file;  // its absolute path, recorded with each document
  std::function<void()> on_document;

 private:
  void report(Rejection rejection) {
    ++summary_.rejected;
    if (rejections_) {
      std::lock_guard<std::mutex> lock(report_mutex());
      *rejections_ << "rejected: " << rejection.to_string() << "\n" << std::flush;
    }
    if (summary_.rejection_list.size() < kMaxListedRejections) {
      summary_.rejection_list.push_back(std::move(rejection));
    }
  }

  IndexWriter& writer_;
  IndexJobSummary& summary_;
  std::ostream* rejections_;
  unsigned shard_;
  unsigned shards_;
  bool track_seen_;
  std::unordered_set<uint64_t> seen_ids_;
  std::unordered_set<std::string> files_with_rejections_;
};

std::string format_duration(double seconds) {
  long total = static_cast<long>(seconds + 0.5);
  char text[32];
  if (total >= 3600) {
    std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
  } else {
    std::snprintf(text, sizeof text, "%ld:%02ld", total / 60, total % 60);
  }
  return text;
}

// One line on a terminal, redrawn at most a few times a second: documents, megabytes read of
// the total, rates, and the time left at the current rate.
class ProgressLine {
 public:
  ProgressLine(std::ostream* out, const IndexJobSummary& summary, Clock::time_point start)
      : out_(out), summary_(summary), start_(start) {}

  void set_total_bytes(uint64_t total) { total_bytes_ = total; }

  // `bytes_done` counts the input read so far, the current file included.
  void update(uint64_t bytes_done, const std::string& current_file, bool force = false) {
    if (!out_) return;
    auto now = Clock::now();
    if (!force && now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    double seconds = std::chrono::duration<double>(now - start_).count();
    uint64_t docs = summary_.added + summary_.replaced + summary_.unchanged;
    std::string line = std::to_string(docs) + " docs · " + format_number(bytes_done / 1e6, 1);
    if (total_bytes_ > 0) line += "/" + format_number(total_bytes_ / 1e6, 1);
    line += " MB · " + format_number(seconds > 0 ? docs / seconds : 0, 0) + " docs/s · " +
            format_number(seconds > 0 ? bytes_done / 1e6 / seconds : 0, 2) + " MB/s";
    if (total_bytes_ > 0 && bytes_done > 0 && seconds > 1 && bytes_done <= total_bytes_) {
      line += " · ETA " + format_duration(seconds * (total_bytes_ - bytes_done) / bytes_done);
    }
    line += " · " + std::to_string(summary_.rejected) + " rejected · " +
            fs::path(current_file).filename().string();
    *out_ << "\r\033[K" << line << std::flush;
  }
  void finish() {
    if (out_) *out_ << "\r\033[K" << std::flush;
  }

 private:
  std::ostream* out_;
  const IndexJobSummary& summary_;
  Clock::time_point start_;
  Clock::time_point last_{};
  uint64_t total_bytes_ = 0;
};

// An input file and the reader it needs.
struct InputFile {
  std::string path;
  InputFormat format;
};

// The absolute, normalised form of a path: what documents record as their source file, and
// what --prune compares with the inputs.
std::string absolute_path(const std::string& path) {
  std::error_code error;
  fs::path absolute = fs::absolute(path, error);
  return (error ? fs::path(path) : absolute).lexically_normal().string();
}

bool is_under(const std::string& path, const std::string& root) {
  if (path.compare(0, root.size(), root) != 0) return false;
  return path.size() == root.size() || root.back() == '/' || path[root.size()] == '/';
}

class Job {
 public:
  explicit Job(const IndexJobOptions& options, unsigned shard = 0, unsigned shards = 1)
      : options_(options),
        // Shards that are merged at the end are scratch; kept ones are the index.
        writer_({options.index_dir, options.batch_size, options.analyzer,
                 shards > 1 && !options.keep_shards}),
        sink_(writer_, summary_, options.rejections, shard, shards, options.prune),
        start_(Clock::now()),
        progress_(options.progress, summary_, start_) {
    sink_.on_document = [this] { progress_.update(bytes_done(), sink_.current_file); };
  }

  IndexJobSummary run() {
    std::vector<InputFile> files;
    for (const std::string& input : options_.inputs) plan(input, files);
    uint64_t total = 0;
    for (const InputFile& file : files) {
      std::error_code error;
      if (file.path != "-") total += fs::file_size(file.path, error);
    }
    progress_.set_total_bytes(total);
    for (const InputFile& file : files) read_file(file);
    if (options_.prune) prune();
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
  uint64_t bytes_done() {
    uint64_t done = summary_.bytes;
    if (current_stream_) {
      std::streamoff offset = current_stream_->tellg();
      if (offset > 0) done += static_cast<uint64_t>(offset);
    }
    return done;
  }

  // Lists the files `input` names, in a stable order, rejecting what cannot be read.
  void plan(const std::string& input, std::vector<InputFile>& files) {
    sink_.current_file = input;
    sink_.current_source_file.clear();
    if (input == "-") {
      files.push_back({"-", InputFormat::kJsonl});
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
      files.push_back({input, format});
      return;
    }
    std::vector<fs::path> found;
    fs::recursive_directory_iterator it(input, fs::directory_options::skip_permission_denied, error);
    for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
      std::string name = it->path().filename().string();
      if (!name.empty() && name[0] == '.') {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file()) found.push_back(it->path());
    }
    if (error) {
      sink_.current_source_file = absolute_path(input);  // prunes nothing under it
      sink_.reject({input, 0, "", "cannot read folder: " + error.message()});
    }
    std::sort(found.begin(), found.end());
    for (const fs::path& file : found) {
      InputFormat format = format_of_extension(file);
      if (format == InputFormat::kAuto ||
          (options_.format != InputFormat::kAuto && format != options_.format)) {
        ++summary_.ignored_files;
        continue;
      }
      files.push_back({file.string(), format});
    }
  }

  void read_file(const InputFile& input) {
    const std::string& file = input.path;
    ++summary_.files;
    if (file == "-") {
      sink_.current_file = "<stdin>";
      sink_.current_source_file.clear();
      summary_.bytes += read_jsonl(std::cin, "<stdin>", sink_, options_.limits);
      return;
    }
    sink_.current_file = file;
    sink_.current_source_file = absolute_path(file);
    progress_.update(bytes_done(), file);
    if (input.format == InputFormat::kJsonl) {
      std::ifstream in(file, std::ios::binary);
      if (!in) {
        sink_.reject({file, 0, "", "cannot open file"});
        return;
      }
      current_stream_ = &in;
      summary_.bytes += read_jsonl(in, file, sink_, options_.limits);
      current_stream_ = nullptr;
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
    if (input.format == InputFormat::kPage) {
      read_page(content, file, fs::path(file).stem().string(), sink_);
    } else {
      read_medquad(content, file, sink_);
    }
    progress_.update(bytes_done(), file);
  }

  // Removes the documents from files under the inputs that this run did not produce: their
  // file is gone, or was read cleanly and no longer holds them.
  void prune() {
    std::vector<std::string> roots;
    for (const std::string& input : options_.inputs) {
      if (input != "-") roots.push_back(absolute_path(input));
    }
    std::vector<std::string> doomed;
    writer_.for_each_source_file([&](const std::string& id, const std::string& source_file) {
      if (sink_.seen(id) || sink_.had_rejections(source_file)) return;
      for (const std::string& root : roots) {
        if (!is_under(source_file, root)) continue;
        // A root that had rejections (an unreadable folder) protects everything under it.
        if (sink_.had_rejections(root)) return;
        doomed.push_back(id);
        return;
      }
    });
    for (const std::string& id : doomed) {
      if (writer_.remove(id)) ++summary_.pruned;
    }
  }

  const IndexJobOptions& options_;
  IndexJobSummary summary_;
  IndexWriter writer_;
  JobSink sink_;
  Clock::time_point start_;
  ProgressLine progress_;
  std::istream* current_stream_ = nullptr;  // the JSONL file being read, for progress
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

std::string shard_name(unsigned shard) { return "shard-" + std::to_string(shard); }

// Builds options.jobs shards side by side in threads, then compacts them into the index, or
// keeps them behind a stub database.
IndexJobSummary run_sharded(const IndexJobOptions& options) {
  std::error_code error;
  if (fs::exists(options.index_dir, error) && !fs::is_empty(options.index_dir, error)) {
    throw std::runtime_error("--jobs builds a new index, and " + options.index_dir +
                             " is not empty: index into a new folder, rebuild it with --rebuild, "
                             "or run with --jobs 1");
  }
  auto start = Clock::now();
  const fs::path shard_root =
      options.keep_shards ? fs::path(options.index_dir) : fs::path(options.index_dir + ".shards");
  if (!options.keep_shards) fs::remove_all(shard_root, error);
  std::vector<IndexJobSummary> summaries(options.jobs);
  std::vector<std::exception_ptr> failures(options.jobs);
  std::vector<std::thread> threads;
  for (unsigned shard = 0; shard < options.jobs; ++shard) {
    threads.emplace_back([&, shard] {
      try {
        IndexJobOptions shard_options = options;
        shard_options.index_dir = (shard_root / shard_name(shard)).string();
        shard_options.progress = shard == 0 ? options.progress : nullptr;  // one line, shard 0's
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
  // Shard 0 saw every input and what the readers rejected; each shard wrote its own documents
  // and reported what the writer refused of them.
  IndexJobSummary summary = summaries[0];
  for (unsigned shard = 1; shard < options.jobs; ++shard) {
    summary.added += summaries[shard].added;
    summary.replaced += summaries[shard].replaced;
    summary.unchanged += summaries[shard].unchanged;
    summary.rejected += summaries[shard].rejected;
    for (Rejection& rejection : summaries[shard].rejection_list) {
      if (summary.rejection_list.size() >= kMaxListedRejections) break;
      summary.rejection_list.push_back(std::move(rejection));
    }
  }
  if (options.keep_shards) {
    // Written last, so that a killed build leaves no stub naming half-built shards.
    const fs::path stub = shard_root / schema::kShardStubFile;
    const fs::path partial = shard_root / (std::string(schema::kShardStubFile) + ".tmp");
    {
      std::ofstream out(partial);
      for (unsigned shard = 0; shard < options.jobs; ++shard) out << "auto " << shard_name(shard) << "\n";
      if (!out.flush()) throw std::runtime_error("cannot write " + partial.string());
    }
    fs::rename(partial, stub);
  } else {
    try {
      Xapian::Database shards;
      for (unsigned shard = 0; shard < options.jobs; ++shard) {
        shards.add_database(Xapian::Database((shard_root / shard_name(shard)).string()));
      }
      shards.compact(options.index_dir);
    } catch (const Xapian::Error& e) {
      throw std::runtime_error("merging the shards into " + options.index_dir + " failed: " +
                               e.get_description() + " (the shards are kept in " +
                               shard_root.string() + ")");
    }
    fs::remove_all(shard_root, error);
  }
  summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return summary;
}

IndexJobSummary run_in_place(const IndexJobOptions& options) {
  // Shards each read every input, so standard input (readable once) keeps to one job.
  bool reads_stdin = std::find(options.inputs.begin(), options.inputs.end(), "-") != options.inputs.end();
  if (options.jobs > 1 && options.delete_ids.empty() && !reads_stdin) return run_sharded(options);
  return Job(options).run();
}

// Holds an exclusive lock on `path` (created if missing) while alive; the kernel drops it if
// the process dies, so a killed rebuild never blocks the next one.
class FileLock {
 public:
  explicit FileLock(const std::string& path) : fd_(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644)) {
    if (fd_ < 0) throw std::runtime_error("cannot create lock file " + path);
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      ::close(fd_);
      throw std::runtime_error("another hqa-index --rebuild of this index is running (" + path + " is locked)");
    }
  }
  ~FileLock() { ::close(fd_); }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_;
};

// Puts the finished build `fresh` in the place of `target`, atomically for anyone opening
// `target`: by flipping the symlink if `target` is one, by exchanging the two folders if it
// is a folder. Returns the previous build's folder, or "" if there was none.
std::string swap_in(const fs::path& fresh, const fs::path& target) {
  std::error_code error;
  const std::string base = target.filename().string();
  if (fs::is_symlink(fs::symlink_status(target, error))) {
    // A new versioned folder beside the link, and a new link renamed over the old one.
    const fs::path old_build = fs::read_symlink(target);
    const std::string version =
        base + ".v" + std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
    const fs::path versioned = target.parent_path() / version;
    fs::rename(fresh, versioned);
    const fs::path link = target.parent_path() / (base + ".link.tmp");
    fs::remove(link, error);
    fs::create_symlink(version, link);
    fs::rename(link, target);
    return (old_build.is_absolute() ? old_build : target.parent_path() / old_build).string();
  }
  if (!fs::exists(target, error)) {
    fs::rename(fresh, target);
    return "";
  }
  if (::renameat2(AT_FDCWD, fresh.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) != 0) {
    throw std::runtime_error("cannot swap " + fresh.string() + " into " + target.string() + ": " +
                             std::strerror(errno));
  }
  return fresh.string();  // now holds the previous build
}

// Builds the index anew beside options.index_dir and swaps it in.
IndexJobSummary run_rebuild(const IndexJobOptions& options) {
  fs::path target = fs::path(options.index_dir).lexically_normal();
  if (target.filename().empty()) target = target.parent_path();  // "index/" -> "index"
  const std::string base = target.string();
  const fs::path folder = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  fs::create_directories(folder);
  FileLock lock(base + ".lock");
  const fs::path fresh = base + ".rebuild";
  std::error_code error;
  fs::remove_all(fresh, error);  // what a killed rebuild left
  fs::remove_all(base + ".rebuild.shards", error);
  IndexJobOptions build = options;
  build.index_dir = fresh.string();
  build.rebuild = false;
  build.prune = false;  // a fresh build holds only what the inputs hold
  IndexJobSummary summary = run_in_place(build);
  summary.rebuild_dir = fresh.string();
  if (summary.rejected > 0 && !options.swap_despite_rejections) return summary;
  // Make sure the build is a complete index before anyone can open it through the target.
  Xapian::Database check(fresh.string());
  (void)check.get_doccount();
  std::string previous = swap_in(fresh, target);
  summary.swapped = true;
  summary.rebuild_dir.clear();
  // Keep the build just replaced (searchers may still be reading it) and drop the one before.
  const fs::path kept = base + ".previous";
  if (!previous.empty() && fs::path(previous).lexically_normal() != kept.lexically_normal()) {
    if (fs::is_symlink(fs::symlink_status(target, error))) {
      // Versioned builds beside the link: remove all but the current and the previous.
      const std::string current = fs::read_symlink(target).filename().string();
      const std::string previous_name = fs::path(previous).filename().string();
      for (const auto& entry : fs::directory_iterator(folder, error)) {
        std::string name = entry.path().filename().string();
        if (name.rfind(target.filename().string() + ".v", 0) == 0 && name != current && name != previous_name) {
          fs::remove_all(entry.path(), error);
        }
      }
    } else {
      fs::remove_all(kept, error);
      fs::rename(previous, kept, error);
    }
  }
  return summary;
}

}  // namespace

IndexJobSummary run_index_job(const IndexJobOptions& options) {
  if (options.rebuild) return run_rebuild(options);
  return run_in_place(options);
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
  if (pruned > 0) text += ", pruned " + std::to_string(pruned);
  text += "; " + std::to_string(files) + " files";
  if (ignored_files > 0) text += " (" + std::to_string(ignored_files) + " of no known format ignored)";
  text += ", " + format_number(bytes / 1e6, 1) + " MB in " + format_number(seconds, 2) + " s (" +
          format_number(seconds > 0 ? bytes / 1e6 / seconds : 0, 2) + " MB/s, " +
          format_number(seconds > 0 ? (added + replaced + unchanged) / seconds : 0, 0) +
          " docs/s)";
  if (swapped) text += "; the new build is swapped in";
  if (!rebuild_dir.empty()) {
    text += "; not swapped in, because inputs were rejected: the new build is left in " +
            rebuild_dir + " (--swap-despite-rejections swaps anyway)";
  }
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
          {"bytes", bytes},       {"seconds", seconds},     {"rejections", rejections},
          {"pruned", pruned},     {"swapped", swapped},     {"rebuild_dir", rebuild_dir}};
}

}  // namespace hqa
