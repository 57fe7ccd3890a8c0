// Reads one file of the MedQuAD collection as published (one <Document> per XML file): one
// answer document per <QAPair> that has an answer, with id "<source>_<Document id>_Sec<pid>",
// the <Focus> as condition and its <Synonyms> as other names. Pairs with an empty <Answer>
// (the MedlinePlus subsets, by design) are counted as unanswered, not rejected.
#ifndef HQA_INDEXER_MEDQUAD_READER_H_
#define HQA_INDEXER_MEDQUAD_READER_H_

#include <string>
#include <string_view>

#include "indexer/reader.h"

namespace hqa {

void read_medquad(std::string_view content, const std::string& file, DocumentSink& sink);

}  // namespace hqa

#endif  // HQA_INDEXER_MEDQUAD_READER_H_
