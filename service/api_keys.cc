// @brief API keys, their actions, the keys file, and the check every request passes.
#include "service/api_keys.h"

#include <httplib.h>
#include <sys/stat.h>

#include <array>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "schema/errors.h"
#include "service/http_params.h"
#include "service/routes.h"

namespace hqa {
namespace {

constexpr std::array<Action, 3> kActions = {kSearch, kAddDocuments, kDeleteDocuments};
constexpr size_t kShortestKey = 16;
constexpr size_t kLongestKey = 256;
constexpr size_t kLargestKeysFile = 1 << 20;

// The words of a line up to a comment: a word starting with '#' starts one.
std::vector<std::string> split_words(std::string_view line) {
  std::vector<std::string> words;
  std::istringstream in{std::string(line)};
  for (std::string word; in >> word && word[0] != '#';) words.push_back(word);
  return words;
}

// An action as written, to name in a message, unless it could be a key put in the wrong column:
// keys are not to end up in logs.
std::string quoted_if_harmless(const std::string& action) {
  bool harmless = action.size() <= 32 &&
                  action.find_first_not_of("abcdefghijklmnopqrstuvwxyz._-") == std::string::npos;
  return harmless ? "'" + action + "'" : "(not shown: it could be a key)";
}

unsigned parse_actions(const std::string& text, const std::string& where) {
  unsigned actions = 0;
  std::istringstream in(text);
  for (std::string name; std::getline(in, name, ',');) {
    unsigned found = 0;
    for (Action action : kActions)
      if (name == action_name(action)) found = action;
    if (name.empty()) throw InvalidInput(where + ": an empty action (stray comma)");
    if (found == 0) {
      throw InvalidInput(where + ": unknown action " + quoted_if_harmless(name) +
                         " (known: search, documents.add, documents.delete)");
    }
    actions |= found;
  }
  if (!text.empty() && text.back() == ',') {
    throw InvalidInput(where + ": an empty action (stray comma)");
  }
  return actions;
}

bool usable_key(const std::string& key) {
  if (key.size() < kShortestKey || key.size() > kLongestKey || key[0] == '#') return false;
  for (char c : key) {
    if (c < 0x21 || c > 0x7E) return false;
  }
  return true;
}

std::string api_key_header(const httplib::Request& req) {
  std::string given = req.get_header_value("X-API-Key");
  std::string bearer = req.get_header_value("Authorization");
  if (given.empty() && bearer.rfind("Bearer ", 0) == 0) given = bearer.substr(7);
  return given;
}

}  // namespace

std::string_view action_name(Action action) {
  switch (action) {
    case kSearch:
      return "search";
    case kAddDocuments:
      return "documents.add";
    case kDeleteDocuments:
      return "documents.delete";
  }
  return "";
}

std::vector<ApiKey> parse_keys(std::string_view text, const std::string& name) {
  std::vector<ApiKey> keys;
  std::vector<size_t> lines;  // where each key is
  std::istringstream in{std::string(text)};
  size_t number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    const std::string where = name + ":" + std::to_string(number);
    std::vector<std::string> words = split_words(line);
    if (words.empty()) continue;
    if (words.size() == 1) {
      throw InvalidInput(where + ": a key without actions (write KEY ACTION[,ACTION...])");
    }
    if (words.size() > 2) {
      throw InvalidInput(where +
                         ": more than a key and its actions (write KEY ACTION[,ACTION...],"
                         " the actions separated by commas without spaces)");
    }
    if (!usable_key(words[0])) {
      throw InvalidInput(where + ": a key must be " + std::to_string(kShortestKey) + " to " +
                         std::to_string(kLongestKey) +
                         " printable ASCII characters, without spaces, not starting with '#'");
    }
    for (size_t i = 0; i < keys.size(); ++i) {
      if (keys[i].key == words[0]) {
        throw InvalidInput(where + ": the key on this line is already on line " +
                           std::to_string(lines[i]));
      }
    }
    keys.push_back({words[0], parse_actions(words[1], where)});
    lines.push_back(number);
  }
  return keys;
}

std::vector<ApiKey> read_keys_file(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    throw InvalidInput("cannot read keys file " + path + ": " + std::strerror(errno));
  }
  if (!S_ISREG(info.st_mode)) throw InvalidInput("keys file " + path + " is not a regular file");
  if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(info.st_mode & 07777));
    throw InvalidInput("keys file " + path + " may be read or written by group or others (mode " +
                       mode + "): make it the server user's alone (chmod 600 " + path + ")");
  }
  if (static_cast<size_t>(info.st_size) > kLargestKeysFile) {
    throw InvalidInput("keys file " + path + " is over 1 MiB");
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in) throw InvalidInput("cannot read keys file " + path);
  return parse_keys(text.str(), path);
}

std::optional<Action> action_needed(std::string_view method, std::string_view route,
                                    bool private_reads) {
  if (method == "POST" && route == "/documents") return kAddDocuments;
  if (method == "DELETE" && route == "/documents/{id}") return kDeleteDocuments;
  bool read = route == "/search" || route == "/explain" || route == "/suggest" ||
              route == "/doc/{id}" || route == "/stats";
  if (private_reads && read && (method == "GET" || method == "HEAD")) return kSearch;
  return std::nullopt;
}

AccessControl::AccessControl(const AccessOptions& options) : options_(options), keys_(load()) {}

std::shared_ptr<const std::vector<ApiKey>> AccessControl::load() const {
  auto keys = std::make_shared<std::vector<ApiKey>>();
  if (!options_.keys_file.empty()) *keys = read_keys_file(options_.keys_file);
  if (!options_.api_key.empty())
    keys->push_back({options_.api_key, kAddDocuments | kDeleteDocuments});
  if (options_.private_reads) {
    bool search = false;
    for (const ApiKey& key : *keys) search |= (key.actions & kSearch) != 0;
    if (!search) {
      throw InvalidInput(
          "--private-search needs a key with the search action in " +
          (options_.keys_file.empty() ? std::string("a --keys file") : options_.keys_file));
    }
  }
  return keys;
}

std::shared_ptr<const std::vector<ApiKey>> AccessControl::keys() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return keys_;
}

size_t AccessControl::reload() {
  std::shared_ptr<const std::vector<ApiKey>> fresh = load();  // throws before anything changes
  std::lock_guard<std::mutex> lock(mutex_);
  keys_ = fresh;
  return keys_->size();
}

void AccessControl::check(const httplib::Request& req) const {
  std::optional<Action> needed = action_needed(req.method, route_of(req.path), private_reads());
  if (!needed) return;
  std::shared_ptr<const std::vector<ApiKey>> ring = keys();
  unsigned allowed_by_any = 0;
  for (const ApiKey& key : *ring) allowed_by_any |= key.actions;
  if ((allowed_by_any & *needed) == 0) {
    throw HttpError{403, (allowed_by_any & (kAddDocuments | kDeleteDocuments)) == 0
                             ? "writes are disabled: start the server with an API key to enable "
                               "them"
                             : "no API key allows " + std::string(action_name(*needed))};
  }
  const std::string given = api_key_header(req);
  if (given.empty()) {
    throw HttpError{401,
                    "this request needs an API key (header X-API-Key or Authorization: "
                    "Bearer)"};
  }
  // Every key is compared, whole, whichever matches: the time taken says nothing of which key
  // was close.
  bool known = false;
  unsigned granted = 0;
  for (const ApiKey& key : *ring) {
    bool same = same_secret(key.key, given);
    known |= same;
    granted |= key.actions & (0u - static_cast<unsigned>(same));
  }
  if (!known) throw HttpError{401, "unknown API key"};
  if ((granted & *needed) == 0) {
    throw HttpError{403, "this API key does not allow " + std::string(action_name(*needed))};
  }
}

std::string AccessControl::summary() const {
  std::shared_ptr<const std::vector<ApiKey>> ring = keys();
  unsigned allowed_by_any = 0;
  for (const ApiKey& key : *ring) allowed_by_any |= key.actions;
  std::string text = (allowed_by_any & (kAddDocuments | kDeleteDocuments)) == 0 ? "writes off"
                     : options_.keys_file.empty() ? "writes on, with the API key"
                                                  : "writes on, with API keys";
  return text + (private_reads() ? "; reads need a key" : "");
}

}  // namespace hqa
