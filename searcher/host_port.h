// "HOST:PORT" as hqa's flags write network addresses: a remote shard's tcp://HOST:PORT and the
// service's --listen. One parser, so both take IPv6 in brackets ("[::1]:8080") and refuse the
// same malformed ports.
#ifndef HQA_SEARCHER_HOST_PORT_H_
#define HQA_SEARCHER_HOST_PORT_H_

#include <string>
#include <string_view>

namespace hqa {

struct HostPort {
  std::string host;  // without brackets; empty when the text gives none (":8080")
  unsigned port = 0;
};

// Throws InvalidInput naming `what` (the flag or value) when `text` is not HOST:PORT with a
// port from 0 to 65535.
HostPort parse_host_port(std::string_view text, std::string_view what);

}  // namespace hqa

#endif  // HQA_SEARCHER_HOST_PORT_H_
