// @brief Local and remote shards, and leaving out the remote ones that are down.
#include "searcher/shards.h"

#include <exception>
#include <filesystem>
#include <string_view>
#include <thread>

#include "schema/errors.h"
#include "schema/index_format.h"
#include "searcher/host_port.h"

namespace hqa {
namespace {
constexpr std::string_view kRemoteScheme = "tcp://";
}  // namespace

bool is_remote_shard(const std::string& spec) {
  return spec.compare(0, kRemoteScheme.size(), kRemoteScheme) == 0;
}

ShardSet::ShardSet(const ShardOptions& options) : options_(options) {
  if (options.specs.empty()) throw IndexError("no index to search");
  for (const std::string& spec : options.specs) {
    Shard shard;
    shard.spec = spec;
    if (is_remote_shard(spec)) {
      HostPort address;
      try {
        address = parse_host_port(std::string_view(spec).substr(kRemoteScheme.size()), spec);
      } catch (const InvalidInput&) {
        address = {};
      }
      if (address.host.empty() || address.port == 0) {
        throw IndexError("cannot open index " + spec + ": a remote shard is tcp://HOST:PORT");
      }
      shard.remote = true;
      shard.host = address.host;
      shard.port = address.port;
      any_remote_ = true;
    }
    open(shard);
    shards_.push_back(std::move(shard));
  }
  last_reconnect_ = std::chrono::steady_clock::now();
  assemble();
  if (db_.size() == 0) {
    std::string why;
    for (const Shard& shard : shards_) why += "; " + shard.spec + ": " + shard.error;
    throw IndexError("cannot reach any index" + why);
  }
}

std::vector<std::string> ShardSet::local_dirs() const {
  std::vector<std::string> dirs;
  for (const Shard& shard : shards_) {
    if (!shard.remote) dirs.push_back(shard.spec);
  }
  return dirs;
}

std::vector<std::string> ShardSet::unavailable() const {
  std::vector<std::string> specs;
  for (const Shard& shard : shards_) {
    if (!shard.db) specs.push_back(shard.spec);
  }
  return specs;
}

// False (and shard.error set) if a remote shard cannot be reached or holds another schema.
bool ShardSet::open(Shard& shard) const {
  try {
    if (shard.remote) {
      shard.db = Xapian::Remote::open(shard.host, shard.port, options_.remote_timeout_ms,
                                      options_.remote_connect_timeout_ms);
    } else {
      // The resolved path: reopen() then follows commits into this folder, never a symlink
      // flipped to another build (SearcherPool notices that and opens new Searchers).
      std::error_code error;
      std::filesystem::path real = std::filesystem::canonical(shard.spec, error);
      shard.db = Xapian::Database(error ? shard.spec : real.string());
    }
    schema::check_schema(*shard.db, shard.spec, "reads");
    shard.error.clear();
    return true;
  } catch (const IndexError& e) {
    if (!shard.remote) throw;
    // A shard of another schema is left out like one that is down, and says why (the response
    // names the shard already).
    shard.db.reset();
    shard.error = e.what();
    const std::string named = "index " + shard.spec + " ";
    if (shard.error.compare(0, named.size(), named) == 0) shard.error.erase(0, named.size());
    return false;
  } catch (const Xapian::NetworkError& e) {
    if (!shard.remote)
      throw IndexError("cannot open index " + shard.spec + ": " + e.get_description());
    shard.db.reset();
    shard.error = e.get_description();
    return false;
  } catch (const Xapian::Error& e) {
    throw IndexError("cannot open index " + shard.spec + ": " + e.get_description());
  }
}

void ShardSet::assemble() {
  db_ = Xapian::Database();
  remote_parts_.clear();
  bool all_remote = true;
  for (Shard& shard : shards_) {
    if (!shard.db) continue;
    db_.add_database(*shard.db);
    remote_parts_.push_back(&*shard.db);
    all_remote = all_remote && shard.remote;
  }
  if (!all_remote || remote_parts_.size() < 2) remote_parts_.clear();
}

std::vector<Xapian::Document> ShardSet::documents(const std::vector<Xapian::docid>& ids) {
  std::vector<Xapian::Document> docs(ids.size());
  if (remote_parts_.empty()) {
    for (size_t i = 0; i < ids.size(); ++i) docs[i] = db_.get_document(ids[i]);
    return docs;
  }
  // Xapian interleaves the docids of a collection's databases: docid d is document
  // (d - 1) / n + 1 of database (d - 1) % n. Each thread uses only its own shard's database,
  // which no other thread touches meanwhile.
  const size_t n = remote_parts_.size();
  std::vector<std::exception_ptr> failures(n);
  std::vector<std::thread> threads;
  for (size_t part = 0; part < n; ++part) {
    threads.emplace_back([&, part] {
      try {
        for (size_t i = 0; i < ids.size(); ++i) {
          if ((ids[i] - 1) % n != part) continue;
          docs[i] =
              remote_parts_[part]->get_document(static_cast<Xapian::docid>((ids[i] - 1) / n + 1));
        }
      } catch (...) {
        failures[part] = std::current_exception();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const std::exception_ptr& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
  return docs;
}

void ShardSet::reconnect() {
  auto now = std::chrono::steady_clock::now();
  if (now - last_reconnect_ < std::chrono::seconds(5)) return;
  last_reconnect_ = now;
  bool reopened = false;
  for (Shard& shard : shards_) {
    if (!shard.db && open(shard)) reopened = true;
  }
  if (reopened) assemble();
}

void ShardSet::drop_dead_shards() {
  // Every remote shard is connected afresh: a failure in the middle of a search leaves the
  // connections of the shards that did answer with replies nobody read.
  for (Shard& shard : shards_) {
    if (!shard.remote || !shard.db) continue;
    shard.db.reset();
    open(shard);
  }
  last_reconnect_ = std::chrono::steady_clock::now();
  assemble();
}

}  // namespace hqa
