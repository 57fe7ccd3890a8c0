// @brief Turns answer documents into Xapian documents and writes them in batches.
#include "indexer/index_writer.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <vector>

#include "schema/date.h"
#include "schema/errors.h"
#include "schema/index_format.h"
#include "schema/terms.h"

namespace hqa {
namespace {

// Positions jump by this much between the condition's other names, so that no phrase matches
// across two names.
constexpr Xapian::termpos kNameGap = 100;

// Adds the postings of a field's tokens; returns the last position (`last` if there are none).
Xapian::termpos index_tokens(Xapian::Document& xdoc, std::string_view prefix,
                             const std::vector<Token>& tokens, Xapian::termpos last) {
  const bool body = prefix == schema::kAnswerPrefix;
  for (const Token& token : tokens) {
    if (body && schema::positionless_in_body(token.stem)) {
      xdoc.add_term(schema::field_term(prefix, token.stem));
    } else {
      xdoc.add_posting(schema::field_term(prefix, token.stem), token.position);
    }
    if (token.acronym) {
      xdoc.add_posting(schema::acronym_term(prefix, token.term), token.position);
    }
    last = token.position;
  }
  return last;
}

// Words shorter than this are not worth suggesting or completing.
constexpr size_t kMinSpellingWordBytes = 3;

std::string answer_fingerprint(const std::string& answer) {
  // Case and whitespace differences do not make a different answer.
  std::string normal;
  bool space = false;
  normal.reserve(answer.size());
  for (char c : answer) {
    // std::isspace and std::tolower of the "C" locale, without a library call per byte.
    if (c == ' ' || (c >= '\t' && c <= '\r')) {
      space = !normal.empty();
      continue;
    }
    if (space) normal += ' ';
    space = false;
    normal += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  const uint64_t hash = stable_hash(normal);
  return std::string(reinterpret_cast<const char*>(&hash), sizeof hash);
}

// What add() takes from the analysis build() made, so that no text is analysed twice.
struct DocumentWords {
  std::vector<std::string> spellings;  // words of the question, condition and other names
  std::vector<std::string> name_keys;  // of the condition, then of each other name
};

// The words of `tokens` the spelling table learns.
void collect_spellings(const std::vector<Token>& tokens, std::vector<std::string>& spellings) {
  for (const Token& token : tokens) {
    if (token.kind != Token::Kind::kWord || token.term.size() < kMinSpellingWordBytes) continue;
    if (token.term[0] >= '0' && token.term[0] <= '9') continue;
    spellings.push_back(token.term);
  }
}

}  // namespace

struct IndexWriter::Impl {
  Xapian::WritableDatabase db;
  Analyzer analyzer;
  size_t batch_size;
  size_t pending = 0;

  Impl(const IndexWriterOptions& options)
      : analyzer(options.analyzer), batch_size(options.batch_size == 0 ? 1 : options.batch_size) {}

  // The condition's names are synonyms of each other: the index's synonym table keeps them, by
  // name key, for query expansion (schema/synonyms.h).
  void add_synonyms(const AnswerDocument& doc, const std::vector<std::string>& name_keys) {
    if (doc.other_names.empty()) return;
    std::vector<std::string> keys;
    auto add_key = [&](const std::string& key) {
      if (schema::usable_name_key(key) && std::find(keys.begin(), keys.end(), key) == keys.end()) {
        keys.push_back(key);
      }
    };
    // Every pair is written: keep the count of names small enough for that.
    constexpr size_t kMaxSynonymNames = 50;
    add_key(name_keys[0]);  // the condition's
    for (size_t i = 1; i < name_keys.size(); ++i) {
      if (keys.size() >= kMaxSynonymNames) break;
      add_key(name_keys[i]);
    }
    for (const std::string& key : keys) {
      for (const std::string& other : keys) {
        if (other != key) db.add_synonym(key, other);
      }
    }
  }

  void add_spellings(const std::vector<std::string>& words) {
    for (const std::string& word : words) db.add_spelling(word);
  }

  // `data` is to_json(doc).dump() and `hash` its content hash.
  Xapian::Document build(const AnswerDocument& doc, std::string data, const std::string& hash,
                         DocumentWords& words) const {
    Xapian::Document xdoc;
    xdoc.set_data(std::move(data));
    xdoc.add_boolean_term(schema::id_term(doc.id));
    xdoc.add_value(schema::kIdSlot, doc.id);
    index_tokens(xdoc, schema::kAnswerPrefix, analyzer.analyze(doc.answer), 1);
    std::vector<Token> tokens = analyzer.analyze(doc.question);
    index_tokens(xdoc, schema::kQuestionPrefix, tokens, 1);
    collect_spellings(tokens, words.spellings);
    tokens = analyzer.analyze(doc.condition);
    Xapian::termpos position = index_tokens(xdoc, schema::kConditionPrefix, tokens, 1);
    collect_spellings(tokens, words.spellings);
    words.name_keys.push_back(schema::name_key(tokens));
    for (const std::string& name : doc.other_names) {
      tokens = analyzer.analyze(name, position + kNameGap);
      position = index_tokens(xdoc, schema::kConditionPrefix, tokens, position + kNameGap);
      collect_spellings(tokens, words.spellings);
      words.name_keys.push_back(schema::name_key(tokens));
    }
    for (const std::string& key : words.name_keys) {
      if (schema::usable_name_key(key)) xdoc.add_term(std::string(schema::kNamePrefix) + key);
    }
    if (!doc.source.empty()) {
      xdoc.add_boolean_term(schema::boolean_term(schema::kSourcePrefix, doc.source));
      xdoc.add_value(schema::kSourceSlot, doc.source);
    }
    if (!doc.question_type.empty()) {
      xdoc.add_boolean_term(schema::boolean_term(schema::kTypePrefix, doc.question_type));
      xdoc.add_value(schema::kTypeSlot, doc.question_type);
    }
    if (!doc.condition.empty()) {
      xdoc.add_boolean_term(schema::boolean_term(schema::kConditionFilterPrefix, doc.condition));
      xdoc.add_value(schema::kConditionSlot, doc.condition);
    }
    if (!doc.updated.empty()) {
      xdoc.add_value(schema::kUpdatedSlot, parse_date(doc.updated, "field 'updated'").sortable());
    }
    xdoc.add_value(schema::kContentHashSlot, hash);
    xdoc.add_value(schema::kAnswerHashSlot, answer_fingerprint(doc.answer));
    return xdoc;
  }

  void changed() {
    if (++pending >= batch_size) commit();
  }

  void commit() {
    auto now = std::chrono::system_clock::now().time_since_epoch();
    db.set_metadata(schema::kLastCommitKey,
                    std::to_string(std::chrono::duration_cast<std::chrono::seconds>(now).count()));
    db.commit();
    pending = 0;
  }
};

IndexWriter::IndexWriter(const IndexWriterOptions& options)
    : impl_(std::make_unique<Impl>(options)) {
  namespace fs = std::filesystem;
  std::error_code ignored;
  if (fs::exists(fs::path(options.index_dir) / schema::kShardStubFile, ignored)) {
    // Documents are routed to shards only while a sharded build runs; afterwards an update by
    // id could not know which shard holds the old version.
    throw IndexError("index " + options.index_dir +
                     " is a set of shards (--keep-shards) and cannot be updated in place: "
                     "rebuild it with --rebuild");
  }
  if (fs::is_directory(options.index_dir, ignored) && !fs::is_empty(options.index_dir, ignored) &&
      !fs::exists(fs::path(options.index_dir) / "iamglass", ignored) &&
      !fs::exists(fs::path(options.index_dir) / "iamchert", ignored)) {
    // Never write an index into a folder of someone's files.
    throw IndexError("cannot open index " + options.index_dir +
                     ": the folder exists, is not empty, and holds no Xapian index");
  }
  try {
    std::filesystem::create_directories(options.index_dir);
    int flags = Xapian::DB_CREATE_OR_OPEN;
    if (options.scratch) flags |= Xapian::DB_NO_SYNC | Xapian::DB_DANGEROUS;
    impl_->db = Xapian::WritableDatabase(options.index_dir, flags);
  } catch (const Xapian::DatabaseLockError&) {
    throw IndexError("index " + options.index_dir +
                     " is locked: another hqa-index is writing to it");
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot open index " + options.index_dir + ": " + e.get_description());
  } catch (const std::filesystem::filesystem_error& e) {
    throw IndexError("cannot create index folder " + options.index_dir + ": " + e.code().message());
  }
  schema::check_schema(impl_->db, options.index_dir, "writes");
  if (impl_->db.get_metadata(schema::kSchemaVersionKey).empty()) {
    impl_->db.set_metadata(schema::kSchemaVersionKey, schema::kSchemaVersion);
    impl_->db.set_metadata(schema::kLanguageKey, options.analyzer.language);
  }
}

IndexWriter::~IndexWriter() {
  // A destructor must not throw; a failed final commit leaves the last committed batch intact.
  try {
    if (impl_ && impl_->pending > 0) impl_->commit();
  } catch (const Xapian::Error&) {
  }
}

WriteOutcome IndexWriter::add(const AnswerDocument& doc, const std::string& source_file) {
  if (doc.id.empty() || doc.id.size() > kMaxIdBytes) {
    throw InvalidInput("the id must be 1 to " + std::to_string(kMaxIdBytes) + " bytes");
  }
  if (!doc.updated.empty()) parse_date(doc.updated, "field 'updated'");  // before any change
  const std::string id_term = schema::id_term(doc.id);
  std::string data = to_json(doc).dump();
  const std::string hash = content_hash_of_json(data);
  WriteOutcome outcome = WriteOutcome::kAdded;
  Xapian::PostingIterator existing = impl_->db.postlist_begin(id_term);
  if (existing != impl_->db.postlist_end(id_term)) {
    Xapian::Document stored = impl_->db.get_document(*existing);
    if (stored.get_value(schema::kContentHashSlot) == hash &&
        stored.get_value(schema::kSourceFileSlot) == source_file) {
      return WriteOutcome::kUnchanged;
    }
    outcome = WriteOutcome::kReplaced;
  }
  DocumentWords words;
  Xapian::Document xdoc = impl_->build(doc, std::move(data), hash, words);
  if (!source_file.empty()) xdoc.add_value(schema::kSourceFileSlot, source_file);
  impl_->db.replace_document(id_term, xdoc);
  if (outcome == WriteOutcome::kAdded) {
    impl_->add_synonyms(doc, words.name_keys);
    impl_->add_spellings(words.spellings);
  }
  impl_->changed();
  return outcome;
}

bool IndexWriter::remove(const std::string& id) {
  const std::string id_term = schema::id_term(id);
  if (!impl_->db.term_exists(id_term)) return false;
  impl_->db.delete_document(id_term);
  impl_->changed();
  return true;
}

void IndexWriter::for_each_source_file(
    const std::function<void(const std::string& id, const std::string& source_file)>& visit) {
  Xapian::WritableDatabase& db = impl_->db;
  for (auto it = db.valuestream_begin(schema::kSourceFileSlot);
       it != db.valuestream_end(schema::kSourceFileSlot); ++it) {
    visit(db.get_document(it.get_docid()).get_value(schema::kIdSlot), *it);
  }
}

void IndexWriter::replace_site_synonyms(const std::vector<SynonymGroup>& groups,
                                        const std::string& file) {
  Xapian::WritableDatabase& db = impl_->db;
  const std::string prefix(schema::kSiteSynonymPrefix);
  std::vector<std::string> previous;
  for (auto key = db.synonym_keys_begin(prefix); key != db.synonym_keys_end(prefix); ++key) {
    previous.push_back(*key);
  }
  for (const std::string& key : previous) db.clear_synonyms(key);
  for (const SynonymGroup& group : groups) {
    for (const std::string& key : group) {
      for (const std::string& other : group) {
        if (other != key) db.add_synonym(prefix + key, other);
      }
    }
  }
  db.set_metadata(schema::kSynonymsFileKey, groups.empty() ? "" : file);
}

void IndexWriter::commit() { impl_->commit(); }

std::vector<SynonymGroup> site_synonym_groups(const std::string& index_dir, std::string* file) {
  std::vector<SynonymGroup> groups;
  std::error_code error;
  if (!std::filesystem::exists(index_dir, error)) return groups;
  try {
    Xapian::Database db(index_dir);
    const std::string prefix(schema::kSiteSynonymPrefix);
    for (auto key = db.synonym_keys_begin(prefix); key != db.synonym_keys_end(prefix); ++key) {
      SynonymGroup group = {(*key).substr(prefix.size())};
      for (auto other = db.synonyms_begin(*key); other != db.synonyms_end(*key); ++other) {
        group.push_back(*other);
      }
      groups.push_back(std::move(group));
    }
    if (file) *file = db.get_metadata(schema::kSynonymsFileKey);
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot read the synonyms of index " + index_dir + ": " + e.get_description());
  }
  return groups;
}

std::optional<std::string> write_and_count(IndexWriter& writer, const AnswerDocument& doc,
                                           const std::string& source_file, WriteCounts& counts) {
  WriteOutcome outcome;
  try {
    outcome = writer.add(doc, source_file);
  } catch (const InvalidInput& e) {
    return e.what();
  }
  switch (outcome) {
    case WriteOutcome::kAdded:
      ++counts.added;
      break;
    case WriteOutcome::kReplaced:
      ++counts.replaced;
      break;
    case WriteOutcome::kUnchanged:
      ++counts.unchanged;
      break;
  }
  return std::nullopt;
}

}  // namespace hqa
