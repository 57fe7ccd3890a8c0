// @brief The serving process: address, signals, graceful stop.
#include "service/serve.h"

#include <pthread.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "searcher/host_port.h"

namespace hqa {

void set_listen_address(const std::string& listen, ServiceOptions& service) {
  HostPort address = parse_host_port(listen, "--listen");
  service.host = address.host.empty() ? "127.0.0.1" : address.host;
  service.port = static_cast<int>(address.port);
}

int serve_until_signal(ServiceOptions& service) {
  if (service.api_key.empty()) {
    if (const char* key = std::getenv("HQA_API_KEY")) service.api_key = key;
  }
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before any thread starts: all inherit it
  service.log = &std::cerr;
  HttpService http(service);
  std::thread stopper([&http, &signals] {
    int signal = 0;
    sigwait(&signals, &signal);
    std::cerr << "hqa-search: stopping (signal " << signal << ")\n";
    http.stop();
  });
  std::string host =
      service.host.find(':') != std::string::npos ? "[" + service.host + "]" : service.host;
  std::cout << "hqa-search: serving at http://" << host << ":" << http.port() << "/ (writes "
            << (service.api_key.empty() ? "off" : "on, with the API key") << ")" << std::endl;
  bool ok = http.run();
  if (stopper.joinable()) {
    // run() ended without a signal (it failed): wake the stopper so it can be joined.
    pthread_kill(stopper.native_handle(), SIGTERM);
    stopper.join();
  }
  return ok ? 0 : 2;
}

}  // namespace hqa
