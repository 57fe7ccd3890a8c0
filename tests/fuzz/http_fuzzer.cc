// Fuzzes HTTP request handling (service/http_service.h): each input is one request to a live
// in-process service over a small index of corpus/, with an API key so that writes run too.
//
// The input is the request as text: a request line and headers ("\n" or "\r\n" line ends), a
// blank line, then the body. The harness sends it with CRLF line ends, its own Content-Length
// (so a mutated body is still read whole) and Connection: close. A 500 or 503 answer means a
// handler failed on an index that is fine: that is a bug, and the harness stops on it.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>
#include <thread>

#include "indexer/indexing_job.h"
#include "service/http_service.h"

namespace {

// Discards the request log, which is still written (and so exercised).
class NullBuffer : public std::streambuf {
 protected:
  int overflow(int c) override { return c; }
};

struct Server {
  std::filesystem::path dir;
  NullBuffer null_buffer;
  std::ostream log{&null_buffer};
  hqa::HttpService* service = nullptr;
  std::thread thread;
  int port = 0;
};

Server* server = nullptr;

void stop_server() {
  server->service->stop();
  server->thread.join();
  std::error_code ignored;
  std::filesystem::remove_all(server->dir, ignored);
}

void start_server() {
  server = new Server;
  // On tmpfs when there is one: every POST commits, and fsync on a busy disk takes seconds.
  std::filesystem::path temp = access("/dev/shm", W_OK) == 0
                                   ? std::filesystem::path("/dev/shm")
                                   : std::filesystem::temp_directory_path();
  std::string pattern = (temp / "hqa-http-fuzz-XXXXXX").string();
  if (!mkdtemp(pattern.data())) std::abort();
  server->dir = pattern;

  hqa::IndexJobOptions job;
  job.index_dir = (server->dir / "index").string();
  job.inputs = {std::string(HQA_SOURCE_DIR) + "/corpus"};
  hqa::IndexJobSummary summary = hqa::run_index_job(job);
  if (summary.added == 0) std::abort();

  hqa::ServiceOptions options;
  options.searcher.index_dirs = {job.index_dir};
  options.port = 0;
  options.threads = 4;
  options.api_key = "fuzz-key";
  options.cors_origin = "https://example.org";
  options.max_body_bytes = 1 << 16;
  options.log = &server->log;
  server->service = new hqa::HttpService(options);
  server->port = server->service->port();
  server->thread = std::thread([] { server->service->run(); });
  std::atexit(stop_server);
}

bool starts_with_header(std::string_view line, std::string_view name) {
  if (line.size() < name.size()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(line[i])) != name[i]) return false;
  }
  return true;
}

// The request the input describes, as bytes to send.
std::string make_request(std::string_view input) {
  std::string head;
  bool chunked = false;
  size_t pos = 0;
  while (pos < input.size()) {
    size_t end = input.find('\n', pos);
    std::string_view line = input.substr(pos, end == std::string_view::npos ? end : end - pos);
    pos = end == std::string_view::npos ? input.size() : end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;  // the blank line: the body follows
    if (starts_with_header(line, "content-length:") || starts_with_header(line, "connection:")) {
      continue;
    }
    if (starts_with_header(line, "transfer-encoding:")) chunked = true;
    head.append(line).append("\r\n");
  }
  std::string_view body = input.substr(pos);
  head += "Connection: close\r\n";
  if (!chunked) head += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  head += "\r\n";
  head.append(body);
  return head;
}

// Sends `request` and returns the whole answer (the server closes the connection).
std::string exchange(const std::string& request) {
  int sock = ::socket(AF_INET, SOCK_STREAM, 0);
  if (sock < 0) std::abort();
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(server->port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(sock, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) std::abort();
  timeval timeout{60, 0};  // far past the server's own 5 s read timeout: a hang is a finding
  ::setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  for (size_t sent = 0; sent < request.size();) {
    ssize_t n = ::send(sock, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may answer (413, 414) and close before reading it all
    sent += static_cast<size_t>(n);
  }
  ::shutdown(sock, SHUT_WR);  // a body shorter than announced (chunked) ends here
  std::string answer;
  char buffer[16384];
  for (;;) {
    ssize_t n = ::recv(sock, buffer, sizeof buffer, 0);
    if (n < 0) {
      std::fprintf(stderr, "http_fuzzer: no answer within %ld s\n", long(timeout.tv_sec));
      std::abort();
    }
    if (n == 0) break;
    answer.append(buffer, static_cast<size_t>(n));
  }
  ::close(sock);
  return answer;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (!server) start_server();
  std::string answer = exchange(make_request({reinterpret_cast<const char*>(data), size}));
  // "HTTP/1.1 500 ..." or 503: an exception escaped a handler on a healthy index.
  if (answer.rfind("HTTP/1.1 500", 0) == 0 || answer.rfind("HTTP/1.1 503", 0) == 0) {
    std::fprintf(stderr, "http_fuzzer: server error:\n%s\n", answer.c_str());
    std::abort();
  }
  return 0;
}
