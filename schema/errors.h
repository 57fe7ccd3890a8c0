// The exceptions hqa's libraries throw, one type per kind of failure, so that each caller maps
// them in one place: the HTTP service to a status (InvalidInput 400, IndexError 503), the
// executables to a message and exit code 2, the readers to a Rejection naming the file and line.
//
// Bad input that a reader meets is not thrown past the reader: readers report it as a Rejection
// value (indexer/reader.h) and go on with the next document. Lookups that may find nothing
// (a field by name, a stored document by id) return std::optional or an empty value instead.
#ifndef HQA_SCHEMA_ERRORS_H_
#define HQA_SCHEMA_ERRORS_H_

#include <stdexcept>
#include <string>

namespace hqa {

// A value given by a user or an input file is not what it must be: a date that is not a
// calendar date, a filter of no known field, an address without a port, a document without an
// id. The message names the field or parameter and says what is expected.
class InvalidInput : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// An index cannot be opened, read or written: missing, locked, of another schema version, or a
// failure of Xapian underneath. The message names the index.
class IndexError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace hqa

#endif  // HQA_SCHEMA_ERRORS_H_
