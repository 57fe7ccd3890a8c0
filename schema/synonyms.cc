// @brief Synonym groups: the files' format, the shipped lists, groups keyed by name key.
#include "schema/synonyms.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "analysis/utf8.h"
#include "schema/errors.h"
#include "schema/terms.h"

namespace hqa {
namespace {

std::string_view trim(std::string_view text) {
  const size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t") + 1 - begin);
}

// One line's group; throws InvalidInput with `where` ("FILE:LINE") if it is not one.
SynonymGroup parse_line(std::string_view line, const std::string& where, const Analyzer& analyzer) {
  auto refuse = [&where](const std::string& why) { throw InvalidInput(where + ": " + why); };
  if (find_invalid_utf8(line)) refuse("not valid UTF-8");
  if (std::any_of(line.begin(), line.end(), [](char c) {
        return (static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7F;
      })) {
    refuse("holds a control character");
  }
  if (line.find('|') == std::string_view::npos) {
    refuse("a group needs two or more names separated by '|'");
  }
  SynonymGroup keys;
  size_t from = 0;
  while (from <= line.size()) {
    const size_t bar = std::min(line.find('|', from), line.size());
    std::string_view name = trim(line.substr(from, bar - from));
    from = bar + 1;
    if (name.empty()) refuse("empty name in the group (two '|' with nothing between)");
    const std::string key = schema::name_key(analyzer, name);
    const std::string shown(name.substr(0, 60));
    if (key.empty()) refuse("the name '" + shown + "' has no words");
    if (!schema::usable_name_key(key)) refuse("the name '" + shown + "...' is too long");
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
  }
  return keys;
}

}  // namespace

std::vector<SynonymGroup> parse_synonym_groups(std::string_view text, std::string_view file,
                                               const Analyzer& analyzer) {
  std::vector<SynonymGroup> groups;
  size_t start = 0, line_number = 0;
  while (start < text.size()) {
    size_t end = std::min(text.find('\n', start), text.size());
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim(line).empty() || trim(line)[0] == '#') continue;
    SynonymGroup group =
        parse_line(line, std::string(file) + ":" + std::to_string(line_number), analyzer);
    // Names that differ only in form ("ache | aching") expand to nothing.
    if (group.size() > 1) groups.push_back(std::move(group));
  }
  return groups;
}

std::vector<SynonymGroup> read_synonym_file(const std::string& path, const Analyzer& analyzer) {
  std::error_code error;
  std::ifstream in(path, std::ios::binary);
  if (!in || std::filesystem::is_directory(path, error)) {
    throw InvalidInput("cannot read the synonyms file " + path);
  }
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw InvalidInput("cannot read the synonyms file " + path);
  return parse_synonym_groups(text, path, analyzer);
}

std::string shipped_synonyms_dir() {
  std::error_code error;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) return "share/hqa/synonyms";
  return (exe.parent_path() / ".." / "share" / "hqa" / "synonyms").lexically_normal().string();
}

void SynonymTable::add(const std::vector<SynonymGroup>& groups) {
  for (const SynonymGroup& keys : groups) {
    for (const std::string& key : keys) {
      std::vector<std::string>& others = by_key_[key];
      for (const std::string& other : keys) {
        if (other != key && std::find(others.begin(), others.end(), other) == others.end()) {
          others.push_back(other);
        }
      }
    }
  }
}

void SynonymTable::add_groups(std::string_view text, const Analyzer& analyzer) {
  add(parse_synonym_groups(text, "synonyms", analyzer));
}

const std::vector<std::string>& SynonymTable::expansions(const std::string& key) const {
  static const std::vector<std::string> kNone;
  auto found = by_key_.find(key);
  return found == by_key_.end() ? kNone : found->second;
}

SynonymTable SynonymTable::from_directory(const std::string& dir, const Analyzer& analyzer) {
  std::vector<std::string> lists;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    if (entry.path().extension() == ".txt") lists.push_back(entry.path().string());
  }
  if (lists.empty()) {
    throw InvalidInput("no synonym lists (*.txt) in " + dir +
                       ": they are installed with hqa in share/hqa/synonyms");
  }
  std::sort(lists.begin(), lists.end());
  SynonymTable table;
  for (const std::string& list : lists) table.add(read_synonym_file(list, analyzer));
  return table;
}

}  // namespace hqa
