// @brief hqa-search batch, eval and fuse: flags in, the eval library called, files out whole.
#include "tools/research_commands.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>

#include "eval/evaluation.h"
#include "eval/fusion.h"
#include "eval/topics.h"
#include "eval/trec_eval_report.h"
#include "eval/trec_run.h"
#include "schema/errors.h"
#include "tools/search_flags.h"

namespace hqa {
namespace {

std::string read_whole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Calls `write` on a stream for `path` and renames the finished file over `path`, so that a
// failure leaves no half-written file; with an empty path, writes to stdout once `write` has
// produced everything.
void write_output(const std::string& path, const std::function<void(std::ostream&)>& write) {
  if (path.empty()) {
    std::ostringstream text;
    write(text);
    std::cout << text.str() << std::flush;
    return;
  }
  const std::string temporary = path + ".tmp" + std::to_string(getpid());
  try {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    if (!file) throw std::runtime_error("cannot write " + temporary);
    write(file);
    file.close();
    if (!file) throw std::runtime_error("cannot write " + temporary);
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
      throw std::runtime_error("cannot rename " + temporary + " to " + path);
    }
  } catch (...) {
    std::remove(temporary.c_str());
    throw;
  }
}

Run read_run_file(const std::string& path) {
  std::istringstream in(read_whole(path));
  return read_run(in, path);
}

// The qrels, with a word on stderr about documents judged twice (trec_eval refuses those).
Qrels read_qrels_file(const std::string& path) {
  std::istringstream in(read_whole(path));
  std::vector<std::string> repeated;
  Qrels qrels = read_qrels(in, path, &repeated);
  if (!repeated.empty()) {
    std::cerr << "hqa-search eval: " << path << ": " << repeated.size()
              << " documents judged twice for a topic; the last grade counts (trec_eval would "
                 "refuse these qrels), the first: "
              << repeated.front() << "\n";
  }
  return qrels;
}

struct BatchCommand {
  SearcherOptions options;
  BatchOptions batch;
  TopicOptions topic_options;
  std::string topics_path, output_path, format = "auto", qid_map_path, output_format = "trec";

  CLI::App* add_to(CLI::App& app) {
    CLI::App* command = app.add_subcommand(
        "batch", "search a topics file (TSV, TREC, TREC LiveQA XML or JSON Lines), write a run");
    add_searcher_options(*command, options, true);
    command->add_option("--topics", topics_path, "topics file")->required();
    command->add_option("--topic-format", format, "auto (by content), tsv, trec, liveqa or jsonl")
        ->check(CLI::IsMember({"auto", "tsv", "trec", "liveqa", "jsonl"}));
    command->add_option("--topic-fields", topic_options.fields,
                        "fields that make the query, joined by +: trec title (default), "
                        "description, narrative; liveqa subject+message (default), paraphrase, "
                        "summary; jsonl a member name (default query, title or text)");
    CLI::Option* strip = command->add_option(
        "--qid-strip-prefix", topic_options.qid_strip_prefix,
        "remove this from the start of topic ids (TQ: LiveQA's TQ12 is the qrels' 12)");
    command->add_option("--qid-map", qid_map_path, "file of 'topic-id qrels-id' lines")
        ->excludes(strip);
    command->add_option("--depth", batch.depth, "results per topic (default 1000)")
        ->check(CLI::Range(1, 10000));
    command->add_option("--tag", batch.tag, "run tag (last column)");
    command->add_option("--threads", batch.threads, "topics searched at once (same run)")
        ->check(CLI::Range(1, 256));
    command->add_option("--output", output_path, "write the run here instead of stdout");
    command->add_option("--output-format", output_format, "trec (default) or jsonl")
        ->check(CLI::IsMember({"trec", "jsonl"}));
    command->add_flag("--with-text", batch.with_text,
                      "jsonl: each hit's question and snippet too, to read the run by eye");
    return command;
  }

  int run() {
    batch.format =
        output_format == "jsonl" ? BatchOptions::Format::kJsonl : BatchOptions::Format::kTrec;
    if (batch.with_text && batch.format != BatchOptions::Format::kJsonl) {
      throw InvalidInput("--with-text: only with --output-format jsonl");
    }
    topic_options.format = parse_topic_format(format);
    if (!qid_map_path.empty()) {
      topic_options.qid_map = read_qid_map(read_whole(qid_map_path), qid_map_path);
      topic_options.qid_map_name = qid_map_path;
    }
    TopicSet set = read_topics(read_whole(topics_path), topics_path, topic_options);
    for (const std::string& skipped : set.skipped)
      std::cerr << "hqa-search batch: " << skipped << "\n";
    if (set.topics.empty()) throw InvalidInput(topics_path + ": no topic has text to search");
    batch.topics_description = topics_path + " (" + topic_format_name(set.format) +
                               (set.fields.empty() ? "" : ", fields " + set.fields) + ")";
    BatchSummary summary;
    write_output(output_path,
                 [&](std::ostream& out) { summary = write_run(options, set.topics, batch, out); });
    std::cerr << "hqa-search batch: " << summary.topics << " topics (" << set.skipped.size()
              << " skipped), " << summary.lines << " lines, " << summary.search_seconds * 1000
              << " ms of search\n";
    return 0;
  }
};

struct EvalCommand {
  std::string qrels_path;
  std::vector<std::string> run_paths, measures;
  bool per_topic = false, complete = true;
  int threshold = 2, level = 1;
  CLI::Option* threshold_flag = nullptr;
  CLI::Option* level_flag = nullptr;

  CLI::App* add_to(CLI::App& app) {
    CLI::App* command = app.add_subcommand("eval", "evaluate TREC runs against qrels");
    command->add_option("--qrels", qrels_path, "TREC qrels (qid 0 docid grade)")->required();
    command->add_option("runs", run_paths, "TREC run files; the first is the baseline");
    command->add_option(
        "-m,--measure", measures,
        "trec_eval measures, then the runs: " + MeasureSet::known_names() + " (P.5,10: cut-offs)");
    command->add_flag("-q,--per-topic", per_topic, "also print every topic's measures");
    level_flag = command
                     ->add_option("-l,--level-for-rel", level,
                                  "with -m: grade from which a document is relevant (1, "
                                  "as trec_eval)")
                     ->check(CLI::Range(1, 100));
    threshold_flag = command
                         ->add_option("--relevance-threshold", threshold,
                                      "grade from which binary measures count a document "
                                      "relevant (default table: 2; with -m, as -l)")
                         ->check(CLI::Range(1, 100));
    command->add_flag("-c", complete, "with -m always on: qrels topics a run lacks count as 0");
    return command;
  }

  int run() {
    // `-m map P.10 run.txt`: the measures come first, what is not a measure after them is a run.
    size_t first_run = 0;
    while (first_run < measures.size() && MeasureSet::is_measure(measures[first_run])) ++first_run;
    run_paths.insert(run_paths.end(), measures.begin() + first_run, measures.end());
    measures.resize(first_run);
    if (run_paths.empty()) throw InvalidInput("eval: give at least one run file");
    Qrels qrels = read_qrels_file(qrels_path);
    std::vector<Run> runs;
    for (const std::string& path : run_paths) runs.push_back(read_run_file(path));
    if (measures.empty()) return default_table(qrels, runs);
    MeasureSet set(measures);
    int relevance = level_flag->count() ? level : threshold_flag->count() ? threshold : 1;
    std::vector<MeasuredRun> measured;
    for (size_t r = 0; r < runs.size(); ++r) {
      measured.push_back(measure_run(run_paths[r], qrels, runs[r], set, relevance));
      std::cerr << topic_coverage_note(measured.back());
    }
    std::cout << format_trec_eval_runs(measured, per_topic);
    return 0;
  }

  int default_table(const Qrels& qrels, const std::vector<Run>& runs) {
    std::vector<NamedEvaluation> evaluations;
    for (size_t r = 0; r < runs.size(); ++r) {
      evaluations.push_back({run_paths[r], evaluate(qrels, runs[r], threshold)});
    }
    std::cout << format_evaluation_report(evaluations, per_topic);
    return 0;
  }
};

struct FuseCommand {
  FusionOptions options;
  std::vector<std::string> run_paths;
  std::string method = "rrf", tag, output_path;

  CLI::App* add_to(CLI::App& app) {
    CLI::App* command = app.add_subcommand("fuse", "fuse TREC runs into one (RRF, CombSUM)");
    command->add_option("runs", run_paths, "TREC run files")->required();
    command->add_option("--method", method, "rrf (default) or combsum (min-max normalised)")
        ->check(CLI::IsMember({"rrf", "combsum"}));
    command->add_option("--k", options.k, "RRF's constant (default 60)")
        ->check(CLI::Range(0.0, 1e6));
    command->add_option("--weights", options.weights, "one weight per run, w1,w2,...")
        ->delimiter(',')
        ->allow_extra_args(false);
    command->add_option("--depth", options.depth, "documents per topic (default 1000)")
        ->check(CLI::Range(1, 100000));
    command->add_option("--tag", tag, "run tag (default hqa-METHOD)");
    command->add_option("--output", output_path, "write the run here instead of stdout");
    return command;
  }

  int run() {
    if (run_paths.size() < 2) throw InvalidInput("fuse: give two runs or more");
    options.method =
        method == "combsum" ? FusionOptions::Method::kCombSum : FusionOptions::Method::kRrf;
    std::vector<Run> runs;
    for (const std::string& path : run_paths) runs.push_back(read_run_file(path));
    Run fused = fuse_runs(runs, options);
    char k[32];
    std::snprintf(k, sizeof k, "%g", options.k);
    std::string header = "# hqa-search fuse: " + method +
                         (method == "rrf" ? std::string(" k ") + k : std::string()) + ", weights";
    for (size_t r = 0; r < runs.size(); ++r) {
      char weight[32];
      std::snprintf(weight, sizeof weight, "%g",
                    options.weights.empty() ? 1.0 : options.weights[r]);
      header += std::string(r ? "," : " ") + weight;
    }
    header += "; depth " + std::to_string(options.depth) + "; runs";
    for (const std::string& path : run_paths) header += " " + path;
    const std::string text = format_run(fused, tag.empty() ? "hqa-" + method : tag, header + "\n");
    write_output(output_path, [&](std::ostream& out) { out << text; });
    return 0;
  }
};

}  // namespace

struct ResearchCommands::Commands {
  BatchCommand batch;
  EvalCommand eval;
  FuseCommand fuse;
  CLI::App* batch_app = nullptr;
  CLI::App* eval_app = nullptr;
  CLI::App* fuse_app = nullptr;
};

ResearchCommands::ResearchCommands() : commands_(std::make_unique<Commands>()) {}
ResearchCommands::~ResearchCommands() = default;

void ResearchCommands::add_to(CLI::App& app) {
  commands_->batch_app = commands_->batch.add_to(app);
  commands_->eval_app = commands_->eval.add_to(app);
  commands_->fuse_app = commands_->fuse.add_to(app);
}

std::optional<int> ResearchCommands::run_parsed() {
  if (*commands_->batch_app) return commands_->batch.run();
  if (*commands_->eval_app) return commands_->eval.run();
  if (*commands_->fuse_app) return commands_->fuse.run();
  return std::nullopt;
}

}  // namespace hqa
