// The OpenAPI 3.1 description of the HTTP API: every route, parameter, response and error, kept
// as service/openapi.json and built into the server (as the search page is), which serves it at
// GET /openapi.json for clients to be generated from. tests/openapi_test.cc checks that it
// describes every route the server answers and that real responses validate against it.
#ifndef HQA_SERVICE_OPENAPI_H_
#define HQA_SERVICE_OPENAPI_H_

#include <string>

namespace hqa {

// The document's JSON text, as kept in service/openapi.json.
const std::string& openapi_json();

}  // namespace hqa

#endif  // HQA_SERVICE_OPENAPI_H_
