// The indexes one Searcher searches as one collection: local index folders and remote shards
// ("tcp://HOST:PORT", served by Xapian's xapian-tcpsrv). A remote shard that is down, silent or
// of another schema version is left out (the response says so) and tried again every few
// seconds; a local folder that cannot be opened is an error, a mistake in the command.
#ifndef HQA_SEARCHER_SHARDS_H_
#define HQA_SEARCHER_SHARDS_H_

#include <xapian.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace hqa {

// True if `spec` names a remote shard ("tcp://..."), well-formed or not.
bool is_remote_shard(const std::string& spec);

struct ShardOptions {
  std::vector<std::string> specs;  // folders and tcp://HOST:PORT
  int remote_timeout_ms = 5000;
  int remote_connect_timeout_ms = 2000;
};

class ShardSet {
 public:
  // Opens every shard. Throws IndexError for a malformed tcp:// spec, a local folder that
  // cannot be opened, or when no shard at all can be reached.
  explicit ShardSet(const ShardOptions& options);

  // The shards that can be reached, as one collection.
  Xapian::Database& database() { return db_; }
  const Xapian::Database& database() const { return db_; }
  bool any_remote() const { return any_remote_; }
  // The local folders, as given: their files and metadata are ours to read.
  std::vector<std::string> local_dirs() const;
  // The specs of the shards left out now.
  std::vector<std::string> unavailable() const;

  // The documents of `ids` (docids of database()), in that order. Xapian 1.4 fetches a remote
  // document in a round trip of its own, so when every shard is remote each shard's documents
  // are fetched in a thread of their own, the shards side by side.
  std::vector<Xapian::Document> documents(const std::vector<Xapian::docid>& ids);

  // Tries the unreachable shards again, at most every few seconds.
  void reconnect();
  // After a network failure: closes the remote shards that no longer answer.
  void drop_dead_shards();

 private:
  struct Shard {
    std::string spec;
    bool remote = false;
    std::string host;
    unsigned port = 0;
    std::optional<Xapian::Database> db;
    std::string error;  // why it could not be opened, when it could not
  };

  bool open(Shard& shard) const;
  void assemble();

  ShardOptions options_;
  std::vector<Shard> shards_;
  Xapian::Database db_;
  // The shards of db_ in its order when all of them are remote (one database each), else empty.
  std::vector<Xapian::Database*> remote_parts_;
  bool any_remote_ = false;
  std::chrono::steady_clock::time_point last_reconnect_{};
};

}  // namespace hqa

#endif  // HQA_SEARCHER_SHARDS_H_
