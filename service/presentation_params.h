// The /search parameters that shape how results look, per request, for a site's own page:
// highlight_pre and highlight_post (the marks around matches), crop_marker (where a snippet
// leaves text out), snippet_words, fields (what each hit shows) and max_values (values per
// facet). The checks themselves are the searcher's (searcher/highlight_tags.h,
// select_hit_fields), shared with hqa-search's flags of the same names.
#ifndef HQA_SERVICE_PRESENTATION_PARAMS_H_
#define HQA_SERVICE_PRESENTATION_PARAMS_H_

#include <httplib.h>

#include "searcher/search_request.h"

namespace hqa {

// Reads those parameters of `req` into `request`. A bad value is answered 400 naming the
// parameter and what it takes (HttpError, or InvalidInput from the searcher's checks).
void read_presentation_params(const httplib::Request& req, SearchRequest& request);

}  // namespace hqa

#endif  // HQA_SERVICE_PRESENTATION_PARAMS_H_
