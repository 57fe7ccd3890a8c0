// @brief Rejection formatting.
#include "indexer/reader.h"

namespace hqa {

std::string Rejection::to_string() const {
  std::string text = file;
  if (line > 0) text += ":" + std::to_string(line);
  if (!element.empty()) text += ": " + element;
  text += ": " + reason;
  return text;
}

}  // namespace hqa
