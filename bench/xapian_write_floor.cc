// @brief What Xapian 1.4 alone costs to write hqa's documents: the floor under hqa-index.
//   xapian_write_floor INDEX OUT [--jobs N] [--batch-size N]
// Reads every document of an hqa index (its terms with wdf and positions, its values and data)
// and its spelling table into memory, then writes them into N new glass shards from N threads
// (a document goes to the shard its docid picks; each shard gets its share of the spelling
// words, with their frequencies, in one call a word), committing every --batch-size documents as
// hqa-index's shard writers do, then merges the shards into one index with Xapian's compaction,
// as hqa-index does. It times the writing, and the writing and merging: no input read, no JSON
// parsed, no text analysed. That is Xapian's part of building exactly hqa's index, so hqa-index
// can come no closer to another engine than this does (scripts/bench_floor.sh prints them side
// by side).
#include <sys/resource.h>
#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <iostream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace {

struct StoredTerm {
  std::string name;
  Xapian::termcount wdf;
  std::vector<Xapian::termpos> positions;
};

struct StoredDocument {
  std::vector<StoredTerm> terms;
  std::vector<std::pair<Xapian::valueno, std::string>> values;
  std::string data;
};

StoredDocument read_document(const Xapian::Database& db, Xapian::docid id) {
  StoredDocument stored;
  Xapian::Document doc = db.get_document(id);
  for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
    StoredTerm copy{*term, term.get_wdf(), {}};
    for (auto pos = term.positionlist_begin(); pos != term.positionlist_end(); ++pos) {
      copy.positions.push_back(*pos);
    }
    stored.terms.push_back(std::move(copy));
  }
  for (auto value = doc.values_begin(); value != doc.values_end(); ++value) {
    stored.values.emplace_back(value.get_valueno(), *value);
  }
  stored.data = doc.get_data();
  return stored;
}

// Builds each document as hqa-index's writer does (terms, then positions, values, data) and
// adds it: a fresh shard needs no lookup by id.
using Spellings = std::vector<std::pair<std::string, Xapian::termcount>>;

void write_shard(const std::vector<StoredDocument>& docs, const Spellings& spellings, size_t shard,
                 size_t shards, const std::string& path, size_t batch_size) {
  Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
  for (size_t i = shard; i < spellings.size(); i += shards) {
    db.add_spelling(spellings[i].first, spellings[i].second);
  }
  size_t in_batch = 0;
  for (size_t i = shard; i < docs.size(); i += shards) {
    const StoredDocument& stored = docs[i];
    Xapian::Document doc;
    for (const StoredTerm& term : stored.terms) {
      for (Xapian::termpos pos : term.positions) doc.add_posting(term.name, pos, 0);
      doc.add_term(term.name, term.wdf);  // the stored wdf, positions or not
    }
    for (const auto& [slot, value] : stored.values) doc.add_value(slot, value);
    doc.set_data(stored.data);
    db.add_document(doc);
    if (++in_batch == batch_size) {
      db.commit();
      in_batch = 0;
    }
  }
  db.commit();
}

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: xapian_write_floor INDEX OUT [--jobs N] [--batch-size N]\n";
    return 2;
  }
  const std::string index = argv[1];
  const std::string out = argv[2];
  size_t jobs = 2;
  size_t batch_size = 1000;
  for (int i = 3; i < argc; i += 2) {
    if (i + 1 < argc && std::strcmp(argv[i], "--jobs") == 0) {
      jobs = std::strtoul(argv[i + 1], nullptr, 10);
    } else if (i + 1 < argc && std::strcmp(argv[i], "--batch-size") == 0) {
      batch_size = std::strtoul(argv[i + 1], nullptr, 10);
    } else {
      std::cerr << "xapian_write_floor: unknown option or missing value: " << argv[i] << "\n";
      return 2;
    }
  }
  if (jobs == 0 || jobs > 64 || batch_size == 0) {
    std::cerr << "xapian_write_floor: --jobs must be 1 to 64 and --batch-size at least 1\n";
    return 2;
  }
  try {
    Xapian::Database db(index);
    std::vector<StoredDocument> docs;
    docs.reserve(db.get_doccount());
    for (auto id = db.postlist_begin(""); id != db.postlist_end(""); ++id) {
      docs.push_back(read_document(db, *id));
    }
    Spellings spellings;
    for (auto word = db.spellings_begin(); word != db.spellings_end(); ++word) {
      spellings.emplace_back(*word, word.get_termfreq());
    }
    if (docs.empty()) {
      std::cerr << "xapian_write_floor: " << index << " holds no documents\n";
      return 2;
    }
    std::filesystem::create_directories(out);
    const double cpu_before = cpu_seconds();
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> writers;
    std::vector<std::string> failures(jobs);  // a writer's error, reported after the join
    for (size_t shard = 0; shard < jobs; ++shard) {
      writers.emplace_back([&, shard] {
        try {
          write_shard(docs, spellings, shard, jobs, out + "/shard-" + std::to_string(shard),
                      batch_size);
        } catch (const Xapian::Error& e) {
          failures[shard] = e.get_description();
        } catch (const std::exception& e) {
          failures[shard] = e.what();
        }
      });
    }
    for (std::thread& writer : writers) writer.join();
    for (const std::string& failure : failures) {
      if (!failure.empty()) {
        std::cerr << "xapian_write_floor: " << failure << "\n";
        return 2;
      }
    }
    std::printf("%-36s %8s %8s %8s %10s\n", "", "docs", "wall s", "cpu s", "cpu ms/doc");
    auto row = [&](const std::string& label) {
      const double wall =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      const double cpu = cpu_seconds() - cpu_before;
      std::printf("%-36s %8zu %8.2f %8.2f %10.3f\n", label.c_str(), docs.size(), wall, cpu,
                  cpu * 1e3 / static_cast<double>(docs.size()));
    };
    row("Xapian writes, " + std::to_string(jobs) + " shards");
    Xapian::Database shards;
    for (size_t shard = 0; shard < jobs; ++shard) {
      shards.add_database(Xapian::Database(out + "/shard-" + std::to_string(shard)));
    }
    shards.compact(out + "/merged");
    row("Xapian writes and merge into one");
  } catch (const Xapian::Error& e) {
    std::cerr << "xapian_write_floor: " << e.get_description() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "xapian_write_floor: " << e.what() << "\n";
    return 2;
  }
  return 0;
}
