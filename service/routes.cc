// @brief Request paths to route patterns.
#include "service/routes.h"

#include <array>

namespace hqa {

std::string_view route_of(std::string_view path) {
  // The fixed paths of service/http_service.cc's routes() (and /openapi.json, which describes
  // them); the two with an id are matched by prefix below, as their (.+) patterns match.
  static constexpr std::array<std::string_view, 10> kFixed = {
      "/",       "/search",  "/explain", "/suggest",   "/stats",
      "/health", "/version", "/metrics", "/documents", "/openapi.json"};
  for (std::string_view fixed : kFixed) {
    if (path == fixed) return fixed;
  }
  if (path.size() > 5 && path.substr(0, 5) == "/doc/") return "/doc/{id}";
  if (path.size() > 11 && path.substr(0, 11) == "/documents/") return "/documents/{id}";
  return "other";
}

}  // namespace hqa
