// The routes the service answers, named by pattern: what the metrics and the request log call a
// request (one series for /doc/{id}, whatever the id), and what access control looks up.
#ifndef HQA_SERVICE_ROUTES_H_
#define HQA_SERVICE_ROUTES_H_

#include <string_view>

namespace hqa {

// The pattern a request path falls under: "/doc/{id}" for "/doc/008_measles-contagious",
// "/search" for "/search". A path the service does not answer is "other", so that scanners
// probing random paths cannot grow the metrics without bound.
std::string_view route_of(std::string_view path);

}  // namespace hqa

#endif  // HQA_SERVICE_ROUTES_H_
