// `hqa-search serve` as a process: binds the address, prints the URL, serves until SIGINT or
// SIGTERM, then lets the requests under way finish. SIGHUP re-reads the keys file (--keys).
#ifndef HQA_SERVICE_SERVE_H_
#define HQA_SERVICE_SERVE_H_

#include <string>

#include "service/http_service.h"

namespace hqa {

// Sets service.host and service.port from "HOST:PORT", "[::1]:PORT" or ":PORT" (loopback).
// Throws InvalidInput naming --listen when it is none of those.
void set_listen_address(const std::string& listen, ServiceOptions& service);

// Serves until a signal; the API key comes from HQA_API_KEY when service.api_key is empty.
// Returns the exit code: 0 after a signal, 2 if serving failed. Throws IndexError when the
// indexes cannot be opened, std::runtime_error when the address cannot be bound.
int serve_until_signal(ServiceOptions& service);

}  // namespace hqa

#endif  // HQA_SERVICE_SERVE_H_
