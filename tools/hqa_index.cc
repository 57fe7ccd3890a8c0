// hqa-index: builds or updates an hqa index from answer pages, JSONL and MedQuAD XML.
// Exit codes: 0 all input indexed, 1 some input rejected, 2 usage or fatal error.
#include <unistd.h>
#include <xapian.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "indexer/indexing_job.h"
#include "schema/version.h"

int main(int argc, char** argv) {
  hqa::IndexJobOptions options;
  std::string format = "auto";
  bool json = false;
  bool quiet = false;

  CLI::App app{"hqa-index: index health answer documents into a Xapian database"};
  app.set_version_flag("--version", hqa::version_text("hqa-index", hqa::version_info()),
                       "print the versions of hqa, Xapian, ICU and the index schema");
  app.add_option("--index", options.index_dir, "index folder (created if missing)")->required();
  app.add_option("inputs", options.inputs,
                 "files or folders (recursive) to index; - reads JSONL from stdin");
  app.add_option("--delete", options.delete_ids, "remove the documents with these ids")
      ->expected(1, -1);
  app.add_option("--format", format, "input format: auto (by extension), page, jsonl, medquad")
      ->check(CLI::IsMember({"auto", "page", "jsonl", "medquad"}));
  app.add_option("--batch-size", options.batch_size, "documents per atomic commit")
      ->check(CLI::Range(1, 10000000));
  app.add_option("--max-input-bytes", options.limits.max_input_bytes,
                 "largest page file, JSONL line or XML file accepted")
      ->check(CLI::Range(1024, 1 << 30));
  app.add_option("--language", options.analyzer.language, "stemming language (or none)");
  CLI::Option* jobs_flag =
      app.add_option("--jobs", options.jobs,
                     "build a new index as this many shards in parallel, then merge them "
                     "(default: every core for a new index or --rebuild, else 1)")
          ->check(CLI::Range(1, 64));
  app.add_flag("--keep-shards", options.keep_shards,
               "with --jobs: keep the shards, listed by a stub database, instead of merging them");
  app.add_flag("--rebuild", options.rebuild,
               "build anew beside the index and swap it in atomically when done");
  app.add_flag("--swap-despite-rejections", options.swap_despite_rejections,
               "with --rebuild: swap the new build in even if some input was rejected");
  app.add_flag("--prune", options.prune,
               "remove documents whose file under the inputs is gone or no longer holds them");
  app.add_option("--synonyms", options.synonyms_file,
                 "synonyms file (one group a line: name | name | ...) whose groups replace "
                 "those of the previous file");
  app.add_flag("--json", json, "print the summary as JSON on stdout");
  app.add_flag("--quiet", quiet, "no progress line");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  if (options.inputs.empty() && options.delete_ids.empty() && options.synonyms_file.empty()) {
    std::cerr << "hqa-index: nothing to do: name inputs to index, --delete ids or --synonyms\n";
    return 2;
  }

  if (jobs_flag->count() == 0) {
    options.jobs = hqa::default_jobs(options);
    if (options.keep_shards) options.jobs = std::max(2u, options.jobs);
  }
  if (options.keep_shards && options.jobs < 2) {
    std::cerr << "hqa-index: --keep-shards needs --jobs 2 or more\n";
    return 2;
  }
  options.format = hqa::parse_input_format(format);
  options.rejections = &std::cerr;
  if (!quiet && isatty(STDERR_FILENO)) options.progress = &std::cerr;
  try {
    hqa::IndexJobSummary summary = hqa::run_index_job(options);
    if (json) {
      std::cout << summary.to_json().dump(2) << "\n";
    } else {
      std::cerr << "hqa-index: " << summary.to_string() << "\n";
    }
    return summary.exit_code();
  } catch (const std::exception& e) {
    std::cerr << "hqa-index: " << e.what() << "\n";
    return 2;
  } catch (const Xapian::Error& e) {  // from Xapian, underneath the libraries
    std::cerr << "hqa-index: " << e.get_description() << "\n";
    return 2;
  }
}
