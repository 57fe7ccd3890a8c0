// @brief The one HOST:PORT parser.
#include "searcher/host_port.h"

#include "schema/errors.h"

namespace hqa {

HostPort parse_host_port(std::string_view text, std::string_view what) {
  const size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) {
    throw InvalidInput(std::string(what) + " wants HOST:PORT, not '" +
                       std::string(text.substr(0, 80)) + "'");
  }
  HostPort address;
  std::string_view host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  address.host = host;
  const std::string_view port = text.substr(colon + 1);
  if (port.empty() || port.size() > 5 ||
      port.find_first_not_of("0123456789") != std::string::npos ||
      std::stoul(std::string(port)) > 65535) {
    throw InvalidInput(std::string(what) + ": bad port '" + std::string(port.substr(0, 20)) + "'");
  }
  address.port = static_cast<unsigned>(std::stoul(std::string(port)));
  return address;
}

}  // namespace hqa
