// @brief The serving process: address, signals, graceful stop.
#include "service/serve.h"

#include <pthread.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "schema/errors.h"
#include "searcher/host_port.h"

namespace hqa {

void set_listen_address(const std::string& listen, ServiceOptions& service) {
  HostPort address = parse_host_port(listen, "--listen");
  service.host = address.host.empty() ? "127.0.0.1" : address.host;
  service.port = static_cast<int>(address.port);
}

namespace {

// On SIGHUP: the keys file again; when it is bad, the keys in use stay, and the log says why.
void reload_keys(HttpService& http, const std::string& keys_file) {
  if (keys_file.empty()) {
    std::cerr << "hqa-search: SIGHUP: no --keys file to reload\n";
    return;
  }
  try {
    size_t keys = http.reload_keys();
    std::cerr << "hqa-search: reloaded " << keys_file << ": " << keys << " keys in use\n";
  } catch (const InvalidInput& e) {
    std::cerr << "hqa-search: keys not reloaded, the previous keys stay: " << e.what() << "\n";
  }
}

}  // namespace

int serve_until_signal(ServiceOptions& service) {
  if (service.api_key.empty()) {
    if (const char* key = std::getenv("HQA_API_KEY")) service.api_key = key;
  }
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGHUP);                    // re-read the keys file
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before any thread starts: all inherit it
  service.log = &std::cerr;
  HttpService http(service);
  std::thread stopper([&http, &signals, &service] {
    for (;;) {
      int signal = 0;
      sigwait(&signals, &signal);
      if (signal == SIGHUP) {
        reload_keys(http, service.keys_file);
        continue;
      }
      std::cerr << "hqa-search: stopping (signal " << signal << ")\n";
      http.stop();
      return;
    }
  });
  std::string host =
      service.host.find(':') != std::string::npos ? "[" + service.host + "]" : service.host;
  std::cout << "hqa-search: serving at http://" << host << ":" << http.port() << "/ ("
            << http.access_summary() << ")" << std::endl;
  bool ok = http.run();
  if (stopper.joinable()) {
    // run() ended without a signal (it failed): wake the stopper so it can be joined.
    pthread_kill(stopper.native_handle(), SIGTERM);
    stopper.join();
  }
  return ok ? 0 : 2;
}

}  // namespace hqa
