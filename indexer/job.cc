// @brief One writer's pass over the inputs.
#include "indexer/job.h"

#include <filesystem>
#include <fstream>
#include <iostream>

#include "indexer/jsonl_reader.h"
#include "indexer/medquad_reader.h"
#include "indexer/page_reader.h"

namespace hqa {
namespace fs = std::filesystem;

Job::Job(const IndexJobOptions& options)
    : options_(options),
      writer_(std::in_place,
              IndexWriterOptions{options.index_dir, options.batch_size, options.analyzer, false}),
      sink_(
          [this](AnswerDocument doc, const std::string&, const std::string& source_file) {
            return write_and_count(*writer_, doc, source_file, summary_);
          },
          summary_, options.rejections, options.prune),
      start_(ProgressLine::Clock::now()),
      progress_(options.progress, summary_, start_) {
  sink_.on_document = [this] { progress_.update(bytes_done(), sink_.current_file); };
}

Job::Job(const IndexJobOptions& options, WriteDocument write)
    : options_(options),
      sink_(
          [this, write = std::move(write)](AnswerDocument doc, const std::string& file,
                                           const std::string& source_file) {
            ++summary_.added;  // handed over; the writers count what became of it
            return write(std::move(doc), file, source_file);
          },
          summary_, options.rejections, false),
      start_(ProgressLine::Clock::now()),
      progress_(options.progress, summary_, start_) {
  sink_.on_document = [this] { progress_.update(bytes_done(), sink_.current_file); };
}

IndexJobSummary Job::run() {
  // The site's synonyms go with the first commit (in a sharded build, the first shard's writer
  // writes them: merging shards, or reading them through a stub, takes the union of their
  // synonym tables).
  if (options_.synonym_groups && writer_) {
    writer_->replace_site_synonyms(*options_.synonym_groups, options_.synonyms_file);
    summary_.synonym_groups = options_.synonym_groups->size();
  }
  InputPlan plan;
  for (const std::string& input : options_.inputs) plan_input(input, options_.format, plan);
  summary_.ignored_files = plan.ignored_files;
  for (InputPlan::Problem& problem : plan.problems) {
    sink_.current_file = problem.rejection.file;
    sink_.current_source_file = problem.source_file;
    sink_.reject(std::move(problem.rejection));
  }
  uint64_t total = 0;
  for (const InputFile& file : plan.files) {
    std::error_code error;
    if (file.path != "-") total += fs::file_size(file.path, error);
  }
  progress_.set_total_bytes(total);
  for (const InputFile& file : plan.files) read_file(file);
  if (writer_) {
    if (options_.prune) prune();
    for (const std::string& id : options_.delete_ids) {
      if (writer_->remove(id)) {
        ++summary_.deleted;
      } else {
        ++summary_.delete_missing;
      }
    }
    writer_->commit();
  }
  progress_.finish();
  summary_.seconds = std::chrono::duration<double>(ProgressLine::Clock::now() - start_).count();
  return summary_;
}

uint64_t Job::bytes_done() const {
  uint64_t done = summary_.bytes;
  if (current_stream_) {
    std::streamoff offset = current_stream_->tellg();
    if (offset > 0) done += static_cast<uint64_t>(offset);
  }
  return done;
}

void Job::read_file(const InputFile& input) {
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
  if (input.format != InputFormat::kJsonl) {
    read_whole_file(input);
    return;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    sink_.reject({file, 0, "", "cannot open file"});
    return;
  }
  current_stream_ = &in;
  summary_.bytes += read_jsonl(in, file, sink_, options_.limits);
  current_stream_ = nullptr;
}

void Job::read_whole_file(const InputFile& input) {
  const std::string& file = input.path;
  std::error_code error;
  uintmax_t size = fs::file_size(file, error);
  if (error) {
    sink_.reject({file, 0, "", "cannot read file: " + error.message()});
    return;
  }
  if (size > options_.limits.max_input_bytes) {
    sink_.reject({file, 0, "",
                  "file is " + std::to_string(size) + " bytes, over the limit of " +
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
void Job::prune() {
  std::vector<std::string> roots;
  for (const std::string& input : options_.inputs) {
    if (input != "-") roots.push_back(absolute_path(input));
  }
  std::vector<std::string> doomed;
  writer_->for_each_source_file([&](const std::string& id, const std::string& source_file) {
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
    if (writer_->remove(id)) ++summary_.pruned;
  }
}

}  // namespace hqa
