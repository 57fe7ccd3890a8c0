// Who may do what: API keys and the actions each one allows (search, documents.add,
// documents.delete), read from a keys file (serve --keys FILE) and/or the one key of --api-key
// or HQA_API_KEY, which allows both writes. The keys file is re-read on demand (SIGHUP): a bad
// file changes nothing, and the keys in use stay.
//
// Keys file: one key a line, "KEY ACTION[,ACTION...]": the key, then whitespace, then its actions
// separated by commas (no spaces). A word starting with '#' starts a comment, to the end of the
// line; blank lines are skipped. A key is 16 to 256 printable ASCII characters, no spaces, not
// starting with '#'. The file must not be readable or writable by group or others (chmod 600).
//
// Writes (POST /documents, DELETE /documents/{id}) always need a key with their action; reads
// (/search, /explain, /suggest, /doc/{id}, /stats) need a key with "search" only when reads are
// private
// (serve --private-search). The page, /health, /version and /metrics are always open.
#ifndef HQA_SERVICE_API_KEYS_H_
#define HQA_SERVICE_API_KEYS_H_

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace hqa {

enum Action : unsigned {
  kSearch = 1,
  kAddDocuments = 2,     // "documents.add"
  kDeleteDocuments = 4,  // "documents.delete"
};

// "search", "documents.add", "documents.delete".
std::string_view action_name(Action action);

struct ApiKey {
  std::string key;
  unsigned actions = 0;  // Action bits
};

// The keys of a keys file's text. Throws InvalidInput "NAME:LINE: reason" for a bad line, an
// unknown action, a key too short or with other characters, or a key given twice; the message
// never holds a key.
std::vector<ApiKey> parse_keys(std::string_view text, const std::string& name);

// The keys of the file at `path`. Throws InvalidInput naming the file when it cannot be read, is
// not a regular file, may be read or written by group or others, or does not parse.
std::vector<ApiKey> read_keys_file(const std::string& path);

struct AccessOptions {
  std::string keys_file;       // empty: none
  std::string api_key;         // empty: none; else a key that allows both writes
  bool private_reads = false;  // reads need a key with "search"
};

// The request's action needed, if any: `route` is a pattern of service/routes.h.
std::optional<Action> action_needed(std::string_view method, std::string_view route,
                                    bool private_reads);

class AccessControl {
 public:
  // Reads the keys file. Throws InvalidInput when it is bad, or when reads are private and no
  // key allows search.
  explicit AccessControl(const AccessOptions& options);

  // Re-reads the keys file and returns the number of keys now in use. Throws InvalidInput as the
  // constructor does, and then the keys in use stay.
  size_t reload();

  // Throws HttpError 401 for a missing or unknown key, 403 for a key without the action the
  // request needs (or when no key at all allows it: writes are off). Keys are compared in
  // constant time, every key every time.
  void check(const httplib::Request& req) const;

  bool private_reads() const { return options_.private_reads; }
  // A short account for the start-up line: "writes on, with API keys", "writes off", ...
  std::string summary() const;

 private:
  std::shared_ptr<const std::vector<ApiKey>> load() const;
  std::shared_ptr<const std::vector<ApiKey>> keys() const;

  AccessOptions options_;
  mutable std::mutex mutex_;  // guards keys_, swapped by reload() while requests read it
  std::shared_ptr<const std::vector<ApiKey>> keys_;
};

}  // namespace hqa

#endif  // HQA_SERVICE_API_KEYS_H_
