// @brief Term builders shared by the index writer and the query builder.
#include "schema/terms.h"

#include "schema/index_format.h"

namespace hqa::schema {

std::string field_term(std::string_view prefix, std::string_view stem) {
  std::string term(kStemMarker);
  term += prefix;
  term += stem;
  return term;
}

std::string acronym_term(std::string_view prefix, std::string_view folded_acronym) {
  std::string term(prefix);
  term += kAcronymMarker;
  term += folded_acronym;
  return term;
}

std::string name_key_part(const Token& token) {
  if (token.acronym && Analyzer::is_stopword(token.term)) {
    return std::string(kAcronymMarker) + token.term;
  }
  return token.stem;
}

std::string name_key(const Analyzer& analyzer, std::string_view name) {
  return name_key(analyzer.analyze(name));
}

std::string name_key(const std::vector<Token>& tokens) {
  std::string key;
  for (const Token& token : tokens) {
    if (token.kind != Token::Kind::kWord) continue;
    if (!key.empty()) key += ' ';
    key += name_key_part(token);
  }
  return key;
}

bool usable_name_key(std::string_view key) { return !key.empty() && key.size() <= 200; }

std::string boolean_term(std::string_view prefix, std::string_view value) {
  // Xapian terms are at most 245 bytes; leave room for the prefix.
  constexpr size_t kMaxValueBytes = 200;
  std::string folded = fold_text(value);
  if (folded.size() > kMaxValueBytes) {
    size_t cut = kMaxValueBytes;
    while (cut > 0 && (static_cast<unsigned char>(folded[cut]) & 0xC0) == 0x80) --cut;
    folded.resize(cut);
  }
  return std::string(prefix) + folded;
}

std::string id_term(std::string_view id) { return std::string(kIdPrefix) + std::string(id); }

}  // namespace hqa::schema
